#!/usr/bin/env python3
"""Fails when a layer includes a header from a layer above it.

The CMake libraries keep the link graph honest; this keeps header-only includes honest too,
since every layer shares the include root src/.
"""
import pathlib
import re
import sys

# layer -> layers it may include (itself always allowed)
ALLOWED = {
    "base": set(),
    "model": {"base"},
    "control": {"model", "base"},
    "aws": {"base"},
    "sources": {"model", "aws", "base"},
    "report": {"control", "model", "base"},
    "remediate": {"control", "model", "aws", "base"},
    "cli": {"sources", "report", "remediate", "control", "model", "aws", "base"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/')


def main(src: pathlib.Path) -> int:
    problems = []
    checked = 0
    for path in sorted(src.rglob("*")):
        if path.suffix not in {".hpp", ".cpp", ".h"}:
            continue
        layer = path.relative_to(src).parts[0]
        if layer not in ALLOWED:
            problems.append(f"{path}: folder '{layer}' is not a known layer (add it to {__file__})")
            continue
        checked += 1
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            target = match.group(1)
            if target != layer and target in ALLOWED and target not in ALLOWED[layer]:
                problems.append(f"{path}:{number}: layer '{layer}' must not include '{target}/'")
    for problem in problems:
        print(problem)
    print(f"layering: {checked} files checked, {len(problems)} problems")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1])))
