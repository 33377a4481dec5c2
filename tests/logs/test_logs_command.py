"""`trailguard logs` end to end: trees written by log_tree.py, the binary's exit code, and its JSON report
checked against docs/schema/logs-report.schema.json and against the counts the test knows.

    python3 test_logs_command.py --trailguard build/trailguard
"""

from __future__ import annotations

import copy
import gzip
import json
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import jsonschema

from log_tree import ACCOUNT, LogTree, record, run_tests
from logs_schema import LINE, REPORT

TRAILGUARD = ""
DAY = "2026-12-01"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([TRAILGUARD, "logs", *args], capture_output=True, text=True, timeout=120)


def report(*args: str, code: int | None = None) -> dict:
    result = run(*args, "-o", "json")
    if code is not None:
        assert result.returncode == code, f"exit {result.returncode}, wanted {code}: {result.stderr}\n{result.stdout[:2000]}"
    document = json.loads(result.stdout)
    REPORT.validate(document)
    ndjson = run(*args, "-o", "ndjson")
    lines = [json.loads(line) for line in ndjson.stdout.splitlines()]
    for line in lines:
        LINE.validate(line)
    assert lines[-1]["type"] == "summary"
    assert sum(line["type"] == "region" for line in lines) == len(document["regions"])
    return document


def region(document: dict, name: str, account: str = ACCOUNT) -> dict:
    found = [r for r in document["regions"] if r["region"] == name and r["account_id"] == account]
    assert len(found) == 1, f"{account} {name} not in {[(r['account_id'], r['region']) for r in document['regions']]}"
    return found[0]


class LogsTest(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="trailguard-logs-"))
        self.tree = LogTree(self.dir)

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)


class Coverage(LogsTest):
    def test_a_healthy_tree_is_clean_and_counted_exactly(self):
        self.tree.hourly(ACCOUNT, ["us-east-1", "eu-west-1"], DAY, range(24))
        document = report(str(self.dir), "--since", f"{DAY}T00:00:00Z", "--until", "2026-12-02T00:00:00Z", code=0)
        self.assertEqual(document["summary"]["result"], "clean")
        for name in ("us-east-1", "eu-west-1"):
            r = region(document, name)
            self.assertEqual((r["events"], r["read"], r["write"], r["digests"], r["gap_hours"]), (24, 24, 0, 24, 0))
            self.assertEqual(r["first_event"], f"{DAY}T00:01:00Z")
            self.assertEqual(r["events_by_day"], {DAY: 24})
        self.assertEqual(document["log_buckets"], ["org-logs"])  # named by the digests

    def test_an_hour_without_digest_or_log_file_is_a_gap(self):
        self.tree.hourly(ACCOUNT, ["us-east-1"], DAY, range(24))
        self.tree.hourly(ACCOUNT, ["eu-west-1"], DAY, [h for h in range(24) if h not in (5, 6, 7)])
        result = run(str(self.dir), "--since", DAY, "--until", "2026-12-02")
        self.assertEqual(result.returncode, 1, result.stderr)
        document = report(str(self.dir), "--since", DAY, "--until", "2026-12-02")
        gaps = region(document, "eu-west-1")["gaps"]
        self.assertEqual(gaps, [{"from": f"{DAY}T05:00:00Z", "until": f"{DAY}T08:00:00Z", "hours": 3}])
        self.assertEqual(document["summary"]["gap_hours"], 3)
        self.assertIn("gaps in 111122223333 eu-west-1", result.stdout)

    def test_global_events_land_in_us_east_1_and_count_by_where_they_were_delivered(self):
        self.tree.log(ACCOUNT, "us-east-1", f"{DAY}T10:05:00Z",
                      [record("CreateUser", f"{DAY}T10:01:00Z", "us-east-1", "iam.amazonaws.com", read_only=False),
                       record("GetCallerIdentity", f"{DAY}T10:02:00Z", "us-east-1", "sts.amazonaws.com")])
        self.tree.log(ACCOUNT, "eu-west-1", f"{DAY}T10:05:00Z", [record("DescribeVpcs", f"{DAY}T10:01:00Z", "eu-west-1")])
        document = report(str(self.dir))
        self.assertTrue(region(document, "us-east-1")["global_service_events_present"])
        self.assertEqual(region(document, "us-east-1")["global_service_events"], 2)
        self.assertFalse(region(document, "eu-west-1")["global_service_events_present"])

    def test_the_same_event_in_two_files_counts_once(self):
        events = [record("DescribeInstances", f"{DAY}T10:0{i}:00Z") for i in range(5)]
        self.tree.log(ACCOUNT, "us-east-1", f"{DAY}T10:05:00Z", events)
        self.tree.log(ACCOUNT, "us-east-1", f"{DAY}T10:06:00Z", events[2:])  # a second trail, same prefix
        document = report(str(self.dir))
        self.assertEqual(region(document, "us-east-1")["events"], 5)
        self.assertEqual(document["duplicates_dropped"], 3)
        self.assertEqual(region(document, "us-east-1")["duplicates_dropped"], 3)

    def test_old_records_and_data_events_are_counted_as_what_they_say(self):
        self.tree.log(ACCOUNT, "us-east-1", f"{DAY}T10:05:00Z", [
            record("GetBucketAcl", f"{DAY}T10:01:00Z", source="s3.amazonaws.com", read_only=None, category=None, version="1.02",
                   identity_type=None, principal="config.amazonaws.com"),
            record("GetObject", f"{DAY}T10:02:00Z", source="s3.amazonaws.com", category="Data"),
            record("RunInstances", f"{DAY}T10:03:00Z", read_only=False, error_code="UnauthorizedOperation")])
        r = region(report(str(self.dir)), "us-east-1")
        self.assertEqual((r["read"], r["write"], r["read_write_unknown"]), (1, 1, 1))
        self.assertEqual((r["management"], r["data"], r["category_unknown"]), (1, 1, 1))
        self.assertEqual(r["error_events"], 1)

    def test_insight_files_are_counted_not_read_as_events(self):
        self.tree.log(ACCOUNT, "us-east-1", f"{DAY}T10:05:00Z", [record("DescribeInstances", f"{DAY}T10:01:00Z")])
        self.tree.insight(ACCOUNT, "us-east-1", f"{DAY}T10:15:00Z", 3)
        r = region(report(str(self.dir)), "us-east-1")
        self.assertEqual((r["events"], r["insight_files"], r["insight_events"]), (1, 1, 3))


class Sources(LogsTest):
    def test_any_folder_of_the_layout_gives_the_same_counts(self):
        self.tree.hourly(ACCOUNT, ["us-east-1", "eu-west-1"], DAY, range(3))
        whole = report(str(self.dir))
        account = report(str(self.dir / "AWSLogs" / ACCOUNT))
        self.assertEqual(whole["regions"], account["regions"])
        one_region = report(str(self.dir / "AWSLogs" / ACCOUNT / "CloudTrail" / "eu-west-1"))
        self.assertEqual([r["region"] for r in one_region["regions"]], ["eu-west-1"])
        self.assertEqual(region(one_region, "eu-west-1")["events"], 3)
        # Region folders copied out of the bucket into a folder of their own.
        copied = self.dir / "copied"
        for name in ("us-east-1", "eu-west-1"):
            shutil.copytree(self.dir / "AWSLogs" / ACCOUNT / "CloudTrail" / name, copied / name)
        self.assertEqual([region(report(str(copied)), n)["events"] for n in ("us-east-1", "eu-west-1")], [3, 3])
        # Several sources at once, and an organization trail's layout.
        org = LogTree(self.dir / "org", org_id="o-abc123def4")
        org.hourly("444455556666", ["us-east-1"], DAY, range(2), digests=False)
        both = report(str(self.dir / "AWSLogs"), str(self.dir / "org"))
        self.assertEqual(region(both, "us-east-1", "444455556666")["events"], 2)
        self.assertEqual(both["summary"]["accounts"], 2)

    def test_since_and_until_prune_days_and_bound_events(self):
        self.tree.hourly(ACCOUNT, ["us-east-1"], DAY, range(24), digests=False)
        # A broken file on a day outside the window is never read, so it is no error.
        self.tree.log(ACCOUNT, "us-east-1", "2026-11-20T10:05:00Z", [], raw=b"broken")
        document = report(str(self.dir), "--since", f"{DAY}T06:00:00Z", "--until", f"{DAY}T12:00:00Z")
        self.assertEqual(region(document, "us-east-1")["events"], 6)
        self.assertEqual(document["errors"], [])
        self.assertEqual(document["window"], {"since": f"{DAY}T06:00:00Z", "until": f"{DAY}T12:00:00Z"})
        self.assertEqual(region(document, "us-east-1")["window"], {"from": f"{DAY}T06:00:00Z", "until": f"{DAY}T12:00:00Z"})
        self.assertEqual(document["summary"]["records_outside_window"], 18)
        with_broken = report(str(self.dir), code=3)
        self.assertEqual(len(with_broken["errors"]), 1)


class BadInput(LogsTest):
    def test_each_unreadable_file_is_reported_by_name_and_the_rest_is_counted(self):
        good = self.tree.log(ACCOUNT, "us-east-1", f"{DAY}T10:05:00Z", [record("DescribeInstances", f"{DAY}T10:01:00Z")])
        whole = gzip.compress(json.dumps({"Records": [record("A", f"{DAY}T10:01:00Z")] * 50}).encode())
        truncated = self.tree.log(ACCOUNT, "us-east-1", f"{DAY}T10:10:00Z", [], raw=whole[: len(whole) // 2], compress=False)
        truncated = truncated.rename(truncated.with_name(truncated.name + ".gz"))
        bad = {
            "not-json": self.tree.log(ACCOUNT, "us-east-1", f"{DAY}T10:15:00Z", [], raw=b"<html>Access Denied</html>"),
            "not-utf8": self.tree.log(ACCOUNT, "us-east-1", f"{DAY}T10:20:00Z", [],
                                      raw=b'{"Records":[{"eventID":"\xff\xfe","eventName":"x"}]}'),
            "no-records": self.tree.log(ACCOUNT, "us-east-1", f"{DAY}T10:25:00Z", [], raw=b'{"records":[]}'),
            "too-big": self.tree.log(ACCOUNT, "us-east-1", f"{DAY}T10:30:00Z",
                                     [record("DescribeInstances", f"{DAY}T10:29:00Z", event_id=f"big-{i}") for i in range(6000)]),
        }
        missing_fields = self.tree.log(ACCOUNT, "us-east-1", f"{DAY}T10:35:00Z",
                                       [{"eventName": "NoIdOrTime", "awsRegion": "us-east-1"},
                                        record("DescribeVpcs", f"{DAY}T10:34:00Z")])
        document = report(str(self.dir), "--max-file-mb", "1", code=3)
        errors = {e["file"]: e["error"] for e in document["errors"]}
        self.assertIn(str(truncated), errors)
        self.assertIn("gzip", errors[str(truncated)])
        for name, path in bad.items():
            self.assertIn(str(path), errors, name)
        self.assertIn("limit", errors[str(bad["too-big"])])
        self.assertIn("record 0: no eventID", errors[str(missing_fields)])
        self.assertEqual(region(document, "us-east-1")["events"], 2)  # the good file and the good record
        self.assertEqual(document["summary"]["result"], "incomplete")
        self.assertEqual(document["summary"]["errors"], len(document["errors"]))
        self.assertTrue(good.exists())

    def test_usage_errors_exit_2_with_a_message(self):
        for args, words in ((["--since", "yesterday", str(self.dir)], "--since"),
                            ([str(self.dir / "nowhere")], "no such"),
                            ([str(self.dir), "-o", "yaml"], "unknown format"),
                            ([str(self.dir), "-o", "json,text"], "--out-dir"),
                            ([str(self.dir), "--accounts", "123"], "12-digit"),
                            ([str(self.dir), "--since", "2026-12-02", "--until", "2026-12-01"], "later")):
            result = run(*args)
            self.assertEqual(result.returncode, 2, args)
            self.assertIn(words, result.stderr, args)
            self.assertNotIn("terminate", result.stderr)

    def test_several_formats_go_to_out_dir(self):
        self.tree.hourly(ACCOUNT, ["us-east-1"], DAY, range(2))
        out = self.dir / "out"
        result = run(str(self.dir / "AWSLogs"), "-o", "json,ndjson,text", "--out-dir", str(out))
        self.assertIn(result.returncode, (0, 1), result.stderr)
        REPORT.validate(json.loads((out / "logs-report.json").read_text()))
        self.assertIn("Delivery per account and region", (out / "logs-report.txt").read_text())
        self.assertTrue((out / "logs-report.ndjson").read_text().endswith("\n"))


class Findings(LogsTest):
    def test_expected_regions_report_every_event_elsewhere_grouped(self):
        self.tree.log(ACCOUNT, "us-east-1", f"{DAY}T10:05:00Z", [record("DescribeInstances", f"{DAY}T10:01:00Z")])
        self.tree.log(ACCOUNT, "ap-south-1", f"{DAY}T10:05:00Z", [
            record("RunInstances", f"{DAY}T10:0{i}:00Z", "ap-south-1", read_only=False, source_ip="203.0.113.9",
                   principal="arn:aws:iam::111122223333:user/mallory") for i in range(3)])
        document = report(str(self.dir), "--expected-regions", "us-east-1,eu-west-1", code=1)
        activity = document["unused_region_activity"]
        self.assertEqual(len(activity), 1)
        self.assertEqual((activity[0]["region"], activity[0]["event_name"], activity[0]["count"], activity[0]["high_risk"]),
                         ("ap-south-1", "RunInstances", 3, True))
        self.assertEqual((activity[0]["time"], activity[0]["last_time"]), (f"{DAY}T10:00:00Z", f"{DAY}T10:02:00Z"))
        self.assertEqual(activity[0]["principal"], "arn:aws:iam::111122223333:user/mallory")
        self.assertEqual(document["unused_regions"], {ACCOUNT: ["ap-south-1"]})

    def test_without_expected_regions_the_quiet_rule_picks_unused_regions(self):
        busy = [record("DescribeInstances", f"{DAY}T10:{i // 60:02d}:{i % 60:02d}Z", event_id=f"e{i}") for i in range(600)]
        self.tree.log(ACCOUNT, "us-east-1", f"{DAY}T10:15:00Z", busy)
        self.tree.log(ACCOUNT, "sa-east-1", f"{DAY}T10:05:00Z",
                      [record("CreateKeyPair", f"{DAY}T10:01:00Z", "sa-east-1", read_only=False)])
        document = report(str(self.dir), code=1)
        self.assertEqual(document["unused_regions"], {ACCOUNT: ["sa-east-1"]})
        self.assertIn("10,000", document["unused_region_rule"])
        self.assertEqual([a["event_name"] for a in document["unused_region_activity"]], ["CreateKeyPair"])

    def test_tampering_lists_attempts_apart_from_successes_and_only_the_log_bucket(self):
        self.tree.hourly(ACCOUNT, ["us-east-1"], DAY, range(1))  # its digest names the log bucket: org-logs
        self.tree.log(ACCOUNT, "us-east-1", f"{DAY}T00:20:00Z", [
            record("StopLogging", f"{DAY}T00:10:00Z", source="cloudtrail.amazonaws.com", read_only=False,
                   request_parameters={"name": "main"}),
            record("DeleteTrail", f"{DAY}T00:11:00Z", source="cloudtrail.amazonaws.com", read_only=False,
                   error_code="AccessDenied", request_parameters={"name": f"arn:aws:cloudtrail:us-east-1:{ACCOUNT}:trail/main"}),
            record("PutEventSelectors", f"{DAY}T00:12:00Z", source="cloudtrail.amazonaws.com", read_only=False,
                   error_code="TrailNotFoundException", request_parameters={"trailName": "main"}),
            record("DeleteBucket", f"{DAY}T00:13:00Z", source="s3.amazonaws.com", read_only=False,
                   request_parameters={"bucketName": "org-logs"}),
            record("PutBucketPolicy", f"{DAY}T00:14:00Z", source="s3.amazonaws.com", read_only=False,
                   request_parameters={"bucketName": "website"})])
        document = report(str(self.dir), code=1)
        tampering = [(t["event_name"], t["target"], t["succeeded"], t.get("error_code")) for t in document["tampering"]]
        self.assertEqual(tampering, [("StopLogging", "main", True, None),
                                     ("DeleteTrail", f"arn:aws:cloudtrail:us-east-1:{ACCOUNT}:trail/main", False, "AccessDenied"),
                                     ("PutEventSelectors", "main", False, "TrailNotFoundException"),
                                     ("DeleteBucket", "org-logs", True, None)])
        self.assertEqual(document["summary"]["tampering_attempts_failed"], 2)
        text = run(str(self.dir)).stdout
        self.assertIn("attempt failed (AccessDenied)", text)
        self.assertIn("SUCCEEDED", text)


class SchemaRefusesBrokenReports(LogsTest):
    def test_the_schema_is_strict_enough_to_catch_writer_mistakes(self):
        self.tree.hourly(ACCOUNT, ["us-east-1"], DAY, range(2))
        document = report(str(self.dir))
        for breaking in (lambda d: d["regions"][0].pop("events"), lambda d: d["regions"][0].update(extra=1),
                         lambda d: d["summary"].update(result="fine"), lambda d: d.pop("tampering"),
                         lambda d: d["regions"][0].update(first_event="yesterday")):
            broken = copy.deepcopy(document)
            breaking(broken)
            with self.assertRaises(jsonschema.ValidationError):
                REPORT.validate(broken)


if __name__ == "__main__":
    run_tests(globals())
