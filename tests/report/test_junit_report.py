"""-o junit checked with xmllint against Jenkins xUnit's junit-10.xsd (tests/data/schemas/junit/) and read back
with Python's XML parser: every fixture's document is valid and counts what its JSON report counts, the
sample's nastiest strings (report_sample) come back in both the message attribute and the element text, and
documents broken on purpose (a testcase without name, an unescaped '&') are refused.

    python3 test_junit_report.py --trailguard build/trailguard --sample build/tests/report/report_sample
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import report_schema

TRAILGUARD = SAMPLE = ""
XSD = report_schema.SOURCE_DIR / "tests" / "data" / "schemas" / "junit" / "junit-10.xsd"
ELEMENT = {"FAIL": "failure", "ERROR": "error", "SKIPPED": "skipped"}


def xmllint(text: str) -> subprocess.CompletedProcess:
    with tempfile.NamedTemporaryFile("w", suffix=".xml", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        return subprocess.run(["xmllint", "--noout", "--schema", str(XSD), f.name], capture_output=True, text=True,
                              timeout=60)


def sample(output: str) -> str:
    return report_schema.sample_output(SAMPLE, output)


def xml_safe(text: str) -> str:
    """What XML 1.0 can carry of `text`: the writer replaces C0 controls other than tab, LF and CR by U+FFFD."""
    return "".join("\ufffd" if ord(c) < 0x20 and c not in "\t\n\r" else c for c in text)


class JunitReports(unittest.TestCase):
    def assert_valid(self, text: str) -> ElementTree.Element:
        lint = xmllint(text)
        self.assertEqual(lint.returncode, 0, lint.stderr)
        return ElementTree.fromstring(text.encode())

    def assert_carries(self, root: ElementTree.Element, findings: list[dict]) -> None:
        cases = root.findall("./testsuite/testcase")
        self.assertEqual(len(cases), len(findings))
        for case, finding in zip(cases, findings):
            self.assertEqual(case.get("name"), finding["region"])
            self.assertTrue(case.get("classname").endswith("." + finding["account_id"]), case.get("classname"))
            outcome = [child for child in case if child.tag in ELEMENT.values()]
            if finding["status"] == "PASS":
                self.assertEqual(outcome, [], finding)
                continue
            self.assertEqual([e.tag for e in outcome], [ELEMENT[finding["status"]]], finding)
            self.assertEqual(outcome[0].get("message"), xml_safe(finding["message"]))
            self.assertEqual(outcome[0].text, xml_safe(finding["message"]), "GitLab shows the element's text")
            self.assertEqual(outcome[0].get("type"), ",".join(finding["reasons"]))

    def test_sample_is_valid_and_its_strings_come_back(self):
        findings = json.loads(sample("expected"))
        root = self.assert_valid(sample("junit"))
        self.assert_carries(root, findings)
        suites = root.findall("./testsuite")
        self.assertEqual(suites[0].get("name"), "Account 111111111111 (prod, \"web\" <&> 'eu')")
        self.assertEqual(root.get("failures"), str(sum(f["status"] == "FAIL" for f in findings)))

    def test_every_fixture_is_valid_and_counts_what_json_counts(self):
        for directory, args in report_schema.report_fixtures():
            with self.subTest(fixture=directory.name):
                report = json.loads(report_schema.scan_output(TRAILGUARD, directory, args, "json"))
                root = self.assert_valid(report_schema.scan_output(TRAILGUARD, directory, args, "junit"))
                self.assert_carries(root, report["findings"])
                regions = report["summary"]["regions"]
                self.assertEqual(root.get("tests"), str(sum(regions.values())))
                self.assertEqual(root.get("failures"), str(regions["FAIL"]))
                self.assertEqual(root.get("errors"), str(regions["ERROR"]))
                for suite, account in zip(root.findall("./testsuite"), report["accounts"]):
                    self.assertEqual(suite.get("skipped"), str(account["regions"]["SKIPPED"]))

    def test_broken_documents_are_refused(self):
        good = sample("junit")
        self.assert_valid(good)
        for broken in (good.replace('<testcase name="us-east-1" ', "<testcase ", 1),  # name is required
                       good.replace("&amp;", "&", 1),                                  # not even well-formed
                       good.replace("<testsuite name=", "<testsuite label=", 1)):     # a testsuite without name
            self.assertNotEqual(broken, good)
            self.assertNotEqual(xmllint(broken).returncode, 0, broken[:400])


if __name__ == "__main__":
    report_schema.test_main(globals())
