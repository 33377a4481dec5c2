"""-o ocsf and -o ocsf-ndjson against a JSON Schema compiled from the vendored OCSF 1.6.0 definition files
(tests/tools/ocsf_schema.py over tests/data/schemas/ocsf-1.6.0, with the profiles each event lists in
metadata.profiles), plus what the schema cannot say: one event per finding, the check's result in
compliance.status_id (never the workflow status_id), milliseconds, a stable finding uid, the control's
standards. Events broken on purpose (a required field missing, a wrong enum value) are refused.

    python3 test_ocsf_report.py --trailguard build/trailguard --sample build/tests/report/report_sample
"""

from __future__ import annotations

import copy
import functools
import json
import sys
import time
import unittest

import jsonschema

import report_schema

sys.path.insert(0, str(report_schema.SOURCE_DIR / "tests" / "tools"))
import ocsf_schema  # noqa: E402

TRAILGUARD = SAMPLE = ""
OCSF_DIR = report_schema.SOURCE_DIR / "tests" / "data" / "schemas" / "ocsf-1.6.0"
CONTROL = json.loads((report_schema.SOURCE_DIR / "src" / "control" / "cloudtrail_multi_region.json").read_text())
COMPLIANCE_STATUS = {"PASS": (1, "Pass"), "FAIL": (3, "Fail"), "ERROR": (2, "Warning"), "SKIPPED": (99, "Skipped")}


@functools.cache
def validator(profiles: tuple[str, ...]) -> jsonschema.Draft202012Validator:
    schema, _ = ocsf_schema.compile_event(OCSF_DIR, "compliance_finding", list(profiles))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def check_event(event: dict) -> None:
    """Raises jsonschema.ValidationError unless `event` is a valid OCSF 1.6.0 Compliance Finding."""
    profiles = tuple(sorted(event.get("metadata", {}).get("profiles", [])))
    error = jsonschema.exceptions.best_match(validator(profiles).iter_errors(event))
    if error is not None:
        raise error


class OcsfEvents(unittest.TestCase):
    def assert_events_carry(self, events: list[dict], findings: list[dict], names: dict[str, str]) -> None:
        self.assertEqual(len(events), len(findings))
        now_ms = time.time() * 1000
        for event, finding in zip(events, findings):
            check_event(event)
            self.assertLess(abs(event["time"] - now_ms), 86_400_000, "time is now, in milliseconds")
            self.assertEqual(event["type_uid"], event["class_uid"] * 100 + event["activity_id"])
            self.assertEqual(event["status_id"], 1, "the workflow status is New; the result is compliance's")
            compliance = event["compliance"]
            self.assertEqual((compliance["status_id"], compliance["status"]), COMPLIANCE_STATUS[finding["status"]])
            self.assertEqual(compliance.get("status_details", []), finding["reasons"])
            self.assertEqual(compliance["control"], CONTROL["id"])
            self.assertEqual(compliance["requirements"], [f"{f['framework']} {f['version']}: {f['control']}"
                                                          for f in CONTROL["frameworks"]])
            self.assertEqual(set(compliance["standards"]), {f"{f['framework']} {f['version']}" for f in CONTROL["frameworks"]})
            self.assertEqual(event["cloud"], {"provider": "AWS", "region": finding["region"],
                                              "account": {"uid": finding["account_id"], "type_id": 10, "type": "AWS Account",
                                                          **({"name": names[finding["account_id"]]}
                                                             if names.get(finding["account_id"]) else {})}})
            self.assertEqual([r["uid"] for r in event["resources"]], [finding["account_id"], *finding["trails"]])
            self.assertEqual(event["message"], finding["message"])
            self.assertEqual(event["finding_info"]["uid"],
                             f"trailguard/{CONTROL['id']}/{finding['account_id']}/{finding['region']}")
        self.assertEqual(len({e["finding_info"]["uid"] for e in events}), len(events), "one uid per (account, region)")

    def test_every_fixture_gives_valid_events_of_its_findings(self):
        for directory, args in report_schema.report_fixtures():
            with self.subTest(fixture=directory.name):
                report = json.loads(report_schema.scan_output(TRAILGUARD, directory, args, "json"))
                names = {a["account_id"]: a.get("account_name", "") for a in report["accounts"]}
                array = json.loads(report_schema.scan_output(TRAILGUARD, directory, args, "ocsf"))
                self.assert_events_carry(array, report["findings"], names)
                lines = report_schema.scan_output(TRAILGUARD, directory, args, "ocsf-ndjson").splitlines()
                streamed = [json.loads(line) for line in lines]
                strip = lambda events: [{k: v for k, v in e.items() if k != "time"} for e in events]
                self.assertEqual(strip(streamed), strip(array), "the same events, one per line")

    def test_sample_strings_survive(self):
        findings = json.loads(report_schema.sample_output(SAMPLE, "expected"))
        events = json.loads(report_schema.sample_output(SAMPLE, "ocsf"))
        for event in events:
            check_event({**event, "time": int(time.time() * 1000)})
        self.assertEqual([e["message"] for e in events], [f["message"] for f in findings])

    def test_broken_events_are_refused(self):
        mixed = report_schema.SOURCE_DIR / "examples" / "evidence" / "mixed"
        good = json.loads(report_schema.scan_output(TRAILGUARD, mixed, [], "ocsf"))[0]
        check_event(good)
        breakages = {
            "finding_info.uid missing": lambda e: e["finding_info"].pop("uid"),
            "metadata.version missing": lambda e: e["metadata"].pop("version"),
            "cloud missing (cloud profile)": lambda e: e.pop("cloud"),
            "time missing": lambda e: e.pop("time"),
            "compliance.status_id 4": lambda e: e["compliance"].update(status_id=4),
            "severity_id 7": lambda e: e.update(severity_id=7),
            "class_uid of Detection Finding": lambda e: e.update(class_uid=2004),
            "type_uid not class_uid*100+activity": lambda e: e.update(type_uid=200304),
            "time as text": lambda e: e.update(time="2026-01-01T00:00:00Z"),
            "an attribute OCSF does not have": lambda e: e.update(check_result="FAIL"),
            "an account without uid nor name": lambda e: e["cloud"].update(account={"type_id": 10}),
        }
        for name, mutate in breakages.items():
            broken = copy.deepcopy(good)
            mutate(broken)
            with self.subTest(breakage=name), self.assertRaises(jsonschema.ValidationError):
                check_event(broken)
        without_cloud_profile = copy.deepcopy(good)
        without_cloud_profile["metadata"]["profiles"] = []
        with self.assertRaises(jsonschema.ValidationError, msg="cloud is an attribute of the cloud profile only"):
            check_event(without_cloud_profile)


if __name__ == "__main__":
    report_schema.test_main(globals())
