"""-o csv read back with Python's csv module: the writer's nastiest strings (report_sample: commas, quotes,
CR/LF, tabs, a formula-like account name) come back exactly, and every evidence fixture's CSV carries the
same findings as its JSON report, field by field. A CSV that was not quoted properly is shown to fail.

    python3 test_csv_report.py --trailguard build/trailguard --sample build/tests/report/report_sample
"""

from __future__ import annotations

import csv
import io
import json
import unittest

import report_schema

TRAILGUARD = SAMPLE = ""
HEADER = ["account_id", "account_name", "region", "status", "reasons", "trails", "message"]


def rows_of(text: str) -> list[list[str]]:
    """The rows of an RFC 4180 document: header checked, then the data rows."""
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    if not rows or rows[0] != HEADER:
        raise AssertionError(f"header is {rows[:1]}, not {HEADER}")
    return rows[1:]


def expected_rows(findings: list[dict]) -> list[list[str]]:
    return [[f["account_id"], f.get("account_name", ""), f["region"], f["status"], ";".join(f["reasons"]),
             ";".join(f["trails"]), f["message"]] for f in findings]


def assert_same(test: unittest.TestCase, text: str, findings: list[dict]) -> None:
    test.assertEqual(rows_of(text), expected_rows(findings))


def sample(output: str) -> str:
    return report_schema.sample_output(SAMPLE, output)


class CsvRoundTrip(unittest.TestCase):
    def test_sample_strings_come_back_exactly(self):
        text = sample("csv")
        self.assertTrue(text.endswith("\r\n"), "RFC 4180 records end with CRLF")
        findings = json.loads(sample("expected"))
        self.assertTrue(any("\r\n" in f["message"] for f in findings), "the sample has a CR/LF inside a message")
        assert_same(self, text, findings)

    def test_every_fixture_carries_its_json_findings(self):
        for directory, args in report_schema.report_fixtures():
            with self.subTest(fixture=directory.name):
                report = json.loads(report_schema.scan_output(TRAILGUARD, directory, args, "json"))
                names = {a["account_id"]: a.get("account_name", "") for a in report["accounts"]}
                findings = [{**f, "account_name": names[f["account_id"]]} for f in report["findings"]]
                text = report_schema.scan_output(TRAILGUARD, directory, args, "csv")
                self.assertEqual(text.count("\r\n"), len(findings) + 1, "CRLF after each record (no message holds one)")
                assert_same(self, text, findings)

    def test_a_broken_csv_fails(self):
        findings = json.loads(sample("expected"))
        good = sample("csv")
        unquoted = good.replace('"prod, ""web"" <&> \'eu\'"', "prod, \"web\" <&> 'eu'")  # the quoting undone
        self.assertNotEqual(unquoted, good)
        with self.assertRaises((AssertionError, csv.Error)):
            assert_same(self, unquoted, findings)
        with self.assertRaises(AssertionError):
            rows_of(good.replace("account_name,", "name,", 1))


if __name__ == "__main__":
    report_schema.test_main(globals())
