"""Validation of trailguard's JSON report and ndjson lines against docs/schema/, and the evidence fixtures
that produce a report. Shared by the report tests (tests/report/test_*.py) and the emulator harness
(tests/emulator/report_json.py), so that every test that reads `-o json` checks the published contract.

    check_report(json.loads(text))        # raises jsonschema.ValidationError when the report breaks the schema
    check_lines(text)                     # every ndjson line, each on its own
"""

from __future__ import annotations

import argparse
import functools
import json
import subprocess
import sys
import unittest
from pathlib import Path

import jsonschema
import referencing

SOURCE_DIR = Path(__file__).resolve().parents[2]
SCHEMA_DIR = SOURCE_DIR / "docs" / "schema"


@functools.cache
def _validators() -> tuple[jsonschema.Draft202012Validator, jsonschema.Draft202012Validator]:
    report = json.loads((SCHEMA_DIR / "report.schema.json").read_text())
    line = json.loads((SCHEMA_DIR / "report-line.schema.json").read_text())
    for schema in (report, line):
        jsonschema.Draft202012Validator.check_schema(schema)  # a broken schema file fails loudly, not silently passes
    # The line schema refers to the report's $defs by $id: both live in one registry.
    registry = referencing.Registry().with_resources(
        [(s["$id"], referencing.Resource.from_contents(s)) for s in (report, line)])
    return (jsonschema.Draft202012Validator(report, registry=registry),
            jsonschema.Draft202012Validator(line, registry=registry))


def check_report(document: dict) -> dict:
    """`document` (a parsed -o json report) if it satisfies docs/schema/report.schema.json; else raises the
    most relevant jsonschema.ValidationError."""
    error = jsonschema.exceptions.best_match(_validators()[0].iter_errors(document))
    if error is not None:
        raise error
    return document


def check_line(line: dict) -> dict:
    error = jsonschema.exceptions.best_match(_validators()[1].iter_errors(line))
    if error is not None:
        raise error
    return line


def check_lines(text: str) -> list[dict]:
    """Every line of an -o ndjson stream, parsed and checked; the last must be the summary."""
    lines = [check_line(json.loads(line)) for line in text.splitlines()]
    if not lines or lines[-1]["type"] != "summary":
        raise jsonschema.ValidationError("an ndjson stream ends with its summary line")
    return lines


def report_fixtures() -> list[tuple[Path, list[str]]]:
    """(directory, extra scan arguments) of every evidence fixture that produces a report: those with an
    expected.json whose exit code is not 2 (usage or input error, no report)."""
    found = []
    for root in ("examples/evidence", "tests/fixtures/evidence"):
        for expected in sorted((SOURCE_DIR / root).glob("*/expected.json")):
            want = json.loads(expected.read_text())
            if want["exit_code"] != 2:
                found.append((expected.parent, list(want.get("args", []))))
    return found


def scan_output(trailguard: str, directory: Path, args: list[str], output: str) -> str:
    """stdout of `scan --evidence DIRECTORY -o FORMAT` (exit codes 0, 1 and 3 are reports)."""
    # Bytes, decoded: text=True would turn the CSV's CRLF record ends into LF.
    done = subprocess.run([trailguard, "scan", "--evidence", str(directory), "-o", output, *args],
                          capture_output=True, timeout=60)
    if done.returncode not in (0, 1, 3):
        raise AssertionError(f"{directory}: exit {done.returncode}: {done.stderr.decode()}")
    return done.stdout.decode()


def sample_output(sample: str, output: str) -> str:
    """stdout of `report_sample OUTPUT` (tests/report/report_sample.cpp): a format, or `expected`."""
    return subprocess.run([sample, output], capture_output=True, check=True, timeout=30).stdout.decode()


def test_main(namespace: dict) -> None:
    """Runs the calling script's unittest cases with TRAILGUARD and SAMPLE set in `namespace` (its globals)
    from --trailguard BINARY and --sample REPORT_SAMPLE; other arguments go to unittest."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--trailguard", required=True)
    parser.add_argument("--sample", required=True)
    options, rest = parser.parse_known_args()
    namespace["TRAILGUARD"], namespace["SAMPLE"] = options.trailguard, options.sample
    sys.exit(0 if unittest.main(argv=[sys.argv[0], *rest], exit=False).result.wasSuccessful() else 1)
