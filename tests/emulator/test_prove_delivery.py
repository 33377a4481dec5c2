#!/usr/bin/env python3
"""`trailguard scan --prove-delivery` against moto_server: the test puts CloudTrail digest files (empty objects
named as CloudTrail names them) into the trails' buckets, then checks what the scan makes of them.

- digests for every region -> PASS with the proof in each message, one ListObjectsV2 per region and day;
- a region without digests -> not_delivering FAIL (exit 1); a narrower --delivery-window than the newest
  digest's age -> FAIL, a wider one -> PASS;
- log file validation off -> delivery_unproven warning, nothing listed;
- organization trail layout (AWSLogs/<o-id>/<account>/, with an S3KeyPrefix), found in the bucket for a
  one-account scan and given by DescribeOrganization under --org (a member's region without digests FAILs);
- a bucket in another region than the home region: listed there (the SigV4 scope says so);
- an unreadable bucket (AccessDenied from the fault proxy, moto's IAM checks being off) -> delivery_unproven;
- without --prove-delivery no S3 call at all (moto's request recorder);
- --logs-profile: an auditor whose key the bucket refuses (fault proxy) proves delivery with the profile's key.
Ends with "N passed, M failed".
"""
from __future__ import annotations

import datetime
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import moto_server as emulator  # noqa: E402
from moto_server import FaultProxy  # noqa: E402
import test_live_scan as live_scan  # noqa: E402
from test_live_scan import Scan as LiveScan  # noqa: E402

TRAILGUARD = ""
ACCOUNT = emulator.MOTO_DEFAULT_ACCOUNT
REGIONS = ["ap-south-1", "eu-west-1", "us-east-1"]


class Scan(LiveScan):
    """test_live_scan's reading of a scan, with findings picked by account too (scan --org)."""

    def judged(self, account: str | None = None) -> list[dict]:
        return [f for f in self.report["findings"] if f["status"] != "SKIPPED" and account in (None, f["account_id"])]

    def region(self, name: str, account: str = ACCOUNT) -> dict:
        return next(f for f in self.report["findings"] if f["region"] == name and f["account_id"] == account)


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def days_touched(window: datetime.timedelta) -> int:
    now = utc_now()
    return ((now.date() - (now - window).date()).days + 1)


def put_digests(moto, bucket: str, folder: str, regions: list[str], *, trail: str, account: str = ACCOUNT,
                home: str = "us-east-1", hours_ago: tuple[float, ...] = (1, 2), client=None) -> list[str]:
    """Digest objects as CloudTrail names them, under folder (…/CloudTrail-Digest/) for each region; returns the keys."""
    s3 = (client or moto.client)("s3")
    keys = []
    for region in regions:
        for hours in hours_ago:
            at = utc_now() - datetime.timedelta(hours=hours)
            stamp = at.strftime("%Y%m%dT%H%M%SZ")
            key = (f"{folder}{region}/{at:%Y/%m/%d}/{account}_CloudTrail-Digest_{region}_{trail}_{home}_{stamp}.json.gz")
            s3.put_object(Bucket=bucket, Key=key, Body=b"{}")
            keys.append(key)
    return keys


def run_scan(endpoint: str, env: dict, *extra: str) -> Scan:
    """test_live_scan's run (scan -o json --stats against `endpoint`), read with this suite's Scan."""
    return Scan(live_scan.run_completed(endpoint, env, *extra))


def own_folder(account: str = ACCOUNT, prefix: str = "") -> str:
    return f"{prefix}AWSLogs/{account}/CloudTrail-Digest/"


class ProveDeliveryAgainstMoto(emulator.MotoTestCase):
    record_requests = True

    def scan(self, *extra: str, endpoint: str | None = None) -> Scan:
        return run_scan(endpoint or self.moto.url, self.env, *extra)

    def seed(self, name: str = "main", **kwargs) -> dict:
        kwargs.setdefault("log_file_validation", True)
        return emulator.seed_trail(self.moto, name, **kwargs)

    def assert_proven(self, scan: Scan, regions: list[str] | None = None, account: str = ACCOUNT) -> None:
        findings = scan.judged(account) if regions is None else [scan.region(r, account) for r in regions]
        self.assertTrue(findings, scan.stderr)
        for f in findings:
            self.assertEqual(f["status"], "PASS", f"{f['region']}: {f['message']}")
            self.assertEqual(f["reasons"], [], f"{f['region']}: {f['message']}")
            self.assertIn("delivery proven: 2 digest files in the last", f["message"])

    def test_digests_in_every_region_pass_with_one_listing_per_region_and_day(self):
        self.seed()
        all_regions = [r["RegionName"] for r in self.moto.client("ec2").describe_regions()["Regions"]]
        put_digests(self.moto, "main-logs", own_folder(), all_regions, trail="main")
        scan = self.scan("--prove-delivery")
        self.assertEqual(scan.code, 0, scan.stderr)
        self.assert_proven(scan)
        judged = len(scan.judged())
        self.assertGreater(judged, 10)
        self.assertEqual(scan.calls["s3.ListObjectsV2"], judged * days_touched(datetime.timedelta(hours=24)), scan.calls)
        self.assertEqual(scan.calls["s3.GetBucketLocation"], 1)

    def test_a_region_without_digests_fails_not_delivering(self):
        self.seed()
        put_digests(self.moto, "main-logs", own_folder(), ["eu-west-1", "us-east-1"], trail="main")
        scan = self.scan("--prove-delivery", "--region", ",".join(REGIONS))
        self.assertEqual(scan.code, 1, scan.stderr)
        stopped = scan.region("ap-south-1")
        self.assertEqual(stopped["status"], "FAIL")
        self.assertEqual(stopped["reasons"], ["not_delivering"], stopped["message"])
        self.assertIn("s3://main-logs/AWSLogs/123456789012/CloudTrail-Digest/ap-south-1/", stopped["message"])
        self.assert_proven(scan, ["eu-west-1", "us-east-1"])
        self.assertEqual(scan.report["accounts"][0]["status"], "FAIL")

    def test_digests_of_another_trail_in_the_same_folder_do_not_count(self):
        self.seed()
        put_digests(self.moto, "main-logs", own_folder(), REGIONS, trail="other")
        scan = self.scan("--prove-delivery", "--region", ",".join(REGIONS))
        self.assertEqual(scan.code, 1, scan.stderr)
        self.assertEqual({f["reasons"][0] for f in scan.judged()}, {"not_delivering"})

    def test_validation_off_is_a_delivery_unproven_warning(self):
        self.seed(log_file_validation=False)
        put_digests(self.moto, "main-logs", own_folder(), REGIONS, trail="main")
        scan = self.scan("--prove-delivery", "--region", ",".join(REGIONS))
        self.assertEqual(scan.code, 0, scan.stderr)
        for f in scan.judged():
            self.assertEqual((f["status"], f["reasons"]), ("PASS", ["delivery_unproven"]), f["message"])
            self.assertIn("no log file validation", f["message"])
        self.assertNotIn("s3.ListObjectsV2", scan.calls, "no digests are written without validation: nothing to list")

    def test_window_narrower_than_the_newest_digest_fails_and_a_wider_one_passes(self):
        self.seed()
        put_digests(self.moto, "main-logs", own_folder(), REGIONS, trail="main", hours_ago=(3, 4))
        narrow = self.scan("--prove-delivery", "--delivery-window", "2h", "--region", ",".join(REGIONS))
        self.assertEqual(narrow.code, 1, narrow.stderr)
        for f in narrow.judged():
            self.assertEqual(f["reasons"], ["not_delivering"], f["message"])
            self.assertIn("in the last 2h", f["message"])
        self.assertEqual(narrow.calls["s3.ListObjectsV2"], len(REGIONS) * days_touched(datetime.timedelta(hours=2)))
        wide = self.scan("--prove-delivery", "--delivery-window", "2d", "--region", ",".join(REGIONS))
        self.assertEqual(wide.code, 0, wide.stderr)
        self.assert_proven(wide)
        self.assertEqual(wide.calls["s3.ListObjectsV2"], len(REGIONS) * days_touched(datetime.timedelta(days=2)))

    def test_bad_window_and_flags_without_prove_delivery_are_usage_errors(self):
        for args in (["--prove-delivery", "--delivery-window", "soon"], ["--prove-delivery", "--delivery-window", "0h"],
                     ["--delivery-window", "6h"], ["--logs-profile", "archive"]):
            completed = subprocess.run([TRAILGUARD, "scan", "--endpoint-url", self.moto.url, *args], env=self.env,
                                       capture_output=True, text=True, timeout=60, check=False)
            self.assertEqual(completed.returncode, 2, f"{args}: {completed.stderr}")
        evidence = subprocess.run([TRAILGUARD, "scan", "--evidence", self.dir.name, "--prove-delivery"], env=self.env,
                                  capture_output=True, text=True, timeout=60, check=False)
        self.assertEqual(evidence.returncode, 2, evidence.stderr)
        self.assertIn("--evidence", evidence.stderr)

    def test_organization_trail_layout_with_a_key_prefix(self):
        self.seed("org", organization=True, key_prefix="audit/ct")
        folder = f"audit/ct/AWSLogs/o-test12345/{ACCOUNT}/CloudTrail-Digest/"
        put_digests(self.moto, "org-logs", folder, REGIONS, trail="org")
        scan = self.scan("--prove-delivery", "--region", ",".join(REGIONS))
        self.assertEqual(scan.code, 0, scan.stderr)
        self.assert_proven(scan)
        # The same digests in the own-trail layout do not prove an organization trail.
        self.moto.reset()
        self.seed("org", organization=True, key_prefix="audit/ct")
        put_digests(self.moto, "org-logs", own_folder(prefix="audit/ct/"), REGIONS, trail="org")
        scan = self.scan("--prove-delivery", "--region", ",".join(REGIONS))
        self.assertEqual(scan.code, 1, scan.stderr)
        for f in scan.judged():
            self.assertEqual(f["reasons"], ["not_delivering"], f["message"])
            self.assertIn("AWSLogs/o-*/", f["message"])

    def test_bucket_in_another_region_than_the_home_region(self):
        emulator.create_bucket(self.moto, "far-logs", "eu-central-1")
        self.seed(bucket="far-logs")
        put_digests(self.moto, "far-logs", own_folder(), REGIONS, trail="main")
        scan, requests = self.moto.recorded(lambda: self.scan("--prove-delivery", "--region", ",".join(REGIONS)))
        self.assertEqual(scan.code, 0, scan.stderr)
        self.assert_proven(scan)
        listings = [r for r in requests if "list-type=2" in r.get("url", "") or "list-type=2" in json.dumps(r.get("qs", {}))]
        self.assertEqual(len(listings), len(REGIONS) * days_touched(datetime.timedelta(hours=24)), [r.get("url") for r in requests])
        for listing in listings:
            authorization = next(v for k, v in listing["headers"].items() if k.lower() == "authorization")
            self.assertIn("/eu-central-1/s3/aws4_request", authorization)

    def test_an_unreadable_bucket_is_delivery_unproven(self):
        self.seed()
        put_digests(self.moto, "main-logs", own_folder(), REGIONS, trail="main")
        with FaultProxy(self.moto.url) as proxy:
            proxy.rules([{"match": {"path": "/main-logs"}, "fault": "status", "status": 403, "code": "AccessDenied",
                          "message": "Access Denied", "format": "xml"}])
            scan = self.scan("--prove-delivery", "--region", ",".join(REGIONS), endpoint=proxy.url)
            refused = [r for r in proxy.log() if r["path"].startswith("/main-logs") and r["fault"] == "status"]
        self.assertEqual(scan.code, 0, scan.stderr)
        self.assertTrue(refused)
        for f in scan.judged():
            self.assertEqual((f["status"], f["reasons"]), ("PASS", ["delivery_unproven"]), f["message"])
            self.assertIn("AccessDenied", f["message"])
            self.assertIn("--logs-profile", f["message"])

    def test_without_the_flag_no_s3_call_is_made(self):
        self.seed()
        put_digests(self.moto, "main-logs", own_folder(), ["eu-west-1"], trail="main")
        scan, requests = self.moto.recorded(lambda: self.scan("--region", ",".join(REGIONS)))
        self.assertEqual(scan.code, 0, scan.stderr)
        self.assertTrue(requests, "the recorder saw the scan")
        s3 = [r for r in requests if "/s3/aws4_request" in json.dumps(r.get("headers", {}))]
        self.assertEqual(s3, [])
        self.assertFalse([k for k in scan.calls if k.startswith("s3.")], scan.calls)
        for f in scan.judged():
            self.assertNotIn("delivery", f["message"])


class ProveDeliveryInAnOrganization(unittest.TestCase):
    """scan --org --prove-delivery: the organization trail's digests of each account, under the organization's id."""

    def test_each_account_is_proven_under_the_organizations_folder(self):
        with emulator.MotoServer() as moto, tempfile.TemporaryDirectory() as home:
            org = moto.client("organizations")
            organization_id = org.create_organization(FeatureSet="ALL")["Organization"]["Id"]
            member = org.create_account(Email="m@example.com", AccountName="member")["CreateAccountStatus"]["AccountId"]
            emulator.seed_trail(moto, "org", organization=True, log_file_validation=True)
            put_digests(moto, "org-logs", f"AWSLogs/{organization_id}/{ACCOUNT}/CloudTrail-Digest/", REGIONS, trail="org")
            put_digests(moto, "org-logs", f"AWSLogs/{organization_id}/{member}/CloudTrail-Digest/", REGIONS[1:], trail="org",
                        account=member)
            scan = run_scan(moto.url, moto.aws_env(home), "--org", "--prove-delivery", "--region", ",".join(REGIONS))
            self.assertEqual(scan.code, 1, scan.stderr)
            for region in REGIONS:
                self.assertEqual(scan.region(region)["reasons"], [], scan.region(region)["message"])
                self.assertIn("delivery proven", scan.region(region)["message"])
            self.assertEqual(scan.region("ap-south-1", member)["reasons"], ["not_delivering"])
            self.assertIn(f"AWSLogs/{organization_id}/{member}/CloudTrail-Digest/ap-south-1/",
                          scan.region("ap-south-1", member)["message"])
            for region in REGIONS[1:]:
                self.assertEqual(scan.region(region, member)["status"], "PASS", scan.region(region, member)["message"])


LOG_ARCHIVE_KEY = {"AccessKeyId": "AKIALOGARCHIVE000000", "SecretAccessKey": "log-archive-fake-secret"}


class ProveDeliveryWithALogsProfile(unittest.TestCase):
    """--logs-profile: the auditor's own key is refused on the bucket (the fault proxy, matching its SigV4 key id),
    the log-archive profile's key is not.

    Why not moto's IAM checks: with them on, moto refuses every signed S3 request whose query holds a `/`
    (SignatureDoesNotMatch, boto3's own requests too; ../shared notes), and every digest prefix holds one. The
    printed policies' S3 statements are checked against ARNs in tests/aws/iam_permissions_test.cpp instead."""

    @classmethod
    def setUpClass(cls):
        cls.home = tempfile.TemporaryDirectory()
        cls.moto = emulator.MotoServer()
        cls.moto.start()
        emulator.seed_trail(cls.moto, "main", log_file_validation=True)
        put_digests(cls.moto, "main-logs", own_folder(), REGIONS, trail="main")
        cls.credentials = Path(cls.home.name) / "credentials"
        cls.credentials.write_text(f"[logarchive]\naws_access_key_id = {LOG_ARCHIVE_KEY['AccessKeyId']}\n"
                                   f"aws_secret_access_key = {LOG_ARCHIVE_KEY['SecretAccessKey']}\n")
        cls.proxy = FaultProxy(cls.moto.url)
        cls.proxy.start()
        cls.proxy.rules([{"match": {"path": "/main-logs", "access_key": emulator.FAKE_ACCESS_KEY_ID}, "fault": "status",
                          "status": 403, "code": "AccessDenied", "message": "Access Denied", "format": "xml"}])

    @classmethod
    def tearDownClass(cls):
        cls.proxy.close()
        cls.moto.close()
        cls.home.cleanup()

    def scan(self, *extra: str) -> Scan:
        env = self.moto.aws_env(self.home.name)
        env["AWS_SHARED_CREDENTIALS_FILE"] = str(self.credentials)
        return run_scan(self.proxy.url, env, "--prove-delivery", "--region", ",".join(REGIONS), *extra)

    def test_the_auditors_own_key_may_not_list_the_bucket(self):
        scan = self.scan()
        self.assertEqual(scan.code, 0, scan.stderr)
        for f in scan.judged():
            self.assertEqual((f["status"], f["reasons"]), ("PASS", ["delivery_unproven"]), f["message"])
            self.assertIn("AccessDenied", f["message"])

    def test_logs_profile_lists_the_bucket_for_the_auditor(self):
        scan = self.scan("--logs-profile", "logarchive")
        self.assertEqual(scan.code, 0, scan.stderr)
        for f in scan.judged():
            self.assertEqual((f["status"], f["reasons"]), ("PASS", []), f["message"])
            self.assertIn("delivery proven", f["message"])
        self.assertNotIn(LOG_ARCHIVE_KEY["SecretAccessKey"], scan.stderr + json.dumps(scan.report))
        # --stats: the scan's own table has no S3 call; the --logs-profile table has them all.
        own, logs = scan.stderr.split("with --logs-profile", 1)
        self.assertNotIn("s3.ListObjectsV2", own)
        self.assertRegex(logs, rf"s3.ListObjectsV2\s+{len(REGIONS) * days_touched(datetime.timedelta(hours=24))} call")

    def test_an_unknown_logs_profile_is_a_usage_error(self):
        env = self.moto.aws_env(self.home.name)
        completed = subprocess.run([TRAILGUARD, "scan", "--endpoint-url", self.moto.url, "--prove-delivery",
                                    "--logs-profile", "nosuch"], env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(completed.returncode, 2, completed.stderr)
        self.assertIn("--logs-profile nosuch", completed.stderr)


if __name__ == "__main__":
    TRAILGUARD = live_scan.TRAILGUARD = emulator.trailguard_argument()
    sys.exit(emulator.run_suite([ProveDeliveryAgainstMoto, ProveDeliveryInAnOrganization, ProveDeliveryWithALogsProfile]))
