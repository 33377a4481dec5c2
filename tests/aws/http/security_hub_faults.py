"""fault_proxy.py's "fail_findings" fault: Security Hub's BatchImportFindings partly refused. The findings
whose Id contains a marker are taken out of the request before it is forwarded, and added to the upstream's
answer as FailedFindings, so the rest is really imported and the refused ones really are not."""

from __future__ import annotations

import json


def take_refused(body: bytes, marker: str) -> tuple[bytes, list[dict]]:
    """The request without the findings whose Id contains `marker`, and those findings."""
    request = json.loads(body or b"{}")
    findings = request.get("Findings", [])
    refused = [f for f in findings if marker in f.get("Id", "")]
    request["Findings"] = [f for f in findings if marker not in f.get("Id", "")]
    return json.dumps(request).encode(), refused


def add_refused(answer: bytes, refused: list[dict], rule: dict) -> bytes:
    """The upstream's BatchImportFindings answer with `refused` added as failed (the rule's code and message)."""
    merged = json.loads(answer or b"{}")
    merged["FailedCount"] = merged.get("FailedCount", 0) + len(refused)
    merged["FailedFindings"] = (merged.get("FailedFindings") or []) + [
        {"Id": f.get("Id", ""), "ErrorCode": rule.get("code", "InvalidInput"),
         "ErrorMessage": rule.get("message", "refused by fault_proxy")} for f in refused]
    return json.dumps(merged).encode()
