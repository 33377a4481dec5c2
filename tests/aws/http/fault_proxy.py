#!/usr/bin/env python3
"""A fault-injecting HTTP proxy on 127.0.0.1 for tests of trailguard's AWS client (Python 3 stdlib only).

It forwards every request to an upstream on loopback (moto_server) and, when a rule matches the
request's operation (the X-Amz-Target suffix or the query protocol's Action), answers with a fault
instead:

    status          the rule's HTTP status with an AWS error body: format json ({"__type", "message"}),
                    xml (<ErrorResponse><Error>), ec2 (<Response><Errors><Error>) or html (moto's 500 page)
    reset           reads the request, then resets the connection (RST, no answer)
    truncate        forwards, then sends a Content-Length larger than the body it sends, and closes
    malformed_json  HTTP 200 with a JSON body cut in the middle (consistent Content-Length)
    delay           waits delay_ms before forwarding (longer than the client's read timeout)
    fail_findings   Security Hub BatchImportFindings partly refused: the findings whose Id contains the rule's
                    "ids_containing" are taken out of the request and reported as FailedFindings (the rule's
                    code and message); the rest is forwarded and imported
    answer          HTTP 200 (or the rule's status) with the rule's "body" (a string, or JSON written out) as an
                    x-amz-json-1.1 answer: an operation the upstream does not implement (moto: ListPublicKeys)
    pass            forwards unchanged (useful to count requests)

Each rule applies `times` times (default: always), then the next matching rule or pass-through takes
over. It can also add latency to every forwarded request (--latency-ms), keeps each HTTP/1.1 client
connection open (so connection reuse is visible) and records every request with its timing, including
how long the upstream took (so a benchmark can tell the emulator's share of its wall time).

Record and replay: while recording, every upstream answer is kept under what identifies its request
(method, path, the SigV4 scope's service and region, the access key id, X-Amz-Target, and the body minus
volatile fields such as STS RoleSessionName, which holds a timestamp). In replay mode the proxy answers
from such a recording, with the same latency and rules, and never contacts the upstream: the same client
run then measures itself without the emulator. A request with no recorded answer gets HTTP 502.

    fault_proxy.py --upstream http://127.0.0.1:5000 [--port 0] [--port-file F] [--latency-ms 30]
                   [--rules '[{"match": {"operation": "DescribeTrails"}, "fault": "status",
                               "status": 400, "code": "ThrottlingException", "times": 2}]']
                   [--idle-timeout 120] [--max-lifetime 900]

Control endpoints (on the same port, never forwarded):
    POST /__fault__/rules    body: a JSON list of rules; replaces the rules       -> {"ok": true}
    POST /__fault__/latency  body: {"latency_ms": 30}                             -> {"ok": true}
    GET  /__fault__/log      the requests seen: [{"seq", "operation", "fault", "status", "connection",
                             "absolute_form", "start_ms", "duration_ms", "answered_by": "upstream" | "replay"
                             | "proxy", "upstream_start_ms", "upstream_ms" (null unless forwarded)}]
    POST /__fault__/record   body: {"on": true} starts recording afresh, {"on": false} stops -> {"ok", "entries"}
    GET  /__fault__/recording  {"entries": [{"key", "status", "headers", "body_b64"}]} (answers in order)
    POST /__fault__/replay   body: a recording (answer from it, never the upstream) or {"entries": null}
                             (forward again)                                      -> {"ok", "keys"}
    POST /__fault__/reset    forgets rules, latency, the log, the recording and replay -> {"ok": true}
    POST /__fault__/shutdown stops the proxy
    GET  /__fault__/health   -> {"ok": true}

A rule: {"match": {"operation": "DescribeTrails"} (or "target": full X-Amz-Target, "action": Action, "path":
the request path, for REST protocols; "access_key": the SigV4 Credential's key id, to refuse one identity only;
no "match": every request), "fault": ..., "status": 400, "code": "ThrottlingException",
"message": "Rate exceeded", "format": "json", "delay_ms": 5000, "times": 2}.

Bounded: it listens on 127.0.0.1 only, forwards to a loopback upstream only, and exits by itself after
--idle-timeout seconds without a request or --max-lifetime seconds in all. On start it prints
"fault_proxy listening on 127.0.0.1:PORT" and writes PORT to --port-file (atomically).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import http.client
import http.server
import itertools
import json
import os
import socket
import struct
import sys
import threading
import time
import urllib.parse

import security_hub_faults

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
CONTROL_PREFIX = "/__fault__/"
HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
              "transfer-encoding", "upgrade", "content-length", "proxy-connection"}
UPSTREAM_TIMEOUT_S = 60.0
# Request fields that change from one run of the same client to the next, left out of the replay key.
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
                if not _matches(rule.get("match"), operation, target, action, path, access_key):
                    continue
                times = rule.get("times")
                if times is not None:
                    if times <= 0:
                        continue
                    rule["times"] = times - 1
                return dict(rule)
        return None


def _matches(match: dict | None, operation: str, target: str, action: str, path: str = "", access_key: str = "") -> bool:
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


def _operation_of(headers, body: bytes) -> tuple[str, str, str]:
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


def _request_key(method: str, path: str, headers, body: bytes) -> str:
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


def _error_body(rule: dict) -> tuple[bytes, str]:
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


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keeps client connections open between requests
    server_version = "fault_proxy"
    state: State  # set on the class by main()

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes: with Nagle on, the body would wait for the client's
        # delayed ACK of the headers (40 ms on Linux) on every reused connection, on top of --latency-ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.connection_id = next(self.state.connections)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (BaseHTTPRequestHandler's name)
        if self.server.verbose:  # type: ignore[attr-defined]
            sys.stderr.write("fault_proxy: " + (format % args) + "\n")

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass  # the connection was reset on purpose

    def do_GET(self) -> None:  # noqa: N802 (BaseHTTPRequestHandler's naming)
        self._handle()

    def do_POST(self) -> None:  # noqa: N802
        self._handle()

    def do_PUT(self) -> None:  # noqa: N802
        self._handle()

    def do_DELETE(self) -> None:  # noqa: N802
        self._handle()

    # -- plumbing ------------------------------------------------------------------------------------
    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _reply(self, status: int, body: bytes, content_type: str = "application/json",
               headers: list[tuple[str, str]] | None = None) -> None:
        self._finish_record(status)
        self.send_response(status)
        for name, value in headers or []:
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def _path_and_form(self) -> tuple[str, bool]:
        if self.path.startswith("http://") or self.path.startswith("https://"):
            parts = urllib.parse.urlsplit(self.path)  # absolute form: we are being used as a forward proxy
            return (parts.path or "/") + (("?" + parts.query) if parts.query else ""), True
        return self.path, False

    def _handle(self) -> None:
        path, absolute_form = self._path_and_form()
        body = self._read_body()
        if path.startswith(CONTROL_PREFIX):
            self._control(path[len(CONTROL_PREFIX):], body)
            return
        state = self.state
        state.last_request = time.monotonic()
        started = time.monotonic()
        operation, target, action = _operation_of(self.headers, body)
        authorization = self.headers.get("Authorization", "") or ""
        access_key = authorization.split("Credential=", 1)[1].split("/", 1)[0] if "Credential=" in authorization else ""
        rule = state.take_rule(operation, target, action, path, access_key)
        fault = rule.get("fault", "pass") if rule else "pass"
        self._record = {"seq": next(state.seq), "operation": operation, "method": self.command, "path": path,
                        "fault": fault, "status": None, "connection": self.connection_id,
                        "absolute_form": absolute_form, "start_ms": round((started - state.started) * 1000.0, 3),
                        "answered_by": "proxy", "upstream_start_ms": None, "upstream_ms": None, "started": started}
        try:
            with state.lock:
                latency_ms = state.latency_ms
            if latency_ms > 0:
                time.sleep(latency_ms / 1000.0)
            self._apply(fault, rule or {}, path, body)
        finally:
            self._finish_record(None)

    def _finish_record(self, status: int | None) -> None:
        """Logs the current request, before its answer's last byte goes out: a client that has its
        answer finds the request in the log."""
        record, self._record = getattr(self, "_record", None), None
        if record is None:
            return
        record["status"] = status
        record["duration_ms"] = round((time.monotonic() - record.pop("started")) * 1000.0, 3)
        with self.state.lock:
            self.state.log.append(record)

    def _apply(self, fault: str, rule: dict, path: str, body: bytes) -> None:
        if fault == "status":
            status = int(rule.get("status", 500))
            error_body, content_type = _error_body(rule)
            headers = [("x-amzn-RequestId", "fault-proxy")]
            if rule.get("format", "json") == "json" and rule.get("error_type_header"):
                headers.append(("X-Amzn-ErrorType", rule.get("code", "")))
            self._reply(status, error_body, content_type, headers)
            return
        if fault == "answer":
            answer = rule.get("body", "{}")
            self._reply(int(rule.get("status", 200)), (answer if isinstance(answer, str) else json.dumps(answer)).encode(),
                        "application/x-amz-json-1.1", [("x-amzn-RequestId", "fault-proxy")])
            return
        if fault == "reset":
            self._finish_record(None)
            self._reset_connection()
            return
        if fault == "malformed_json":
            self._reply(200, b'{"trailList": [{"Name": "cut', "application/x-amz-json-1.1")
            return
        if fault == "delay":
            time.sleep(float(rule.get("delay_ms", 1000)) / 1000.0)
        refused: list[dict] = []
        if fault == "fail_findings":
            body, refused = security_hub_faults.take_refused(body, rule.get("ids_containing", ""))
        try:
            status, headers, answer = self._forward(path, body)
        except OSError as error:
            self._reply(502, f"fault_proxy: upstream failed: {error}".encode(), "text/plain")
            return
        if refused and status == 200:
            answer = security_hub_faults.add_refused(answer, refused, rule)
        if fault == "truncate":
            self._finish_record(status)
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer) + 100))
            self.end_headers()
            self.wfile.write(answer[: len(answer) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_WR)
            return
        try:
            self._reply(status, answer, dict(headers).get("Content-Type", "application/octet-stream"),
                        [(n, v) for n, v in headers if n.lower() != "content-type"])
        except OSError:
            self.close_connection = True  # the client gave up (a delay beyond its read timeout)

    def _forward(self, path: str, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        state = self.state
        with state.lock:
            replay, recording = state.replay, state.recording
        if replay is not None:
            return self._replayed(_request_key(self.command, path, self.headers, body))
        upstream = state.upstream
        started = time.monotonic()
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=UPSTREAM_TIMEOUT_S)
        try:
            headers = {name: value for name, value in self.headers.items() if name.lower() not in HOP_BY_HOP}
            connection.request(self.command, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = response.read()
            # Server and Date are written by this proxy's own send_response.
            kept = [(n, v) for n, v in response.getheaders()
                    if n.lower() not in HOP_BY_HOP and n.lower() not in {"server", "date"}]
        finally:
            connection.close()
            if self._record is not None:
                self._record.update(answered_by="upstream",
                                    upstream_start_ms=round((started - state.started) * 1000.0, 3),
                                    upstream_ms=round((time.monotonic() - started) * 1000.0, 3))
        if recording:
            entry = {"key": _request_key(self.command, path, self.headers, body), "status": response.status,
                     "headers": kept, "body_b64": base64.b64encode(answer).decode()}
            with state.lock:
                state.recorded.append(entry)
        return response.status, kept, answer

    def _replayed(self, key: str) -> tuple[int, list[tuple[str, str]], bytes]:
        """The recorded answer for this request (its n-th answer for the n-th time, then the last again)."""
        state = self.state
        with state.lock:
            answers = state.replay.get(key) if state.replay is not None else None
            if not answers:
                return 502, [], b"fault_proxy: no recorded answer for this request"
            served = state.replayed.get(key, 0)
            state.replayed[key] = served + 1
            answer = answers[min(served, len(answers) - 1)]
        if self._record is not None:
            self._record["answered_by"] = "replay"
        return answer["status"], [tuple(h) for h in answer["headers"]], base64.b64decode(answer["body_b64"])

    def _reset_connection(self) -> None:
        # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def _control(self, command: str, body: bytes) -> None:
        state = self.state
        try:
            if command == "health":
                self._reply(200, b'{"ok": true}')
            elif command == "rules" and self.command == "POST":
                rules = json.loads(body or b"[]")
                if not isinstance(rules, list):
                    raise ValueError("rules must be a JSON list")
                with state.lock:
                    state.rules = [dict(r) for r in rules]
                self._reply(200, b'{"ok": true}')
            elif command == "latency" and self.command == "POST":
                latency = float(json.loads(body or b"{}").get("latency_ms", 0))
                with state.lock:
                    state.latency_ms = latency
                self._reply(200, b'{"ok": true}')
            elif command == "log":
                with state.lock:
                    log = list(state.log)
                self._reply(200, json.dumps(log).encode())
            elif command == "record" and self.command == "POST":
                on = bool(json.loads(body or b"{}").get("on", True))
                with state.lock:
                    if on:
                        state.recorded = []
                    state.recording = on
                    entries = len(state.recorded)
                self._reply(200, json.dumps({"ok": True, "entries": entries}).encode())
            elif command == "recording":
                with state.lock:
                    entries = list(state.recorded)
                self._reply(200, json.dumps({"entries": entries}).encode())
            elif command == "replay" and self.command == "POST":
                entries = json.loads(body or b"{}").get("entries")
                replay = None
                if entries is not None:
                    replay = {}
                    for entry in entries:
                        replay.setdefault(entry["key"], []).append(entry)
                with state.lock:
                    state.replay, state.replayed = replay, {}
                self._reply(200, json.dumps({"ok": True, "keys": len(replay or {})}).encode())
            elif command == "reset" and self.command == "POST":
                with state.lock:
                    state.rules, state.latency_ms, state.log = [], 0.0, []
                    state.recording, state.recorded, state.replay, state.replayed = False, [], None, {}
                self._reply(200, b'{"ok": true}')
            elif command == "shutdown" and self.command == "POST":
                self._reply(200, b'{"ok": true}')
                threading.Thread(target=self.server.shutdown, daemon=True).start()
            else:
                self._reply(404, b'{"error": "unknown control command"}')
        except (ValueError, TypeError, AttributeError) as error:
            self._reply(400, json.dumps({"error": str(error)}).encode())


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # benchmarks open many connections at once
    allow_reuse_address = True
    verbose = False


def _watchdog(server: Server, state: State, idle_timeout: float, max_lifetime: float) -> None:
    while True:
        time.sleep(0.5)
        now = time.monotonic()
        if now - state.started > max_lifetime or now - state.last_request > idle_timeout:
            server.shutdown()
            return


def _parse_rules(text: str | None) -> list:
    if not text:
        return []
    if text.startswith("@"):
        with open(text[1:], encoding="utf-8") as f:
            text = f.read()
    rules = json.loads(text)
    if not isinstance(rules, list):
        raise SystemExit("--rules must be a JSON list")
    return rules


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upstream", required=True, help="http://127.0.0.1:PORT of the server to forward to")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: a free one)")
    parser.add_argument("--port-file", help="write the port here once listening")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="added before forwarding each request")
    parser.add_argument("--rules", help="JSON list of rules, or @file")
    parser.add_argument("--idle-timeout", type=float, default=120.0, help="exit after this many idle seconds")
    parser.add_argument("--max-lifetime", type=float, default=900.0, help="exit after this many seconds")
    parser.add_argument("--verbose", action="store_true", help="log each request on stderr")
    args = parser.parse_args(argv)

    upstream = urllib.parse.urlsplit(args.upstream)
    if upstream.scheme != "http" or upstream.hostname not in LOOPBACK_HOSTS or upstream.port is None:
        raise SystemExit(f"--upstream must be http://127.0.0.1:PORT (loopback only), not {args.upstream!r}")

    state = State(upstream, _parse_rules(args.rules), args.latency_ms)
    Handler.state = state
    server = Server(("127.0.0.1", args.port), Handler)
    server.verbose = args.verbose
    port = server.server_address[1]
    if args.port_file:
        temporary = args.port_file + ".tmp"
        with open(temporary, "w", encoding="utf-8") as f:
            f.write(f"{port}\n")
        os.replace(temporary, args.port_file)
    print(f"fault_proxy listening on 127.0.0.1:{port}", flush=True)
    threading.Thread(target=_watchdog, args=(server, state, args.idle_timeout, args.max_lifetime),
                     daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
