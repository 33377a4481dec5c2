"""The logs report's JSON contract (docs/schema/logs-report.schema.json) as validators the logs tests share:
REPORT for a `-o json` document, LINE for each `-o ndjson` line."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import referencing

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "schema" / "logs-report.schema.json").read_text())
REGISTRY = referencing.Registry().with_resource(SCHEMA["$id"], referencing.Resource.from_contents(SCHEMA))
REPORT = jsonschema.Draft202012Validator(SCHEMA, registry=REGISTRY)
LINE = jsonschema.Draft202012Validator({"$ref": SCHEMA["$id"] + "#/$defs/line"}, registry=REGISTRY)
