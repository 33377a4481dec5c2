#!/usr/bin/env python3
"""Checks that trailguard's logs report and the jq yardstick (bench/logs_jq_counts.sh) count the same tree alike.

    python3 bench/logs_compare.py REPORT.json JQ_COUNTS.txt     # exit 0 when they agree, 1 (with each difference) if not

Per (account, delivery region): distinct events, read, write and duplicates dropped. A region only trailguard
lists with no events (digests only) is not a difference; any other missing or differing row is.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

MEASURES = ("events", "read", "write", "duplicates_dropped")


def trailguard_counts(report: dict) -> dict[tuple[str, str], tuple[int, ...]]:
    return {(r["account_id"], r["region"]): tuple(r[m] for m in MEASURES) for r in report["regions"] if r["events"] or r["log_files"]}


def jq_counts(text: str) -> dict[tuple[str, str], tuple[int, ...]]:
    counts = {}
    for number, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if len(parts) != 2 + len(MEASURES):
            raise ValueError(f"jq counts, line {number}: {line!r} is not ACCOUNT REGION EVENTS READ WRITE DUPLICATES")
        counts[(parts[0], parts[1])] = tuple(int(p) for p in parts[2:])
    return counts


def differences(report: dict, jq_text: str) -> list[str]:
    ours, theirs = trailguard_counts(report), jq_counts(jq_text)
    found = []
    for key in sorted(ours.keys() | theirs.keys()):
        a, b = ours.get(key), theirs.get(key)
        if a != b:
            show = lambda c: "absent" if c is None else ", ".join(f"{m} {v}" for m, v in zip(MEASURES, c))  # noqa: E731
            found.append(f"{key[0]} {key[1]}: trailguard {show(a)}; jq {show(b)}")
    if not ours:
        found.append("trailguard's report has no region with events")
    return found


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    found = differences(json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[2]).read_text())
    for line in found:
        print(f"DISAGREE {line}", file=sys.stderr)
    if found:
        return 1
    print("trailguard and jq agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
