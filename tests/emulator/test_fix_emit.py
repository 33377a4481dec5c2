#!/usr/bin/env python3
"""`trailguard fix --emit terraform|cloudformation` against a real moto_server: the account is read (and, for a
bucket the plan would create, one GetBucketPolicy tells whether it exists) but never changed, and the code
written is what the plan says — a new trail as resources, a repaired trail as an import block (Terraform) or a
refusal naming it (CloudFormation), an existing bucket's policy merged. The CloudFormation written passes cfn-lint.

One moto_server for the suite, reset between tests. Ends with "N passed, M failed".
"""
from __future__ import annotations

import json
import re
import subprocess
import tempfile
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import moto_server as emulator  # noqa: E402

TRAILGUARD = ""
ACCOUNT = emulator.MOTO_DEFAULT_ACCOUNT
CFN_LINT = Path(sys.executable).parent / "cfn-lint"


class EmitAgainstMoto(emulator.MotoTestCase):
    def fix(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([TRAILGUARD, "fix", "--endpoint-url", self.moto.url, *args], env=self.env,
                              capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, check=False)

    def state(self) -> dict:
        """What a fix could change: trails (with status and selectors), buckets, KMS aliases."""
        described = {"trails": {}, "buckets": [], "aliases": []}
        for region in ("us-east-1", "eu-west-1"):
            cloudtrail = self.moto.client("cloudtrail", region)
            for trail in cloudtrail.describe_trails(includeShadowTrails=False)["trailList"]:
                selectors = cloudtrail.get_event_selectors(TrailName=trail["Name"])
                selectors.pop("ResponseMetadata", None)
                described["trails"][trail["TrailARN"]] = [trail, selectors, cloudtrail.get_trail_status(Name=trail["Name"])["IsLogging"]]
        described["buckets"] = sorted(b["Name"] for b in self.moto.client("s3").list_buckets()["Buckets"])
        described["aliases"] = sorted(a["AliasName"] for a in self.moto.client("kms").list_aliases()["Aliases"])
        return described

    def emit(self, *args: str) -> subprocess.CompletedProcess:
        before = self.state()
        done = self.fix(*args)
        self.assertEqual(self.state(), before, "--emit never changes the account")
        return done

    def test_no_trail_as_terraform_on_stdout_with_the_plan_on_stderr(self):
        done = self.emit("--emit", "terraform", "--create-kms-key")
        self.assertEqual(done.returncode, 1, done.stderr)
        for header in ('resource "aws_s3_bucket" "trailguard-cloudtrail-', 'resource "aws_s3_bucket_public_access_block"',
                       'resource "aws_s3_bucket_policy"', 'resource "aws_kms_key" "trailguard-multi-region"',
                       'resource "aws_kms_alias" "trailguard-multi-region"', 'resource "aws_cloudtrail" "trailguard-multi-region"'):
            self.assertIn(header, done.stdout)
        self.assertIn(f'allowed_account_ids = ["{ACCOUNT}"]', done.stdout)
        self.assertNotIn("import {", done.stdout)
        self.assertIn("trailguard-multi-region", done.stderr)  # the plan is shown, on stderr
        self.assertIn("Nothing was changed in AWS", done.stderr)

    def test_no_trail_as_cloudformation_to_a_file_passes_cfn_lint(self):
        out = Path(self.dir.name) / "fix.json"
        done = self.emit("--emit", "cloudformation", "--out", str(out), "-o", "json")
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertEqual(json.loads(done.stdout)["accounts"][0]["approach"], "create_trail", "the JSON plan stays on stdout")
        template = json.loads(out.read_text())
        types = sorted(r["Type"] for r in template["Resources"].values())
        self.assertEqual(types, ["AWS::CloudTrail::Trail", "AWS::S3::Bucket", "AWS::S3::BucketPolicy"])
        trail = next(r for r in template["Resources"].values() if r["Type"] == "AWS::CloudTrail::Trail")
        self.assertIs(trail["Properties"]["IsLogging"], True)
        self.assertIs(trail["Properties"]["IsMultiRegionTrail"], True)
        lint = subprocess.run([str(CFN_LINT), str(out)], capture_output=True, text=True, timeout=300, check=False)
        self.assertEqual(lint.returncode, 0, lint.stdout + lint.stderr)

    def test_repair_is_an_import_in_terraform_and_refused_by_cloudformation(self):
        arn = emulator.seed_trail(self.moto, "main", logging=False)["TrailARN"]
        done = self.emit("--emit", "terraform")
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertIn(f'id = "{arn}"', done.stdout)
        self.assertIn('resource "aws_cloudtrail" "main"', done.stdout)
        self.assertRegex(done.stdout, r's3_bucket_name += "main-logs"')
        self.assertRegex(done.stdout, r"enable_logging += true")
        self.assertRegex(done.stdout, r"is_multi_region_trail += true", "the facts it keeps are stated as read")
        self.assertIn("ignore_changes = [", done.stdout)
        # The repair, as code, passes the shift-left check.
        with tempfile.TemporaryDirectory() as root:
            Path(root, "main.tf").write_text(done.stdout)
            judged = subprocess.run([TRAILGUARD, "iac", "-o", "json", root], capture_output=True, text=True, timeout=60, check=False)
            self.assertEqual((judged.returncode, json.loads(judged.stdout)["verdict"]), (0, "PASS"), judged.stdout + judged.stderr)

        refused = self.emit("--emit", "cloudformation")
        self.assertEqual(refused.returncode, 2, refused.stderr)
        self.assertEqual(refused.stdout, "", "nothing is written when the template would not be honest")
        self.assertIn(arn, refused.stderr)
        self.assertIn("--emit terraform", refused.stderr)

    def test_existing_bucket_keeps_its_policy_statements(self):
        emulator.create_bucket(self.moto, "central-logs")
        own = {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
               "Resource": "arn:aws:s3:::central-logs/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
        self.moto.client("s3").put_bucket_policy(Bucket="central-logs",
                                                 Policy=json.dumps({"Version": "2012-10-17", "Statement": [own]}))
        done = self.emit("--emit", "terraform", "--bucket", "central-logs")
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertNotIn('resource "aws_s3_bucket" ', done.stdout, "an existing bucket is not declared")
        self.assertIn("# Bucket central-logs exists already", done.stdout)
        self.assertIn('"Sid"       = "DenyInsecureTransport"', done.stdout)
        self.assertIn('"Sid"    = "AWSCloudTrailWrite"', done.stdout)

        refused = self.emit("--emit", "cloudformation", "--bucket", "central-logs")
        self.assertEqual(refused.returncode, 2, refused.stderr)
        self.assertIn("bucket central-logs", refused.stderr)

    def test_passing_account_emits_nothing(self):
        emulator.seed_trail(self.moto, "main")
        done = self.emit("--emit", "terraform")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout, "")
        self.assertIn("nothing was emitted", done.stderr)

    def test_unwritable_out_is_refused_before_any_call(self):
        requests = self.moto.request_count()
        done = self.fix("--emit", "terraform", "--out", "/nonexistent/trailguard/fix.tf")
        self.assertEqual(done.returncode, 2, done.stderr)
        self.assertIn("/nonexistent/trailguard", done.stderr)
        self.assertEqual(self.moto.request_count(), requests, "no AWS call for a command that cannot finish")


def main() -> int:
    global TRAILGUARD
    TRAILGUARD = emulator.trailguard_argument()
    return emulator.run_suite([EmitAgainstMoto])


if __name__ == "__main__":
    sys.exit(main())
