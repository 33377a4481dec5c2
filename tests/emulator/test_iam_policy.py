#!/usr/bin/env python3
"""The policies `trailguard iam-policy` prints, against moto with signature and IAM checks on: a user holding
exactly the --audit policy scans with no AccessDenied (and scan --org, with --audit --org for the caller and
--audit for the member roles); holding exactly --fix, fix applies a new trail (with a KMS key) and repairs an
existing one; and with any one action taken out, the scan reports ERROR / the fix fails, naming AccessDenied.

Each scenario lives in an account of its own (users made with x-moto-account-id, so their keys act there),
because /moto-api/reset would also wipe the users and cannot turn the IAM checks off again.

Where moto's IAM differs from AWS (read before changing the expectations):
- moto evaluates every action except S3's, STS's and IAM's against the resource "*", so an ARN pattern such as
  arn:aws:cloudtrail:*:*:trail/* never matches there. The policies are given to moto with those statements'
  Resource widened to "*"; S3 and STS statements keep their narrow ARNs (moto checks the bucket and role ARN).
  The patterns themselves are tested against real ARNs in tests/aws/iam_permissions_test.cpp.
- moto checks s3:CreateBucket for PutPublicAccessBlock (its action map misses the query key), so taking out
  s3:PutBucketPublicAccessBlock changes nothing in moto; AWS would refuse.
- account:ListRegions is asked only when EC2 refuses DescribeRegions; moto answers 404 to it anyway, and a
  scan that can list no region judges the partition's default regions, with a note (not an ERROR).
- sts:GetCallerIdentity needs no permission (in moto too) and is not in the policies.

Ends with "N passed, M failed".
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import moto_server as emulator  # noqa: E402
from report_json import parsed_report  # noqa: E402

TRAILGUARD = ""
MANAGEMENT = emulator.MOTO_DEFAULT_ACCOUNT
ROLE = "OrganizationAccountAccessRole"
NOT_CHECKED_BY_MOTO = {"s3:PutBucketPublicAccessBlock"}
RESOURCES_CHECKED_BY_MOTO = {"s3", "sts", "iam"}
# Actions of the --fix policy and the situation whose fix calls them.
REPAIR_ACTIONS = {"cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors", "cloudtrail:StartLogging"}


def iam_policy(*args: str) -> dict:
    done = subprocess.run([TRAILGUARD, "iam-policy", *args], capture_output=True, text=True, timeout=30, check=True)
    return json.loads(done.stdout)


def actions(policy: dict) -> list[str]:
    return [a for s in policy["Statement"] for a in s["Action"]]


def without(policy: dict, action: str) -> dict:
    statements = []
    for statement in policy["Statement"]:
        kept = [a for a in statement["Action"] if a != action]
        if kept:
            statements.append({**statement, "Action": kept})
    return {**policy, "Statement": statements}


def as_moto_checks_it(policy: dict) -> dict:
    """The same actions, with Resource "*" where moto compares the resource with "*" only (see the docstring)."""
    statements = []
    for statement in policy["Statement"]:
        services = {a.split(":", 1)[0] for a in statement["Action"]}
        statements.append(statement if services <= RESOURCES_CHECKED_BY_MOTO else {**statement, "Resource": "*"})
    return {**policy, "Statement": statements}


class Account:
    """boto3 clients acting in one moto account (x-moto-account-id), before the IAM checks are on."""

    def __init__(self, moto: emulator.MotoServer, account_id: str):
        self.moto, self.id = moto, account_id

    def client(self, service: str, region: str = "us-east-1"):
        client = self.moto.client(service, region)
        client.meta.events.register("before-sign.*.*", lambda request, **_: request.headers.__setitem__("x-moto-account-id", self.id))
        return client

    def user(self, name: str, policy: dict) -> dict:
        iam = self.client("iam")
        iam.create_user(UserName=name)
        iam.put_user_policy(UserName=name, PolicyName="trailguard", PolicyDocument=json.dumps(as_moto_checks_it(policy)))
        return iam.create_access_key(UserName=name)["AccessKey"]

    def trail(self, name: str, *, region: str = "us-east-1", multi_region: bool = True, logging: bool = True,
              read_write_type: str = "All") -> None:
        emulator.seed_trail(self.moto, name, home_region=region, multi_region=multi_region, logging=logging,
                            read_write_type=read_write_type, new_bucket=f"{name}-{self.id}-logs", client=self.client)


class PrintedPoliciesAgainstMotoIam(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.home = tempfile.TemporaryDirectory()
        cls.moto = emulator.MotoServer()
        cls.moto.start()
        cls.audit, cls.audit_org, cls.fix_policy = iam_policy("--audit"), iam_policy("--audit", "--org"), iam_policy("--fix")
        cls.keys: dict[str, dict] = {}
        cls.accounts: dict[str, str] = {}
        serial = iter(range(1, 1000))

        def scenario(name: str, policy: dict) -> Account:
            account = Account(cls.moto, f"1000000{next(serial):05d}")
            cls.accounts[name] = account.id
            cls.keys[name] = account.user(name.replace(":", "-"), policy)
            return account

        scenario("auditor", cls.audit).trail("main")
        for action in actions(cls.audit):
            scenario("audit-without-" + action, without(cls.audit, action)).trail("main")
        scenario("fixer-create", cls.fix_policy)
        scenario("fixer-repair", cls.fix_policy).trail("local", region="eu-west-1", multi_region=False, logging=False,
                                                       read_write_type="ReadOnly")
        for action in actions(cls.fix_policy):
            if action in actions(cls.audit):
                continue
            account = scenario("fix-without-" + action, without(cls.fix_policy, action))
            if action in REPAIR_ACTIONS:
                account.trail("local", region="eu-west-1", multi_region=False, logging=False, read_write_type="ReadOnly")

        # The organization: its management account is moto's default one; members' roles hold the --audit policy.
        management = Account(cls.moto, MANAGEMENT)
        org = management.client("organizations")
        org.create_organization(FeatureSet="ALL")
        sts = management.client("sts")
        cls.members = []
        for i in range(2):
            member = org.create_account(Email=f"m{i}@example.com", AccountName=f"member-{i}")["CreateAccountStatus"]["AccountId"]
            cls.members.append(member)
            creds = sts.assume_role(RoleArn=f"arn:aws:iam::{member}:role/{ROLE}", RoleSessionName="seed")["Credentials"]
            cls.moto.client("iam", keys=creds).put_role_policy(RoleName=ROLE, PolicyName="trailguard-audit",
                                                                PolicyDocument=json.dumps(as_moto_checks_it(cls.audit)))
            if i == 0:
                emulator.seed_trail(cls.moto, "own", client=emulator.keyed(cls.moto, creds))
        management.trail("management")
        for name, policy in (("org-auditor", cls.audit_org), ("org-without-sts:AssumeRole", without(cls.audit_org, "sts:AssumeRole")),
                             ("org-without-organizations:ListAccounts", without(cls.audit_org, "organizations:ListAccounts"))):
            cls.keys[name] = management.user(name.replace(":", "-"), policy)

        cls.moto.check_iam()

    @classmethod
    def tearDownClass(cls):
        cls.moto.close()
        cls.home.cleanup()

    def run_as(self, user: str, *args: str) -> subprocess.CompletedProcess:
        env = self.moto.aws_env(self.home.name)
        env["AWS_ACCESS_KEY_ID"] = self.keys[user]["AccessKeyId"]
        env["AWS_SECRET_ACCESS_KEY"] = self.keys[user]["SecretAccessKey"]
        return subprocess.run([TRAILGUARD, *args, "--endpoint-url", self.moto.url], env=env, capture_output=True,
                              text=True, timeout=300, stdin=subprocess.DEVNULL, check=False)

    def scan(self, user: str, *args: str) -> tuple[subprocess.CompletedProcess, dict]:
        done = self.run_as(user, "scan", "-o", "json", *args)
        return done, parsed_report(done.stdout) if done.stdout.strip() else {}

    # -- audit --------------------------------------------------------------------------------------------
    def test_audit_policy_is_enough_to_scan(self):
        done, report = self.scan("auditor")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertNotIn("AccessDenied", done.stderr + done.stdout)
        self.assertEqual(report["accounts"][0]["account_id"], self.accounts["auditor"])
        self.assertTrue(all(f["status"] in ("PASS", "SKIPPED") for f in report["findings"]))

    def test_every_audit_action_is_needed(self):
        for action in actions(self.audit):
            with self.subTest(action=action):
                done, report = self.scan("audit-without-" + action, "--stats")
                if action == "account:ListRegions":
                    # Asked only when EC2 refuses: EC2 answered, so nothing changes.
                    self.assertEqual(done.returncode, 0, done.stderr)
                    self.assertNotIn("account.ListRegions", done.stderr)
                    continue
                if action == "ec2:DescribeRegions":
                    # The scan asks Account ListRegions instead (moto answers it 404, AWS with the regions); when
                    # neither answers, the default regions are judged and the account says so in a note.
                    self.assertIn("account.ListRegions", done.stderr)
                    notes = " ".join(report["accounts"][0]["notes"])
                    self.assertIn("not authorized to perform: ec2:DescribeRegions", notes)
                    continue
                self.assertEqual(done.returncode, 3, done.stderr)
                self.assertIn("AccessDenied", done.stderr + done.stdout)
                self.assertTrue([f for f in report["findings"] if f["status"] == "ERROR"])
                self.assertFalse([f for f in report["findings"] if f["status"] == "PASS"], "nothing passes unread")

    def test_audit_org_policies_are_enough_to_scan_the_organization(self):
        done, report = self.scan("org-auditor", "--org")
        self.assertEqual(done.returncode, 1, done.stderr)  # member-1 has no trail: it fails, and nothing is ERROR
        self.assertNotIn("AccessDenied", done.stderr + done.stdout)
        self.assertFalse([f for f in report["findings"] if f["status"] == "ERROR"])
        statuses = {a["account_id"]: a["status"] for a in report["accounts"]}
        self.assertEqual(statuses[self.members[0]], "PASS")
        self.assertEqual(statuses[self.members[1]], "FAIL")
        self.assertEqual(statuses[MANAGEMENT], "PASS")

    def test_every_org_action_is_needed(self):
        done, report = self.scan("org-without-sts:AssumeRole", "--org")
        self.assertEqual(done.returncode, 3, done.stderr)
        for member in self.members:
            self.assertTrue(all(f["status"] == "ERROR" for f in report["findings"] if f["account_id"] == member))
        self.assertIn("AccessDenied", done.stderr)
        done, _ = self.scan("org-without-organizations:ListAccounts", "--org")
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("not authorized to perform: organizations:ListAccounts", done.stderr)

    # -- fix ----------------------------------------------------------------------------------------------
    def test_fix_policy_is_enough_to_create_and_to_repair(self):
        created = self.run_as("fixer-create", "fix", "--apply", "--yes", "--create-kms-key")
        self.assertEqual(created.returncode, 0, created.stdout + created.stderr)
        self.assertIn("Verified: every region", created.stdout)
        repaired = self.run_as("fixer-repair", "fix", "--apply", "--yes")
        self.assertEqual(repaired.returncode, 0, repaired.stdout + repaired.stderr)
        self.assertIn("Verified: every region", repaired.stdout)
        emitted = self.run_as("fixer-create", "fix", "--emit", "terraform", "--create")
        self.assertNotIn("AccessDenied", emitted.stderr)

    def test_every_fix_action_is_needed(self):
        for action in actions(self.fix_policy):
            if action in actions(self.audit):
                continue  # proven by the audit tests: fix reads as scan does
            with self.subTest(action=action):
                args = ["fix", "--apply", "--yes"] + ([] if action in REPAIR_ACTIONS else ["--create-kms-key"])
                done = self.run_as("fix-without-" + action, *args)
                if action in NOT_CHECKED_BY_MOTO:
                    self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
                    continue
                self.assertEqual(done.returncode, 3, done.stdout + done.stderr)
                self.assertIn("AccessDenied", done.stdout + done.stderr)


def main() -> int:
    global TRAILGUARD
    TRAILGUARD = emulator.trailguard_argument()
    return emulator.run_suite([PrintedPoliciesAgainstMotoIam])


if __name__ == "__main__":
    sys.exit(main())
