#!/usr/bin/env python3
"""The organization-scale benchmark of issue #4: trailguard against the CIS manual audit with the AWS CLI
and a plain boto3 script, on one emulated organization, in the same run. Start it with bench/run.

1. moto_server on a free 127.0.0.1 port; the organization built through the real APIs (bench/org_seed.py).
2. tests/aws/http/fault_proxy.py in front of it, adding --latency-ms to every request; every tool talks
   to the proxy only, and the proxy logs each request with the time the emulator took.
3. trailguard scan --org, recording every answer; the boto3 script and the AWS CLI audit on a sample of
   the accounts (sequential tools: their per-account time is extrapolated linearly); then moto is stopped
   and trailguard runs again against the replay of its recorded answers, same latency: the run without
   the emulator.
4. Every tool's per-account verdict must equal trailguard's and the seeded expectation; a mismatch is
   printed and the exit code is 1. Targets missed are reported, not an error (unless --require-targets).
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


class Trailguard:
    def __init__(self, args: argparse.Namespace, endpoint: str, env: dict, workdir: Path):
        self.args, self.endpoint, self.env, self.workdir = args, endpoint, env, workdir

    def run(self, name: str) -> tuple[measure.ChildRun, dict[str, str]]:
        out = self.workdir / f"{name}.json"
        command = [self.args.trailguard, "scan", "--org", "--endpoint-url", self.endpoint, "-o", "json", "--out", str(out), "--stats"]
        if self.args.regions != "all":
            command += ["--region", self.args.regions]
        if self.args.max_concurrency:
            command += ["--max-concurrency", str(self.args.max_concurrency)]
        run = measure.run_measured(command, env=self.env, timeout=TRAILGUARD_TIMEOUT_S, workdir=self.workdir, name=name)
        if run.exit_code not in (0, 1, 3) or not out.exists():
            raise RuntimeError(f"trailguard ({name}) exited {run.exit_code}:\n{run.stderr[-3000:]}")
        accounts = json.loads(out.read_text())["accounts"]
        return run, {a["account_id"]: a["status"] for a in accounts}


def run_peer(command: list[str], ids: list[str] | None, env: dict, workdir: Path, name: str,
             seconds_per_account: float, expected_accounts: int) -> tuple[measure.ChildRun, dict[str, tuple[str, float]]]:
    timeout = 300.0 + seconds_per_account * expected_accounts
    run = measure.run_measured(command + (ids or []), env=env, timeout=timeout, workdir=workdir, name=name)
    if run.exit_code != 0 or run.timed_out:
        raise RuntimeError(f"{name} exited {run.exit_code}{' (timed out)' if run.timed_out else ''}:\n{run.stderr[-3000:]}")
    return run, measure.parse_verdict_lines(run.stdout)


def peer_result(tool: str, run: measure.ChildRun, verdicts: dict[str, tuple[str, float]], calls: measure.ProxySlice,
                accounts: int) -> report.ToolResult:
    measured = len(verdicts)
    per_account = sum(s for _, s in verdicts.values()) / max(measured, 1)
    fixed = max(run.wall_s - per_account * measured, 0.0)  # start-up, listing the organization
    account_calls = calls.calls - calls.by_operation().get("ListAccounts", 0)
    return report.ToolResult(tool, measured, run.wall_s, per_account, fixed + per_account * accounts, measured < accounts,
                             run.peak_rss_mb, account_calls / max(measured, 1))


def compare(label: str, verdicts: dict[str, str], reference: dict[str, str], reference_label: str) -> list[str]:
    problems = []
    for account, verdict in sorted(verdicts.items()):
        if account not in reference:
            problems.append(f"{label}: account {account} is unknown to {reference_label}")
        elif verdict != reference[account]:
            problems.append(f"{label} says {account} is {verdict}, {reference_label} says {reference[account]}")
    return problems


def sample_size(value: str, accounts: int) -> int:
    return accounts if value == "all" else int(value)


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


def benchmark(args: argparse.Namespace, workdir: Path) -> int:
    load_before = os.getloadavg()
    moto = emulator.MotoServer()
    moto.start()
    started = time.monotonic()
    log(f"seeding an organization of {args.accounts} accounts in moto ...")
    seeded = org_seed.seed_organization(moto, args.accounts)
    seed_s = time.monotonic() - started
    log(f"seeded in {seed_s:.1f} s")
    for service in ("sts", "ec2", "cloudtrail", "organizations"):  # moto loads each service on first use: not timed
        {"sts": lambda c: c.get_caller_identity(), "ec2": lambda c: c.describe_regions(),
         "cloudtrail": lambda c: c.describe_trails(), "organizations": lambda c: c.list_accounts()}[service](moto.client(service))

    expected = {a.account_id: a.expected for a in seeded}
    own_multi_region = sum(a.kind in org_seed.OWN_MULTI_REGION_KINDS for a in seeded)
    proxy = emulator.FaultProxy(moto.url, latency_ms=args.latency_ms, max_lifetime=24 * 3600, idle_timeout=3600)
    proxy.start()
    env = emulator.aws_env(proxy.url, home=workdir)
    regions_option = [] if args.regions == "all" else ["--regions", args.regions]
    trailguard = Trailguard(args, proxy.url, env, workdir)
    proxy_log = measure.ProxyLog(proxy)
    problems: list[str] = []
    results: list[report.ToolResult] = []

    # trailguard against the emulator, recording every answer for the replay.
    log("trailguard scan --org (emulated) ...")
    proxy.record(True)
    moto_cpu, proxy_cpu = cpu_seconds(moto.process.pid), cpu_seconds(proxy.process.pid)
    tg_run, tg_verdicts = trailguard.run("trailguard")
    moto_cpu, proxy_cpu = cpu_seconds(moto.process.pid) - moto_cpu, cpu_seconds(proxy.process.pid) - proxy_cpu
    proxy.record(False)
    tg_calls = proxy_log.next_slice()
    (workdir / "trailguard.proxy-log.json").write_text(json.dumps(tg_calls.records))
    tg_listing = tg_calls.by_operation().get("ListAccounts", 0)
    tg_per_account_calls = (tg_calls.calls - tg_listing) / args.accounts
    results.append(report.ToolResult("trailguard (moto)", args.accounts, tg_run.wall_s, tg_run.wall_s / args.accounts,
                                     tg_run.wall_s, False, tg_run.peak_rss_mb, tg_per_account_calls))
    problems += compare("trailguard", tg_verdicts, expected, "the seeding")
    missing = set(expected) - set(tg_verdicts)
    problems += [f"trailguard did not report account {a}" for a in sorted(missing)]
    log(f"trailguard: {tg_run.wall_s:.2f} s, {tg_calls.calls} calls")

    order = [a.account_id for a in seeded]
    peers = (("boto3 script", "boto3", args.boto3_sample, [sys.executable, str(PEERS / "boto3_audit.py")], 60.0),
             ("AWS CLI (CIS manual audit)", "cli", args.cli_sample, ["bash", str(PEERS / "cli_audit.sh")], 300.0))
    speedup = None
    for tool, name, sample, command, budget in peers:
        size = sample_size(sample, args.accounts)
        if size == 0:
            continue
        ids = None if sample == "all" else [order[i] for i in sample_indices(args.accounts, size)]
        log(f"{tool} on {size} account(s) ...")
        run, verdicts = run_peer(command + regions_option, ids, env, workdir, name, budget, size)
        result = peer_result(tool, run, verdicts, proxy_log.next_slice(), args.accounts)
        results.append(result)
        if name == "boto3":
            speedup = result.estimate_s / tg_run.wall_s
        log(f"{tool}: {run.wall_s:.1f} s for {len(verdicts)} account(s)")
        problems += compare(tool, {a: v for a, (v, _) in verdicts.items()}, tg_verdicts, "trailguard")
        problems += [f"{tool} did not audit account {a}" for a in (ids or order) if a not in verdicts]

    # The same scan without the emulator: moto stops, the proxy answers from the recording.
    recording = proxy.recording()
    moto.stop()
    proxy.replay(recording)
    log(f"trailguard scan --org (replay of {len(recording['entries'])} recorded answers, no emulator) ...")
    replay_run, replay_verdicts = trailguard.run("trailguard-replay")
    replay_calls = proxy_log.next_slice()
    not_replayed = replay_calls.calls - replay_calls.answered_by().get("replay", 0)
    if not_replayed:
        problems.append(f"replay: {not_replayed} request(s) had no recorded answer (the run differs from the recorded one)")
    problems += compare("trailguard (replay)", replay_verdicts, tg_verdicts, "trailguard (moto)")
    results.append(report.ToolResult("trailguard (replay, no emulator)", args.accounts, replay_run.wall_s,
                                     replay_run.wall_s / args.accounts, replay_run.wall_s, False, replay_run.peak_rss_mb,
                                     (replay_calls.calls - replay_calls.by_operation().get("ListAccounts", 0)) / args.accounts))
    log(f"replay: {replay_run.wall_s:.2f} s")

    scale = report.TARGET_ACCOUNTS / args.accounts
    targets = report.Targets(args.accounts, tg_run.wall_s * scale, replay_run.wall_s * scale,
                             max(tg_run.peak_rss_mb, replay_run.peak_rss_mb), speedup, tg_per_account_calls,
                             3 + 2 * own_multi_region / args.accounts)
    moto_busy = tg_calls.upstream_busy_s()
    stats_total = re.search(r"^\s+total\s+(\d+) call", tg_run.stderr, re.M)
    load_after = os.getloadavg()
    concurrency = args.max_concurrency or "trailguard's default"
    print(f"Organization: {args.accounts} accounts ({own_multi_region} with their own multi-region trail, "
          f"{sum(a.expected == 'PASS' for a in seeded)} compliant), "
          f"{len(args.regions.split(',')) if args.regions != 'all' else 'all emulated'} regions judged; "
          f"seeded in {seed_s:.1f} s. Proxy latency {args.latency_ms:g} ms per request; "
          f"trailguard --max-concurrency {concurrency}.\n")
    print(report.table(results, args.accounts, tg_run.wall_s))
    print(f"\nEmulator share of trailguard's {tg_run.wall_s:.2f} s (from the proxy's log): moto was busy "
          f"{moto_busy:.2f} s ({100 * moto_busy / tg_run.wall_s:.0f}%: at least one request inside moto), "
          f"requests were in flight {tg_calls.in_flight_s():.2f} s ({100 * tg_calls.in_flight_s() / tg_run.wall_s:.0f}%); "
          f"CPU: moto {moto_cpu:.1f} s, proxy {proxy_cpu:.1f} s, trailguard {tg_run.cpu_s:.2f} s. "
          f"Without the emulator (replay of the recorded answers, same latency): {replay_run.wall_s:.2f} s.")
    print(f"trailguard's calls: {dict(sorted(tg_calls.by_operation().items()))}"
          + (f" (its --stats: {stats_total.group(1)})" if stats_total else ""))
    print(f"Load average before/after: {load_before[0]:.2f} / {load_after[0]:.2f} (2 cores; other work on the machine slows every tool)")
    print("\nTargets (issue #4):")
    print(report.targets(targets))
    if args.json:
        Path(args.json).write_text(json.dumps(report.as_json(results, targets, {
            "accounts": args.accounts, "latency_ms": args.latency_ms, "seed_s": seed_s, "moto_busy_s": moto_busy,
            "calls_by_operation": dict(tg_calls.by_operation()), "problems": problems}), indent=2) + "\n")
    if problems:
        print(f"\nCROSS-CHECK FAILED: {len(problems)} disagreement(s):", file=sys.stderr)
        for problem in problems[:20]:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"\nCross-check: every tool's verdict agrees with trailguard's and with the seeding "
          f"({sum(r.accounts_measured for r in results)} account verdicts compared).")
    missed = "MISSED" in report.targets(targets)
    return 3 if args.require_targets and missed else 0


if __name__ == "__main__":
    sys.exit(main())
