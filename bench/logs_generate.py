#!/usr/bin/env python3
"""Synthetic CloudTrail log trees in the S3 layout, for the logs benchmark (docs/benchmarks.md, "Logs").

    AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16 chars>.json.gz
    AWSLogs/<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/<account>_CloudTrail-Digest_<region>_<trail>_<home>_<time>.json.gz

What makes it look like real deliveries: records of ~1.2 KB with the fields CloudTrail writes (assumed roles,
IAM users, AWS services without a userIdentity type, old eventVersion 1.02 records without readOnly or
managementEvent), many services and event names, read and write, IAM/STS/CloudFront/Route 53 events
(awsRegion us-east-1) in us-east-1's files, failed calls with errorCode, a share of files delivered twice
(a second trail writing to the same prefix: the same events under another name), one digest per region per
hour, and gzip at level 6 (the ratios of real files: ~5x for a 7 KB file, ~9-10x for MBs).

Fast enough for gigabytes: the costly part (building and compressing records) is done for a pool of distinct
files only, `files per stream` per region, in parallel; each account then gets a copy of its regions' pool.
eventIDs are unique within a pool, so within every (account, region) the only repeated ids are the deliberate
duplicates; ids repeat across accounts, which both the tool and the jq yardstick count apart (per account).
Deterministic: the same arguments and seed give the same bytes.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import multiprocessing
import os
import random
import shutil
import sys
import time
import uuid
from dataclasses import dataclass, asdict
from pathlib import Path

REGIONS = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2", "eu-west-3",
           "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
           "ap-southeast-1", "ap-southeast-2", "sa-east-1"]
BUSY_REGIONS = ["us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2"]

# (eventSource, eventName, readOnly), the common calls listed several times (see weighted()): most calls are
# reads, and logging or bucket-policy changes are rare.
REGIONAL_EVENTS = [
    ("ec2.amazonaws.com", "DescribeInstances", True), ("ec2.amazonaws.com", "DescribeSecurityGroups", True),
    ("ec2.amazonaws.com", "DescribeVolumes", True), ("ec2.amazonaws.com", "RunInstances", False),
    ("ec2.amazonaws.com", "CreateTags", False), ("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", False),
    ("s3.amazonaws.com", "ListBuckets", True), ("s3.amazonaws.com", "GetBucketAcl", True),
    ("s3.amazonaws.com", "PutBucketPolicy", False), ("lambda.amazonaws.com", "ListFunctions20150331", True),
    ("lambda.amazonaws.com", "UpdateFunctionCode20150331v2", False), ("kms.amazonaws.com", "Decrypt", True),
    ("kms.amazonaws.com", "GenerateDataKey", True), ("logs.amazonaws.com", "CreateLogStream", False),
    ("logs.amazonaws.com", "DescribeLogGroups", True), ("dynamodb.amazonaws.com", "DescribeTable", True),
    ("rds.amazonaws.com", "DescribeDBInstances", True), ("ssm.amazonaws.com", "GetParameter", True),
    ("ssm.amazonaws.com", "UpdateInstanceInformation", False), ("sqs.amazonaws.com", "GetQueueAttributes", True),
    ("ecr.amazonaws.com", "GetAuthorizationToken", True), ("autoscaling.amazonaws.com", "DescribeAutoScalingGroups", True),
    ("elasticloadbalancing.amazonaws.com", "DescribeTargetHealth", True), ("cloudtrail.amazonaws.com", "DescribeTrails", True),
    ("cloudtrail.amazonaws.com", "LookupEvents", True), ("config.amazonaws.com", "PutEvaluations", False),
    ("monitoring.amazonaws.com", "GetMetricData", True), ("secretsmanager.amazonaws.com", "GetSecretValue", True),
]
GLOBAL_EVENTS = [
    ("iam.amazonaws.com", "GetRole", True), ("iam.amazonaws.com", "ListRoles", True), ("iam.amazonaws.com", "CreateAccessKey", False),
    ("iam.amazonaws.com", "AttachRolePolicy", False), ("sts.amazonaws.com", "AssumeRole", True),
    ("sts.amazonaws.com", "GetCallerIdentity", True), ("cloudfront.amazonaws.com", "ListDistributions", True),
    ("route53.amazonaws.com", "ListHostedZones", True), ("route53.amazonaws.com", "ChangeResourceRecordSets", False),
    ("signin.amazonaws.com", "ConsoleLogin", False),
]


def weighted(events: list[tuple[str, str, bool]]) -> list[tuple[str, str, bool]]:
    rare = {"RunInstances", "AuthorizeSecurityGroupIngress", "PutBucketPolicy", "CreateAccessKey", "AttachRolePolicy",
            "ConsoleLogin", "ChangeResourceRecordSets", "UpdateFunctionCode20150331v2"}
    return [e for e in events for _ in range(1 if e[1] in rare else 8 if e[2] else 4)]


REGIONAL_EVENTS, GLOBAL_EVENTS = weighted(REGIONAL_EVENTS), weighted(GLOBAL_EVENTS)
SERVICES_CALLING = ["ec2.amazonaws.com", "lambda.amazonaws.com", "autoscaling.amazonaws.com", "config.amazonaws.com",
                    "cloudformation.amazonaws.com", "elasticloadbalancing.amazonaws.com"]
ROLES = ["OrganizationAccountAccessRole", "ci-deploy", "AWSServiceRoleForConfig", "platform-admin", "readonly-audit",
         "eks-node-group", "lambda-exec-orders", "data-pipeline"]
USERS = ["alice", "bob", "carol", "deploy-bot", "backup"]
AGENTS = ["aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.amzn.2 prompt/off command/ec2.describe-instances",
          "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.11.8 cfg/retry-mode#legacy",
          "aws-sdk-go-v2/1.25.2 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.150.1",
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0 Safari/537.36",
          "Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.42.0 aws-sdk-go-v2/1.25.3"]
POOL_ACCOUNT = "123456789012"  # the account the pool's records name (copies go to other accounts, as allowed)
SMALL_RECORDS, LARGE_RECORDS = 6, 900
FILE_INTERVAL_S = 300  # a trail delivers a file about every 5 minutes per region
START = 1767225600     # 2026-01-01T00:00:00Z


def utc(seconds: int, with_seconds: bool = True) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ" if with_seconds else "%Y%m%dT%H%MZ", time.gmtime(seconds))


def identity(rng: random.Random, account: str) -> tuple[str, str]:
    """The userIdentity JSON of one caller and its sourceIPAddress."""
    kind = rng.random()
    ip = f"{rng.choice((198, 203, 192))}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    if kind < 0.55:
        role = rng.choice(ROLES)
        session = f"session-{rng.randrange(10000)}"
        principal = f"AROA{rng.randrange(16 ** 12):012X}SAMPLE"
        return (f'{{"type":"AssumedRole","principalId":"{principal}:{session}",'
                f'"arn":"arn:aws:sts::{account}:assumed-role/{role}/{session}","accountId":"{account}",'
                f'"accessKeyId":"ASIA{rng.randrange(16 ** 12):012X}","sessionContext":{{"sessionIssuer":{{"type":"Role",'
                f'"principalId":"{principal}","arn":"arn:aws:iam::{account}:role/{role}","accountId":"{account}",'
                f'"userName":"{role}"}},"attributes":{{"creationDate":"2026-01-01T00:00:00Z","mfaAuthenticated":"false"}}}}}}'), ip
    if kind < 0.75:
        user = rng.choice(USERS)
        return (f'{{"type":"IAMUser","principalId":"AIDA{rng.randrange(16 ** 12):012X}","arn":"arn:aws:iam::{account}:user/{user}",'
                f'"accountId":"{account}","accessKeyId":"AKIA{rng.randrange(16 ** 12):012X}","userName":"{user}"}}'), ip
    service = rng.choice(SERVICES_CALLING)  # service events: no userIdentity type
    return f'{{"invokedBy":"{service}"}}', service


def region_callers(seed: int, region: str) -> list[tuple[str, str]]:
    """The callers seen in a region: a stable few, the first ones making most calls (as CI roles and services do)."""
    rng = random.Random(f"{seed}/{region}/callers")
    callers = [identity(rng, POOL_ACCOUNT) for _ in range(24)]
    return [c for i, c in enumerate(callers) for _ in range(max(1, 8 - i))]


def record(rng: random.Random, callers: list[tuple[str, str]], region: str, when: int, global_event: bool) -> str:
    source, name, read_only = rng.choice(GLOBAL_EVENTS if global_event else REGIONAL_EVENTS)
    user_identity, ip = rng.choice(callers)
    event_id, request_id = uuid.UUID(int=rng.getrandbits(128), version=4), uuid.UUID(int=rng.getrandbits(128), version=4)
    error = ',"errorCode":"AccessDenied","errorMessage":"User is not authorized to perform this operation"' if rng.random() < 0.03 else ""
    params = (f'{{"instancesSet":{{"items":[{{"instanceId":"i-{rng.randrange(16 ** 17):017x}"}}]}},"filterSet":{{}},'
              f'"includeAllInstances":false,"maxResults":{rng.choice((50, 100, 1000))}}}')
    response = "null" if read_only else f'{{"requestId":"{request_id}","_return":true}}'
    aws_region = "us-east-1" if global_event else region
    if rng.random() < 0.02:  # an old record: no readOnly, managementEvent, eventCategory
        return (f'{{"eventVersion":"1.02","userIdentity":{user_identity},"eventTime":"{utc(when)}","eventSource":"{source}",'
                f'"eventName":"{name}","awsRegion":"{aws_region}","sourceIPAddress":"{ip}","userAgent":"{rng.choice(AGENTS)}",'
                f'"requestParameters":{params},"responseElements":{response},"requestID":"{request_id}",'
                f'"eventID":"{event_id}","eventType":"AwsApiCall","recipientAccountId":"{POOL_ACCOUNT}"{error}}}')
    return (f'{{"eventVersion":"1.09","userIdentity":{user_identity},"eventTime":"{utc(when)}","eventSource":"{source}",'
            f'"eventName":"{name}","awsRegion":"{aws_region}","sourceIPAddress":"{ip}","userAgent":"{rng.choice(AGENTS)}"{error},'
            f'"requestParameters":{params},"responseElements":{response},"requestID":"{request_id}",'
            f'"eventID":"{event_id}","readOnly":{"true" if read_only else "false"},"eventType":"AwsApiCall",'
            f'"managementEvent":true,"recipientAccountId":"{POOL_ACCOUNT}","eventCategory":"Management",'
            f'"tlsDetails":{{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256",'
            f'"clientProvidedHostHeader":"{source.split(".")[0]}.{aws_region}.amazonaws.com"}}}}')


@dataclass
class Plan:
    out: str
    accounts: int
    regions: list[str]
    files_per_stream: int
    records_per_file: int
    duplicate_every: int  # every Nth file of a stream is delivered again by a second trail (0: never)
    digests: bool
    seed: int


def pool_file(args: tuple[Plan, str, int]) -> tuple[bytes, str, int]:
    """File `index` of `region`'s pool: its gzip bytes, the SHA-256 of its JSON (for the digests) and its JSON size."""
    plan, region, index = args
    rng = random.Random(f"{plan.seed}/{region}/{index}")
    delivered = START + index * FILE_INTERVAL_S
    globals_share = 0.3 if region == "us-east-1" else 0.0
    callers = region_callers(plan.seed, region)
    records = [record(rng, callers, region, delivered - FILE_INTERVAL_S + rng.randrange(FILE_INTERVAL_S), rng.random() < globals_share)
               for _ in range(plan.records_per_file)]
    data = ('{"Records":[' + ",".join(records) + "]}").encode()
    return gzip.compress(data, compresslevel=6, mtime=0), hashlib.sha256(data).hexdigest(), len(data)


POOL: dict[tuple[str, int], tuple[bytes, str, int]] = {}  # filled before the writers fork


def unique_part(rng: random.Random) -> str:
    return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(16))


def day_folder(root: Path, account: str, kind: str, region: str, seconds: int) -> Path:
    return root / "AWSLogs" / account / kind / region / time.strftime("%Y/%m/%d", time.gmtime(seconds))


def write_stream(args: tuple[Plan, str, str]) -> tuple[int, int, int, int]:
    """One (account, region)'s files; returns (log files, digest files, stored bytes, JSON bytes) of its log files."""
    plan, account, region = args
    rng = random.Random(f"{plan.seed}/{account}/{region}")
    root = Path(plan.out)
    files = stored = inflated = digests = 0
    hour_files: list[tuple[str, str]] = []
    made: set[Path] = set()

    def write(folder: Path, name: str, data: bytes) -> None:
        if folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(folder)
        with open(folder / name, "wb") as out:
            out.write(data)

    def digest(hour_end: int) -> None:
        nonlocal digests
        body = {"awsAccountId": account, "digestStartTime": utc(hour_end - 3600), "digestEndTime": utc(hour_end),
                "digestS3Bucket": "org-cloudtrail-logs", "digestS3Object": "", "digestPublicKeyFingerprint": "0" * 32,
                "digestSignatureAlgorithm": "SHA256withRSA", "newestEventTime": utc(hour_end - 60),
                "oldestEventTime": utc(hour_end - 3600), "previousDigestS3Bucket": None, "previousDigestSignature": None,
                "previousDigestHashValue": None, "previousDigestHashAlgorithm": None,
                "logFiles": [{"s3Bucket": "org-cloudtrail-logs", "s3Object": key, "hashValue": digest_of,
                              "hashAlgorithm": "SHA-256", "newestEventTime": utc(hour_end - 60), "oldestEventTime": utc(hour_end - 3600)}
                             for key, digest_of in hour_files]}
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(hour_end))
        write(day_folder(root, account, "CloudTrail-Digest", region, hour_end),
              f"{account}_CloudTrail-Digest_{region}_org-trail_us-east-1_{stamp}.json.gz",
              gzip.compress(json.dumps(body).encode(), compresslevel=6, mtime=0))
        digests += 1
        hour_files.clear()

    for index in range(plan.files_per_stream):
        data, sha, size = POOL[(region, index)]
        delivered = START + index * FILE_INTERVAL_S
        folder = day_folder(root, account, "CloudTrail", region, delivered)
        copies = 2 if plan.duplicate_every and index % plan.duplicate_every == plan.duplicate_every - 1 else 1
        for _ in range(copies):
            name = f"{account}_CloudTrail_{region}_{utc(delivered, False)}_{unique_part(rng)}.json.gz"
            write(folder, name, data)
            files, stored, inflated = files + 1, stored + len(data), inflated + size
            hour_files.append((f"AWSLogs/{account}/CloudTrail/{region}/{name}", sha))
        if plan.digests and (index + 1) % (3600 // FILE_INTERVAL_S) == 0:
            digest(delivered + 60)
    if plan.digests and hour_files:
        digest(START + plan.files_per_stream * FILE_INTERVAL_S + 60)
    return files, digests, stored, inflated


def account_ids(count: int, seed: int) -> list[str]:
    rng = random.Random(f"{seed}/accounts")
    return sorted({f"{rng.randrange(10 ** 11, 10 ** 12):012d}" for _ in range(count * 2)})[:count]


def generate(plan: Plan, processes: int | None = None) -> dict:
    """Writes the tree (replacing `plan.out`) and returns its manifest (also written as manifest.json beside it)."""
    started = time.monotonic()
    out = Path(plan.out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    processes = processes or os.cpu_count() or 2
    pool_keys = [(region, index) for region in plan.regions for index in range(plan.files_per_stream)]
    with multiprocessing.get_context("fork").Pool(processes) as workers:
        for key, value in zip(pool_keys, workers.imap(pool_file, [(plan, *key) for key in pool_keys], chunksize=8)):
            POOL[key] = value
    accounts = account_ids(plan.accounts, plan.seed)
    with multiprocessing.get_context("fork").Pool(processes) as workers:  # forked after the pool is built
        totals = workers.map(write_stream, [(plan, account, region) for account in accounts for region in plan.regions])
    POOL.clear()
    log_files, digest_files, stored, inflated = (sum(t[i] for t in totals) for i in range(4))
    manifest = {"plan": asdict(plan), "accounts": accounts, "log_files": log_files, "digest_files": digest_files,
                "log_bytes_stored": stored, "log_bytes_json": inflated, "generated_in_s": round(time.monotonic() - started, 2)}
    (out.parent / f"{out.name}.manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


# The benchmark's workloads: (accounts, regions, files per stream, records per file, duplicate every Nth file).
WORKLOADS = {
    "small": lambda scale: Plan("", 12, REGIONS, max(1, round(300 * scale)), SMALL_RECORDS, 20, True, 1),
    "large": lambda scale: Plan("", max(1, round(8 * scale)), BUSY_REGIONS, 27, LARGE_RECORDS, 25, True, 2),
    "big": lambda scale: Plan("", max(1, round(44 * scale)), BUSY_REGIONS, 27, LARGE_RECORDS, 25, True, 3),
}


def plan_for(workload: str, out: Path, scale: float = 1.0, seed: int | None = None) -> Plan:
    plan = WORKLOADS[workload](scale)
    plan.out = str(out)
    if seed is not None:
        plan.seed = seed
    return plan


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="the folder to write (replaced)")
    parser.add_argument("--workload", choices=sorted(WORKLOADS), default="small",
                        help="small: 12 accounts x 17 regions x 300 files of ~7 KB; large: 8 accounts x 4 regions x 27 "
                             "files of ~1 MB; big: 44 accounts of large files (5.3 GB of JSON)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies the files per stream (small) or the accounts")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--processes", type=int)
    args = parser.parse_args()
    manifest = generate(plan_for(args.workload, args.out, args.scale, args.seed), args.processes)
    print(json.dumps({k: v for k, v in manifest.items() if k != "plan"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
