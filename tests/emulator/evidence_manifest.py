"""The collection manifest (docs/evidence.md, "Identity") as the emulator suites check it after `collect`,
`collect --org` and the evidence script."""

from __future__ import annotations

import hashlib
import json
import unittest
from pathlib import Path


def check_manifest(test: unittest.TestCase, directory: Path) -> None:
    """The collection manifest (docs/evidence.md) lists every file of `directory` once, with the command,
    region and trail each was made for, when, and the SHA-256 of its bytes."""
    directory = Path(directory)
    manifest = directory / "manifest.jsonl"
    test.assertTrue(manifest.is_file(), f"{manifest} was not written")
    entries = [json.loads(line) for line in manifest.read_text().splitlines() if line.strip()]
    files = sorted(p.name for p in directory.iterdir() if p.is_file() and p.name != manifest.name)
    test.assertEqual(sorted(e["file"] for e in entries), files, "the manifest lists each file once")
    for entry in entries:
        path = directory / entry["file"]
        test.assertEqual(entry["sha256"], hashlib.sha256(path.read_bytes()).hexdigest(), entry["file"])
        test.assertRegex(entry["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        test.assertTrue(entry["command"].startswith("aws "), entry)
        kind, _, rest = entry["file"].partition(".")
        if kind in ("get-trail-status", "get-event-selectors"):
            account, home, name = rest.rsplit(".", 1)[0].split(".", 2)
            test.assertEqual(entry["trail_arn"].split(":")[3:5], [home, account], entry)
            test.assertTrue(entry["trail_arn"].endswith(f":trail/{name}"), entry)
            test.assertEqual(entry["region"], home, entry)
            test.assertIn(entry["trail_arn"], entry["command"])
        elif kind == "describe-trails" and rest.count(".") == 1:
            test.assertEqual(entry["region"], rest.split(".")[0], entry)
