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

# The 17 regions every AWS account has enabled by default (moto also counts af-south-1, ap-southeast-3
# and eu-south-1 as enabled; AWS makes them opt-in). All three tools judge these.
DEFAULT_REGIONS = ("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2",
                   "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2",
                   "ap-northeast-3", "ap-southeast-1", "ap-southeast-2")
PEERS = BENCH / "peers"
TRAILGUARD_TIMEOUT_S = 1800.0


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


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a running process and its waited-for children, from /proc (0 if gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


@dataclass
class Measured:
    """One tool's run: the process, its verdict per account, and what the proxy saw of it."""
    run: measure.ChildRun
    verdicts: dict[str, str]
    seconds: dict[str, float]  # per account, for tools that time each account (the peers)
    calls: measure.ProxySlice


class Tools:
    """Runs each tool against the proxy with the same environment, options and working directory."""

    def __init__(self, args: argparse.Namespace, proxy, workdir: Path):
        self.args, self.proxy, self.workdir = args, proxy, workdir
        self.env = emulator.aws_env(proxy.url, home=workdir)
        self.proxy_log = measure.ProxyLog(proxy)

    def trailguard(self, name: str) -> Measured:
        out = self.workdir / f"{name}.json"
        command = [self.args.trailguard, "scan", "--org", "--endpoint-url", self.proxy.url, "-o", "json", "--out", str(out), "--stats"]
        if self.args.regions != "all":
            command += ["--region", self.args.regions]
        if self.args.max_concurrency:
            command += ["--max-concurrency", str(self.args.max_concurrency)]
        run = measure.run_measured(command, env=self.env, timeout=TRAILGUARD_TIMEOUT_S, workdir=self.workdir, name=name)
        if run.exit_code not in (0, 1, 3) or not out.exists():
            raise RuntimeError(f"trailguard ({name}) exited {run.exit_code}:\n{run.stderr[-3000:]}")
        accounts = json.loads(out.read_text())["accounts"]
        return Measured(run, {a["account_id"]: a["status"] for a in accounts}, {}, self.proxy_log.next_slice())

    def peer(self, name: str, command: list[str], ids: list[str] | None, seconds_per_account: float, accounts: int) -> Measured:
        if self.args.regions != "all":
            command = command + ["--regions", self.args.regions]
        run = measure.run_measured(command + (ids or []), env=self.env, timeout=300.0 + seconds_per_account * accounts,
                                   workdir=self.workdir, name=name)
        if run.exit_code != 0 or run.timed_out:
            raise RuntimeError(f"{name} exited {run.exit_code}{' (timed out)' if run.timed_out else ''}:\n{run.stderr[-3000:]}")
        lines = measure.parse_verdict_lines(run.stdout)
        return Measured(run, {a: v for a, (v, _) in lines.items()}, {a: s for a, (_, s) in lines.items()}, self.proxy_log.next_slice())


# Calls about the organization rather than one account: not counted per account.
ORGANIZATION_OPERATIONS = ("ListAccounts", "DescribeOrganization")


def account_calls(calls: measure.ProxySlice) -> int:
    """Calls made for the accounts: all but the organization-level ones."""
    by_operation = calls.by_operation()
    return calls.calls - sum(by_operation.get(op, 0) for op in ORGANIZATION_OPERATIONS)


def whole_org_result(tool: str, m: Measured, accounts: int, emulated: bool) -> report.ToolResult:
    busy = m.calls.upstream_busy_s() / m.run.wall_s if emulated else None
    return report.ToolResult(tool, accounts, m.run.wall_s, m.run.wall_s / accounts, m.run.wall_s, False, m.run.peak_rss_mb,
                             m.run.cpu_s, account_calls(m.calls) / accounts, busy)


def sampled_result(tool: str, m: Measured, accounts: int, emulated: bool) -> report.ToolResult:
    measured = len(m.seconds)
    per_account = sum(m.seconds.values()) / max(measured, 1)
    fixed = max(m.run.wall_s - per_account * measured, 0.0)  # start-up, listing the organization
    busy = m.calls.upstream_busy_s() / m.run.wall_s if emulated else None
    return report.ToolResult(tool, measured, m.run.wall_s, per_account, fixed + per_account * accounts, measured < accounts,
                             m.run.peak_rss_mb, m.run.cpu_s, account_calls(m.calls) / max(measured, 1), busy)


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


def benchmark(args: argparse.Namespace, workdir: Path) -> int:
    load_before = os.getloadavg()
    moto = emulator.MotoServer()
    moto.start()
    started = time.monotonic()
    log(f"seeding an organization of {args.accounts} accounts in moto ...")
    seeded = org_seed.seed_organization(moto, args.accounts)
    seed_s = time.monotonic() - started
    log(f"seeded in {seed_s:.1f} s")
    expected = {a.account_id: a.expected for a in seeded}
    order = [a.account_id for a in seeded]
    own_multi_region = sum(a.kind in org_seed.OWN_MULTI_REGION_KINDS for a in seeded)
    peers = {"boto3": ("boto3 script", [sys.executable, str(PEERS / "boto3_audit.py")], args.boto3_sample, 60.0),
             "cli": ("AWS CLI (CIS manual audit)", ["bash", str(PEERS / "cli_audit.sh")], args.cli_sample, 300.0)}
    samples: dict[str, list[str] | None] = {}  # None: the whole organization
    for name, (_, _, sample, _) in peers.items():
        if sample != "0":
            samples[name] = None if sample == "all" else [order[i] for i in sample_indices(args.accounts, int(sample))]

    log("warming moto up: every account's state built before anything is timed ...")
    started = time.monotonic()
    regions = judged_regions(moto, args.regions)
    org_seed.warm_up(moto, seeded, {a: regions for ids in samples.values() for a in (ids or order)})
    warm_s = time.monotonic() - started
    log(f"warmed up in {warm_s:.1f} s")

    proxy = emulator.FaultProxy(moto.url, latency_ms=args.latency_ms, max_lifetime=24 * 3600, idle_timeout=3600)
    proxy.start()
    tools = Tools(args, proxy, workdir)
    problems: list[str] = []
    results: list[report.ToolResult] = []

    log("trailguard scan --org (against moto) ...")
    proxy.record(True)
    cpu_before = cpu_seconds(moto.process.pid), cpu_seconds(proxy.process.pid)
    tg = tools.trailguard("trailguard")
    moto_cpu, proxy_cpu = cpu_seconds(moto.process.pid) - cpu_before[0], cpu_seconds(proxy.process.pid) - cpu_before[1]
    proxy.record(False)
    recordings = {"trailguard": proxy.recording()}
    (workdir / "trailguard.proxy-log.json").write_text(json.dumps(tg.calls.records))
    results.append(whole_org_result("trailguard", tg, args.accounts, emulated=True))
    problems += compare("trailguard", tg.verdicts, expected, "the seeding", order)
    log(f"trailguard: {tg.run.wall_s:.2f} s, {tg.calls.calls} calls")

    measured: dict[str, Measured] = {}
    for name, (tool, command, _, budget) in peers.items():
        if name not in samples:
            continue
        size = len(samples[name] or order)
        log(f"{tool} on {size} account(s) ...")
        proxy.record(name == "boto3")  # replayed below, as trailguard is
        measured[name] = tools.peer(name, command, samples[name], budget, size)
        proxy.record(False)
        if name == "boto3":
            recordings[name] = proxy.recording()
        results.append(sampled_result(tool, measured[name], args.accounts, emulated=True))
        problems += compare(tool, measured[name].verdicts, tg.verdicts, "trailguard", samples[name] or order)
        log(f"{tool}: {measured[name].run.wall_s:.1f} s for {len(measured[name].verdicts)} account(s)")

    # Without the emulator: moto stops, the proxy answers from what it recorded.
    moto.stop()
    log("trailguard again, against the replay of its recorded answers (no emulator) ...")
    proxy.replay(recordings["trailguard"])
    replay_proxy_cpu = cpu_seconds(proxy.process.pid)
    tg_replay = tools.trailguard("trailguard-replay")
    replay_proxy_cpu = cpu_seconds(proxy.process.pid) - replay_proxy_cpu
    (workdir / "trailguard-replay.proxy-log.json").write_text(json.dumps(tg_replay.calls.records))
    problems += replay_problems("trailguard (replay)", tg_replay)
    problems += compare("trailguard (replay)", tg_replay.verdicts, tg.verdicts, "trailguard (moto)", order)
    results.append(whole_org_result("trailguard, replayed", tg_replay, args.accounts, emulated=False))
    log(f"trailguard (replay): {tg_replay.run.wall_s:.2f} s")
    boto3_replay = None
    if "boto3" in measured:
        log("boto3 script again, against the replay of its recorded answers ...")
        proxy.replay(recordings["boto3"])
        tool, command, _, budget = peers["boto3"]
        boto3_replay = tools.peer("boto3-replay", command, samples["boto3"], budget, len(measured["boto3"].verdicts))
        problems += replay_problems("boto3 script (replay)", boto3_replay)
        problems += compare("boto3 script (replay)", boto3_replay.verdicts, tg.verdicts, "trailguard", samples["boto3"] or order)
        results.append(sampled_result(f"{tool}, replayed", boto3_replay, args.accounts, emulated=False))
    proxy.replay(None)

    scale = report.TARGET_ACCOUNTS / args.accounts
    by_tool = {r.tool: r for r in results}
    targets = report.Targets(
        args.accounts, tg.run.wall_s * scale, tg_replay.run.wall_s * scale, max(tg.run.peak_rss_mb, tg_replay.run.peak_rss_mb),
        by_tool["boto3 script"].estimate_s / tg.run.wall_s if "boto3" in measured else None,
        by_tool["boto3 script, replayed"].estimate_s / tg_replay.run.wall_s if boto3_replay else None,
        account_calls(tg.calls) / args.accounts, 3 + 2 * own_multi_region / args.accounts)

    stats_total = re.search(r"^\s+total\s+(\d+) call", tg.run.stderr, re.M)
    load_after = os.getloadavg()
    print(f"Organization: {args.accounts} accounts ({own_multi_region} with their own multi-region trail, "
          f"{sum(a.expected == 'PASS' for a in seeded)} compliant), {len(regions)} regions judged; seeded in {seed_s:.0f} s, "
          f"moto warmed up in {warm_s:.0f} s (untimed). "
          f"Every request through a proxy adding {args.latency_ms:g} ms. "
          f"trailguard --max-concurrency {args.max_concurrency or '(its default)'}.\n")
    print(report.table(results, args.accounts, tg.run.wall_s))
    moto_busy = tg.calls.upstream_busy_s()
    print(f"\nEmulator: during trailguard's {tg.run.wall_s:.2f} s, moto was busy {moto_busy:.2f} s "
          f"({100 * moto_busy / tg.run.wall_s:.0f}%: at least one request inside moto, from the proxy's log); CPU used: "
          f"moto {moto_cpu:.1f} s, proxy {proxy_cpu:.1f} s, trailguard {tg.run.cpu_s:.2f} s.")
    in_flight = tg_replay.calls.in_flight_s()
    print(f"Without the emulator (replay of the {len(recordings['trailguard']['entries'])} recorded answers, same latency): "
          f"{tg_replay.run.wall_s:.2f} s; requests in flight {in_flight:.2f} s ({100 * in_flight / tg_replay.run.wall_s:.0f}%); "
          f"CPU used: proxy {replay_proxy_cpu:.1f} s, trailguard {tg_replay.run.cpu_s:.2f} s; "
          f"{len({r['connection'] for r in tg_replay.calls.records})} client connections for {tg_replay.calls.calls} requests.")
    print(f"trailguard's calls: {dict(sorted(tg.calls.by_operation().items()))}"
          + (f" (its own --stats: {stats_total.group(1)})" if stats_total else "")
          + f"; per account: all but {', '.join(ORGANIZATION_OPERATIONS)}.")
    print(f"Load average before/after: {load_before[0]:.2f} / {load_after[0]:.2f} on {os.cpu_count()} cores.")
    print("\nTargets (issue #4):")
    print(report.targets(targets))
    if args.json:
        Path(args.json).write_text(json.dumps(report.as_json(results, targets, {
            "accounts": args.accounts, "latency_ms": args.latency_ms, "regions": regions, "seed_s": seed_s, "warm_up_s": warm_s,
            "moto_busy_s": moto_busy, "moto_cpu_s": moto_cpu, "proxy_cpu_s": proxy_cpu, "replay_proxy_cpu_s": replay_proxy_cpu, "calls_by_operation": dict(tg.calls.by_operation()),
            "load_average": [load_before[0], load_after[0]], "problems": problems}), indent=2) + "\n")
    if problems:
        print(f"\nCROSS-CHECK FAILED: {len(problems)} disagreement(s):", file=sys.stderr)
        for problem in problems[:20]:
            print(f"  {problem}", file=sys.stderr)
        return 1
    compared = len(tg.verdicts) + len(tg_replay.verdicts) + sum(len(m.verdicts) for m in measured.values()) \
        + (len(boto3_replay.verdicts) if boto3_replay else 0)
    print(f"\nCross-check passed: {compared} account verdicts, every tool agreeing with trailguard, and trailguard with the seeding.")
    return 3 if args.require_targets and report.missed(targets) else 0


if __name__ == "__main__":
    sys.exit(main())
