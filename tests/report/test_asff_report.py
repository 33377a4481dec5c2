"""-o asff against the installed botocore's Security Hub model (asff_model.py), plus what the model cannot
say: one finding per judged (account, region) and none for SKIPPED ones, Compliance.Status from the status,
the reason codes as StatusReasons, a stable Id, the account's default ProductArn, the account and trail ARNs
as resources. Findings broken on purpose (a required member missing, a wrong enum, a Title too long) are
refused, so that the check can fail.

    python3 test_asff_report.py --trailguard build/trailguard --sample build/tests/report/report_sample
"""

from __future__ import annotations

import copy
import json
import time
import unittest
from datetime import datetime

import asff_model
import report_schema

TRAILGUARD = SAMPLE = ""
CONTROL = json.loads((report_schema.SOURCE_DIR / "src" / "control" / "cloudtrail_multi_region.json").read_text())
COMPLIANCE = {"PASS": "PASSED", "FAIL": "FAILED", "ERROR": "NOT_AVAILABLE"}


def partition(region: str) -> str:
    return "aws-cn" if region.startswith("cn-") else "aws-us-gov" if region.startswith("us-gov-") else "aws"


class AsffFindings(unittest.TestCase):
    def assert_findings_carry(self, findings: list[dict], report: dict, now: bool = True) -> None:
        judged = [f for f in report["findings"] if f["status"] != "SKIPPED"]
        self.assertEqual(len(findings), len(judged))
        for finding, source in zip(findings, judged):
            self.assertEqual(asff_model.problems(finding), [], finding["Id"])
            account, region = source["account_id"], source["region"]
            self.assertEqual(finding["Id"], f"trailguard/{CONTROL['id']}/{account}/{region}")
            self.assertEqual(finding["ProductArn"], f"arn:{partition(region)}:securityhub:{region}:{account}:product/{account}/default")
            self.assertEqual((finding["AwsAccountId"], finding["Region"]), (account, region))
            self.assertEqual(finding["Compliance"]["Status"], COMPLIANCE[source["status"]])
            self.assertEqual([r["ReasonCode"] for r in finding["Compliance"].get("StatusReasons", [])], source["reasons"])
            self.assertEqual(finding["Description"], source["message"])
            self.assertEqual([r["Id"] for r in finding["Resources"]], [f"AWS::::Account:{account}", *source["trails"]])
            self.assertEqual(finding["Severity"]["Label"], "INFORMATIONAL" if source["status"] == "PASS" else CONTROL["severity"].upper())
            self.assertIn("CIS AWS Foundations Benchmark v1.4.0/3.1", finding["Compliance"]["RelatedRequirements"])
            created = datetime.fromisoformat(finding["CreatedAt"].replace("Z", "+00:00")).timestamp()
            if now:  # the sample report is stamped 0, the epoch
                self.assertLess(abs(created - time.time()), 86_400, "CreatedAt is the run's time")
        self.assertEqual(len({f["Id"] for f in findings}), len(findings), "one Id per (account, region)")

    def test_every_fixture_gives_importable_findings_of_its_judged_regions(self):
        for directory, args in report_schema.report_fixtures():
            with self.subTest(fixture=directory.name):
                report = json.loads(report_schema.scan_output(TRAILGUARD, directory, args, "json"))
                self.assert_findings_carry(json.loads(report_schema.scan_output(TRAILGUARD, directory, args, "asff")), report)

    def test_the_sample_report_with_every_status_and_awkward_strings(self):
        findings = json.loads(report_schema.sample_output(SAMPLE, "asff"))
        report = json.loads(report_schema.sample_output(SAMPLE, "json"))
        self.assert_findings_carry(findings, report, now=False)
        self.assertEqual(findings[0]["CreatedAt"], "1970-01-01T00:00:00.000Z")
        self.assertIn("SKIPPED", {f["status"] for f in report["findings"]}, "the sample has a SKIPPED region to leave out")

    def test_broken_findings_are_refused(self):
        good = json.loads(report_schema.sample_output(SAMPLE, "asff"))[0]
        self.assertEqual(asff_model.problems(good), [])
        breakages = {
            "no Id": lambda f: f.pop("Id"),
            "no Resources": lambda f: f.pop("Resources"),
            "wrong compliance enum": lambda f: f["Compliance"].update(Status="PASS"),
            "wrong record state": lambda f: f.update(RecordState="LIVE"),
            "unknown member": lambda f: f.update(Verdict="PASS"),
            "blank title": lambda f: f.update(Title="   "),
            "title too long": lambda f: f.update(Title="x" * 257),
            "resource without Type": lambda f: f["Resources"][0].pop("Type"),
            "severity as a number": lambda f: f["Severity"].update(Label=3),
            "timestamp not ISO 8601": lambda f: f.update(CreatedAt="yesterday"),
            "type outside the namespaces": lambda f: f.update(Types=["CIS"]),
            "too many requirements": lambda f: f["Compliance"].update(RelatedRequirements=["r"] * 33),
        }
        for name, breakage in breakages.items():
            with self.subTest(breakage=name):
                broken = copy.deepcopy(good)
                breakage(broken)
                self.assertNotEqual(asff_model.problems(broken), [], name)


if __name__ == "__main__":
    report_schema.test_main(globals())
