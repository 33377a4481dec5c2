"""What fault_proxy.py knows and how it recognises a request: the rules, the request log and the recording
(State, shared by the handler threads), which operation a request is, the key that identifies it across two runs
of a client (for replay), and the error bodies an injected fault answers with."""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
import time
import urllib.parse

VOLATILE_FORM_FIELDS = {"RoleSessionName"}

MOTO_HTML_500 = (b"<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n"
                 b"<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable "
                 b"to complete your request.</p>\n")


class State:
    """Rules, latency and the request log, shared by the handler threads."""

    def __init__(self, upstream: urllib.parse.SplitResult, rules: list, latency_ms: float):
        self.upstream = upstream
        self.lock = threading.Lock()
        self.rules = [dict(r) for r in rules]
        self.latency_ms = latency_ms
        self.log: list[dict] = []
        self.seq = itertools.count(1)
        self.connections = itertools.count(1)
        self.started = time.monotonic()
        self.last_request = time.monotonic()
        self.recording = False
        self.recorded: list[dict] = []  # upstream answers kept while recording, in order
        self.replay: dict[str, list[dict]] | None = None  # key -> recorded answers, in replay mode
        self.replayed: dict[str, int] = {}  # key -> answers served so far

    def take_rule(self, operation: str, target: str, action: str, path: str = "", access_key: str = "") -> dict | None:
        with self.lock:
            for rule in self.rules:
                if not rule_matches(rule.get("match"), operation, target, action, path, access_key):
                    continue
                times = rule.get("times")
                if times is not None:
                    if times <= 0:
                        continue
                    rule["times"] = times - 1
                return dict(rule)
        return None


def rule_matches(match: dict | None, operation: str, target: str, action: str, path: str = "", access_key: str = "") -> bool:
    if not match:
        return True
    if "access_key" in match and match["access_key"] != access_key:
        return False
    if "path" in match and match["path"] != path.split("?", 1)[0]:
        return False
    if "operation" in match and match["operation"] != operation:
        return False
    if "target" in match and match["target"] != target:
        return False
    if "action" in match and match["action"] != action:
        return False
    return True


def operation_of(headers, body: bytes) -> tuple[str, str, str]:
    target = headers.get("X-Amz-Target", "") or ""
    action = ""
    content_type = headers.get("Content-Type", "") or ""
    if "x-www-form-urlencoded" in content_type:
        try:
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            action = (form.get("Action") or [""])[0]
        except ValueError:
            action = ""
    operation = target.rsplit(".", 1)[-1] if target else action
    return operation, target, action


def request_key(method: str, path: str, headers, body: bytes) -> str:
    """What identifies a request across two runs of the same client, as a digest (no key id kept)."""
    authorization = headers.get("Authorization", "") or ""
    scope = authorization.split("Credential=", 1)[1].split(",", 1)[0] if "Credential=" in authorization else ""
    parts = scope.split("/")  # AKID/date/region/service/aws4_request: the date is left out
    akid, region, service = (parts[0], parts[2], parts[3]) if len(parts) == 5 else ("", "", "")
    content_type = headers.get("Content-Type", "") or ""
    if "x-www-form-urlencoded" in content_type:
        form = urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        normalized = urllib.parse.urlencode(sorted((k, v) for k, v in form if k not in VOLATILE_FORM_FIELDS))
    else:
        normalized = body.decode("utf-8", "replace")
    identity = json.dumps([method, path, service, region, akid, headers.get("X-Amz-Target", "") or "", normalized])
    return hashlib.sha256(identity.encode()).hexdigest()


def error_body_of(rule: dict) -> tuple[bytes, str]:
    code = rule.get("code", "InternalFailure")
    message = rule.get("message", f"injected {code}")
    fmt = rule.get("format", "json")
    if "body" in rule:
        return rule["body"].encode(), rule.get("content_type", "application/octet-stream")
    if fmt == "json":
        prefix = rule.get("type_prefix", "")
        key = rule.get("message_key", "message")
        return json.dumps({"__type": prefix + code, key: message}).encode(), "application/x-amz-json-1.1"
    if fmt == "xml":
        return (f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message>"
                f"</Error><RequestId>fault-proxy</RequestId></ErrorResponse>").encode(), "text/xml"
    if fmt == "ec2":
        return (f'<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>{code}</Code>'
                f"<Message>{message}</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>"
                ).encode(), "text/xml"
    return MOTO_HTML_500, "text/html; charset=utf-8"
