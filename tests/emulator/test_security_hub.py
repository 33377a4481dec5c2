#!/usr/bin/env python3
"""`scan --send-to-security-hub [--archive-stale]` against moto_server's Security Hub: every judged region's
finding imported in its own region and account, importable by the installed botocore's model
(tests/report/asff_model.py, since moto checks almost nothing), updated rather than duplicated by a second run;
a partial failure (BatchImportFindings refusing some findings, made through the fault proxy) reported by Id with
exit 3; stale findings archived only when asked; usage errors before any call.

One moto_server for the suite, reset between tests. Ends with "N passed, M failed".
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
import asff_model  # noqa: E402
import moto_server as emulator  # noqa: E402
from report_json import parsed_report  # noqa: E402

TRAILGUARD = ""
ACCOUNT = emulator.MOTO_DEFAULT_ACCOUNT
GENERATOR = "trailguard/cloudtrail-multi-region-enabled"


def finding_id(region: str, account: str = ACCOUNT) -> str:
    return f"{GENERATOR}/{account}/{region}"


class SecurityHubAgainstMoto(emulator.MotoTestCase):
    def scan(self, *args: str, endpoint: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([TRAILGUARD, "scan", "--endpoint-url", endpoint or self.moto.url, *args], env=self.env,
                              capture_output=True, text=True, timeout=180, check=False)

    def findings(self, region: str, client=None) -> list[dict]:
        hub = client(region) if client else self.moto.client("securityhub", region)
        found, token = [], None
        while True:
            page = hub.get_findings(**({"NextToken": token} if token else {}))
            found += page["Findings"]
            token = page.get("NextToken")
            if not token:
                return [f for f in found if f.get("GeneratorId") == GENERATOR]

    def judged(self, report: dict) -> list[dict]:
        return [f for f in report["findings"] if f["status"] != "SKIPPED"]

    def test_every_judged_region_is_imported_in_its_region_once(self):
        emulator.seed_trail(self.moto, "main", read_write_type="ReadOnly")
        first = self.scan("--send-to-security-hub", "-o", "json")
        self.assertEqual(first.returncode, 1, first.stderr)  # the scan's verdict: FAIL
        report = parsed_report(first.stdout)
        judged = self.judged(report)
        self.assertIn(f"Security Hub: {len(judged)} finding(s) imported, 0 failed", first.stderr)
        for source in judged:
            stored = self.findings(source["region"])
            self.assertEqual([f["Id"] for f in stored], [finding_id(source["region"])], source["region"])
            finding = stored[0]
            self.assertEqual(asff_model.problems(finding), [])
            self.assertEqual(finding["Compliance"]["Status"], "FAILED")
            self.assertEqual([r["ReasonCode"] for r in finding["Compliance"]["StatusReasons"]], source["reasons"])
            self.assertEqual(finding["ProductArn"], f"arn:aws:securityhub:{source['region']}:{ACCOUNT}:product/{ACCOUNT}/default")
        skipped = [f["region"] for f in report["findings"] if f["status"] == "SKIPPED"]
        self.assertTrue(skipped, "moto lists opt-in regions as not opted in")
        self.assertEqual(self.findings(skipped[0]), [], "a SKIPPED region gets no finding")

        # Repaired and scanned again: the same findings, updated in place.
        self.moto.client("cloudtrail").put_event_selectors(
            TrailName="main", EventSelectors=[{"ReadWriteType": "All", "IncludeManagementEvents": True}])
        second = self.scan("--send-to-security-hub", "-o", "json")
        self.assertEqual(second.returncode, 0, second.stderr)
        for source in self.judged(parsed_report(second.stdout)):
            stored = self.findings(source["region"])
            self.assertEqual(len(stored), 1, source["region"])
            self.assertEqual(stored[0]["Compliance"]["Status"], "PASSED")

    def test_refused_findings_are_named_and_exit_3(self):
        emulator.seed_trail(self.moto, "main")
        with emulator.FaultProxy(self.moto.url) as proxy:
            proxy.rules([{"match": {"path": "/findings/import"}, "fault": "fail_findings", "ids_containing": "/eu-west-1",
                          "code": "InvalidInput", "message": "Finding rejected"}])
            run = self.scan("--send-to-security-hub", "-o", "json", endpoint=proxy.url)
        self.assertEqual(run.returncode, 3, run.stderr)
        self.assertIn(f"Security Hub refused finding {finding_id('eu-west-1')} (InvalidInput): Finding rejected", run.stderr)
        judged = self.judged(parsed_report(run.stdout))
        self.assertIn(f"Security Hub: {len(judged) - 1} finding(s) imported, 1 failed", run.stderr)
        self.assertEqual(self.findings("eu-west-1"), [])
        self.assertEqual(len(self.findings("us-east-1")), 1)

    def test_import_failure_of_a_whole_batch_is_reported(self):
        emulator.seed_trail(self.moto, "main")
        with emulator.FaultProxy(self.moto.url) as proxy:
            proxy.rules([{"match": {"path": "/findings/import"}, "fault": "status", "status": 403,
                          "code": "AccessDeniedException", "message": "not subscribed"}])
            run = self.scan("--send-to-security-hub", "--max-attempts", "1", endpoint=proxy.url)
        self.assertEqual(run.returncode, 3, run.stderr)
        self.assertIn("AccessDeniedException", run.stderr)
        self.assertIn("0 finding(s) imported", run.stderr)

    def test_stale_findings_are_archived_only_when_asked(self):
        emulator.seed_trail(self.moto, "main")
        first = self.scan("--send-to-security-hub", "-o", "json")
        self.assertEqual(first.returncode, 0, first.stderr)
        skipped = next(f["region"] for f in parsed_report(first.stdout)["findings"] if f["status"] == "SKIPPED")
        # A finding of an earlier run, when the region was still enabled: the same finding trailguard writes.
        stale = dict(self.findings("us-east-1")[0], Id=finding_id(skipped), Region=skipped,
                     ProductArn=f"arn:aws:securityhub:{skipped}:{ACCOUNT}:product/{ACCOUNT}/default")
        hub = self.moto.client("securityhub", skipped)
        self.assertEqual(hub.batch_import_findings(Findings=[stale])["FailedCount"], 0)

        kept = self.scan("--send-to-security-hub")
        self.assertEqual(kept.returncode, 0, kept.stderr)
        self.assertEqual([f["RecordState"] for f in self.findings(skipped)], ["ACTIVE"], "nothing archived unasked")

        archived = self.scan("--send-to-security-hub", "--archive-stale")
        self.assertEqual(archived.returncode, 0, archived.stderr)
        self.assertIn("1 stale finding(s) archived", archived.stderr)
        self.assertEqual([f["RecordState"] for f in self.findings(skipped)], ["ARCHIVED"])
        self.assertEqual([f["RecordState"] for f in self.findings("us-east-1")], ["ACTIVE"], "current findings stay")

    def test_two_hundred_fifty_stale_findings_are_archived_in_three_batches(self):
        emulator.seed_trail(self.moto, "main")
        first = self.scan("--send-to-security-hub", "-o", "json")
        self.assertEqual(first.returncode, 0, first.stderr)
        judged = len(self.judged(parsed_report(first.stdout)))
        current = self.findings("us-east-1")[0]
        hub = self.moto.client("securityhub", "us-east-1")
        stale = [dict(current, Id=f"{finding_id('us-east-1')}/old-{n}") for n in range(250)]
        for start in range(0, 250, 100):
            self.assertEqual(hub.batch_import_findings(Findings=stale[start:start + 100])["FailedCount"], 0)

        with emulator.FaultProxy(self.moto.url) as proxy:
            run = self.scan("--send-to-security-hub", "--archive-stale", endpoint=proxy.url)
            imports = [r for r in proxy.log() if r["path"] == "/findings/import"]
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn(f"Security Hub: {judged} finding(s) imported, 0 failed, 250 stale finding(s) archived", run.stderr)
        # One request per judged region for the current findings, then 100 + 100 + 50 for the stale ones
        # (GetFindings pages of 100 collected first).
        self.assertEqual(len(imports), judged + 3)
        states = {f["Id"]: f["RecordState"] for f in self.findings("us-east-1")}
        self.assertEqual(len(states), 251)
        self.assertEqual(states.pop(finding_id("us-east-1")), "ACTIVE")
        self.assertEqual(set(states.values()), {"ARCHIVED"})

    def test_usage_errors_come_before_any_call(self):
        with emulator.FaultProxy(self.moto.url) as proxy:
            for args in (["--archive-stale"], ["--send-to-security-hub", "--evidence", "/nonexistent"]):
                run = self.scan(*args, endpoint=proxy.url)
                self.assertEqual(run.returncode, 2, run.stderr)
                self.assertIn("--send-to-security-hub", run.stderr)
            self.assertEqual(proxy.log(), [], "nothing was called")


if __name__ == "__main__":
    TRAILGUARD = emulator.trailguard_argument()
    sys.exit(emulator.run_suite([SecurityHubAgainstMoto]))
