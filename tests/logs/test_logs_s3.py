"""`trailguard logs s3://bucket/prefix` against a local moto_server: a tree written by log_tree.py is uploaded
to a moto bucket, and the report read through ListObjectsV2 and GetObject must be the local copy's report
(regions, events, gaps, activity, tampering), from the bucket's root and from one region's folder; the window
prunes listings and reads (counted with --stats); a broken object is named by its s3:// URL (exit 3); a
missing bucket, a bad URL, and an unreachable endpoint are errors that say so.

    python3 test_logs_s3.py --trailguard build/trailguard
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "emulator"))

from log_tree import ACCOUNT, LogTree, record, run_tests  # noqa: E402
from moto_server import MotoServer  # noqa: E402

TRAILGUARD = ""
DAY = "2026-12-01"
BUCKET = "org-logs"
MOTO: MotoServer | None = None


def comparable(document: dict) -> dict:
    """The report without what differs between two reads of the same files (paths, time, sources)."""
    document = json.loads(json.dumps(document))
    for key in ("generated_at", "sources", "tool"):
        document.pop(key, None)
    document["summary"].pop("seconds", None)
    for error in document.get("errors", []):
        error["file"] = error["file"].split("AWSLogs/", 1)[-1]
    return document


class LogsFromS3(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = Path(tempfile.mkdtemp(prefix="trailguard-logs-s3-"))
        cls.tree_dir = cls.dir / "tree"
        tree = LogTree(cls.tree_dir)
        tree.hourly(ACCOUNT, ["us-east-1", "eu-west-1"], DAY, range(24))
        tree.hourly(ACCOUNT, ["eu-west-1"], "2026-11-30", range(12, 24))
        tree.log(ACCOUNT, "ap-south-1", f"{DAY}T10:05:00Z",
                 [record("RunInstances", f"{DAY}T10:01:00Z", "ap-south-1", read_only=False)])
        tree.log(ACCOUNT, "us-east-1", f"{DAY}T11:05:00Z",
                 [record("StopLogging", f"{DAY}T11:01:00Z", "us-east-1", "cloudtrail.amazonaws.com", read_only=False,
                         request_parameters={"name": "main"})])
        cls.broken_key = f"AWSLogs/{ACCOUNT}/CloudTrail/eu-west-1/2026/11/30/{ACCOUNT}_CloudTrail_eu-west-1_20261130T2359Z_brokenbrokenbrok.json.gz"
        MOTO.reset()
        s3 = MOTO.client("s3")
        s3.create_bucket(Bucket=BUCKET)
        cls.keys = []
        for path in sorted(cls.tree_dir.rglob("*")):
            if path.is_file():
                key = path.relative_to(cls.tree_dir).as_posix()
                extra = {"Metadata": {"signature": "00ff" * 8}} if "CloudTrail-Digest" in key else {}
                s3.put_object(Bucket=BUCKET, Key=key, Body=path.read_bytes(), **extra)
                cls.keys.append(key)
        cls.env = MOTO.aws_env(cls.dir)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def run_logs(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([TRAILGUARD, "logs", *args, "--endpoint-url", MOTO.url], capture_output=True, text=True,
                              timeout=300, env=self.env)

    def json_report(self, *args: str, code: int) -> dict:
        result = self.run_logs(*args, "-o", "json")
        self.assertEqual(result.returncode, code, result.stderr)
        return json.loads(result.stdout)

    def local_report(self, *args: str) -> dict:
        result = subprocess.run([TRAILGUARD, "logs", *args, "-o", "json"], capture_output=True, text=True, timeout=120)
        return json.loads(result.stdout)

    def test_the_bucket_reads_as_its_local_copy(self):
        window = ("--since", "2026-11-30", "--until", "2026-12-02")
        remote = self.json_report(f"s3://{BUCKET}", *window, code=1)
        local = self.local_report(str(self.tree_dir), *window)
        self.assertEqual(comparable(remote), comparable(local))
        self.assertGreater(remote["summary"]["events"], 48)
        self.assertEqual([t["event_name"] for t in remote["tampering"]], ["StopLogging"])
        self.assertIn(BUCKET, remote["log_buckets"])

    def test_a_prefix_reads_only_its_folder_and_names_the_source(self):
        prefix = f"AWSLogs/{ACCOUNT}/CloudTrail/eu-west-1"
        remote = self.json_report(f"s3://{BUCKET}/{prefix}", "--since", DAY, "--until", "2026-12-02", code=0)
        self.assertEqual([(r["account_id"], r["region"], r["events"]) for r in remote["regions"]], [(ACCOUNT, "eu-west-1", 24)])
        self.assertEqual(remote["sources"], [f"s3://{BUCKET}/{prefix}"])

    def test_the_window_prunes_days_before_they_are_read(self):
        result = self.run_logs(f"s3://{BUCKET}/", "--since", DAY, "--until", "2026-12-02", "--stats", "-o", "json")
        self.assertIn(result.returncode, (0, 1), result.stderr)
        get_objects = int(re.search(r"GetObject\s+(\d+) call", result.stderr).group(1))
        in_window = [k for k in self.keys if "/2026/12/01/" in k]
        self.assertEqual(get_objects, len(in_window), result.stderr)
        listings = int(re.search(r"ListObjectsV2\s+(\d+) call", result.stderr).group(1))
        self.assertLess(listings, 40, "days outside the window were listed")
        self.assertNotIn(MOTO.url.split("//")[1].split(":")[0] + "x", result.stderr)

    def test_a_broken_object_is_named_by_its_url_and_the_rest_is_counted(self):
        s3 = MOTO.client("s3")
        s3.put_object(Bucket=BUCKET, Key=self.broken_key, Body=b"\x1f\x8b\x08not really gzip at all, cut")
        try:
            result = self.run_logs(f"s3://{BUCKET}/AWSLogs/{ACCOUNT}/CloudTrail/eu-west-1/", "--since", "2026-11-30T12:00:00Z",
                                   "--until", "2026-12-02", "-o", "json")
            self.assertEqual(result.returncode, 3, result.stderr)
            document = json.loads(result.stdout)
            self.assertEqual([e["file"] for e in document["errors"]], [f"s3://{BUCKET}/{self.broken_key}"])
            self.assertEqual(document["regions"][0]["events"], 36)
        finally:
            s3.delete_object(Bucket=BUCKET, Key=self.broken_key)

    def test_a_missing_bucket_a_bad_url_and_no_endpoint_are_errors_that_say_so(self):
        result = self.run_logs("s3://no-such-bucket-here/")
        self.assertEqual(result.returncode, 2)
        self.assertIn("no such bucket", result.stderr)
        result = self.run_logs("s3://")
        self.assertEqual(result.returncode, 2)
        self.assertIn("no bucket name", result.stderr)
        result = self.run_logs("s3://Bad_Bucket/")
        self.assertEqual(result.returncode, 2)
        self.assertIn("is not an S3 bucket name", result.stderr)
        closed = subprocess.run([TRAILGUARD, "logs", f"s3://{BUCKET}/", "--endpoint-url", "http://127.0.0.1:9",
                                 "--max-attempts", "1", "--connect-timeout", "1"],
                                capture_output=True, text=True, timeout=120, env=self.env)
        self.assertEqual(closed.returncode, 2, closed.stderr)
        self.assertIn(BUCKET, closed.stderr)

    def test_local_and_s3_sources_together_count_each_event_once(self):
        window = ("--since", DAY, "--until", "2026-12-02")
        both = self.json_report(f"s3://{BUCKET}/", str(self.tree_dir), *window, code=1)
        alone = self.local_report(str(self.tree_dir), *window)
        self.assertEqual({(r["region"], r["events"]) for r in both["regions"]}, {(r["region"], r["events"]) for r in alone["regions"]})
        self.assertGreater(both["duplicates_dropped"], 0)


def main() -> None:
    global MOTO
    with MotoServer() as server:
        MOTO = server
        run_tests(globals())


if __name__ == "__main__":
    main()
