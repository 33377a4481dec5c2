#!/usr/bin/env python3
"""`trailguard fix --org` against a real moto_server: an organization made through the Organizations API, its
members' trails seeded through roles assumed with STS. Each member's situation is planned (a dry run that moto's
request recorder proves write-free), applied with --yes through the member roles, then `scan --org` must pass
every account and a second `fix --org` must plan nothing; data-event selectors are kept. A failing organization
trail is repaired once, in the management account, and its members need nothing of their own; with
--organization-trail one new organization trail covers every account. `--accounts`
narrows the run, a failure part-way starts no other account and a re-run finishes the job.

One moto_server for the suite, reset (organization included) between tests. Ends with "N passed, M failed".
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
MANAGEMENT = emulator.MOTO_DEFAULT_ACCOUNT
ROLE = "OrganizationAccountAccessRole"
OTHER_ACCOUNT = "210987654321"  # outside the organization: owns a bucket name a member would want
DEFAULT_TRAIL = "trailguard-multi-region"
REGIONS = ("us-east-1", "eu-west-1")
READ_ONLY = {"ReadWriteType": "ReadOnly", "IncludeManagementEvents": True, "DataResources": [], "ExcludeManagementEventSources": []}
ALL_EVENTS = {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": [], "ExcludeManagementEventSources": []}
S3_DATA_SELECTOR = {"ReadWriteType": "WriteOnly", "IncludeManagementEvents": False,
                    "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::payroll/"]}],
                    "ExcludeManagementEventSources": []}


class FixOrganizationAgainstMoto(emulator.MotoTestCase):
    record_requests = True

    def setUp(self):
        super().setUp()
        self.keys: dict[str, dict | None] = {MANAGEMENT: None}

    # -- the organization ----------------------------------------------------------------------------
    def organization(self, kinds: list[str]) -> dict[str, str]:
        """Creates the organization and one member per kind; returns kind -> account id (kinds are unique)."""
        org = self.moto.client("organizations")
        org.create_organization(FeatureSet="ALL")
        sts = self.moto.client("sts")
        members = {}
        for i, kind in enumerate(kinds):
            account = org.create_account(Email=f"m{i}@example.com", AccountName=kind)["CreateAccountStatus"]["AccountId"]
            self.keys[account] = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/{ROLE}", RoleSessionName="seed")["Credentials"]
            members[kind] = account
        return members

    def client(self, account: str, service: str, region: str = "us-east-1"):
        return self.moto.client(service, region, keys=self.keys[account])

    def trail(self, account: str, name: str, *, region: str = "us-east-1", multi_region: bool = True, logging: bool = True,
              selectors: list | None = None, organization: bool = False) -> str:
        return emulator.seed_trail(self.moto, name, home_region=region, multi_region=multi_region, logging=logging,
                                   selectors=selectors or [ALL_EVENTS], organization=organization,
                                   new_bucket=f"{name}-{account}-logs",
                                   client=lambda service, r: self.client(account, service, r))["TrailARN"]

    def named_trail(self, account: str, name: str, region: str = "us-east-1") -> dict:
        # moto ignores DescribeTrails' trailNameList (it answers every trail), so the name is picked here.
        trails = self.client(account, "cloudtrail", region).describe_trails(includeShadowTrails=False)["trailList"]
        return next(t for t in trails if t["Name"] == name)

    def state(self) -> dict:
        """Every account's trails (with status and selectors) and buckets, described through the API."""
        described = {}
        for account in self.keys:
            trails = {}
            for region in REGIONS:
                cloudtrail = self.client(account, "cloudtrail", region)
                for trail in cloudtrail.describe_trails(includeShadowTrails=False)["trailList"]:
                    selectors = cloudtrail.get_event_selectors(TrailName=trail["Name"])
                    selectors.pop("ResponseMetadata", None)
                    trails[trail["TrailARN"]] = {"trail": trail, "selectors": selectors,
                                                 "logging": cloudtrail.get_trail_status(Name=trail["Name"])["IsLogging"]}
            buckets = sorted(b["Name"] for b in self.client(account, "s3").list_buckets()["Buckets"])
            described[account] = {"trails": trails, "buckets": buckets}
        return described

    # -- running trailguard ------------------------------------------------------------------------
    def run_trailguard(self, command: str, *args: str) -> FixRun:
        return FixRun(subprocess.run([TRAILGUARD, command, "--org", "--endpoint-url", self.moto.url, *args], env=self.env,
                                  capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL, check=False))

    def fix(self, *args: str) -> FixRun:
        return self.run_trailguard("fix", *args)

    def dry_run(self, *args: str) -> FixRun:
        before = self.state()
        plan, requests = self.moto.recorded(lambda: self.fix("-o", "json", *args))
        self.assertGreater(len(requests), 10, "the recorder saw trailguard's reads")
        self.assertEqual(emulator.write_operations(requests), [], "a dry run never writes")
        self.assertEqual(self.state(), before, "a dry run changes nothing")
        self.assertEqual(plan.code, 1, plan)
        for account, account_plan in plan.plans().items():
            for step in account_plan["steps"]:
                self.assertEqual(step["account_id"], account)
                self.assertTrue(step["reason"] and step["cli"], step)
        return plan

    def assert_every_account_passes_and_plans_nothing_more(self, *args: str, fix_args: tuple[str, ...] = ()) -> None:
        scan = self.run_trailguard("scan", "-o", "json", *args)
        self.assertEqual(scan.code, 0, scan)
        report = parsed_report(scan.out)
        self.assertEqual({a["account_id"] for a in report["accounts"]} - set(self.keys), set())
        for account in report["accounts"]:
            self.assertEqual(account["status"], "PASS", account)
        again = self.fix("-o", "json", *args, *fix_args)
        self.assertEqual(again.code, 0, again)
        for account, plan in again.plans().items():
            self.assertEqual((plan["approach"], plan["steps"]), ("nothing_to_do", []), f"{account}: {plan['summary']}")

    # -- the situations ----------------------------------------------------------------------------
    def test_each_account_gets_its_own_plan_applied_through_its_role(self):
        members = self.organization(["none", "stopped-with-data", "single-region", "passing"])
        self.trail(members["stopped-with-data"], "audit", logging=False, selectors=[READ_ONLY, S3_DATA_SELECTOR])
        self.trail(members["single-region"], "legacy", region="eu-west-1", multi_region=False)
        self.trail(members["passing"], "main")

        plans = self.dry_run().plans()
        self.assertEqual(set(plans), set(self.keys), "every account of the organization is planned")
        approaches = {kind: plans[account]["approach"] for kind, account in members.items()}
        self.assertEqual(approaches, {"none": "create_trail", "stopped-with-data": "repair_trail",
                                      "single-region": "make_multi_region", "passing": "nothing_to_do"})
        self.assertEqual(plans[MANAGEMENT]["approach"], "create_trail")
        self.assertEqual([s["kind"] for s in plans[members["stopped-with-data"]]["steps"]], ["put_event_selectors", "start_logging"])

        applied = self.fix("--apply", "--yes")
        self.assertEqual(applied.code, 0, applied)
        self.assertIn("4 account(s) changed as planned", applied.out)
        self.assertIn("Verified: every region of the 4 changed or covered account(s) passes now", applied.out)
        # Each change was made in its own account, through its role.
        none = members["none"]
        self.assertIn(f"trailguard-cloudtrail-{none}-us-east-1", self.state()[none]["buckets"])
        trails = self.client(none, "cloudtrail").describe_trails(includeShadowTrails=False)["trailList"]
        self.assertEqual([(t["Name"], t["IsMultiRegionTrail"]) for t in trails], [(DEFAULT_TRAIL, True)])
        stopped = members["stopped-with-data"]
        selectors = self.client(stopped, "cloudtrail").get_event_selectors(TrailName="audit")["EventSelectors"]
        self.assertEqual(selectors[1:], [S3_DATA_SELECTOR], "data-event selectors exactly as they were")
        legacy = self.named_trail(members["single-region"], "legacy", "eu-west-1")
        self.assertTrue(legacy["IsMultiRegionTrail"])
        self.assert_every_account_passes_and_plans_nothing_more()

    def test_failing_organization_trail_is_repaired_once_in_the_management_account(self):
        members = self.organization(["none-1", "none-2", "passing"])
        self.trail(members["passing"], "main")
        org_trail = self.trail(MANAGEMENT, "org-trail", logging=False, selectors=[READ_ONLY], organization=True)

        plans = self.dry_run().plans()
        self.assertEqual(plans[MANAGEMENT]["approach"], "repair_trail")
        self.assertEqual([(s["kind"], s["parameters"]["trail"]["arn"]) for s in plans[MANAGEMENT]["steps"]],
                         [("put_event_selectors", org_trail), ("start_logging", org_trail)])
        for kind in ("none-1", "none-2"):
            plan = plans[members[kind]]
            self.assertEqual((plan["approach"], plan["steps"], plan["blockers"]), ("nothing_to_do", [], []), plan)
            self.assertEqual(plan["covered_by_trail_arn"], org_trail)
            self.assertIn(MANAGEMENT, plan["summary"])
        self.assertNotIn("covered_by_trail_arn", plans[members["passing"]])

        applied, requests = self.moto.recorded(lambda: self.fix("--apply", "--yes"))
        self.assertEqual(applied.code, 0, applied)
        self.assertEqual(emulator.write_operations(requests), ["PutEventSelectors", "StartLogging"],
                         "two changes for the whole organization")
        self.assertIn("Verified: every region of the 3 changed or covered account(s) passes now", applied.out)
        self.assert_every_account_passes_and_plans_nothing_more()

    def test_one_organization_trail_covers_every_account(self):
        members = self.organization(["none", "single-region"])
        self.trail(members["single-region"], "legacy", region="eu-west-1", multi_region=False)
        self.trail(MANAGEMENT, "own")  # passes the management account, but covers no member
        organization_id = self.moto.client("organizations").describe_organization()["Organization"]["Id"]

        plans = self.dry_run("--organization-trail").plans()
        owner = plans[MANAGEMENT]
        self.assertEqual(owner["approach"], "create_trail", owner)
        self.assertIn(organization_id, owner["summary"])
        create = next(s for s in owner["steps"] if s["kind"] == "create_trail")
        self.assertTrue(create["parameters"]["is_organization_trail"])
        self.assertIn("--is-organization-trail", create["cli"][0])
        policy = next(s for s in owner["steps"] if s["kind"] == "put_bucket_policy")["parameters"]["policy"]
        write = next(st for st in policy["Statement"] if st["Sid"] == "AWSCloudTrailWrite")
        self.assertIn(f"/AWSLogs/{organization_id}/*", json.dumps(write["Resource"]))
        trail_arn = create["parameters"]["trail"]["arn"]
        for kind in ("none", "single-region"):
            plan = plans[members[kind]]
            self.assertEqual((plan["approach"], plan["steps"], plan["covered_by_trail_arn"]), ("nothing_to_do", [], trail_arn), plan)

        before = self.state()
        applied, requests = self.moto.recorded(lambda: self.fix("--organization-trail", "--apply", "--yes"))
        self.assertEqual(applied.code, 0, applied)
        self.assertEqual(len(emulator.write_operations(requests)), 6, "the six steps in the management account, nothing else")
        after = self.state()
        for kind in ("none", "single-region"):
            self.assertEqual(after[members[kind]], before[members[kind]], "the members are left as they were")
        trail = self.named_trail(MANAGEMENT, DEFAULT_TRAIL)
        self.assertEqual((trail["IsOrganizationTrail"], trail["IsMultiRegionTrail"]), (True, True))
        self.assertIn("Verified: every region of the 3 changed or covered account(s) passes now", applied.out)
        self.assert_every_account_passes_and_plans_nothing_more(fix_args=("--organization-trail",))

    def test_emit_terraform_writes_every_account_with_a_provider_through_its_role(self):
        members = self.organization(["none", "stopped"])
        self.trail(members["stopped"], "audit", logging=False)
        out = Path(self.dir.name) / "organization.tf"
        before = self.state()
        emitted, requests = self.moto.recorded(lambda: self.fix("--emit", "terraform", "--out", str(out)))
        self.assertEqual(emitted.code, 1, emitted)
        self.assertEqual(emulator.write_operations(requests), [], "--emit changes nothing")
        self.assertEqual(self.state(), before)
        self.assertIn(f"to {out}", emitted.out)
        hcl = out.read_text()
        for account in (MANAGEMENT, members["none"], members["stopped"]):
            self.assertIn(f'allowed_account_ids = ["{account}"]', hcl)
        for member in members.values():
            self.assertIn(f'role_arn = "arn:aws:iam::{member}:role/{ROLE}"', hcl)
        self.assertEqual(hcl.count("assume_role {"), 2, "the management account is the credentials' own")
        self.assertIn(f'id = "arn:aws:cloudtrail:us-east-1:{members["stopped"]}:trail/audit"', hcl)  # imported, not re-made
        parser = Path(__file__).resolve().parents[1] / "tools" / "hcl2json" / "parse.js"
        parsed = subprocess.run(["node", str(parser), str(out)], capture_output=True, text=True, timeout=120, check=False)
        self.assertEqual(parsed.returncode, 0, parsed.stderr)
        document = json.loads(parsed.stdout)[str(out)]
        self.assertNotIn("error", document, "HashiCorp's HCL parser reads it")
        self.assertEqual(len(document["provider"]["aws"]), 3)

    def test_account_list_and_a_failure_part_way_then_a_rerun(self):
        members = self.organization(["a", "b", "c"])
        self.trail(MANAGEMENT, "main")
        first, second = sorted([members["a"], members["b"]])
        squatted = f"trailguard-cloudtrail-{first}-us-east-1"
        other = self.moto.client("s3")
        other.meta.events.register("before-sign.s3.*", lambda request, **_: request.headers.__setitem__("x-moto-account-id", OTHER_ACCOUNT))
        other.create_bucket(Bucket=squatted)

        chosen = ("--accounts", f"{first},{second}", "--max-concurrency", "1")
        failed = self.fix("--apply", "--yes", *chosen)
        self.assertEqual(failed.code, 3, failed)
        self.assertIn(f"account {first} [1/6] FAILED: s3 CreateBucket '{squatted}'", failed.out)
        self.assertIn("BucketAlreadyExists", failed.out)
        self.assertIn(f"Stopped at step 1 of 6 in account {first}", failed.out)
        self.assertIn(f"1 not started (stopped after the failure above), nothing was changed there: {second}.", failed.out)
        for account in (first, second, members["c"]):
            self.assertEqual(self.state()[account]["trails"], {}, f"nothing changed in {account}")

        other.delete_bucket(Bucket=squatted)
        rerun = self.fix("--apply", "--yes", *chosen)
        self.assertEqual(rerun.code, 0, rerun)
        self.assertIn("2 account(s) changed as planned", rerun.out)
        self.assertEqual(self.state()[members["c"]]["trails"], {}, "an account not listed is left alone")
        self.assert_every_account_passes_and_plans_nothing_more("--accounts", f"{first},{second}")

    def test_usage_errors_are_refused_before_any_call(self):
        self.organization(["a"])
        for args, says in ((["--bucket", "one-for-all"], "bucket names are global"),
                           (["--emit", "cloudformation"], "--emit cloudformation with --org"),
                           (["--apply"], "--yes"),
                           (["--organization-trail", "--create"], "not both")):
            refused, requests = self.moto.recorded(lambda: self.fix(*args))
            self.assertEqual(refused.code, 2, refused)
            self.assertIn(says, refused.err)
            self.assertEqual(requests, [], "refused before any call")
        alone = FixRun(subprocess.run([TRAILGUARD, "fix", "--accounts", "123456789012", "--endpoint-url", self.moto.url], env=self.env,
                                   capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL, check=False))
        self.assertEqual(alone.code, 2, alone)
        self.assertIn("need --org", alone.err)
        alone = FixRun(subprocess.run([TRAILGUARD, "fix", "--organization-trail", "--endpoint-url", self.moto.url], env=self.env,
                                      capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL, check=False))
        self.assertEqual(alone.code, 2, alone)
        self.assertIn("--organization-trail needs --org", alone.err)


def main() -> int:
    global TRAILGUARD
    TRAILGUARD = emulator.trailguard_argument()
    return emulator.run_suite([FixOrganizationAgainstMoto])


if __name__ == "__main__":
    sys.exit(main())
