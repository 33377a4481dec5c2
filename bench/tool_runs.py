"""Each tool run against the latency proxy, and what a run becomes in the benchmark's table.

Tools runs trailguard (over the whole organization) and the peers (over a list of accounts, or all),
with the same environment (the proxy as AWS_ENDPOINT_URL, fake keys, nothing of the caller's AWS set-up),
and cuts the proxy's log at each run's end so that every Measured holds its own requests.
"""
from __future__ import annotations

import argparse
import json
import os
from dataclasses import dataclass
from pathlib import Path

import measure
import report
from measure import emulator

TRAILGUARD_TIMEOUT_S = 1800.0


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
