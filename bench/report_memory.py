#!/usr/bin/env python3
"""Peak memory of every report format as an organization grows (issue #11: "memory stays flat for a
3,000-account organization in every format").

Builds a synthetic organization's evidence (the layout `collect --org` writes: list-accounts.json,
describe-organization.json, one directory per account with 17 regions; an organization trail in the
management account credited to every member; every third member adds a stopped trail of its own, every fifth
an unreadable region, so that findings of every status are written), then runs
`trailguard scan --evidence DIR -o FORMAT --out FILE` for each format at two sizes under GNU time, and prints
each format's peak RSS at both sizes, what the larger size added, and the ratio to -o ndjson's (the
streaming writer, the yardstick) at the same size. A writer that held the report whole would grow with the
output; a streaming one grows only with the evaluated accounts, which every format shares.

    python3 bench/report_memory.py --trailguard build/trailguard [--accounts 3001] [--small 301]
                                   [--formats json,ndjson,...] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import run_measured  # noqa: E402

REGIONS = ["ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
           "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1",
           "us-east-1", "us-east-2", "us-west-1", "us-west-2"]
FORMATS = ["text", "json", "ndjson", "csv", "junit", "ocsf", "ocsf-ndjson", "asff", "html"]
MANAGEMENT = "100000000000"
ORG_TRAIL = f"arn:aws:cloudtrail:us-east-1:{MANAGEMENT}:trail/org-trail"


def write(path: Path, document) -> None:
    path.write_text(json.dumps(document, indent=1))


def trail(arn: str, organization: bool) -> dict:
    name = arn.rsplit("/", 1)[1]
    return {"Name": name, "TrailARN": arn, "HomeRegion": arn.split(":")[3], "IsMultiRegionTrail": True,
            "IncludeGlobalServiceEvents": True, "IsOrganizationTrail": organization, "S3BucketName": f"{name}-logs"}


def build_organization(root: Path, accounts: int) -> None:
    ids = [MANAGEMENT] + [f"{200000000000 + i}" for i in range(1, accounts)]
    write(root / "list-accounts.json", {"Accounts": [{"Id": i, "Name": f"account-{n}", "Status": "ACTIVE",
                                                      "Arn": f"arn:aws:organizations::{MANAGEMENT}:account/o-x/{i}",
                                                      "Email": f"a{n}@example.com"} for n, i in enumerate(ids)]})
    write(root / "describe-organization.json", {"Organization": {"Id": "o-abcdefghij", "MasterAccountId": MANAGEMENT,
                                                                 "Arn": f"arn:aws:organizations::{MANAGEMENT}:organization/o-abcdefghij"}})
    regions = {"Regions": [{"RegionName": r, "OptInStatus": "opt-in-not-required"} for r in REGIONS]}
    all_events = {"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": True}]}
    for n, account in enumerate(ids):
        directory = root / account
        directory.mkdir()
        write(directory / "describe-regions.json", regions)
        listed = [trail(ORG_TRAIL, True)]
        if account == MANAGEMENT:
            write(directory / "get-caller-identity.json", {"Account": account, "Arn": f"arn:aws:iam::{account}:root"})
            write(directory / f"get-trail-status.{account}.us-east-1.org-trail.json", {"IsLogging": True})
            write(directory / f"get-event-selectors.{account}.us-east-1.org-trail.json", dict(all_events, TrailARN=ORG_TRAIL))
        elif n % 3 == 0:
            own = f"arn:aws:cloudtrail:eu-west-1:{account}:trail/own"
            listed.append(trail(own, False))
            write(directory / f"get-trail-status.{account}.eu-west-1.own.json", {"IsLogging": False})
            write(directory / f"get-event-selectors.{account}.eu-west-1.own.json", dict(all_events, TrailARN=own))
        write(directory / "describe-trails.json", {"trailList": listed})
        if n % 5 == 0 and account != MANAGEMENT:
            (directory / "describe-trails.ap-south-1.error").write_text(
                "\nAn error occurred (AccessDeniedException) when calling the DescribeTrails operation: denied\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trailguard", required=True)
    parser.add_argument("--accounts", type=int, default=3001)
    parser.add_argument("--small", type=int, default=301, help="the smaller organization (default 301)")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--keep", help="keep the evidence and reports in this directory")
    args = parser.parse_args()
    formats = args.formats.split(",")

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="trailguard-report-memory-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: dict[str, dict[int, tuple[float, float]]] = {}
    failed = False
    try:
        for size in (args.small, args.accounts):
            evidence = work / f"org-{size}"
            shutil.rmtree(evidence, ignore_errors=True)
            evidence.mkdir()
            build_organization(evidence, size)
            for fmt in formats:
                out = work / f"report-{size}.{fmt}"
                run = run_measured([args.trailguard, "scan", "--evidence", str(evidence), "-o", fmt, "--out", str(out)],
                                   env=None, timeout=600, workdir=work, name=f"{fmt}-{size}")
                if run.exit_code not in (0, 1, 3):
                    print(f"{fmt} at {size} accounts: exit {run.exit_code}: {run.stderr[-500:]}", file=sys.stderr)
                    failed = True
                    continue
                rows.setdefault(fmt, {})[size] = (run.peak_rss_mb, out.stat().st_size / 1e6)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    small, large = args.small, args.accounts
    print(f"peak RSS of `scan --evidence` by format, {small} and {large} accounts x {len(REGIONS)} regions")
    print(f"{'format':<12} {'RSS ' + str(small):>10} {'RSS ' + str(large):>11} {'added':>8} {'output':>10} {'vs ndjson':>10}")
    yardstick = rows.get("ndjson", {}).get(large, (0.0, 0.0))[0]
    for fmt in formats:
        if fmt not in rows or small not in rows[fmt] or large not in rows[fmt]:
            continue
        (rss_small, _), (rss_large, output) = rows[fmt][small], rows[fmt][large]
        ratio = f"{rss_large / yardstick:.2f}x" if yardstick else "-"
        print(f"{fmt:<12} {rss_small:>8.1f} MB {rss_large:>8.1f} MB {rss_large - rss_small:>5.1f} MB {output:>7.1f} MB {ratio:>10}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
