#!/usr/bin/env python3
"""`trailguard fix` against a real moto_server: each starting situation of issue #5 is seeded through the
AWS API (boto3), planned (a dry run that must change nothing: moto's request recorder shows no write and the
described state is the same), applied with --yes, then `scan` must pass every region and a second `fix` must
plan nothing; data-event selectors (basic and advanced) must come back exactly as they were. Failures part-way
(a bucket name owned by another account, a CreateTrail refused through the fault proxy) must say what was done,
what failed with the AWS error, and what remains, and a re-run must finish the job.

One moto_server for the suite, reset between tests. Ends with "N passed, M failed".
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import moto_server as emulator  # noqa: E402
from fix_runs import FixRun  # noqa: E402
from report_json import parsed_report  # noqa: E402

TRAILGUARD = ""
ACCOUNT = emulator.MOTO_DEFAULT_ACCOUNT
OTHER_ACCOUNT = "222222222222"
DEFAULT_TRAIL = "trailguard-multi-region"

S3_DATA_SELECTOR = {"ReadWriteType": "WriteOnly", "IncludeManagementEvents": False,
                    "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::payroll/", "arn:aws:s3:::hr/"]}],
                    "ExcludeManagementEventSources": []}
LAMBDA_DATA_SELECTOR = {"ReadWriteType": "All", "IncludeManagementEvents": False,
                        "DataResources": [{"Type": "AWS::Lambda::Function", "Values": ["arn:aws:lambda"]}],
                        "ExcludeManagementEventSources": []}
ADVANCED_DATA_SELECTOR = {"Name": "payroll objects", "FieldSelectors": [
    {"Field": "eventCategory", "Equals": ["Data"]},
    {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
    {"Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::payroll/"]}]}


class FixAgainstMoto(emulator.MotoTestCase):
    record_requests = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clients = {}

    def client(self, service: str, region: str = "us-east-1"):
        """boto3 clients cost ~0.1 s each to make: one per service and region for the suite."""
        if (service, region) not in self.clients:
            self.clients[service, region] = self.moto.client(service, region)
        return self.clients[service, region]

    # -- running trailguard ------------------------------------------------------------------------
    def fix(self, *args: str, endpoint: str | None = None, env: dict | None = None) -> FixRun:
        completed = subprocess.run([TRAILGUARD, "fix", "--endpoint-url", endpoint or self.moto.url, *args],
                                   env=env or self.env, capture_output=True, text=True, timeout=120,
                                   stdin=subprocess.DEVNULL, check=False)
        return FixRun(completed)

    def assert_passes_and_plans_nothing_more(self, env: dict | None = None) -> None:
        scan = subprocess.run([TRAILGUARD, "scan", "--endpoint-url", self.moto.url, "-o", "json"], env=env or self.env,
                              capture_output=True, text=True, timeout=120, check=False)
        self.assertEqual(scan.returncode, 0, scan.stdout + scan.stderr)
        judged = [f for f in parsed_report(scan.stdout)["findings"] if f["status"] != "SKIPPED"]
        self.assertGreater(len(judged), 10)
        for finding in judged:
            self.assertEqual(finding["status"], "PASS", finding["message"])
        again = self.fix("-o", "json", env=env)
        self.assertEqual(again.code, 0, again)
        self.assertEqual(again.plan()["approach"], "nothing_to_do", again)
        self.assertEqual(again.plan()["steps"], [])

    def apply(self, *args: str, env: dict | None = None) -> FixRun:
        applied = self.fix("--apply", "--yes", *args, env=env)
        self.assertEqual(applied.code, 0, applied)
        self.assertIn("Verified: every region of account", applied.out)
        return applied

    # -- what the dry run must not change ----------------------------------------------------------
    def writes_during(self, run) -> tuple[FixRun, list[str]]:
        """Runs `run` with moto recording every request; returns its result and the operations that write."""
        result, requests = self.moto.recorded(run)
        self.assertGreater(len(requests), 5, "the recorder saw trailguard's reads")
        return result, emulator.write_operations(requests)

    def state(self, regions=("us-east-1", "eu-west-1", "ap-south-1")) -> dict:
        """Everything a fix could change, described through the API."""
        described = {"trails": {}, "buckets": [], "keys": {}}
        for region in regions:
            cloudtrail = self.client("cloudtrail", region)
            for trail in cloudtrail.describe_trails(includeShadowTrails=False)["trailList"]:
                selectors = cloudtrail.get_event_selectors(TrailName=trail["Name"])
                selectors.pop("ResponseMetadata", None)
                status = cloudtrail.get_trail_status(Name=trail["Name"])["IsLogging"]
                described["trails"][trail["TrailARN"]] = {"trail": trail, "selectors": selectors, "logging": status}
            described["keys"][region] = sorted(a["AliasName"] for a in self.client("kms", region).list_aliases()["Aliases"])
        described["buckets"] = sorted(b["Name"] for b in self.client("s3").list_buckets()["Buckets"])
        return described

    def dry_run(self, *args: str) -> FixRun:
        before = self.state()
        plan, writes = self.writes_during(lambda: self.fix("-o", "json", *args))
        self.assertEqual(writes, [], "a dry run never writes")
        self.assertEqual(self.state(), before, "a dry run changes nothing")
        self.assertEqual(plan.code, 1, plan)  # changes to make
        for step in plan.plan()["steps"]:
            self.assertTrue(step["reason"], step)
            self.assertTrue(step["cli"] and step["cli"][0].startswith(("aws ", "KEY_ID=$(aws ")), step)
            self.assertEqual(step["account_id"], ACCOUNT)
        return plan

    def selectors(self, trail: str, region: str = "us-east-1") -> dict:
        answer = self.client("cloudtrail", region).get_event_selectors(TrailName=trail)
        return {"basic": answer.get("EventSelectors") or [], "advanced": answer.get("AdvancedEventSelectors") or []}

    def trail(self, name: str, region: str = "us-east-1") -> dict:
        trails = self.client("cloudtrail", region).describe_trails(includeShadowTrails=False)["trailList"]
        return next(t for t in trails if t["Name"] == name)

    # -- the situations ----------------------------------------------------------------------------
    def test_no_trail_gets_a_bucket_and_a_new_multi_region_trail(self):
        plan = self.dry_run()
        self.assertEqual(plan.plan()["approach"], "create_trail")
        self.assertEqual(plan.kinds(), ["create_bucket", "block_public_access", "put_bucket_policy", "create_trail",
                                        "put_event_selectors", "start_logging"])
        self.apply()
        bucket = f"trailguard-cloudtrail-{ACCOUNT}-us-east-1"
        s3 = self.client("s3")
        blocked = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
        self.assertEqual(set(blocked.values()), {True})
        policy = json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])
        trail_arn = f"arn:aws:cloudtrail:us-east-1:{ACCOUNT}:trail/{DEFAULT_TRAIL}"
        self.assertEqual([s["Sid"] for s in policy["Statement"]], ["AWSCloudTrailAclCheck", "AWSCloudTrailWrite"])
        for statement in policy["Statement"]:
            self.assertEqual(statement["Condition"]["StringEquals"]["aws:SourceArn"], trail_arn)
        trail = self.trail(DEFAULT_TRAIL)
        self.assertEqual((trail["IsMultiRegionTrail"], trail["IncludeGlobalServiceEvents"], trail["LogFileValidationEnabled"],
                          trail["S3BucketName"]), (True, True, True, bucket))
        self.assert_passes_and_plans_nothing_more()

    def test_multi_region_trail_not_logging_is_started(self):
        emulator.seed_trail(self.moto, "main", logging=False)
        before = self.selectors("main")
        plan = self.dry_run()
        self.assertEqual((plan.plan()["approach"], plan.kinds()), ("repair_trail", ["start_logging"]))
        self.assertEqual(plan.plan()["steps"][0]["cli"], ["aws cloudtrail start-logging --name main --region us-east-1"])
        self.apply()
        self.assertEqual(self.selectors("main"), before, "only StartLogging")
        self.assert_passes_and_plans_nothing_more()

    def test_basic_selectors_missing_write_get_it_and_keep_data_selectors(self):
        emulator.seed_trail(self.moto, "main")
        self.client("cloudtrail").put_event_selectors(TrailName="main", EventSelectors=[
            {"ReadWriteType": "ReadOnly", "IncludeManagementEvents": True, "DataResources": [],
             "ExcludeManagementEventSources": []},
            S3_DATA_SELECTOR, LAMBDA_DATA_SELECTOR])
        plan = self.dry_run()
        self.assertEqual(plan.kinds(), ["put_event_selectors"])
        parameters = plan.plan()["steps"][0]["parameters"]
        self.assertEqual((parameters["kind"], parameters["kept_data_selectors"], parameters["replaced_selectors"]), ("basic", 2, 1))
        self.apply()
        after = self.selectors("main")
        self.assertEqual(after["basic"][1:], [S3_DATA_SELECTOR, LAMBDA_DATA_SELECTOR], "data selectors exactly as they were")
        self.assertEqual((after["basic"][0]["ReadWriteType"], after["basic"][0]["IncludeManagementEvents"]), ("All", True))
        self.assert_passes_and_plans_nothing_more()

    def test_advanced_selectors_stay_advanced_and_keep_data_selectors(self):
        emulator.seed_trail(self.moto, "main")
        self.client("cloudtrail").put_event_selectors(TrailName="main", AdvancedEventSelectors=[
            {"Name": "reads only", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]},
                                                      {"Field": "readOnly", "Equals": ["true"]}]},
            ADVANCED_DATA_SELECTOR])
        plan = self.dry_run()
        self.assertEqual(plan.kinds(), ["put_event_selectors"])
        self.assertEqual(plan.plan()["steps"][0]["parameters"]["kind"], "advanced")
        self.apply()
        after = self.selectors("main")
        self.assertEqual(after["basic"], [])
        self.assertEqual(after["advanced"][1:], [ADVANCED_DATA_SELECTOR])
        self.assertEqual(after["advanced"][0]["FieldSelectors"], [{"Field": "eventCategory", "Equals": ["Management"]}])
        self.assert_passes_and_plans_nothing_more()

    def test_only_single_region_trails_the_best_is_made_multi_region(self):
        emulator.seed_trail(self.moto, "legacy-us", multi_region=False, logging=False)
        emulator.seed_trail(self.moto, "legacy-eu", home_region="eu-west-1", multi_region=False)
        self.client("cloudtrail", "eu-west-1").put_event_selectors(TrailName="legacy-eu", EventSelectors=[
            {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": [],
             "ExcludeManagementEventSources": []}, S3_DATA_SELECTOR])
        plan = self.dry_run()
        self.assertEqual(plan.plan()["approach"], "make_multi_region")
        self.assertEqual(plan.kinds(), ["update_trail"])
        step = plan.plan()["steps"][0]
        self.assertEqual((step["region"], step["parameters"]["trail"]["name"]), ("eu-west-1", "legacy-eu"))
        self.assertIn("'legacy-eu'", plan.plan()["summary"])
        self.assertIn("--create", plan.plan()["summary"])
        self.apply()
        trail = self.trail("legacy-eu", "eu-west-1")
        self.assertEqual((trail["IsMultiRegionTrail"], trail["IncludeGlobalServiceEvents"]), (True, True))
        self.assertEqual(self.selectors("legacy-eu", "eu-west-1")["basic"][1], S3_DATA_SELECTOR)
        self.assertFalse(self.trail("legacy-us")["IsMultiRegionTrail"], "the other trail is left alone")
        self.assert_passes_and_plans_nothing_more()

    def test_create_makes_a_new_trail_and_leaves_single_region_trails_alone(self):
        emulator.seed_trail(self.moto, "legacy-us", multi_region=False)
        before = self.state()["trails"]
        plan = self.dry_run("--create", "--trail-name", "org-audit", "--bucket", "org-audit-logs")
        self.assertEqual(plan.plan()["approach"], "create_trail")
        self.assertNotIn("update_trail", plan.kinds())
        self.apply("--create", "--trail-name", "org-audit", "--bucket", "org-audit-logs")
        after = self.state()["trails"]
        legacy_arn = f"arn:aws:cloudtrail:us-east-1:{ACCOUNT}:trail/legacy-us"
        self.assertEqual(after[legacy_arn], before[legacy_arn])
        self.assertEqual(self.trail("org-audit")["S3BucketName"], "org-audit-logs")
        self.assert_passes_and_plans_nothing_more()

    def test_new_trail_encrypted_with_a_key_it_creates_outside_us_east_1(self):
        env = self.moto.aws_env(self.dir.name, region="eu-west-1")
        plan = self.fix("-o", "json", "--create-kms-key", env=env)
        self.assertEqual(plan.code, 1, plan)
        self.assertIn("create_kms_key", plan.kinds())
        self.assertIn("LocationConstraint=eu-west-1", plan.plan()["steps"][0]["cli"][0])
        self.apply("--create-kms-key", env=env)
        kms = self.client("kms", "eu-west-1")
        key = kms.describe_key(KeyId=f"alias/{DEFAULT_TRAIL}")["KeyMetadata"]
        policy = json.loads(kms.get_key_policy(KeyId=key["KeyId"], PolicyName="default")["Policy"])
        self.assertIn("cloudtrail.amazonaws.com", json.dumps(policy))
        self.assertEqual(self.trail(DEFAULT_TRAIL, "eu-west-1")["KmsKeyId"], f"alias/{DEFAULT_TRAIL}")
        location = self.client("s3", "eu-west-1").get_bucket_location(Bucket=f"trailguard-cloudtrail-{ACCOUNT}-eu-west-1")
        self.assertEqual(location["LocationConstraint"], "eu-west-1")
        self.assert_passes_and_plans_nothing_more(env=env)
        self.assertEqual(len(kms.list_keys()["Keys"]), 1, "one key, whatever the re-runs")

    # -- safety ------------------------------------------------------------------------------------
    def test_apply_off_a_terminal_without_yes_is_refused_before_any_call(self):
        emulator.seed_trail(self.moto, "main", logging=False)
        refused, requests = self.moto.recorded(lambda: self.fix("--apply"))
        self.assertEqual(refused.code, 2, refused)
        self.assertIn("--yes", refused.err)
        self.assertEqual(requests, [], "refused before any call")
        self.assertFalse(self.client("cloudtrail").get_trail_status(Name="main")["IsLogging"])

    def test_bucket_name_of_another_account_stops_with_a_clear_report(self):
        other = self.moto.client("s3")  # its own client: the hook below makes it another account
        other.meta.events.register("before-sign.s3.*",
                                   lambda request, **_: request.headers.__setitem__("x-moto-account-id", OTHER_ACCOUNT))
        other.create_bucket(Bucket="shared-logs-name")
        failed = self.fix("--apply", "--yes", "--bucket", "shared-logs-name")
        self.assertEqual(failed.code, 3, failed)
        self.assertIn("[1/6] FAILED: s3 CreateBucket 'shared-logs-name'", failed.out)
        self.assertIn("BucketAlreadyExists", failed.out)
        self.assertIn("another AWS account", failed.out)
        self.assertIn("--bucket", failed.out)
        self.assertIn("not run: cloudtrail CreateTrail", failed.out)
        self.assertIn("not run: cloudtrail StartLogging", failed.out)
        self.assertEqual(self.client("cloudtrail").describe_trails()["trailList"], [], "nothing after the failure")
        self.apply("--bucket", "our-own-logs-name")
        self.assert_passes_and_plans_nothing_more()

    def test_failure_part_way_reports_done_failed_remaining_and_a_rerun_continues(self):
        with emulator.FaultProxy(self.moto.url) as proxy:
            proxy.rules([{"match": {"operation": "CreateTrail"}, "fault": "status", "status": 400,
                          "code": "InsufficientS3BucketPolicyException",
                          "message": "Incorrect S3 bucket policy is detected for bucket", "times": 1}])
            failed = self.fix("--apply", "--yes", endpoint=proxy.url)
            self.assertEqual(failed.code, 3, failed)
            out = failed.out
            self.assertIn("[3/6] done: s3 PutBucketPolicy", out)
            self.assertIn("[4/6] FAILED: cloudtrail CreateTrail", out)
            self.assertIn("Stopped at step 4 of 6", out)
            self.assertIn("done:    s3 CreateBucket", out)
            self.assertIn("InsufficientS3BucketPolicyException: Incorrect S3 bucket policy", out)
            self.assertIn("cloudtrail CreateTrail in us-east-1", out)
            self.assertIn("not run: cloudtrail PutEventSelectors", out)
            self.assertIn("not run: cloudtrail StartLogging", out)
            self.assertIn("run `trailguard fix --apply` again", out)
            self.assertIn(f"trailguard-cloudtrail-{ACCOUNT}-us-east-1", self.state()["buckets"])
            self.assertEqual(self.state()["trails"], {})
            rerun = self.fix("--apply", "--yes", endpoint=proxy.url)
        self.assertEqual(rerun.code, 0, rerun)
        self.assertIn("already done: s3 PutBucketPolicy", rerun.out)
        self.assertIn("[4/6] done: cloudtrail CreateTrail", rerun.out)
        self.assert_passes_and_plans_nothing_more()


def main() -> int:
    global TRAILGUARD
    TRAILGUARD = emulator.trailguard_argument()
    return emulator.run_suite([FixAgainstMoto])


if __name__ == "__main__":
    sys.exit(main())
