"""The emulator suites' one way to read a scan's report: `-o json` and `-o ndjson` output parsed and checked
against the published schema (docs/schema/, through tests/report/report_schema.py), so that every live scan
the suites make also tests the contract. A report that breaks the schema raises jsonschema.ValidationError."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
import report_schema  # noqa: E402


def parsed_report(text: str) -> dict:
    """The -o json report in `text`, checked against docs/schema/report.schema.json."""
    return report_schema.check_report(json.loads(text))


def parsed_lines(text: str) -> list[dict]:
    """Every line of an -o ndjson stream, each checked against docs/schema/report-line.schema.json."""
    return report_schema.check_lines(text)
