#!/usr/bin/env python3
"""Live scans of emulated accounts: trailguard over HTTP + SigV4 against a real moto_server.

Each scenario is seeded through the real AWS API (boto3 against the local emulator), then
`trailguard scan --endpoint-url <moto> -o json --stats` runs as a user would run it, and its findings,
exit code and API call counts are checked. Scenarios needing moto's signature and IAM checks run on a
second emulator, because /moto-api/reset does not turn those checks off again.
Ends with "N passed, M failed"; exits non-zero on any failure or error, including when moto cannot start.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import moto_server as emulator  # noqa: E402
from evidence_manifest import check_manifest  # noqa: E402
from moto_server import FaultProxy  # noqa: E402
from report_json import parsed_report  # noqa: E402

TRAILGUARD = ""
ACCOUNT = emulator.MOTO_DEFAULT_ACCOUNT


class Scan:
    def __init__(self, completed: subprocess.CompletedProcess):
        self.code = completed.returncode
        self.stderr = completed.stderr
        self.report = parsed_report(completed.stdout) if completed.stdout.strip() else {}
        self.calls = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\s+(\S+\.\w+)\s+(\d+) call", completed.stderr, re.M)}

    def findings(self, status: str | None = None) -> list[dict]:
        return [f for f in self.report.get("findings", []) if status is None or f["status"] == status]

    def region(self, name: str) -> dict:
        return next(f for f in self.report["findings"] if f["region"] == name)

    def judged(self) -> list[dict]:
        return [f for f in self.report["findings"] if f["status"] != "SKIPPED"]


def run_completed(endpoint: str, env: dict, *extra: str) -> subprocess.CompletedProcess:
    """`scan --endpoint-url endpoint -o json --stats ...`, which must exit 0, 1 or 3."""
    completed = subprocess.run([TRAILGUARD, "scan", "--endpoint-url", endpoint, "-o", "json", "--stats", *extra],
                               env=env, capture_output=True, text=True, timeout=120, check=False)
    if completed.returncode not in (0, 1, 3):
        raise AssertionError(f"trailguard exited {completed.returncode}: {completed.stderr}")
    return completed


def run_scan(endpoint: str, env: dict, *extra: str) -> Scan:
    return Scan(run_completed(endpoint, env, *extra))


def put_selectors(moto, trail: str, region: str = "us-east-1", **selectors) -> None:
    moto.client("cloudtrail", region).put_event_selectors(TrailName=trail, **selectors)


class LiveScanAgainstMoto(unittest.TestCase):
    moto: emulator.MotoServer

    @classmethod
    def setUpClass(cls):
        cls.moto = emulator.MotoServer()
        cls.moto.start()
        cls.home = tempfile.TemporaryDirectory()

    @classmethod
    def tearDownClass(cls):
        cls.moto.close()
        cls.home.cleanup()

    def setUp(self):
        self.moto.reset()

    def scan(self, *extra: str) -> Scan:
        return run_scan(self.moto.url, self.moto.aws_env(self.home.name), *extra)

    def assert_everywhere(self, scan: Scan, status: str, reasons: set[str]) -> None:
        self.assertTrue(scan.judged(), scan.stderr)
        for f in scan.judged():
            self.assertEqual(f["status"], status, f"{f['region']}: {f['message']}")
            self.assertEqual(set(f["reasons"]), reasons, f"{f['region']}: {f['message']}")

    def test_no_trail(self):
        scan = self.scan()
        self.assertEqual(scan.code, 1)
        self.assert_everywhere(scan, "FAIL", {"no_trail"})
        self.assertEqual(scan.report["accounts"][0]["account_id"], ACCOUNT)

    def test_single_region_trail_only(self):
        emulator.seed_trail(self.moto, "local", home_region="eu-west-1", multi_region=False)
        scan = self.scan("--inventory")
        self.assertEqual(scan.code, 1)
        self.assertEqual(scan.region("eu-west-1")["reasons"], ["single_region_only"])
        for f in scan.judged():
            if f["region"] != "eu-west-1":
                self.assertEqual(f["reasons"], ["no_trail"], f["region"])
        enabled = len(scan.judged())
        self.assertEqual(scan.calls["cloudtrail.DescribeTrails"], enabled, "--inventory lists each enabled region once")
        self.assertNotIn("cloudtrail.GetTrailStatus", scan.calls, "a single-region trail's status decides nothing")

    def test_multi_region_logging_read_write_passes_with_the_minimum_of_calls(self):
        created = emulator.seed_trail(self.moto, "main", home_region="eu-central-1")
        scan = self.scan()
        self.assertEqual(scan.code, 0, scan.stderr)
        self.assert_everywhere(scan, "PASS", set())
        for f in scan.judged():
            self.assertEqual(f["trails"], [created["TrailARN"]])
        self.assertEqual(scan.calls, {"sts.GetCallerIdentity": 1, "ec2.DescribeRegions": 1, "cloudtrail.DescribeTrails": 1,
                                      "cloudtrail.GetTrailStatus": 1, "cloudtrail.GetEventSelectors": 1})
        skipped = scan.findings("SKIPPED")
        self.assertTrue(skipped and all(f["reasons"] == ["region_not_enabled"] for f in skipped))
        self.assertFalse([f for f in scan.report["findings"] if f["region"].startswith(("cn-", "us-gov-"))],
                         "moto lists other partitions' regions; only the account's partition is judged")

    def test_multi_region_not_logging(self):
        emulator.seed_trail(self.moto, "main", logging=False)
        scan = self.scan()
        self.assertEqual(scan.code, 1)
        self.assert_everywhere(scan, "FAIL", {"not_logging"})

    def test_read_only_selectors(self):
        emulator.seed_trail(self.moto, "main", read_write_type="ReadOnly")
        self.assert_everywhere(self.scan(), "FAIL", {"management_events_read_only"})

    def test_write_only_selectors(self):
        emulator.seed_trail(self.moto, "main", read_write_type="WriteOnly")
        self.assert_everywhere(self.scan(), "FAIL", {"management_events_write_only"})

    def test_advanced_selectors_without_read_only_pass(self):
        emulator.seed_trail(self.moto, "main")
        put_selectors(self.moto, "main", AdvancedEventSelectors=[
            {"Name": "management", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]},
            {"Name": "s3 data", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]},
                                                   {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}]}])
        scan = self.scan()
        self.assertEqual(scan.code, 0, scan.stderr)
        self.assert_everywhere(scan, "PASS", set())

    def test_advanced_selectors_with_read_only_fail(self):
        emulator.seed_trail(self.moto, "main")
        put_selectors(self.moto, "main", AdvancedEventSelectors=[
            {"Name": "All management events", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]},
                                                                 {"Field": "readOnly", "Equals": ["true"]}]}])
        self.assert_everywhere(self.scan(), "FAIL", {"management_events_read_only"})

    def test_two_trails_only_the_second_passes(self):
        emulator.seed_trail(self.moto, "first", read_write_type="ReadOnly")
        second = emulator.seed_trail(self.moto, "second", home_region="us-west-2")
        scan = self.scan()
        self.assertEqual(scan.code, 0)
        self.assert_everywhere(scan, "PASS", set())
        self.assertEqual(scan.judged()[0]["trails"], [second["TrailARN"]])
        self.assertEqual(scan.calls["cloudtrail.GetTrailStatus"], 2)

    def test_region_filter(self):
        emulator.seed_trail(self.moto, "main")
        scan = self.scan("--region", "eu-west-1,us-east-1")
        self.assertEqual(sorted(f["region"] for f in scan.report["findings"]), ["eu-west-1", "us-east-1"])

    def test_trail_deleted_between_calls_is_error(self):
        emulator.seed_trail(self.moto, "doomed")
        with emulator.FaultProxy(self.moto.url) as proxy:
            proxy.rules([{"match": {"operation": op}, "fault": "delay", "delay_ms": 2500, "times": 1}
                         for op in ("GetTrailStatus", "GetEventSelectors")])
            env = self.moto.aws_env(self.home.name)
            result: dict = {}
            runner = threading.Thread(target=lambda: result.update(scan=run_scan(proxy.url, env)))
            runner.start()
            deadline = time.monotonic() + 30
            while not any(r["operation"] == "DescribeTrails" for r in proxy.log()):
                self.assertLess(time.monotonic(), deadline, "DescribeTrails never went through the proxy")
                time.sleep(0.05)
            self.moto.client("cloudtrail").delete_trail(Name="doomed")
            runner.join(60)
        scan = result["scan"]
        self.assertEqual(scan.code, 3, scan.stderr)
        for f in scan.judged():
            self.assertEqual(f["status"], "ERROR", f["message"])
            self.assertIn("TrailNotFoundException", f["message"])

    def test_max_rate_paces_the_calls_to_one_api(self):
        for name in ("first", "second", "third"):
            emulator.seed_trail(self.moto, name)  # three trails, one home region: three GetTrailStatus there
        started = time.monotonic()
        scan = self.scan("--max-rate", "1")
        elapsed = time.monotonic() - started
        self.assertEqual(scan.code, 0, scan.stderr)
        # One request per second to each API: the first at once, the next two wait 1 s and 2 s.
        for api in ("GetTrailStatus", "GetEventSelectors"):
            self.assertRegex(scan.stderr, rf"cloudtrail\.{api}\s+3 call\(s\)\s+3 attempt\(s\)\s+0 failed\s+0 throttled\s+2 waited")
        self.assertGreaterEqual(elapsed, 2.0)

    def test_collected_evidence_gives_the_same_findings(self):
        emulator.seed_trail(self.moto, "main", read_write_type="WriteOnly")
        emulator.seed_trail(self.moto, "local", home_region="ap-south-1", multi_region=False)
        live = self.scan("--inventory")
        with tempfile.TemporaryDirectory() as evidence:
            collected = subprocess.run([TRAILGUARD, "collect", "--out", evidence, "--inventory", "--endpoint-url", self.moto.url],
                                       env=self.moto.aws_env(self.home.name), capture_output=True, text=True, timeout=120)
            self.assertEqual(collected.returncode, 0, collected.stderr)
            check_manifest(self, evidence)
            replay = subprocess.run([TRAILGUARD, "scan", "--evidence", evidence, "-o", "json"], capture_output=True, text=True)
        self.assertEqual(replay.returncode, live.code, replay.stderr)
        strip = lambda report: [(f["account_id"], f["region"], f["status"], f["reasons"], f["trails"]) for f in report["findings"]]
        self.assertEqual(strip(parsed_report(replay.stdout)), strip(live.report))


class SignedAndDeniedAgainstMoto(unittest.TestCase):
    """moto with signature and IAM policy checks on (POST /moto-api/reset-auth)."""

    @classmethod
    def setUpClass(cls):
        cls.moto = emulator.MotoServer()
        cls.moto.start()
        cls.home = tempfile.TemporaryDirectory()
        emulator.seed_trail(cls.moto, "main")
        iam = cls.moto.client("iam")
        cls.keys = {}
        for user, denied in (("auditor", None), ("no-selectors", "cloudtrail:GetEventSelectors"),
                             ("no-listing", "cloudtrail:DescribeTrails")):
            iam.create_user(UserName=user)
            statements = [{"Effect": "Allow", "Action": "*", "Resource": "*"}]
            if denied:
                statements.append({"Effect": "Deny", "Action": denied, "Resource": "*"})
            iam.put_user_policy(UserName=user, PolicyName="audit",
                                PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": statements}))
            cls.keys[user] = iam.create_access_key(UserName=user)["AccessKey"]
        cls.moto.check_iam()

    @classmethod
    def tearDownClass(cls):
        cls.moto.close()
        cls.home.cleanup()

    def scan_as(self, user: str, secret: str | None = None) -> Scan:
        env = self.moto.aws_env(self.home.name)
        env["AWS_ACCESS_KEY_ID"] = self.keys[user]["AccessKeyId"]
        env["AWS_SECRET_ACCESS_KEY"] = secret or self.keys[user]["SecretAccessKey"]
        return run_scan(self.moto.url, env)

    def test_every_signed_request_is_accepted(self):
        scan = self.scan_as("auditor")
        self.assertEqual(scan.code, 0, scan.stderr)
        self.assertEqual(sum(scan.calls.values()), 5)
        self.assertNotIn("failed (", scan.stderr)

    def test_wrong_secret_is_rejected_and_nothing_passes(self):
        scan = self.scan_as("auditor", secret="not-the-secret-" + "x" * 25)
        self.assertEqual(scan.code, 3, scan.stderr)
        self.assertFalse(scan.findings("PASS"))
        self.assertIn("SignatureDoesNotMatch", scan.stderr)
        self.assertNotIn("not-the-secret", scan.stderr + json.dumps(scan.report), "secrets never reach output")

    def test_denied_selectors_are_error_naming_the_api(self):
        scan = self.scan_as("no-selectors")
        self.assertEqual(scan.code, 3)
        for f in scan.judged():
            self.assertEqual(f["status"], "ERROR")
            self.assertEqual(f["reasons"], ["event_selectors_unreadable"])
            self.assertIn("GetEventSelectors", f["message"])
            self.assertIn("AccessDenied", f["message"])

    def test_denied_listing_is_error_everywhere(self):
        scan = self.scan_as("no-listing")
        self.assertEqual(scan.code, 3)
        for f in scan.judged():
            self.assertEqual(f["reasons"], ["region_unreadable"])
            self.assertIn("DescribeTrails", f["message"])


class FaultsThroughProxy(unittest.TestCase):
    """Faults moto cannot make, injected by tests/aws/http/fault_proxy.py between trailguard and moto:
    each must end as an ERROR naming the API, the region and the AWS error, never as a PASS or a crash."""

    @classmethod
    def setUpClass(cls):
        cls.moto = emulator.MotoServer()
        cls.moto.start()
        cls.home = tempfile.TemporaryDirectory()
        emulator.seed_trail(cls.moto, "main")
        cls.proxy = emulator.FaultProxy(cls.moto.url).__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.proxy.__exit__(None, None, None)
        cls.moto.close()
        cls.home.cleanup()

    def scan_with(self, rules: list, *extra: str, attempts: int = 2) -> Scan:
        self.proxy.rules(rules)
        return run_scan(self.proxy.url, self.moto.aws_env(self.home.name), "--max-attempts", str(attempts), *extra)

    def assert_error(self, scan: Scan, reason: str, *needles: str) -> None:
        self.assertEqual(scan.code, 3, scan.stderr)
        self.assertTrue(scan.judged())
        for f in scan.judged():
            self.assertEqual(f["status"], "ERROR", f["message"])
            self.assertIn(reason, f["reasons"], f["message"])
            for needle in needles:
                self.assertIn(needle, f["message"])

    def test_throttling_after_retries(self):
        scan = self.scan_with([{"match": {"operation": "GetEventSelectors"}, "fault": "status", "status": 400,
                                "code": "ThrottlingException", "message": "Rate exceeded"}],
                              "--max-throttled-attempts", "3", attempts=1)
        self.assert_error(scan, "event_selectors_unreadable", "GetEventSelectors", "us-east-1", "ThrottlingException")
        self.assertIn("cloudtrail.GetEventSelectors", scan.calls)
        self.assertRegex(scan.stderr, r"cloudtrail\.GetEventSelectors\s+1 call\(s\)\s+3 attempt\(s\)\s+1 failed\s+3 throttled",
                         "retried up to --max-throttled-attempts, whatever --max-attempts says")

    def test_sustained_throttling_slows_the_scan_down_and_it_still_passes(self):
        self.proxy.reset()
        scan = self.scan_with([{"match": {"operation": "DescribeTrails"}, "fault": "status", "status": 400,
                                "code": "ThrottlingException", "times": 5}])
        self.assertEqual(scan.code, 0, scan.stderr)
        self.assertTrue(all(f["status"] == "PASS" for f in scan.judged()), scan.stderr)
        # --max-attempts 2, yet six attempts: throttled answers count apart. --stats shows them.
        self.assertRegex(scan.stderr, r"cloudtrail\.DescribeTrails\s+1 call\(s\)\s+6 attempt\(s\)\s+0 failed\s+5 throttled\s+1 waited")
        self.assertRegex(scan.stderr, r"throttled answers: 5; calls that waited for the rate limiter: [1-9]")
        # Each throttle halved DescribeTrails' rate (10/s -> 5, 2.5, 1.25, 0.625, then the 0.5/s floor): the
        # requests went out at least 0.2, 0.4, 0.8, 1.6 and 2 s apart.
        sent = [r["start_ms"] for r in self.proxy.log() if r["operation"] == "DescribeTrails"]
        self.assertEqual(len(sent), 6)
        gaps = [later - earlier for earlier, later in zip(sent, sent[1:])]
        for gap, least in zip(gaps, (200, 400, 800, 1600, 2000)):
            self.assertGreaterEqual(gap, least - 20, gaps)  # the proxy stamps on arrival: a little jitter

    def test_throttling_that_ends_passes(self):
        scan = self.scan_with([{"match": {"operation": "DescribeTrails"}, "fault": "status", "status": 400,
                                "code": "ThrottlingException", "times": 2}], attempts=3)
        self.assertEqual(scan.code, 0, scan.stderr)
        self.assertRegex(scan.stderr, r"cloudtrail\.DescribeTrails\s+1 call\(s\)\s+3 attempt")

    def test_server_error(self):
        scan = self.scan_with([{"match": {"operation": "GetTrailStatus"}, "fault": "status", "status": 500, "format": "html"}])
        self.assert_error(scan, "trail_status_unreadable", "GetTrailStatus", "500")

    def test_access_denied_is_not_retried(self):
        scan = self.scan_with([{"match": {"operation": "GetTrailStatus"}, "fault": "status", "status": 400,
                                "code": "AccessDeniedException", "message": "denied"}])
        self.assert_error(scan, "trail_status_unreadable", "AccessDeniedException")
        self.assertRegex(scan.stderr, r"cloudtrail\.GetTrailStatus\s+1 call\(s\)\s+1 attempt")

    def test_connection_reset(self):
        scan = self.scan_with([{"match": {"operation": "DescribeTrails"}, "fault": "reset"}])
        self.assert_error(scan, "region_unreadable", "DescribeTrails")

    def test_truncated_body(self):
        scan = self.scan_with([{"match": {"operation": "GetEventSelectors"}, "fault": "truncate"}])
        self.assert_error(scan, "event_selectors_unreadable", "GetEventSelectors")

    def test_malformed_body(self):
        scan = self.scan_with([{"match": {"operation": "GetTrailStatus"}, "fault": "malformed_json"}])
        self.assert_error(scan, "trail_status_unreadable", "GetTrailStatus")

    def test_stalled_endpoint_times_out(self):
        started = time.monotonic()
        scan = self.scan_with([{"match": {"operation": "DescribeTrails"}, "fault": "delay", "delay_ms": 8000}],
                              "--read-timeout", "1")
        self.assert_error(scan, "region_unreadable", "DescribeTrails")
        self.assertLess(time.monotonic() - started, 20, "two 1 s attempts, not the proxy's 8 s each")

    def test_secrets_never_reach_debug_output(self):
        self.proxy.rules([])
        env = self.moto.aws_env(self.home.name)
        secret, token = env["AWS_SECRET_ACCESS_KEY"], "FQoGZXIvYXdzEXAMPLESESSIONTOKENVALUE1234567890"
        env["AWS_SESSION_TOKEN"] = token
        completed = subprocess.run([TRAILGUARD, "scan", "--endpoint-url", self.proxy.url, "--debug", "-o", "json"],
                                   env=env, capture_output=True, text=True, timeout=120)
        output = completed.stdout + completed.stderr
        self.assertIn("debug:", completed.stderr, "--debug logs something")
        for value in (secret, token, env["AWS_ACCESS_KEY_ID"]):
            self.assertNotIn(value, output)
        self.assertNotRegex(output, r"Signature=[0-9a-f]{64}")


def main() -> int:
    global TRAILGUARD
    TRAILGUARD = emulator.trailguard_argument()
    return emulator.run_suite([LiveScanAgainstMoto, SignedAndDeniedAgainstMoto, FaultsThroughProxy])


if __name__ == "__main__":
    sys.exit(main())
