"""Differential test: our HCL parser (hcl_to_json) against HashiCorp's (tests/tools/hcl2json/parse.js) on every
file given plus, with --corpus DIR, the files hcl_corpus.py generates there. Both write each file as the same
JSON (blocks nested by type and label, expressions that hcl2json does not evaluate as "${<source text>}");
they must agree on every value, and on which files are rejected (a file both reject agrees; the error messages
are not compared). `--self-test` shows the comparison can fail: it alters our JSON of one file in several ways
and requires each to be reported.

usage: hcl_differential.py --hcl-to-json TOOL [--node NODE] [--corpus DIR] [--self-test] FILE...
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARSE_JS = HERE.parent / "hcl2json" / "parse.js"
NODE_MODULES = HERE.parent / "hcl2json" / "node_modules" / "@cdktf" / "hcl2json"
# Files per process: node starts in ~0.3 s, and argv stays far below the kernel's limit.
BATCH = 400

sys.path.insert(0, str(HERE))
import hcl_corpus  # noqa: E402


def kind(value) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if value is None:
        return "null"
    return type(value).__name__


def differences(ours, theirs, path: str = "$") -> list[str]:
    """Every place two JSON values differ: objects by key (order does not matter), arrays item by item,
    numbers by value (1000 equals 1000.0; both read as doubles, as node does), booleans never equal numbers."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        found = []
        for key in sorted(set(ours) | set(theirs)):
            where = f"{path}[{json.dumps(key)}]"
            if key not in ours or key not in theirs:
                found.append(f"{where}: only in {'hcl2json' if key in theirs else 'ours'}")
            else:
                found += differences(ours[key], theirs[key], where)
        return found
    if isinstance(ours, list) and isinstance(theirs, list):
        if len(ours) != len(theirs):
            return [f"{path}: {len(ours)} items here, {len(theirs)} in hcl2json"]
        return [d for i, (a, b) in enumerate(zip(ours, theirs)) for d in differences(a, b, f"{path}[{i}]")]
    if kind(ours) != kind(theirs):
        return [f"{path}: ours {ours!r}, hcl2json {theirs!r}"]
    if kind(ours) == "number":
        return [] if float(ours) == float(theirs) else [f"{path}: ours {ours!r}, hcl2json {theirs!r}"]
    return [] if ours == theirs else [f"{path}: ours {ours!r}, hcl2json {theirs!r}"]


def is_error(converted) -> bool:
    return isinstance(converted, dict) and set(converted) == {"error"} and isinstance(converted["error"], str)


def compare_file(ours, theirs) -> list[str]:
    if is_error(ours) or is_error(theirs):
        if is_error(ours) and is_error(theirs):
            return []
        if is_error(ours):
            return [f"rejected by us only: {ours['error']}"]
        return [f"rejected by hcl2json only: {theirs['error']}"]
    return differences(ours, theirs)


def run_batched(command: list[str], files: list[str], what: str) -> dict:
    out: dict = {}
    for start in range(0, len(files), BATCH):
        batch = files[start:start + BATCH]
        run = subprocess.run(command + batch, capture_output=True, text=True)
        if run.returncode != 0:
            raise SystemExit(f"{what} failed ({run.returncode}): {run.stderr[-2000:]}")
        out.update(json.loads(run.stdout))
    missing = [f for f in files if f not in out]
    if missing:
        raise SystemExit(f"{what} printed nothing for {missing[:3]}")
    return out


def self_test(files: list[str], ours: dict, theirs: dict) -> list[str]:
    """The ways a broken parser could show, each of which must be reported; [] when all are."""
    sample = next((f for f in files if not is_error(ours[f]) and ours[f] and compare_file(ours[f], theirs[f]) == []), None)
    if sample is None:
        return ["no file agrees with hcl2json: nothing to alter"]
    failures = []

    def must_differ(name: str, altered) -> None:
        found = compare_file(altered, theirs[sample])
        if not found:
            failures.append(f"{name} in {sample} was NOT reported")
        else:
            print(f"self-test: {name} in {sample} is reported: {found[0]}")

    def first_leaf(value, path=()):
        if isinstance(value, dict):
            for key in sorted(value):
                found = first_leaf(value[key], path + (key,))
                if found:
                    return found
        elif isinstance(value, list):
            for i, item in enumerate(value):
                found = first_leaf(item, path + (i,))
                if found:
                    return found
        else:
            return path
        return None

    leaf = first_leaf(ours[sample])
    if leaf:
        altered = copy.deepcopy(ours[sample])
        holder = altered
        for step in leaf[:-1]:
            holder = holder[step]
        holder[leaf[-1]] = "altered" if holder[leaf[-1]] != "altered" else "changed"
        must_differ("an altered value", altered)
    extra = copy.deepcopy(ours[sample])
    extra["an_extra_attribute"] = 1
    must_differ("an extra attribute", extra)
    must_differ("a rejection by us only", {"error": "altered"})
    for a, b in ((True, 1), (1, 1.5), ([1], [1, 2]), ({"a": 1}, {"b": 1}), ("${x}", "${ x}"), (None, "null")):
        if not differences(a, b):
            failures.append(f"{a!r} and {b!r} were NOT reported as different")
    if differences({"a": 1000, "b": [1, {"c": True}]}, {"b": [1.0, {"c": True}], "a": 1000.0}):
        failures.append("equal values in another order or number form were reported as different")
    if compare_file({"error": "x"}, {"error": "y"}):
        failures.append("a file both reject was reported")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hcl-to-json", required=True)
    parser.add_argument("--node", default="node")
    parser.add_argument("--corpus", type=Path, help="generate hcl_corpus.py's files here (emptied first) and compare them too")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    if not NODE_MODULES.is_dir():
        print(f"{NODE_MODULES} is missing: run scripts/setup (npm ci in tests/tools/hcl2json)", file=sys.stderr)
        return 2
    files = [os.path.abspath(f) for f in args.files]
    if args.corpus:
        files += [str(p) for p in hcl_corpus.generate(args.corpus)]
    if not files:
        parser.error("no files to compare")
    ours = run_batched([args.hcl_to_json], files, "hcl_to_json")
    theirs = run_batched([args.node, str(PARSE_JS)], files, "parse.js")
    differing = rejected_by_both = 0
    for path in files:
        found = compare_file(ours[path], theirs[path])
        for line in found[:20]:
            print(f"{path}: {line}")
        if len(found) > 20:
            print(f"{path}: ... and {len(found) - 20} more")
        differing += bool(found)
        rejected_by_both += is_error(ours[path]) and is_error(theirs[path])
    print(f"{len(files)} files compared ({rejected_by_both} rejected by both), {differing} differ")
    if args.self_test:
        failures = self_test(files, ours, theirs)
        for line in failures:
            print(f"self-test: {line}")
        if failures:
            return 1
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
