#!/usr/bin/env python3
"""Whole-organization scans (`trailguard scan --org`) against a real moto_server.

One emulated organization is built through the real AWS API (boto3): CreateOrganization, 23 accounts by
CreateAccount, an OrganizationAccountAccessRole with an inline policy in each member (created through a
role assumed with STS AssumeRole, as an operator would), member trails seeded through those roles, one
account closed (moto marks it SUSPENDED), and an organization trail in the management account. Then moto's
signature and IAM checks are turned on (/moto-api/reset-auth) and trailguard scans as an IAM user of the
management account whose policy denies sts:AssumeRole into one member's role: that member is the account
"whose role cannot be assumed" (moto otherwise lets any role be assumed).

moto does not show organization trails in member accounts (AWS does, as shadow trails): trailguard credits
them from the management account's read, which is what these tests see.
Ends with "N passed, M failed"; exits non-zero on any failure or error, including when moto cannot start.
"""
from __future__ import annotations

import contextlib
import json
import re
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import moto_server as emulator  # noqa: E402
from evidence_manifest import check_manifest  # noqa: E402
from report_json import parsed_lines, parsed_report  # noqa: E402

TRAILGUARD = ""
MANAGEMENT = emulator.MOTO_DEFAULT_ACCOUNT
ROLE = "OrganizationAccountAccessRole"
ALLOW_ALL = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})

# Members, by what is seeded in them (23 in all).
OWN_PASSING, OWN_FAILING, NO_TRAILS = 6, 6, 8
SUSPENDED, EXCLUDED, DENIED = "suspended", "excluded", "denied"


class Run:
    def __init__(self, completed: subprocess.CompletedProcess, fmt: str = "json"):
        self.code = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr
        self.report = parsed_report(completed.stdout) if fmt == "json" and completed.stdout.strip() else {}
        self.calls = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\s+(\S+\.\w+)\s+(\d+) call", completed.stderr, re.M)}

    def account(self, account_id: str) -> dict:
        return next(a for a in self.report["accounts"] if a["account_id"] == account_id)

    def findings(self, account_id: str) -> list[dict]:
        return [f for f in self.report["findings"] if f["account_id"] == account_id]


class OrgScanAgainstMoto(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.moto = emulator.MotoServer()
        cls.moto.start()
        cls.home = tempfile.TemporaryDirectory()
        started = time.monotonic()
        org = cls.moto.client("organizations")
        org.create_organization(FeatureSet="ALL")
        kinds = ["passing"] * OWN_PASSING + ["failing"] * OWN_FAILING + ["none"] * NO_TRAILS + [SUSPENDED, EXCLUDED, DENIED]
        cls.members: dict[str, list[str]] = {}
        cls.own_multi_region = 0
        sts = cls.moto.client("sts")
        for i, kind in enumerate(kinds):
            status = org.create_account(Email=f"member{i}@example.com", AccountName=f"member-{i}-{kind}")["CreateAccountStatus"]
            account = status["AccountId"]
            cls.members.setdefault(kind, []).append(account)
            # CreateAccount made OrganizationAccountAccessRole in the member, as AWS does, but without
            # AWS's AdministratorAccess: with IAM checks on it could do nothing. Give it an allow-all policy
            # through the role itself (before the checks are on, moto lets any role be assumed).
            creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/{ROLE}", RoleSessionName="seed")["Credentials"]
            cls.moto.client("iam", keys=creds).put_role_policy(RoleName=ROLE, PolicyName="admin", PolicyDocument=ALLOW_ALL)
            if kind == "passing":
                emulator.seed_trail(cls.moto, f"own-{i}", multi_region=True, logging=True, client=emulator.keyed(cls.moto, creds))
                cls.own_multi_region += 1
            elif kind == "failing":
                # Half stopped multi-region trails, half single-region only.
                multi = i % 2 == 0
                emulator.seed_trail(cls.moto, f"own-{i}", multi_region=multi, logging=not multi,
                                    client=emulator.keyed(cls.moto, creds))
                cls.own_multi_region += 1 if multi else 0
        org.close_account(AccountId=cls.members[SUSPENDED][0])
        cls.suspended, cls.excluded, cls.denied = cls.members[SUSPENDED][0], cls.members[EXCLUDED][0], cls.members[DENIED][0]

        # The organization trail, in the management account: logging, but recording only Read events, so
        # that a member it is credited to FAILs unless the member has a passing trail of its own.
        emulator.create_bucket(cls.moto, "org-trail-logs")
        cloudtrail = cls.moto.client("cloudtrail")
        cls.org_trail = cloudtrail.create_trail(Name="org-trail", S3BucketName="org-trail-logs", IsMultiRegionTrail=True,
                                                IncludeGlobalServiceEvents=True, IsOrganizationTrail=True)["TrailARN"]
        cloudtrail.put_event_selectors(TrailName="org-trail", EventSelectors=[{"ReadWriteType": "ReadOnly", "IncludeManagementEvents": True}])
        cloudtrail.start_logging(Name="org-trail")

        iam = cls.moto.client("iam")
        iam.create_user(UserName="auditor")
        iam.put_user_policy(UserName="auditor", PolicyName="audit", PolicyDocument=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
                          {"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": f"arn:aws:iam::{cls.denied}:role/{ROLE}"}]}))
        cls.keys = iam.create_access_key(UserName="auditor")["AccessKey"]
        cls.moto.check_iam()
        cls.seed_seconds = time.monotonic() - started

        started = time.monotonic()
        cls.scan = cls.run_scan("-o", "json", "--stats", "--exclude-accounts", cls.excluded)
        cls.scan_seconds = time.monotonic() - started
        print(f"\n[org] seeding {cls.seed_seconds:.1f} s, scan of {len(kinds) + 1} accounts {cls.scan_seconds:.2f} s",
              file=sys.stderr)

    @classmethod
    def tearDownClass(cls):
        cls.moto.close()
        cls.home.cleanup()

    @classmethod
    def env(cls, endpoint: str | None = None) -> dict:
        env = cls.moto.aws_env(cls.home.name)
        env["AWS_ACCESS_KEY_ID"] = cls.keys["AccessKeyId"]
        env["AWS_SECRET_ACCESS_KEY"] = cls.keys["SecretAccessKey"]
        return env

    @classmethod
    def command(cls, *extra: str, endpoint: str | None = None) -> list[str]:
        return [TRAILGUARD, "scan", "--org", "--endpoint-url", endpoint or cls.moto.url, *extra]

    @classmethod
    def run_scan(cls, *extra: str, fmt: str = "json") -> Run:
        completed = subprocess.run(cls.command(*extra), env=cls.env(), capture_output=True, text=True, timeout=300, check=False)
        if completed.returncode not in (0, 1, 3):
            raise AssertionError(f"trailguard exited {completed.returncode}: {completed.stderr}")
        return Run(completed, fmt)

    def judged(self, account: str) -> list[dict]:
        return [f for f in self.scan.findings(account) if f["status"] != "SKIPPED"]

    # -- per-account statuses -------------------------------------------------------------------------

    def test_organization_trail_is_credited_to_members_without_trails(self):
        for account in self.members["none"]:
            self.assertEqual(self.scan.account(account)["status"], "FAIL", account)
            for f in self.judged(account):
                self.assertEqual(f["status"], "FAIL")
                self.assertEqual(f["reasons"], ["management_events_read_only"], f)
                self.assertEqual(f["trails"], [self.org_trail])
            self.assertTrue(any("credited from the management account" in n for n in self.scan.account(account)["notes"]),
                            "moto hides org trails from members; the note says the credit came from the management read")

    def test_members_with_their_own_passing_trail_pass(self):
        for account in self.members["passing"]:
            self.assertEqual(self.scan.account(account)["status"], "PASS", account)
            for f in self.judged(account):
                self.assertEqual(f["status"], "PASS")

    def test_members_with_failing_trails_fail(self):
        for account in self.members["failing"]:
            self.assertEqual(self.scan.account(account)["status"], "FAIL", account)
            reasons = {r for f in self.judged(account) for r in f["reasons"]}
            self.assertIn("management_events_read_only", reasons)  # the org trail, credited
            self.assertTrue(reasons & {"not_logging", "single_region_only"}, reasons)

    def test_management_account_is_judged_by_its_organization_trail(self):
        self.assertEqual(self.scan.account(MANAGEMENT)["status"], "FAIL")
        for f in self.judged(MANAGEMENT):
            self.assertEqual(f["reasons"], ["management_events_read_only"])

    def test_role_that_cannot_be_assumed_is_error_for_that_account_only(self):
        self.assertEqual(self.scan.account(self.denied)["status"], "ERROR")
        findings = self.scan.findings(self.denied)
        self.assertTrue(findings)
        for f in findings:
            self.assertEqual(f["status"], "ERROR")
            self.assertEqual(f["reasons"], ["region_unreadable"])
            self.assertIn(f"arn:aws:iam::{self.denied}:role/{ROLE}", f["message"])
            self.assertIn("AccessDenied", f["message"])
        self.assertIn(f"account {self.denied}: AssumeRole failed (AccessDenied)", self.scan.stderr)

    def test_suspended_account_is_skipped(self):
        self.assertEqual(self.scan.account(self.suspended)["status"], "SKIPPED")
        for f in self.scan.findings(self.suspended):
            self.assertEqual(f["status"], "SKIPPED")
            self.assertEqual(f["reasons"], ["account_not_audited"])
            self.assertIn("SUSPENDED", f["message"])

    def test_excluded_account_is_absent(self):
        self.assertFalse(self.scan.findings(self.excluded))
        self.assertNotIn(self.excluded, [a["account_id"] for a in self.scan.report["accounts"]])

    def test_organization_summary_and_exit_code(self):
        summary = self.scan.report["summary"]
        self.assertEqual(self.scan.code, 1)
        self.assertEqual(summary["status"], "FAIL")
        self.assertEqual(summary["accounts"], {
            "total": 23,  # the management account + 23 members - 1 excluded
            "compliant": OWN_PASSING,
            "non_compliant": 1 + OWN_FAILING + NO_TRAILS,
            "incomplete": 1,
            "skipped": 1})
        self.assertIn(f"management account {MANAGEMENT}", self.scan.report["source"])

    def test_organization_trail_status_and_selectors_are_read_once(self):
        calls = self.scan.calls
        self.assertEqual(calls.get("cloudtrail.GetTrailStatus"), 1 + self.own_multi_region, calls)
        self.assertEqual(calls.get("cloudtrail.GetEventSelectors"), 1 + self.own_multi_region, calls)
        self.assertEqual(calls.get("organizations.ListAccounts"), 1, calls)
        self.assertEqual(calls.get("sts.AssumeRole"), 21, calls)  # every member but the suspended and the excluded one
        self.assertEqual(calls.get("cloudtrail.DescribeTrails"), 1 + 20, calls)  # the management + 20 readable members

    def test_members_are_never_asked_who_they_are(self):
        # Issue #4's goal: at most 3 calls per account (role, regions, listing) plus 2 per own multi-region trail.
        calls = self.scan.calls
        self.assertEqual(calls.get("sts.GetCallerIdentity"), 1, calls)  # the caller only
        self.assertEqual(calls.get("organizations.DescribeOrganization"), 1, calls)
        self.assertEqual(calls.get("ec2.DescribeRegions"), 1 + 20, calls)
        member_calls = calls["sts.AssumeRole"] + calls["ec2.DescribeRegions"] - 1 + calls["cloudtrail.DescribeTrails"] - 1 + \
            2 * self.own_multi_region
        self.assertEqual(member_calls, 20 * 3 + 1 + 2 * self.own_multi_region)  # + the denied member's refused AssumeRole

    def test_accounts_carry_their_organization_names(self):
        for kind in ("passing", "failing", "none"):
            for account in self.members[kind]:
                self.assertRegex(self.scan.account(account).get("account_name", ""), rf"^member-\d+-{kind}$")
        text = self.run_scan("--accounts", self.members["passing"][0], fmt="text")
        self.assertRegex(text.stdout, rf"Account {self.members['passing'][0]} \(member-\d+-passing\): PASS")

    def test_secrets_never_reach_output(self):
        self.assertNotIn(self.keys["SecretAccessKey"], self.scan.stdout + self.scan.stderr)

    def test_no_progress_line_on_a_pipe(self):
        self.assertNotIn("ETA", self.scan.stderr)

    def test_accounts_file_narrows_the_scan(self):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write(f"# two accounts\n{self.members['passing'][0]}\n{self.members['none'][0]}, 999999999999\n")
        run = self.run_scan("-o", "json", "--accounts", f.name)
        self.assertEqual(sorted(a["account_id"] for a in run.report["accounts"]),
                         sorted([self.members["passing"][0], self.members["none"][0]]))
        self.assertTrue(any("999999999999" in p for p in run.report["problems"]))
        Path(f.name).unlink()

    # -- ndjson streaming -----------------------------------------------------------------------------

    def test_ndjson_has_one_valid_object_per_line_and_a_summary_last(self):
        with tempfile.TemporaryDirectory() as out_dir:
            out = Path(out_dir) / "findings.ndjson"
            run = self.run_scan("-o", "ndjson", "--out", str(out), "--exclude-accounts", self.excluded, fmt="ndjson")
            self.assertEqual(run.code, 1, run.stderr)
            lines = parsed_lines(out.read_text())
        self.assertEqual(lines[-1]["type"], "summary")
        self.assertTrue(lines[-1]["complete"])
        self.assertEqual(lines[-1]["accounts"], self.scan.report["summary"]["accounts"])
        findings = [line for line in lines if line["type"] == "finding"]
        accounts = [line for line in lines if line["type"] == "account"]
        self.assertEqual(len(findings), len(self.scan.report["findings"]))
        self.assertEqual(len(accounts), 23)
        strip = lambda fs: sorted((f["account_id"], f["region"], f["status"], tuple(f["reasons"])) for f in fs)
        self.assertEqual(strip(findings), strip(self.scan.report["findings"]), "ndjson says what the JSON report says")

    def test_out_dir_writes_each_format_of_one_scan_and_ndjson_still_streams(self):
        with tempfile.TemporaryDirectory() as out_dir:
            run = self.run_scan("-o", "ndjson,json,csv", "--out-dir", out_dir, "--exclude-accounts", self.excluded,
                                fmt="ndjson")
            self.assertEqual(run.code, 1, run.stderr)
            lines = parsed_lines((Path(out_dir) / "report.ndjson").read_text())
            report = parsed_report((Path(out_dir) / "report.json").read_text())
            rows = (Path(out_dir) / "report.csv").read_bytes().count(b"\r\n")  # bytes: read_text() would turn CRLF into LF
        self.assertEqual(run.stdout, "")
        self.assertTrue(lines[-1]["complete"])
        strip = lambda fs: sorted((f["account_id"], f["region"], f["status"], tuple(f["reasons"])) for f in fs)
        self.assertEqual(strip(line for line in lines if line["type"] == "finding"), strip(report["findings"]))
        self.assertEqual(strip(report["findings"]), strip(self.scan.report["findings"]))
        self.assertEqual(len(report["accounts"]), 23)
        self.assertGreaterEqual(rows, len(report["findings"]) + 1, "a CSV row per finding, after the header")

    def test_collect_org_then_scan_evidence_judges_as_the_live_scan(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "org"
            collect = subprocess.run([TRAILGUARD, "collect", "--org", "--out", str(out), "--endpoint-url", self.moto.url,
                                      "--exclude-accounts", self.excluded], env=self.env(), capture_output=True, text=True,
                                     timeout=300, check=False)
            self.assertEqual(collect.returncode, 3, collect.stderr)  # one role refused: the evidence is incomplete
            listed = json.loads((out / "list-accounts.json").read_text())["Accounts"]
            self.assertNotIn(self.excluded, {a["Id"] for a in listed}, "an excluded account is not evidence missing")
            self.assertTrue((out / "describe-organization.json").is_file())
            self.assertTrue((out / self.denied / "assume-role.error").is_file())
            self.assertFalse((out / self.suspended).exists(), "a suspended account is not read")
            self.assertTrue((out / MANAGEMENT / "get-caller-identity.json").is_file())
            self.assertFalse((out / self.members["none"][0] / "get-caller-identity.json").exists(), "members are not asked")
            for directory in [out] + [d for d in out.iterdir() if d.is_dir()]:
                check_manifest(self, directory)
            offline = subprocess.run([TRAILGUARD, "scan", "--evidence", str(out), "-o", "json"], capture_output=True, text=True,
                                     timeout=120, check=False)
        self.assertEqual(offline.returncode, self.scan.code, offline.stderr)
        report = parsed_report(offline.stdout)
        strip = lambda fs: sorted((f["account_id"], f["region"], f["status"], tuple(f["reasons"])) for f in fs)
        self.assertEqual(strip(report["findings"]), strip(self.scan.report["findings"]))
        names = lambda r: {a["account_id"]: a.get("account_name") for a in r["accounts"]}
        self.assertEqual(names(report), names(self.scan.report))
        self.assertEqual(report["summary"]["accounts"], self.scan.report["summary"]["accounts"])

    def test_send_to_security_hub_imports_each_account_through_its_own_role(self):
        run = self.run_scan("-o", "json", "--send-to-security-hub", "--exclude-accounts", self.excluded)
        # The denied member's role cannot be assumed: its ERROR findings cannot be imported in its name.
        self.assertEqual(run.code, 3, run.stderr)
        self.assertIn(self.denied, run.stderr)
        sts = self.moto.client("sts", keys=self.keys)
        for account in (MANAGEMENT, self.members["passing"][0], self.members["none"][0]):
            judged = [f for f in run.findings(account) if f["status"] != "SKIPPED"]
            self.assertTrue(judged, account)
            keys = self.keys
            if account != MANAGEMENT:
                keys = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/{ROLE}", RoleSessionName="check")["Credentials"]
            for region in ("us-east-1", "eu-west-1"):
                stored = [f for f in self.moto.client("securityhub", region, keys=keys).get_findings()["Findings"]
                          if f.get("GeneratorId") == "trailguard/cloudtrail-multi-region-enabled"]
                self.assertEqual([f["AwsAccountId"] for f in stored], [account], f"{account} {region}")
                source = next(f for f in judged if f["region"] == region)
                self.assertEqual(stored[0]["Compliance"]["Status"], {"PASS": "PASSED", "FAIL": "FAILED"}.get(source["status"], "NOT_AVAILABLE"))

    def test_collect_org_flags_need_org(self):
        run = subprocess.run([TRAILGUARD, "collect", "--out", "/tmp/unused-tg", "--role-name", "X", "--endpoint-url", self.moto.url],
                             env=self.env(), capture_output=True, text=True, timeout=60, check=False)
        self.assertEqual(run.returncode, 2)
        self.assertIn("need --org", run.stderr)

    @contextlib.contextmanager
    def slow_endpoint(self):
        """A latency proxy in front of moto, so that each account takes a while and an interrupt lands mid-way."""
        with emulator.FaultProxy(self.moto.url, latency_ms=60) as proxy:
            yield proxy.url

    def interrupt_after_three_roles(self, fmt: str) -> tuple[subprocess.CompletedProcess, str]:
        """Runs the scan with -o fmt, sends SIGINT once three members' roles were assumed (the proxy's log says)."""
        with self.slow_endpoint() as endpoint:
            scan = subprocess.Popen(self.command("-o", fmt, "--max-concurrency", "1", endpoint=endpoint), env=self.env(),
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            deadline = time.monotonic() + 60
            while True:
                with urllib.request.urlopen(endpoint + "/__fault__/log", timeout=10) as answer:
                    roles = sum(1 for r in json.load(answer) if r["operation"] == "AssumeRole")
                if roles >= 3:
                    break
                self.assertIsNone(scan.poll(), "the scan ended before it could be interrupted")
                self.assertLess(time.monotonic(), deadline, "the scan made no progress")
                time.sleep(0.05)
            scan.send_signal(signal.SIGINT)
            stdout, stderr = scan.communicate(timeout=120)
        return subprocess.CompletedProcess(scan.args, scan.returncode, stdout, stderr), stderr

    def test_sigint_with_json_output_still_writes_a_valid_report_of_the_accounts_done(self):
        completed, stderr = self.interrupt_after_three_roles("json")
        report = parsed_report(completed.stdout)  # complete, valid JSON, in the schema
        self.assertGreaterEqual(len(report["accounts"]), 3)
        self.assertLess(len(report["accounts"]), 23)
        self.assertTrue(any(p.startswith("interrupted:") for p in report["problems"]), report["problems"])
        self.assertEqual({f["account_id"] for f in report["findings"]}, {a["account_id"] for a in report["accounts"]})
        self.assertEqual(completed.returncode, 1, stderr)  # the management account already FAILs

    def test_sigint_with_text_output_says_the_run_was_interrupted(self):
        completed, stderr = self.interrupt_after_three_roles("text")
        self.assertIn(f"Account {MANAGEMENT}", completed.stdout)
        self.assertRegex(completed.stdout + stderr, r"interrupted: \d+ of \d+ account\(s\) were not scanned")
        self.assertEqual(completed.returncode, 1, stderr)

    def test_sigint_keeps_complete_lines_and_writes_a_summary(self):
        with self.slow_endpoint() as endpoint:
            scan = subprocess.Popen(self.command("-o", "ndjson", "--max-concurrency", "1", endpoint=endpoint), env=self.env(),
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            lines, accounts_seen = [], 0
            while accounts_seen < 3:
                line = scan.stdout.readline()
                self.assertTrue(line, "the scan ended before it could be interrupted")
                lines.append(line)
                accounts_seen += json.loads(line)["type"] == "account"
            scan.send_signal(signal.SIGINT)
            rest, stderr = scan.communicate(timeout=120)
        lines += rest.splitlines(keepends=True)
        parsed = parsed_lines("".join(lines))  # every line is complete, valid JSON, in the schema
        self.assertTrue(all(line.endswith("\n") for line in lines))
        summary = parsed[-1]
        self.assertEqual(summary["type"], "summary")
        self.assertFalse(summary["complete"])
        self.assertLess(summary["accounts"]["total"], summary["accounts_planned"])
        self.assertEqual(summary["accounts"]["total"], sum(1 for p in parsed if p["type"] == "account"))
        self.assertTrue(any(p.startswith("interrupted:") for p in summary["problems"]), summary["problems"])
        self.assertEqual(scan.returncode, 1, stderr)  # the management account already FAILs: as usual for the findings so far


def main() -> int:
    global TRAILGUARD
    TRAILGUARD = emulator.trailguard_argument()
    return emulator.run_suite([OrgScanAgainstMoto])


if __name__ == "__main__":
    sys.exit(main())
