"""Differential test: our CloudFormation decoder (cfn_decode) against cfn-lint's (cfnlint.decode.decode) on
every template given. Both must agree on every value and type (short forms in long form, YAML 1.1 scalars),
and on which templates are malformed. `--self-test` shows the comparison can fail: it alters one decoded value
of a sample and requires a difference to be reported.

usage: cfn_differential.py CFN_DECODE TEMPLATE... [--self-test]
"""
import datetime
import json
import subprocess
import sys

import cfnlint.decode


def plain(value):
    """cfn-lint's str_node/dict_node/list_node as plain JSON values."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return str(value)
    return str(value)


def differences(ours, theirs, path="$"):
    """Every place the two decodings differ; booleans never equal numbers."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        found = []
        for key in sorted(set(ours) | set(theirs)):
            if key not in ours or key not in theirs:
                found.append(f"{path}.{key}: only in {'cfn-lint' if key in theirs else 'ours'}")
            else:
                found += differences(ours[key], theirs[key], f"{path}.{key}")
        return found
    if isinstance(ours, list) and isinstance(theirs, list):
        if len(ours) != len(theirs):
            return [f"{path}: {len(ours)} items here, {len(theirs)} in cfn-lint"]
        return [d for i, (a, b) in enumerate(zip(ours, theirs)) for d in differences(a, b, f"{path}[{i}]")]
    kind = lambda v: "bool" if isinstance(v, bool) else "number" if isinstance(v, (int, float)) else type(v).__name__
    if kind(ours) != kind(theirs) or ours != theirs:
        return [f"{path}: ours {ours!r}, cfn-lint {theirs!r}"]
    return []


def decode_ours(tool, path):
    run = subprocess.run([tool, path], capture_output=True, text=True)
    if run.returncode == 2:
        return None, run.stderr.strip()
    if run.returncode != 0:
        raise SystemExit(f"{path}: cfn_decode failed ({run.returncode}): {run.stderr}")
    return json.loads(run.stdout), ""


def decode_theirs(path):
    template, matches = cfnlint.decode.decode(path)
    if template is None:
        return None, "; ".join(str(m) for m in matches)
    return plain(template), ""


def compare(tool, path):
    ours, our_error = decode_ours(tool, path)
    theirs, their_error = decode_theirs(path)
    if ours is None or theirs is None:
        if (ours is None) != (theirs is None):
            return [f"malformed for {'us' if ours is None else 'cfn-lint'} only: {our_error or their_error}"]
        return []
    return differences(ours, theirs)


def main(argv):
    tool, rest = argv[1], argv[2:]
    self_test = "--self-test" in rest
    templates = [t for t in rest if t != "--self-test"]
    failures = 0
    for path in templates:
        found = compare(tool, path)
        for line in found:
            print(f"{path}: {line}")
        failures += bool(found)
    print(f"{len(templates)} templates compared, {failures} differ")
    if self_test:
        sample = next(t for t in templates if compare(tool, t) == [] and decode_ours(tool, t)[0] is not None)
        ours, _ = decode_ours(tool, sample)
        ours["Resources"][next(iter(ours["Resources"]))]["Type"] = "AWS::Altered::Type"
        altered = differences(ours, decode_theirs(sample)[0])
        if not altered:
            print(f"self-test: an altered decoding of {sample} was NOT reported")
            return 1
        print(f"self-test: the altered decoding of {sample} is reported: {altered[0]}")
        if differences(True, 1) == [] or differences({"a": [1]}, {"a": [1, 2]}) == []:
            print("self-test: a bool/number or length difference was NOT reported")
            return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
