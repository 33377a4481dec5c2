#!/usr/bin/env python3
"""The logs benchmark (issue #12, docs/benchmarks.md "Logs"): `trailguard logs` and a jq pipeline over the same
synthetic CloudTrail trees, in the same run, files in the page cache.

    bash bench/run logs                    # small (~7 KB) and large (~1 MB) files: trailguard and jq -P2
    bash bench/run logs --big              # and 5.3 GB of JSON for trailguard's peak memory
    bash bench/run logs --smoke            # tiny trees, seconds: agreement only (CTest bench_logs_smoke)

Each workload: the tree is generated (bench/logs_generate.py; kept in --workdir and reused while its plan is
the same), read once untimed (the page cache, trailguard's binary), then trailguard runs --repeat times (the
best run counts) and the jq yardstick (bench/logs_jq_counts.sh) --jq-repeat times; trailguard's JSON report
and jq's counts must agree (bench/logs_compare.py) or the run fails. Rates are over the log files and their
uncompressed JSON (both tools read those; trailguard also reads the digests, ~8% more files, unpaid here).
Peak RSS and CPU (user + system, children included) are GNU time's (bench/measure.py); on a machine shared
with other work the CPU ratio is the fairer one (trailguard's 3 threads and jq's 4 processes get unequal shares
of a busy machine). Exit: 0; 1 when the tools disagree or a tool fails; 3 with
--require-targets when a target is missed.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import logs_compare  # noqa: E402
import logs_generate  # noqa: E402
import measure  # noqa: E402

# The targets on the project's 2-core machine.
LARGE_MB_S = 1200.0        # uncompressed JSON, 10^6 bytes
SMALL_FILES_S = 60000.0
RATIO_VS_JQ = 20.0         # both workloads
BIG_PEAK_RSS_MB = 200.0    # MiB, for ~5 GB of JSON


@dataclass
class Run:
    workload: str
    tool: str
    files: int
    json_mb: float
    wall_s: float
    cpu_s: float
    peak_rss_mb: float

    @property
    def files_s(self) -> float:
        return self.files / self.wall_s

    @property
    def mb_s(self) -> float:
        return self.json_mb / self.wall_s


def smoke_plan(workload: str, out: Path) -> logs_generate.Plan:
    if workload == "small":
        return logs_generate.Plan(str(out), 2, logs_generate.REGIONS, 6, logs_generate.SMALL_RECORDS, 3, True, 1)
    return logs_generate.Plan(str(out), 1, logs_generate.BUSY_REGIONS, 2, logs_generate.LARGE_RECORDS, 2, True, 2)


def tree_for(workload: str, args: argparse.Namespace) -> tuple[Path, dict]:
    """The workload's tree and manifest, generated unless --workdir already holds it for the same plan."""
    out = args.workdir / workload
    plan = smoke_plan(workload, out) if args.smoke else logs_generate.plan_for(workload, out)
    manifest_path = args.workdir / f"{workload}.manifest.json"
    if not args.regenerate and out.is_dir() and manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("plan") == asdict(plan):
            return out, manifest
    print(f"generating the {workload} tree in {out} ...", file=sys.stderr, flush=True)
    manifest = logs_generate.generate(plan)
    print(f"  {manifest['log_files']:,} log files, {manifest['digest_files']:,} digests, "
          f"{manifest['log_bytes_json'] / 1e6:,.0f} MB of JSON ({manifest['log_bytes_stored'] / 1e6:,.0f} MB gzip) "
          f"in {manifest['generated_in_s']} s", file=sys.stderr, flush=True)
    return out, manifest


def warm(tree: Path) -> None:
    """Every file of the tree read once, so the measured runs find them in the page cache."""
    for folder, _, names in os.walk(tree):
        for name in names:
            with open(os.path.join(folder, name), "rb") as f:
                while f.read(1 << 20):
                    pass


def run_trailguard(args: argparse.Namespace, tree: Path, name: str) -> tuple[measure.ChildRun, dict]:
    report = args.workdir / f"{name}.report.json"
    command = [args.trailguard, "logs", str(tree), "-o", "json", "--out", str(report)]
    if args.threads:
        command += ["--threads", str(args.threads)]
    run = measure.run_measured(command, env=dict(os.environ), timeout=1800.0, workdir=args.workdir, name=name)
    # 1: findings (the synthetic logs have unused-region activity and gaps), never 2 or 3 (a file unread).
    if run.exit_code not in (0, 1) or run.timed_out or not report.exists():
        raise RuntimeError(f"trailguard logs {tree} exited {run.exit_code}:\n{run.stderr[-3000:]}")
    parsed = json.loads(report.read_text())
    if parsed.get("errors"):
        raise RuntimeError(f"trailguard logs {tree} reported unreadable files: {parsed['errors'][:3]}")
    return run, parsed


def run_jq(args: argparse.Namespace, tree: Path, name: str) -> measure.ChildRun:
    run = measure.run_measured(["bash", str(BENCH / "logs_jq_counts.sh"), str(tree)], env=dict(os.environ),
                               timeout=3600.0, workdir=args.workdir, name=name)
    if run.exit_code != 0 or run.timed_out:
        raise RuntimeError(f"logs_jq_counts.sh {tree} exited {run.exit_code}:\n{run.stderr[-3000:]}")
    return run


def as_run(workload: str, tool: str, manifest: dict, child: measure.ChildRun) -> Run:
    return Run(workload, tool, manifest["log_files"], manifest["log_bytes_json"] / 1e6, child.wall_s, child.cpu_s, child.peak_rss_mb)


def measure_workload(workload: str, args: argparse.Namespace, with_jq: bool) -> tuple[list[Run], list[str]]:
    tree, manifest = tree_for(workload, args)
    warm(tree)
    run_trailguard(args, tree, f"{workload}-warm-up")
    runs: list[Run] = []
    best, report = None, None
    for i in range(args.repeat):
        child, parsed = run_trailguard(args, tree, f"{workload}-trailguard-{i}")
        if best is None or child.wall_s < best.wall_s:
            best, report = child, parsed
    runs.append(as_run(workload, "trailguard", manifest, best))
    problems: list[str] = []
    if with_jq:
        jq_best = None
        for i in range(args.jq_repeat):
            child = run_jq(args, tree, f"{workload}-jq-{i}")
            if jq_best is None or child.wall_s < jq_best.wall_s:
                jq_best = child
        runs.append(as_run(workload, "jq -P2", manifest, jq_best))
        problems = [f"{workload}: {line}" for line in logs_compare.differences(report, jq_best.stdout)]
    return runs, problems


def targets_missed(runs: list[Run], smoke: bool) -> list[str]:
    if smoke:
        return []
    by = {(r.workload, r.tool): r for r in runs}
    missed = []

    def check(ok: bool, text: str) -> None:
        if not ok:
            missed.append(text)

    if ("large", "trailguard") in by:
        check(by["large", "trailguard"].mb_s >= LARGE_MB_S, f"large files: {by['large', 'trailguard'].mb_s:,.0f} MB/s < {LARGE_MB_S:,.0f}")
    if ("small", "trailguard") in by:
        check(by["small", "trailguard"].files_s >= SMALL_FILES_S,
              f"small files: {by['small', 'trailguard'].files_s:,.0f} files/s < {SMALL_FILES_S:,.0f}")
    for workload in ("small", "large"):
        if (workload, "jq -P2") in by:
            ratio = by[workload, "jq -P2"].wall_s / by[workload, "trailguard"].wall_s
            check(ratio >= RATIO_VS_JQ, f"{workload} files: {ratio:.1f}x jq -P2 < {RATIO_VS_JQ:.0f}x")
    if ("big", "trailguard") in by:
        check(by["big", "trailguard"].peak_rss_mb < BIG_PEAK_RSS_MB,
              f"big input: peak RSS {by['big', 'trailguard'].peak_rss_mb:.0f} MiB >= {BIG_PEAK_RSS_MB:.0f}")
    return missed


def table(runs: list[Run]) -> str:
    lines = ["| workload | tool       | log files | JSON MB | wall s  | files/s   | MB/s (JSON) | CPU s  | peak RSS | vs jq -P2 | vs jq, CPU |",
             "|----------|------------|-----------|---------|---------|-----------|-------------|--------|----------|-----------|------------|"]
    jq = {r.workload: r for r in runs if r.tool != "trailguard"}
    for r in runs:
        ratio = f"{jq[r.workload].wall_s / r.wall_s:.1f}x" if r.workload in jq else "-"
        cpu_ratio = f"{jq[r.workload].cpu_s / r.cpu_s:.1f}x" if r.workload in jq and r.cpu_s > 0 else "-"
        lines.append(f"| {r.workload:<8} | {r.tool:<10} | {r.files:>9,} | {r.json_mb:>7,.0f} | {r.wall_s:>7.3f} | {r.files_s:>9,.0f} "
                     f"| {r.mb_s:>11,.0f} | {r.cpu_s:>6.2f} | {r.peak_rss_mb:>4.0f} MiB | {ratio:>9} | {cpu_ratio:>10} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    measure.add_common_arguments(parser, "logs", "trees are")
    parser.add_argument("--smoke", action="store_true", help="tiny trees: checks that the tools agree, in seconds")
    parser.add_argument("--big", action="store_true", help="also 5.3 GB of JSON (trailguard only): peak memory")
    parser.add_argument("--workloads", default="small,large", help="of small, large (default both)")
    parser.add_argument("--repeat", type=int, default=3, help="trailguard runs per workload, the best counts")
    parser.add_argument("--jq-repeat", type=int, default=1, help="jq runs per workload, the best counts")
    parser.add_argument("--threads", type=int, help="trailguard's --threads (default: its own, one per core)")
    args = parser.parse_args()

    args.workdir, temporary = measure.workdir_for(args.workdir, args.smoke, "logs")
    if args.smoke:
        args.repeat, args.jq_repeat = 1, 1
    try:
        load_before = os.getloadavg()[0]
        runs, problems = [], []
        for workload in [w for w in args.workloads.split(",") if w]:
            if workload not in ("small", "large"):
                parser.error(f"--workloads: {workload!r} is not small or large")
            more_runs, more_problems = measure_workload(workload, args, with_jq=True)
            runs += more_runs
            problems += more_problems
        if args.big and not args.smoke:
            more_runs, _ = measure_workload("big", args, with_jq=False)
            runs += more_runs
        print(table(runs))
        print(f"load average before {load_before:.2f}, after {os.getloadavg()[0]:.2f}; {os.cpu_count()} CPUs")
        if args.json:
            args.json.write_text(json.dumps([asdict(r) | {"files_s": r.files_s, "mb_s": r.mb_s} for r in runs], indent=1))
    except RuntimeError as error:
        print(f"logs benchmark: {error}", file=sys.stderr)
        return 1
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)
    for line in problems:
        print(f"DISAGREE {line}", file=sys.stderr)
    if problems:
        return 1
    print("trailguard and jq agree on every workload")
    missed = targets_missed(runs, args.smoke)
    for line in missed:
        print(f"target missed: {line}")
    return 3 if missed and args.require_targets else 0


if __name__ == "__main__":
    sys.exit(main())
