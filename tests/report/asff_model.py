"""Checks ASFF findings against the installed botocore's own Security Hub model (AwsSecurityFinding, as
BatchImportFindings takes it): required members, unknown members, types, enums, patterns, min/max lengths and
list sizes where the model states them, plus the limits the ASFF syntax reference states and the model does
not (string lengths, list sizes, 240 KB per finding). moto checks almost none of this, so this is what keeps
-o asff and --send-to-security-hub importable into the real Security Hub.

    errors = asff_model.problems(finding)   # [] when the finding is valid
"""

from __future__ import annotations

import functools
import json
import re

import botocore.session

# From the ASFF syntax reference (docs.aws.amazon.com/securityhub/latest/userguide/asff-required-attributes.html
# and asff-top-level-attributes.html): limits Security Hub enforces that the service model leaves out.
DOCUMENTED_LIMITS = {
    "Id": 512, "GeneratorId": 512, "Title": 256, "Description": 1024,
    "Remediation.Recommendation.Text": 512, "Remediation.Recommendation.Url": 512,
}
DOCUMENTED_LIST_LIMITS = {"Types": 50, "Resources": 32, "Compliance.RelatedRequirements": 32, "ProductFields": 50}
MAX_FINDING_BYTES = 240 * 1024
TYPE_NAMESPACES = ("Software and Configuration Checks", "TTPs", "Effects", "Unusual Behaviors", "Sensitive Data Identifications")
ISO8601 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$")


@functools.cache
def model():
    return botocore.session.get_session().get_service_model("securityhub")


def _walk(value, shape, path: str, errors: list[str]) -> None:
    kind = shape.type_name
    where = path or "finding"
    if kind == "structure":
        if not isinstance(value, dict):
            errors.append(f"{where}: expected an object, found {type(value).__name__}")
            return
        for name in shape.required_members:
            if name not in value:
                errors.append(f"{where}: required member {name} is missing")
        for name, member in value.items():
            if name not in shape.members:
                errors.append(f"{where}: unknown member {name}")
                continue
            _walk(member, shape.members[name], f"{path}.{name}" if path else name, errors)
    elif kind == "list":
        if not isinstance(value, list):
            errors.append(f"{where}: expected a list")
            return
        lo, hi = shape.metadata.get("min"), shape.metadata.get("max")
        if lo is not None and len(value) < lo:
            errors.append(f"{where}: {len(value)} item(s), at least {lo}")
        if hi is not None and len(value) > hi:
            errors.append(f"{where}: {len(value)} item(s), at most {hi}")
        for i, item in enumerate(value):
            _walk(item, shape.member, f"{path}[{i}]", errors)
    elif kind == "map":
        if not isinstance(value, dict):
            errors.append(f"{where}: expected a map")
            return
        for key, item in value.items():
            _walk(key, shape.key, f"{path}<key>", errors)
            _walk(item, shape.value, f"{path}[{key}]", errors)
    elif kind == "string":
        if not isinstance(value, str):
            errors.append(f"{where}: expected a string, found {type(value).__name__}")
            return
        if shape.enum and value not in shape.enum:
            errors.append(f"{where}: {value!r} is not one of {shape.enum}")
        pattern = shape.metadata.get("pattern")
        if pattern and not re.search(pattern, value, re.S):
            errors.append(f"{where}: {value!r} does not match {pattern}")
        lo, hi = shape.metadata.get("min"), shape.metadata.get("max")
        if lo is not None and len(value) < lo:
            errors.append(f"{where}: shorter than {lo}")
        if hi is not None and len(value) > hi:
            errors.append(f"{where}: longer than {hi}")
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            errors.append(f"{where}: expected an integer")
    elif kind in ("double", "float"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            errors.append(f"{where}: expected a number")
    elif kind == "boolean":
        if not isinstance(value, bool):
            errors.append(f"{where}: expected a boolean")


def _at(finding: dict, dotted: str):
    value = finding
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def problems(finding: dict) -> list[str]:
    """Everything that makes `finding` unimportable; [] when none."""
    errors: list[str] = []
    _walk(finding, model().shape_for("AwsSecurityFinding"), "", errors)
    for dotted, limit in DOCUMENTED_LIMITS.items():
        value = _at(finding, dotted)
        if isinstance(value, str) and len(value) > limit:
            errors.append(f"{dotted}: {len(value)} characters, at most {limit}")
    for dotted, limit in DOCUMENTED_LIST_LIMITS.items():
        value = _at(finding, dotted)
        if isinstance(value, (list, dict)) and len(value) > limit:
            errors.append(f"{dotted}: {len(value)} items, at most {limit}")
    for name in ("CreatedAt", "UpdatedAt"):
        if isinstance(finding.get(name), str) and not ISO8601.match(finding[name]):
            errors.append(f"{name}: {finding[name]!r} is not ISO 8601")
    for i, kind in enumerate(finding.get("Types", [])):
        if isinstance(kind, str) and not kind.startswith(TYPE_NAMESPACES):
            errors.append(f"Types[{i}]: {kind!r} is in no ASFF namespace")
    if len(json.dumps(finding).encode()) > MAX_FINDING_BYTES:
        errors.append("the finding is over 240 KB")
    return errors
