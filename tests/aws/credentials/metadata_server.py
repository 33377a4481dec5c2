#!/usr/bin/env python3
"""A stand-in for the EC2 instance metadata service (--mode imds) or the ECS/EKS container credentials
endpoint (--mode ecs), on 127.0.0.1 only, for metadata_test.cpp. It exits by itself after --lifetime
seconds, so a test that dies cannot leave it running. Every request is appended to --log as a JSON
line {"method", "path", "headers"} for the test to inspect.

imds: PUT /latest/api/token (answer chosen by --token: 200, 400, 403, 404, 405, or "hang"), then
      GET /latest/meta-data/iam/security-credentials/ (the role name) and .../<role> (the credentials).
      --require-token makes GETs without the issued token answer 401 (an IMDSv2-only instance).
ecs:  GET --path answers the credentials; --auth requires that Authorization value (else 401);
      --fail-first N answers 500 to the first N requests.
"""
import argparse
import datetime
import http.server
import json
import os
import threading
import time

TOKEN = "imds-session-token-0123456789"


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mode", choices=["imds", "ecs"], required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--lifetime", type=float, default=120)
    parser.add_argument("--access-key", default="ASIAMETADATA00000001")
    parser.add_argument("--expiration", default=None, help="ISO time; default: one hour from now")
    parser.add_argument("--body", default=None, help="answer this body for the credentials instead")
    parser.add_argument("--token", default="200")
    parser.add_argument("--require-token", action="store_true")
    parser.add_argument("--role", default="trailguard-test-role")
    parser.add_argument("--role-status", type=int, default=200)
    parser.add_argument("--path", default="/v2/credentials/task-1")
    parser.add_argument("--auth", default=None)
    parser.add_argument("--fail-first", type=int, default=0)
    return parser.parse_args()


ARGS = parse_args()
LOCK = threading.Lock()
COUNT = {"requests": 0}


def credentials_body():
    if ARGS.body is not None:
        return ARGS.body
    expiration = ARGS.expiration or (
        datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    ).strftime("%Y-%m-%dT%H:%M:%SZ")
    return json.dumps({
        "Code": "Success",
        "Type": "AWS-HMAC",
        "AccessKeyId": ARGS.access_key,
        "SecretAccessKey": "metadata-secret",
        "Token": "metadata-session-token",
        "Expiration": expiration,
    })


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def record(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        with LOCK:
            COUNT["requests"] += 1
            with open(ARGS.log, "a") as log:
                log.write(json.dumps({"method": self.command, "path": self.path,
                                      "headers": {k.lower(): v for k, v in self.headers.items()}}) + "\n")
            return COUNT["requests"]

    def answer(self, status, body=""):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Content-Type", "application/json" if body.startswith("{") else "text/plain")
        self.end_headers()
        self.wfile.write(data)

    def do_PUT(self):
        self.record()
        if ARGS.mode != "imds" or self.path != "/latest/api/token":
            return self.answer(404)
        if ARGS.token == "hang":
            time.sleep(5)
            return self.answer(200, TOKEN)
        status = int(ARGS.token)
        if not self.headers.get("x-aws-ec2-metadata-token-ttl-seconds"):
            status = 400
        self.answer(status, TOKEN if status == 200 else "")

    def do_GET(self):
        number = self.record()
        if ARGS.mode == "ecs":
            if number <= ARGS.fail_first:
                return self.answer(500, "busy")
            if ARGS.auth is not None and self.headers.get("Authorization") != ARGS.auth:
                return self.answer(401, "unauthorized")
            if self.path != ARGS.path:
                return self.answer(404, "not found")
            return self.answer(200, credentials_body())
        if ARGS.require_token and self.headers.get("x-aws-ec2-metadata-token") != TOKEN:
            return self.answer(401)
        base = "/latest/meta-data/iam/security-credentials/"
        if self.path == base:
            return self.answer(ARGS.role_status, ARGS.role if ARGS.role_status == 200 else "")
        if self.path == base + ARGS.role:
            return self.answer(200, credentials_body())
        self.answer(404)


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    server.daemon_threads = True
    timer = threading.Timer(ARGS.lifetime, lambda: os._exit(0))
    timer.daemon = True
    timer.start()
    server.serve_forever()


if __name__ == "__main__":
    main()
