#!/usr/bin/env python3
"""CIS AWS Foundations 3.1 ("CloudTrail is enabled in all regions") for every account of an organization,
written as a plain boto3 script: the peer trailguard is compared with in bench/.

From the management account's credentials (the usual environment: keys, region, AWS_ENDPOINT_URL):
list the organization's accounts, then one account after the other: assume OrganizationAccountAccessRole
(the management account uses its own credentials), list the enabled regions, DescribeTrails in each,
then GetTrailStatus and GetEventSelectors in its home region for each multi-region trail seen (once per
trail). A region passes when a trail it lists is multi-region with global service events, logging, and
records Read and Write management events; an account passes when every region does.

    boto3_audit.py [--regions r1,r2,...] [--role-name R] [ACCOUNT_ID ...]

Prints one line per account, "ACCOUNT_ID PASS|FAIL|ERROR SECONDS", in the order audited; with account
ids, only those are audited (the organization is still listed). Exit code 0 unless the run itself failed.
"""
from __future__ import annotations

import argparse
import sys
import time

import boto3
import botocore.exceptions


def organization_accounts(session) -> list[str]:
    pages = session.client("organizations").get_paginator("list_accounts").paginate()
    return [account["Id"] for page in pages for account in page["Accounts"] if account["Status"] == "ACTIVE"]


def account_session(management, account_id: str, caller_account: str, role_name: str):
    if account_id == caller_account:
        return management
    credentials = management.client("sts").assume_role(
        RoleArn=f"arn:aws:iam::{account_id}:role/{role_name}", RoleSessionName=f"cis-audit-{account_id}")["Credentials"]
    return boto3.session.Session(aws_access_key_id=credentials["AccessKeyId"],
                                 aws_secret_access_key=credentials["SecretAccessKey"],
                                 aws_session_token=credentials["SessionToken"], region_name=management.region_name)


def enabled_regions(session, wanted: set[str] | None) -> list[str]:
    regions = session.client("ec2").describe_regions()["Regions"]
    names = [r["RegionName"] for r in regions if r.get("OptInStatus") != "not-opted-in"]
    # The aws partition only: moto lists China and GovCloud regions too, which AWS does not.
    names = [n for n in names if not n.startswith(("cn-", "us-gov-"))]
    return [n for n in names if wanted is None or n in wanted]


def records_all_management_events(selectors: dict) -> bool:
    for selector in selectors.get("EventSelectors") or []:
        if selector.get("IncludeManagementEvents") and selector.get("ReadWriteType") == "All" \
                and not selector.get("ExcludeManagementEventSources"):
            return True
    for selector in selectors.get("AdvancedEventSelectors") or []:
        fields = {f["Field"]: f for f in selector.get("FieldSelectors", [])}
        if "Management" in fields.get("eventCategory", {}).get("Equals", []) and set(fields) == {"eventCategory"}:
            return True
    return False


def trail_passes(session, trail: dict) -> bool:
    if not trail.get("IsMultiRegionTrail") or not trail.get("IncludeGlobalServiceEvents"):
        return False
    cloudtrail = session.client("cloudtrail", region_name=trail["HomeRegion"])
    if not cloudtrail.get_trail_status(Name=trail["TrailARN"]).get("IsLogging"):
        return False
    return records_all_management_events(cloudtrail.get_event_selectors(TrailName=trail["TrailARN"]))


def audit_account(session, regions: set[str] | None) -> str:
    judged: dict[str, bool] = {}  # trail ARN -> passes, each multi-region trail judged once
    verdict = "PASS"
    for region in enabled_regions(session, regions):
        trails = session.client("cloudtrail", region_name=region).describe_trails()["trailList"]
        region_passes = False
        for trail in trails:
            if trail["TrailARN"] not in judged:
                judged[trail["TrailARN"]] = trail_passes(session, trail)
            region_passes = region_passes or judged[trail["TrailARN"]]
        if not region_passes:
            verdict = "FAIL"
    return verdict


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regions", help="only these regions (comma-separated), of those enabled")
    parser.add_argument("--role-name", default="OrganizationAccountAccessRole")
    parser.add_argument("accounts", nargs="*", help="audit only these accounts")
    args = parser.parse_args()
    wanted = set(args.regions.split(",")) if args.regions else None

    management = boto3.session.Session()
    caller = management.client("sts").get_caller_identity()["Account"]
    accounts = organization_accounts(management)
    if args.accounts:
        accounts = [a for a in accounts if a in set(args.accounts)]
    for account_id in accounts:
        started = time.monotonic()
        try:
            verdict = audit_account(account_session(management, account_id, caller, args.role_name), wanted)
        except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as error:
            print(f"account {account_id}: {error}", file=sys.stderr)
            verdict = "ERROR"
        print(f"{account_id} {verdict} {time.monotonic() - started:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
