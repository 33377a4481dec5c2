"""The benchmark's printed result: one row per tool, the emulator's share, and the issue's targets."""
from __future__ import annotations

from dataclasses import asdict, dataclass

TARGET_ACCOUNTS = 1000
TARGET_WALL_S = 30.0
TARGET_RSS_MB = 300.0
TARGET_SPEEDUP = 20.0


@dataclass
class ToolResult:
    tool: str
    accounts_measured: int
    wall_s: float  # the measured run, start to exit
    per_account_s: float
    estimate_s: float  # for the whole organization: measured, or fixed cost + per-account mean x accounts
    extrapolated: bool
    peak_rss_mb: float
    cpu_s: float  # of the measured run, user + system
    calls_per_account: float
    emulator_share: float | None  # of wall_s, moto busy (None: a replay, no emulator)


@dataclass
class Targets:
    accounts: int
    emulated_s: float  # trailguard against moto, for TARGET_ACCOUNTS accounts (scaled when the org differs)
    replayed_s: float  # the same without the emulator
    peak_rss_mb: float
    speedup_vs_boto3: float | None  # both against moto
    speedup_vs_boto3_replayed: float | None  # both against the replay
    calls_per_account: float
    calls_goal: float


def _seconds(value: float) -> str:
    if value >= 3600:
        return f"{value / 3600:.1f} h"
    if value >= 120:
        return f"{value / 60:.1f} min"
    return f"{value:.2f} s"


def table(results: list[ToolResult], accounts: int, reference_s: float) -> str:
    header = ("tool", "accounts measured", "wall time", "s/account", f"time for {accounts}", "peak RSS", "CPU",
              "API calls/account", "moto busy", "x trailguard")
    rows = [header]
    for r in results:
        rows.append((r.tool, str(r.accounts_measured), _seconds(r.wall_s), f"{r.per_account_s:.3f}",
                     _seconds(r.estimate_s) + (" (extrapolated)" if r.extrapolated else ""), f"{r.peak_rss_mb:.0f} MB",
                     f"{r.cpu_s:.1f} s",
                     f"{r.calls_per_account:.2f}", "-" if r.emulator_share is None else f"{100 * r.emulator_share:.0f}%",
                     f"{r.estimate_s / reference_s:.1f}x"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def _verdict(met: bool) -> str:
    return "MET" if met else "MISSED"


def targets(t: Targets) -> str:
    scaled = "" if t.accounts == TARGET_ACCOUNTS else f" (scaled linearly from {t.accounts} accounts)"
    lines = [
        f"- {TARGET_ACCOUNTS} accounts in under {TARGET_WALL_S:.0f} s{scaled}: with the emulator {t.emulated_s:.1f} s "
        f"{_verdict(t.emulated_s < TARGET_WALL_S)}; without it (replay) {t.replayed_s:.1f} s {_verdict(t.replayed_s < TARGET_WALL_S)}",
        f"- peak memory under {TARGET_RSS_MB:.0f} MB: {t.peak_rss_mb:.0f} MB {_verdict(t.peak_rss_mb < TARGET_RSS_MB)}",
    ]
    if t.speedup_vs_boto3 is not None:
        line = (f"- at least {TARGET_SPEEDUP:.0f}x faster than the boto3 script: both with the emulator "
                f"{t.speedup_vs_boto3:.1f}x {_verdict(t.speedup_vs_boto3 >= TARGET_SPEEDUP)}")
        if t.speedup_vs_boto3_replayed is not None:
            line += (f"; both without it (replay) {t.speedup_vs_boto3_replayed:.1f}x "
                     f"{_verdict(t.speedup_vs_boto3_replayed >= TARGET_SPEEDUP)}")
        lines.append(line)
    lines.append(f"- API calls per account at most 3 + 2 per own multi-region trail (here {t.calls_goal:.2f}; organization-level calls apart): "
                 f"{t.calls_per_account:.2f} {_verdict(t.calls_per_account <= t.calls_goal + 1e-9)}")
    return "\n".join(lines)


def missed(t: Targets) -> bool:
    return "MISSED" in targets(t)


def as_json(results: list[ToolResult], t: Targets, extra: dict) -> dict:
    return {"tools": [asdict(r) for r in results], "targets": asdict(t), **extra}
