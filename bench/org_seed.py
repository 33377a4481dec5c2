"""Builds the benchmark's emulated organization in a moto_server, through the real AWS APIs (boto3).

CreateOrganization in the management account (moto's default account), CreateAccount for every member,
then each account's trails by the kind its index gives (KINDS, in turn, so every sample of consecutive
or evenly spread indices mixes them):

    pass           own multi-region trail, logging, Read+Write management events   -> PASS
    not_logging    own multi-region trail, Read+Write, never started                -> FAIL
    read_only      own multi-region trail, logging, ReadOnly management events     -> FAIL
    single_region  only a single-region trail (logging, Read+Write)                -> FAIL
    none           no trail                                                         -> FAIL

Trails are created in the account through moto's x-moto-account-id header (the role would do the same,
one call dearer), in home regions taken in turn from HOME_REGIONS, logging to one shared bucket (moto
accepts any account's bucket). As moto requires: PutEventSelectors explicitly after CreateTrail (moto
leaves a new trail without selectors, AWS gives it the default), StartLogging by name in the home region.
No organization trail: moto does not show one in member accounts, so the plain peers could not see it.
"""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

KINDS = ("pass", "not_logging", "read_only", "single_region", "none")
OWN_MULTI_REGION_KINDS = {"pass", "not_logging", "read_only"}
HOME_REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2")
BUCKET = "trailguard-bench-trail-logs"
SEED_THREADS = 8


@dataclass(frozen=True)
class SeededAccount:
    index: int  # 0 is the management account
    account_id: str
    kind: str
    home_region: str

    @property
    def expected(self) -> str:
        return "PASS" if self.kind == "pass" else "FAIL"


def kind_of(index: int) -> tuple[str, str]:
    return KINDS[index % len(KINDS)], HOME_REGIONS[(index // len(KINDS)) % len(HOME_REGIONS)]


class _AccountHeader:
    """A botocore before-sign hook that sends the calling thread's current account as x-moto-account-id."""

    def __init__(self):
        self.local = threading.local()

    def __call__(self, request, **_):
        account = getattr(self.local, "account", None)
        if account:
            request.headers["x-moto-account-id"] = account


def _seed_trail(cloudtrail, header: _AccountHeader, account: SeededAccount) -> None:
    if account.kind == "none":
        return
    header.local.account = account.account_id
    name = f"bench-{account.kind.replace('_', '-')}-{account.index}"
    cloudtrail.create_trail(Name=name, S3BucketName=BUCKET, IsMultiRegionTrail=account.kind != "single_region",
                            IncludeGlobalServiceEvents=True)
    read_write = "ReadOnly" if account.kind == "read_only" else "All"
    cloudtrail.put_event_selectors(TrailName=name, EventSelectors=[{"ReadWriteType": read_write, "IncludeManagementEvents": True}])
    if account.kind != "not_logging":
        cloudtrail.start_logging(Name=name)


def warm_up(moto, accounts: list[SeededAccount], regions: dict[str, list[str]]) -> None:
    """Touches, untimed, what the tools will touch in each account. moto builds an account's EC2, IAM and
    per-region CloudTrail state on first use (EC2: a default VPC and more), which costs it ~0.1 s of CPU per
    account, far more than answering: whichever tool came first would pay it for the others. Every account
    gets its role assumed, DescribeRegions and DescribeTrails in us-east-1; the accounts in `regions` (those
    the sequential peers audit) DescribeTrails in each region listed for them."""
    header = _AccountHeader()
    ec2, sts = moto.client("ec2"), moto.client("sts")
    ec2.meta.events.register("before-sign.ec2.*", header)
    cloudtrail = {}
    for region in {"us-east-1", *(r for rs in regions.values() for r in rs)}:
        cloudtrail[region] = moto.client("cloudtrail", region)
        cloudtrail[region].meta.events.register("before-sign.cloudtrail.*", header)

    def touch(account: SeededAccount) -> None:
        if account.index > 0:
            sts.assume_role(RoleArn=f"arn:aws:iam::{account.account_id}:role/OrganizationAccountAccessRole",
                            RoleSessionName="warm-up")
        header.local.account = account.account_id
        ec2.describe_regions()
        for region in {"us-east-1", *regions.get(account.account_id, [])}:
            cloudtrail[region].describe_trails()

    with ThreadPoolExecutor(SEED_THREADS) as pool:
        list(pool.map(touch, accounts))


def seed_organization(moto, accounts: int) -> list[SeededAccount]:
    """The organization of `accounts` accounts (the management one included), in index order."""
    if accounts < 1:
        raise ValueError("an organization has at least its management account")
    organizations = moto.client("organizations")
    organizations.create_organization(FeatureSet="ALL")
    management_id = moto.client("sts").get_caller_identity()["Account"]
    moto.client("s3").create_bucket(Bucket=BUCKET)

    header = _AccountHeader()
    trail_clients = {}
    for region in HOME_REGIONS:  # boto3 clients are thread-safe; the hook reads the calling thread's account
        trail_clients[region] = moto.client("cloudtrail", region)
        trail_clients[region].meta.events.register("before-sign.cloudtrail.*", header)

    def make(index: int) -> SeededAccount:
        if index == 0:
            account_id = management_id
        else:
            status = organizations.create_account(Email=f"bench-{index}@example.com", AccountName=f"bench-{index}")
            account_id = status["CreateAccountStatus"]["AccountId"]
        kind, home = kind_of(index)
        account = SeededAccount(index, account_id, kind, home)
        _seed_trail(trail_clients[home], header, account)
        return account

    with ThreadPoolExecutor(SEED_THREADS) as pool:
        seeded = list(pool.map(make, range(accounts)))
    if len({a.account_id for a in seeded}) != accounts:
        raise RuntimeError("moto gave two accounts the same id")
    return seeded
