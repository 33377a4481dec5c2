"""What moto's request recorder saw, read back: which recorded requests could have changed something."""

import base64

READ_PREFIXES = ("Describe", "Get", "List", "Lookup")
CHANGES_NOTHING = {"AssumeRole"}  # STS hands out credentials; nothing in the account changes


def write_operations(requests: list[dict]) -> list[str]:
    """The operations among moto's recorded requests that may change something (S3: by method and URL)."""
    writes = []
    for request in requests:
        body = request.get("body") or ""
        if request.get("body_encoded"):
            body = base64.b64decode(body).decode(errors="replace")
        target = next((v for k, v in request["headers"].items() if k.lower() == "x-amz-target"), "")
        if target:
            operation = target.rsplit(".", 1)[-1]
        elif "Action=" in body:
            operation = body.split("Action=", 1)[1].split("&", 1)[0]
        else:
            operation = request["method"] + " " + request["url"]  # S3: the method says it
        if operation.startswith(READ_PREFIXES) or operation in CHANGES_NOTHING or operation.startswith(("GET ", "HEAD ")):
            continue
        writes.append(operation)
    return writes
