"""What a `trailguard fix` run gave, for the fix suites (test_fix.py, test_fix_org.py)."""
from __future__ import annotations

import json
import subprocess


class FixRun:
    def __init__(self, completed: subprocess.CompletedProcess):
        self.code = completed.returncode
        self.out = completed.stdout
        self.err = completed.stderr

    def plans(self) -> dict[str, dict]:
        """The -o json plan's accounts, by account id."""
        return {a["account_id"]: a for a in json.loads(self.out)["accounts"]}

    def plan(self) -> dict:
        """The -o json plan's first (for one account: only) account."""
        return json.loads(self.out)["accounts"][0]

    def kinds(self) -> list[str]:
        return [step["kind"] for step in self.plan()["steps"]]

    def __str__(self) -> str:
        return f"exit {self.code}\nstdout:\n{self.out}\nstderr:\n{self.err}"
