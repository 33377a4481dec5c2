"""Every evidence fixture's -o json and -o ndjson output satisfies docs/schema/, and the schema is strict
enough to refuse the mistakes a writer could make (a field missing, an enum value misspelt, a field added
without the schema knowing it).

    python3 test_report_schema.py --trailguard build/trailguard --sample build/tests/report/report_sample
"""

from __future__ import annotations

import copy
import json
import re
import unittest

import jsonschema

import report_schema

TRAILGUARD = SAMPLE = ""


class FixtureReports(unittest.TestCase):
    def test_every_fixture_report_and_stream_is_valid(self):
        fixtures = report_schema.report_fixtures()
        self.assertGreaterEqual(len(fixtures), 30, "the fixtures that produce a report were not found")
        for directory, args in fixtures:
            with self.subTest(fixture=directory.name):
                document = json.loads(report_schema.scan_output(TRAILGUARD, directory, args, "json"))
                report_schema.check_report(document)
                self.assertEqual(document["schema_version"], "1.0")
                lines = report_schema.check_lines(report_schema.scan_output(TRAILGUARD, directory, args, "ndjson"))
                self.assertEqual(sum(line["type"] == "finding" for line in lines), len(document["findings"]))


class SchemaFollowsTheCode(unittest.TestCase):
    def test_the_reason_code_enum_is_the_evaluators_list(self):
        """A reason code added to src/control/reason.cpp must be added to the schema (and docs/output.md's
        table) in the same change, or reports using it would fail validation in the field."""
        source = (report_schema.SOURCE_DIR / "src" / "control" / "reason.cpp").read_text()
        entries = re.findall(r'Entry\{ReasonCode::(\w+), "(\w+)", ReasonKind::(\w+)\}', source)
        self.assertGreaterEqual(len(entries), 18, "reason.cpp's table was not found")
        schema = json.loads((report_schema.SCHEMA_DIR / "report.schema.json").read_text())
        self.assertEqual(schema["$defs"]["reason_code"]["enum"], [name for _, name, _ in entries])
        self.assertEqual(set(schema["$defs"]["reason_kind"]["enum"]), {kind for _, _, kind in entries})
        documented = (report_schema.SOURCE_DIR / "docs" / "output.md").read_text()
        for _, name, kind in entries:
            self.assertIn(f"| `{name}` | {kind} |", documented)


class BrokenReportsFail(unittest.TestCase):
    """Each mutation of a valid report must be refused: the schema is shown able to fail."""

    @classmethod
    def setUpClass(cls):
        mixed = report_schema.SOURCE_DIR / "examples" / "evidence" / "mixed"
        cls.report = json.loads(report_schema.scan_output(TRAILGUARD, mixed, [], "json"))
        cls.lines = report_schema.check_lines(report_schema.scan_output(TRAILGUARD, mixed, [], "ndjson"))
        report_schema.check_report(cls.report)

    def refused(self, mutate):
        broken = copy.deepcopy(self.report)
        mutate(broken)
        with self.assertRaises(jsonschema.ValidationError):
            report_schema.check_report(broken)

    def test_missing_required_fields(self):
        self.refused(lambda r: r["findings"][0].pop("status"))
        self.refused(lambda r: r["findings"][0].pop("message"))
        self.refused(lambda r: r["accounts"][0].pop("regions"))
        self.refused(lambda r: r.pop("schema_version"))
        self.refused(lambda r: r["summary"]["accounts"].pop("skipped"))

    def test_wrong_enum_values(self):
        self.refused(lambda r: r["findings"][0].update(status="WARN"))
        self.refused(lambda r: r["findings"][0].update(reasons=["no_trails"]))
        self.refused(lambda r: r["findings"][0]["details"].append({"code": "no_trail", "kind": "fatal", "text": ""}))
        self.refused(lambda r: r["summary"].update(status="SKIPPED"))

    def test_wrong_shapes_and_unknown_fields(self):
        self.refused(lambda r: r["findings"][0].update(account_id="12345"))
        self.refused(lambda r: r["findings"][0].update(trails=["not-an-arn"]))
        self.refused(lambda r: r["findings"][0].update(surprise=True))
        self.refused(lambda r: r["summary"]["regions"].update(PASS=-1))
        self.refused(lambda r: r.update(schema_version="2.0"))

    def test_broken_stream_lines(self):
        finding = next(line for line in self.lines if line["type"] == "finding")
        for broken in ({**finding, "type": "findings"}, {k: v for k, v in finding.items() if k != "type"},
                       {**finding, "status": "pass"}, {k: v for k, v in self.lines[-1].items() if k != "complete"}):
            with self.subTest(broken=broken), self.assertRaises(jsonschema.ValidationError):
                report_schema.check_line(broken)
        with self.assertRaises(jsonschema.ValidationError):  # cut off before its summary
            report_schema.check_lines("\n".join(json.dumps(line) for line in self.lines[:-1]))


if __name__ == "__main__":
    report_schema.test_main(globals())
