"""What the benchmark measures: a child's wall time and peak memory, and what the latency proxy saw.

run_measured() runs one tool as a process group of its own (so Ctrl-C, a timeout or the end of the
runner stops it and everything it started) under GNU time, which reports the tool's peak RSS: the largest
of the process and the children it waited for (the `aws` calls of a shell script). Not wait4 from here:
Linux carries the forking process's peak RSS across exec into the child's, so a child of this ~90 MB
Python would never show less than that; GNU time forks from its own small process.

ProxySlice summarizes the proxy log records of one tool's run: calls per operation, and how long the
upstream (the emulator) was busy: the union of the upstream intervals, so concurrent requests count once.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "emulator"))
import moto_server as emulator  # noqa: E402

GNU_TIME = "/usr/bin/time"  # Debian package "time"


@dataclass
class ChildRun:
    wall_s: float
    peak_rss_mb: float
    cpu_s: float  # user + system, the waited-for children included
    exit_code: int
    stdout: str
    stderr: str
    timed_out: bool


def run_measured(args: list[str], *, env: dict, timeout: float, workdir: Path, name: str) -> ChildRun:
    """Runs args to the end (or kills its group after `timeout` s); stdout and stderr go through files
    in workdir (named after `name`), so a large report costs the child no pipe back-pressure."""
    out_path, err_path, usage_path = (workdir / f"{name}.{kind}" for kind in ("stdout", "stderr", "usage"))
    timed_out = threading.Event()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        started = time.monotonic()
        process = subprocess.Popen([GNU_TIME, "-f", "%M %U %S", "-o", str(usage_path), *args], env=env,
                                   stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True)
        with emulator.tracked_group(process):
            def kill() -> None:
                timed_out.set()
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            timer = threading.Timer(timeout, kill)
            timer.start()
            try:
                process.wait()
            finally:
                timer.cancel()
        wall = time.monotonic() - started
    usage = usage_path.read_text().splitlines() if usage_path.exists() else []
    # "Command exited with non-zero status N" may come first: the format's line is the last one.
    fields = next((line.split() for line in reversed(usage) if line.strip()), [])
    try:
        peak_kb, cpu_s = int(fields[0]), float(fields[1]) + float(fields[2])
    except (ValueError, IndexError):
        peak_kb, cpu_s = 0, 0.0  # killed with its group: GNU time wrote nothing
    return ChildRun(wall, peak_kb / 1024.0, cpu_s, process.returncode, out_path.read_text(errors="replace"),
                    err_path.read_text(errors="replace"), timed_out.is_set())


def add_common_arguments(parser, name: str, inputs: str) -> None:
    """The options every generated-input benchmark takes (the logs and iac ones), worded alike."""
    parser.add_argument("--trailguard", default=str(Path(__file__).resolve().parent.parent / "build" / "trailguard"))
    parser.add_argument("--workdir", type=Path, help=f"where the {inputs} kept (default: $TMPDIR/trailguard-{name}-bench; "
                                                     "--smoke: a temporary folder, removed)")
    parser.add_argument("--regenerate", action="store_true", help=f"write the {inputs.split()[0]} again even when kept ones match")
    parser.add_argument("--require-targets", action="store_true", help="exit 3 when a target is missed")
    parser.add_argument("--json", type=Path, help="also write the runs as JSON here")


def workdir_for(given: Path | None, smoke: bool, name: str) -> tuple[Path, Path | None]:
    """A benchmark's working folder, created: the one given; for a smoke a temporary one, also returned second
    for the caller to remove; else $TMPDIR/trailguard-<name>-bench, kept so generated inputs are reused."""
    temporary = None
    if given is None:
        if smoke:
            temporary = given = Path(tempfile.mkdtemp(prefix=f"trailguard-{name}-smoke-"))
        else:
            given = Path(tempfile.gettempdir()) / f"trailguard-{name}-bench"
    given.mkdir(parents=True, exist_ok=True)
    return given, temporary


def union_ms(intervals: list[tuple[float, float]]) -> float:
    """Total length of the union of [start, end) intervals."""
    total, current_start, current_end = 0.0, None, None
    for start, end in sorted(intervals):
        if current_end is None or start > current_end:
            if current_end is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        total += current_end - current_start
    return total


@dataclass
class ProxySlice:
    records: list[dict]

    @property
    def calls(self) -> int:
        return len(self.records)

    def by_operation(self) -> Counter:
        return Counter(r["operation"] or r["path"] for r in self.records)

    def answered_by(self) -> Counter:
        return Counter(r.get("answered_by") for r in self.records)

    def statuses(self) -> Counter:
        return Counter(r["status"] for r in self.records)

    def upstream_busy_s(self) -> float:
        """How long at least one of these requests was at the upstream (moto)."""
        intervals = [(r["upstream_start_ms"], r["upstream_start_ms"] + r["upstream_ms"])
                     for r in self.records if r.get("upstream_ms") is not None]
        return union_ms(intervals) / 1000.0

    def in_flight_s(self) -> float:
        """How long at least one of these requests was at the proxy (latency, upstream and transfer)."""
        return union_ms([(r["start_ms"], r["start_ms"] + r["duration_ms"]) for r in self.records]) / 1000.0


class ProxyLog:
    """Cuts the proxy's growing log into one slice per tool run."""

    def __init__(self, proxy):
        self.proxy = proxy
        self.seen = len(proxy.log())

    def next_slice(self) -> ProxySlice:
        log = self.proxy.log()
        records, self.seen = log[self.seen:], len(log)
        return ProxySlice(records)


def parse_verdict_lines(text: str) -> dict[str, tuple[str, float]]:
    """The peers' output: one "ACCOUNT_ID VERDICT SECONDS" line per account audited."""
    verdicts: dict[str, tuple[str, float]] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0].isdigit():
            verdicts[parts[0]] = (parts[1], float(parts[2]))
    return verdicts
