#!/usr/bin/env python3
"""The organization-scale benchmark of issue #4: trailguard against the CIS manual audit with the AWS CLI
and a plain boto3 script, on one emulated organization, in the same run. Start it with bench/run.

1. moto_server on a free 127.0.0.1 port; the organization built through the real APIs (bench/org_seed.py);
   then, untimed, every account's state that the tools will touch (moto builds it on first use, slowly).
2. tests/aws/http/fault_proxy.py in front of it, adding --latency-ms to every request; every tool talks
   to the proxy only, and the proxy logs each request with the time the emulator took.
3. trailguard scan --org over the whole organization; the boto3 script and the AWS CLI audit on a sample
   of its accounts (they go account by account: their time is extrapolated linearly). The answers to
   trailguard and to the boto3 script are recorded.
4. moto is stopped, and trailguard and the boto3 script run again against the replay of their recorded
   answers, with the same latency: both without the emulator.
5. Every tool's verdict per account must equal trailguard's, and trailguard's the seeded expectation; a
   disagreement is printed and the exit code is 1. Missed targets are reported (exit 3 with
   --require-targets).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import measure  # noqa: E402
import org_seed  # noqa: E402
import report  # noqa: E402
from measure import emulator  # noqa: E402
from tool_runs import Measured, Tools, account_calls, cpu_seconds, sampled_result, whole_org_result  # noqa: E402
from tool_runs import ORGANIZATION_OPERATIONS  # noqa: E402

# The 17 regions every AWS account has enabled by default (moto also counts af-south-1, ap-southeast-3
# and eu-south-1 as enabled; AWS makes them opt-in). All three tools judge these.
DEFAULT_REGIONS = ("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2",
                   "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2",
                   "ap-northeast-3", "ap-southeast-1", "ap-southeast-2")
PEERS = BENCH / "peers"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    parser.add_argument("--accounts", type=int, default=1000, help="accounts in the organization, management included (1000)")
    parser.add_argument("--latency-ms", type=float, default=30.0, help="added by the proxy to every request (30)")
    parser.add_argument("--boto3-sample", default="50", help="accounts the boto3 script audits, or 'all' (50)")
    parser.add_argument("--cli-sample", default="3", help="accounts the AWS CLI audit covers, or 'all' (3)")
    parser.add_argument("--max-concurrency", type=int, help="passed to trailguard (default: trailguard's own)")
    parser.add_argument("--regions", default=",".join(DEFAULT_REGIONS),
                        help="regions all tools judge, comma-separated, or 'all' (those the emulator lists); "
                             "default: the 17 AWS enables by default")
    parser.add_argument("--trailguard", default=str(BENCH.parent / "build" / "trailguard"), help="the binary to measure")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--keep-workdir", action="store_true", help="keep the reports and logs (path printed)")
    parser.add_argument("--require-targets", action="store_true", help="exit 3 when a target is missed")
    args = parser.parse_args(argv)
    if args.accounts < 1:
        parser.error("--accounts must be at least 1")
    for name in ("boto3_sample", "cli_sample"):
        value = getattr(args, name)
        if value != "all" and (not value.isdigit() or int(value) > args.accounts):
            parser.error(f"--{name.replace('_', '-')} must be 'all' or a number from 0 to --accounts, not {value!r}")
    if not os.access(measure.GNU_TIME, os.X_OK):
        parser.error(f"{measure.GNU_TIME} is missing (Debian package 'time'; scripts/setup installs it): it measures peak memory")
    if not os.access(args.trailguard, os.X_OK):
        parser.error(f"{args.trailguard} is not an executable (build it: scripts/build, or use bench/run)")
    return args


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def sample_indices(accounts: int, size: int) -> list[int]:
    """`size` account indices spread over the organization and over the seeded kinds (which go in turn)."""
    chosen: list[int] = []
    for j in range(size):
        index = min(j * accounts // size + j % len(org_seed.KINDS), accounts - 1)
        while index in chosen:
            index = (index + 1) % accounts
        chosen.append(index)
    return sorted(chosen)


def compare(label: str, verdicts: dict[str, str], reference: dict[str, str], reference_label: str,
            wanted: list[str] | None = None) -> list[str]:
    problems = []
    for account, verdict in sorted(verdicts.items()):
        if account not in reference:
            problems.append(f"{label}: account {account} is unknown to {reference_label}")
        elif verdict != reference[account]:
            problems.append(f"{label} says {account} is {verdict}, {reference_label} says {reference[account]}")
    problems += [f"{label} did not report account {a}" for a in (wanted or []) if a not in verdicts]
    return problems


def replay_problems(label: str, m: Measured) -> list[str]:
    missed = m.calls.calls - m.calls.answered_by().get("replay", 0)
    return [f"{label}: {missed} request(s) had no recorded answer (the run differs from the recorded one)"] if missed else []


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="trailguard-bench-"))
    emulator.stop_all_on_signals(cleanup=None if args.keep_workdir else lambda: shutil.rmtree(workdir, ignore_errors=True))
    try:
        return benchmark(args, workdir)
    finally:
        emulator.stop_all()
        if args.keep_workdir:
            log(f"reports and logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def judged_regions(moto, regions: str) -> list[str]:
    if regions != "all":
        return regions.split(",")
    listed = moto.client("ec2").describe_regions()["Regions"]
    return [r["RegionName"] for r in listed
            if r.get("OptInStatus") != "not-opted-in" and not r["RegionName"].startswith(("cn-", "us-gov-"))]


PEER_TOOLS = {  # name: (label, command, seconds per account allowed before the run counts as hung)
    "boto3": ("boto3 script", [sys.executable, str(PEERS / "boto3_audit.py")], 60.0),
    "cli": ("AWS CLI (CIS manual audit)", ["bash", str(PEERS / "cli_audit.sh")], 300.0),
}


@dataclass
class Organization:
    """The seeded organization, the accounts each peer audits (None: all) and the regions judged."""
    seeded: list[org_seed.SeededAccount]
    samples: dict[str, list[str] | None]
    regions: list[str]
    seed_s: float
    warm_s: float

    @property
    def order(self) -> list[str]:
        return [a.account_id for a in self.seeded]

    @property
    def own_multi_region(self) -> int:
        return sum(a.kind in org_seed.OWN_MULTI_REGION_KINDS for a in self.seeded)


def build_organization(args: argparse.Namespace, moto) -> Organization:
    started = time.monotonic()
    log(f"seeding an organization of {args.accounts} accounts in moto ...")
    seeded = org_seed.seed_organization(moto, args.accounts)
    seed_s = time.monotonic() - started
    log(f"seeded in {seed_s:.1f} s")
    order = [a.account_id for a in seeded]
    samples = {}
    for name, sample in (("boto3", args.boto3_sample), ("cli", args.cli_sample)):
        if sample != "0":
            samples[name] = None if sample == "all" else [order[i] for i in sample_indices(args.accounts, int(sample))]
    log("warming moto up: every account's state built before anything is timed ...")
    started = time.monotonic()
    regions = judged_regions(moto, args.regions)
    org_seed.warm_up(moto, seeded, {a: regions for ids in samples.values() for a in (ids or order)})
    warm_s = time.monotonic() - started
    log(f"warmed up in {warm_s:.1f} s")
    return Organization(seeded, samples, regions, seed_s, warm_s)


@dataclass
class Runs:
    trailguard: Measured
    trailguard_replayed: Measured
    peers: dict[str, Measured]
    boto3_replayed: Measured | None
    recorded_answers: int
    cpu_s: dict[str, float]  # moto's and the proxy's during trailguard's run, the proxy's during its replay

    def all(self) -> list[Measured]:
        return [self.trailguard, self.trailguard_replayed, *self.peers.values(), *([self.boto3_replayed] if self.boto3_replayed else [])]


def run_tools(args: argparse.Namespace, org: Organization, moto, proxy, tools: Tools,
              results: list[report.ToolResult], problems: list[str]) -> Runs:
    """Every timed run, in order; appends each one's row and disagreements."""
    expected = {a.account_id: a.expected for a in org.seeded}
    log("trailguard scan --org (against moto) ...")
    proxy.record(True)
    cpu_before = cpu_seconds(moto.process.pid), cpu_seconds(proxy.process.pid)
    tg = tools.trailguard("trailguard")
    cpu = {"moto": cpu_seconds(moto.process.pid) - cpu_before[0], "proxy": cpu_seconds(proxy.process.pid) - cpu_before[1]}
    proxy.record(False)
    recordings = {"trailguard": proxy.recording()}
    results.append(whole_org_result("trailguard", tg, args.accounts, emulated=True))
    problems += compare("trailguard", tg.verdicts, expected, "the seeding", org.order)
    log(f"trailguard: {tg.run.wall_s:.2f} s, {tg.calls.calls} calls")

    peers: dict[str, Measured] = {}
    for name, ids in org.samples.items():
        label, command, budget = PEER_TOOLS[name]
        log(f"{label} on {len(ids or org.order)} account(s) ...")
        proxy.record(name == "boto3")  # replayed below, as trailguard is
        peers[name] = tools.peer(name, command, ids, budget, len(ids or org.order))
        proxy.record(False)
        if name == "boto3":
            recordings[name] = proxy.recording()
        results.append(sampled_result(label, peers[name], args.accounts, emulated=True))
        problems += compare(label, peers[name].verdicts, tg.verdicts, "trailguard", ids or org.order)
        log(f"{label}: {peers[name].run.wall_s:.1f} s for {len(peers[name].verdicts)} account(s)")

    # Without the emulator: moto stops, the proxy answers from what it recorded.
    moto.stop()
    log("trailguard again, against the replay of its recorded answers (no emulator) ...")
    proxy.replay(recordings["trailguard"])
    cpu["proxy_replay"] = cpu_seconds(proxy.process.pid)
    tg_replay = tools.trailguard("trailguard-replay")
    cpu["proxy_replay"] = cpu_seconds(proxy.process.pid) - cpu["proxy_replay"]
    problems += replay_problems("trailguard (replay)", tg_replay)
    problems += compare("trailguard (replay)", tg_replay.verdicts, tg.verdicts, "trailguard (moto)", org.order)
    results.append(whole_org_result("trailguard, replayed", tg_replay, args.accounts, emulated=False))
    log(f"trailguard (replay): {tg_replay.run.wall_s:.2f} s")
    boto3_replay = None
    if "boto3" in peers:
        log("boto3 script again, against the replay of its recorded answers ...")
        proxy.replay(recordings["boto3"])
        label, command, budget = PEER_TOOLS["boto3"]
        ids = org.samples["boto3"]
        boto3_replay = tools.peer("boto3-replay", command, ids, budget, len(peers["boto3"].verdicts))
        problems += replay_problems(f"{label} (replay)", boto3_replay)
        problems += compare(f"{label} (replay)", boto3_replay.verdicts, tg.verdicts, "trailguard", ids or org.order)
        results.append(sampled_result(f"{label}, replayed", boto3_replay, args.accounts, emulated=False))
    proxy.replay(None)
    return Runs(tg, tg_replay, peers, boto3_replay, len(recordings["trailguard"]["entries"]), cpu)


def print_results(args: argparse.Namespace, org: Organization, runs: Runs, results: list[report.ToolResult],
                  targets: report.Targets, load: tuple[float, float]) -> None:
    tg, replayed = runs.trailguard, runs.trailguard_replayed
    print(f"Organization: {args.accounts} accounts ({org.own_multi_region} with their own multi-region trail, "
          f"{sum(a.expected == 'PASS' for a in org.seeded)} compliant), {len(org.regions)} regions judged; "
          f"seeded in {org.seed_s:.0f} s, moto warmed up in {org.warm_s:.0f} s (untimed). "
          f"Every request through a proxy adding {args.latency_ms:g} ms. "
          f"trailguard --max-concurrency {args.max_concurrency or '(its default)'}.\n")
    print(report.table(results, args.accounts, tg.run.wall_s))
    busy, in_flight = tg.calls.upstream_busy_s(), replayed.calls.in_flight_s()
    print(f"\nEmulator: during trailguard's {tg.run.wall_s:.2f} s, moto was busy {busy:.2f} s "
          f"({100 * busy / tg.run.wall_s:.0f}%: at least one request inside moto, from the proxy's log); CPU used: "
          f"moto {runs.cpu_s['moto']:.1f} s, proxy {runs.cpu_s['proxy']:.1f} s, trailguard {tg.run.cpu_s:.2f} s.")
    print(f"Without the emulator (replay of the {runs.recorded_answers} recorded answers, same latency): "
          f"{replayed.run.wall_s:.2f} s; requests in flight {in_flight:.2f} s ({100 * in_flight / replayed.run.wall_s:.0f}%); "
          f"CPU used: proxy {runs.cpu_s['proxy_replay']:.1f} s, trailguard {replayed.run.cpu_s:.2f} s; "
          f"{len({r['connection'] for r in replayed.calls.records})} client connections for {replayed.calls.calls} requests.")
    stats_total = re.search(r"^\s+total\s+(\d+) call", tg.run.stderr, re.M)
    print(f"trailguard's calls: {dict(sorted(tg.calls.by_operation().items()))}"
          + (f" (its own --stats: {stats_total.group(1)})" if stats_total else "")
          + f"; per account: all but {', '.join(ORGANIZATION_OPERATIONS)}.")
    print(f"Load average before/after: {load[0]:.2f} / {load[1]:.2f} on {os.cpu_count()} cores.")
    print("\nTargets (issue #4):")
    print(report.targets(targets))


def benchmark(args: argparse.Namespace, workdir: Path) -> int:
    load_before = os.getloadavg()[0]
    moto = emulator.MotoServer()
    moto.start()
    org = build_organization(args, moto)
    proxy = emulator.FaultProxy(moto.url, latency_ms=args.latency_ms, max_lifetime=24 * 3600, idle_timeout=3600)
    proxy.start()
    results: list[report.ToolResult] = []
    problems: list[str] = []
    runs = run_tools(args, org, moto, proxy, Tools(args, proxy, workdir), results, problems)
    for name, measured in (("trailguard", runs.trailguard), ("trailguard-replay", runs.trailguard_replayed)):
        (workdir / f"{name}.proxy-log.json").write_text(json.dumps(measured.calls.records))

    tg, replayed = runs.trailguard, runs.trailguard_replayed
    scale = report.TARGET_ACCOUNTS / args.accounts
    by_tool = {r.tool: r for r in results}
    targets = report.Targets(
        args.accounts, tg.run.wall_s * scale, replayed.run.wall_s * scale, max(tg.run.peak_rss_mb, replayed.run.peak_rss_mb),
        by_tool["boto3 script"].estimate_s / tg.run.wall_s if "boto3" in runs.peers else None,
        by_tool["boto3 script, replayed"].estimate_s / replayed.run.wall_s if runs.boto3_replayed else None,
        account_calls(tg.calls) / args.accounts, 3 + 2 * org.own_multi_region / args.accounts)
    load = (load_before, os.getloadavg()[0])
    print_results(args, org, runs, results, targets, load)
    if args.json:
        Path(args.json).write_text(json.dumps(report.as_json(results, targets, {
            "accounts": args.accounts, "latency_ms": args.latency_ms, "regions": org.regions, "seed_s": org.seed_s,
            "warm_up_s": org.warm_s, "moto_busy_s": tg.calls.upstream_busy_s(), "cpu_s": runs.cpu_s,
            "calls_by_operation": dict(tg.calls.by_operation()), "load_average": load, "problems": problems}), indent=2) + "\n")
    if problems:
        print(f"\nCROSS-CHECK FAILED: {len(problems)} disagreement(s):", file=sys.stderr)
        for problem in problems[:20]:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"\nCross-check passed: {sum(len(m.verdicts) for m in runs.all())} account verdicts, every tool agreeing "
          f"with trailguard, and trailguard with the seeding.")
    return 3 if args.require_targets and report.missed(targets) else 0


if __name__ == "__main__":
    sys.exit(main())
