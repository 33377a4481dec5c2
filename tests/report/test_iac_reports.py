"""`trailguard iac -o sarif` and `-o junit` checked by their consumers' schemas:

- SARIF against the vendored SARIF 2.1.0 JSON Schema (tests/data/schemas/sarif-2.1.0/, draft-04, jsonschema's
  Draft4Validator), plus what GitHub code scanning needs that the schema does not say (every ruleId declared,
  locations it can place: %SRCROOT%-relative or absolute URIs, valid URI characters, a fingerprint per result);
- JUnit against Jenkins xUnit's junit-10.xsd (tests/data/schemas/junit/, xmllint), read back and compared with
  the same result's -o json;
- documents broken on purpose (level "fatal", no "version", an undeclared rule, a stray element...) refused, so
  neither check can pass by accepting anything.

The documents are iac_report_sample's (a hand-built result with every status) and, with --trailguard, those of
`trailguard iac` on every fixture of tests/fixtures/iac/.

    python3 test_iac_reports.py --sample build/tests/report/iac_report_sample [--trailguard build/trailguard]
"""

from __future__ import annotations

import argparse
import copy
import functools
import json
import re
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jsonschema

import report_schema

SOURCE_DIR = report_schema.SOURCE_DIR
SARIF_SCHEMA = SOURCE_DIR / "tests" / "data" / "schemas" / "sarif-2.1.0" / "sarif-schema-2.1.0.json"
JUNIT_XSD = SOURCE_DIR / "tests" / "data" / "schemas" / "junit" / "junit-10.xsd"
FIXTURES = SOURCE_DIR / "tests" / "fixtures" / "iac"
TRAILGUARD = SAMPLE = ""

REPORTED = {"FAIL": "error", "UNKNOWN": "warning"}  # SUPPRESSED: the level its reasons would give
JUNIT_ELEMENT = {"FAIL": "failure", "UNKNOWN": "error", "NOT_CREATED": "skipped", "SUPPRESSED": "skipped"}
# RFC 3986's characters, with '%' only as the start of an escape.
URI_CHARACTERS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


@functools.cache
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text())
    jsonschema.Draft4Validator.check_schema(schema)  # a broken schema file fails loudly, never passes silently
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def code_scanning_problems(document: dict) -> list[str]:
    """What GitHub code scanning needs of a SARIF log beyond the schema, as a list of what is wrong."""
    problems = []

    def check_uri(where: str, uri: str, absolute: bool) -> None:
        if not URI_CHARACTERS.match(uri):
            problems.append(f"{where}: {uri!r} is not a URI")
        elif bool(SCHEME.match(uri)) != absolute:
            problems.append(f"{where}: {uri!r} should be {'absolute' if absolute else 'relative to its uriBaseId'}")

    def check_location(where: str, physical: dict, bases: dict) -> None:
        artifact = physical["artifactLocation"]
        if "uriBaseId" in artifact and artifact["uriBaseId"] not in bases:
            problems.append(f"{where}: uriBaseId {artifact['uriBaseId']} is not in originalUriBaseIds")
        check_uri(where, artifact["uri"], absolute="uriBaseId" not in artifact)

    for r, run in enumerate(document["runs"]):
        driver = run["tool"]["driver"]
        rules = [rule["id"] for rule in driver.get("rules", [])]
        bases = run.get("originalUriBaseIds", {})
        for name, base in bases.items():
            check_uri(f"runs[{r}].originalUriBaseIds.{name}", base["uri"], absolute=True)
            if not base["uri"].endswith("/"):
                problems.append(f"runs[{r}].originalUriBaseIds.{name}: a base URI ends with '/'")
        for key in ("informationUri",):
            if key in driver:
                check_uri(f"runs[{r}].tool.driver.{key}", driver[key], absolute=True)
        for rule in driver.get("rules", []):
            if "helpUri" in rule:
                check_uri(f"rule {rule['id']} helpUri", rule["helpUri"], absolute=True)
        for i, result in enumerate(run.get("results", [])):
            where = f"runs[{r}].results[{i}]"
            if result.get("ruleId") not in rules:
                problems.append(f"{where}: ruleId {result.get('ruleId')!r} is not a rule of tool.driver")
            elif "ruleIndex" in result and rules[result["ruleIndex"]] != result["ruleId"]:
                problems.append(f"{where}: ruleIndex points at another rule")
            if not result.get("locations") or "physicalLocation" not in result["locations"][0]:
                problems.append(f"{where}: code scanning needs a physical location")
            else:
                check_location(where, result["locations"][0]["physicalLocation"], bases)
            if not result.get("partialFingerprints"):
                problems.append(f"{where}: no partialFingerprints, so alerts would not follow the code")
        for invocation in run.get("invocations", []):
            for n, notification in enumerate(invocation.get("toolExecutionNotifications", [])):
                for location in notification.get("locations", []):
                    check_location(f"runs[{r}] notification {n}", location["physicalLocation"], bases)
    return problems


def check_sarif(document: dict) -> dict:
    """`document` when the SARIF schema and code scanning accept it; else raises."""
    error = jsonschema.exceptions.best_match(sarif_validator().iter_errors(document))
    if error is not None:
        raise error
    problems = code_scanning_problems(document)
    if problems:
        raise AssertionError("; ".join(problems))
    return document


def refused(document: dict) -> bool:
    try:
        check_sarif(document)
    except (jsonschema.ValidationError, AssertionError):
        return True
    return False


def xmllint(text: str) -> subprocess.CompletedProcess:
    with tempfile.NamedTemporaryFile("w", suffix=".xml", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        return subprocess.run(["xmllint", "--noout", "--schema", str(JUNIT_XSD), f.name], capture_output=True,
                              text=True, timeout=60)


def sample(output: str) -> str:
    return report_schema.sample_output(SAMPLE, output)


def iac_run(path: Path, output: str) -> tuple[int, str]:
    """(exit code, stdout) of `trailguard iac -o OUTPUT PATH`, run from the source directory (the repository's
    root, as in CI), with PATH relative to it."""
    done = subprocess.run([TRAILGUARD, "iac", "-o", output, str(path.relative_to(SOURCE_DIR))], cwd=SOURCE_DIR,
                          capture_output=True, timeout=60)
    if done.returncode not in (0, 1, 2, 3):
        raise AssertionError(f"{path}: exit {done.returncode}: {done.stderr.decode()}")
    return done.returncode, done.stdout.decode()


def iac_output(path: Path, output: str) -> str:
    return iac_run(path, output)[1]


def iac_fixtures() -> list[Path]:
    terraform = [p for p in sorted((FIXTURES / "terraform").glob("*")) if p.is_dir()]
    templates = [p for p in sorted((FIXTURES / "cloudformation").glob("*")) if p.suffix in (".yaml", ".yml", ".json")]
    return terraform + templates


class Checks:
    """Assertions shared by the sample's and the fixtures' tests: each format against the result's -o json."""

    def assert_sarif_carries(self: unittest.TestCase, sarif: dict, report: dict) -> None:
        check_sarif(sarif)
        run = sarif["runs"][0]
        reported = [f for f in report["findings"] if f["status"] in ("FAIL", "UNKNOWN", "SUPPRESSED")]
        results = run["results"]
        self.assertEqual(len(results), len(reported))
        for result, finding in zip(results, reported):
            self.assertEqual(result["locations"][0]["logicalLocations"][0]["name"], finding["resource"])
            self.assertEqual(result["properties"]["status"], finding["status"])
            if finding["status"] in REPORTED:
                self.assertEqual(result["level"], REPORTED[finding["status"]], finding)
            self.assertEqual("suppressions" in result, finding["status"] == "SUPPRESSED")
            artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
            if artifact.get("uriBaseId") == "%SRCROOT%":
                self.assertEqual(artifact["uri"], finding["file"].replace(" ", "%20"))
        fingerprints = [r["partialFingerprints"]["trailguardResource/v1"] for r in results]
        self.assertEqual(len(set(fingerprints)), len(fingerprints), "one alert per resource")
        notifications = run["invocations"][0]["toolExecutionNotifications"]
        self.assertEqual([n["message"]["text"] for n in notifications], [p["message"] for p in report["problems"]])
        self.assertEqual(run["properties"]["verdict"], report["verdict"])

    def assert_junit_carries(self: unittest.TestCase, text: str, report: dict) -> None:
        lint = xmllint(text)
        self.assertEqual(lint.returncode, 0, lint.stderr)
        suites = ElementTree.fromstring(text.encode()).findall("./testsuite")
        self.assertEqual([s.get("name") for s in suites], ["trailguard iac"])
        cases = suites[0].findall("./testcase")
        self.assertEqual(len(cases), len(report["findings"]) + len(report["problems"]))
        for case, finding in zip(cases, report["findings"]):
            self.assertEqual((case.get("classname"), case.get("name")), (finding["file"], finding["resource"]))
            outcome = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
            self.assertEqual(outcome, [JUNIT_ELEMENT[finding["status"]]] if finding["status"] in JUNIT_ELEMENT else [])
        for case, problem in zip(cases[len(report["findings"]):], report["problems"]):
            self.assertEqual(case.find("error").get("message"), problem["message"])
        self.assertEqual(suites[0].get("failures"), str(sum(f["status"] == "FAIL" for f in report["findings"])))


class SampleReports(unittest.TestCase, Checks):
    def test_sarif_is_valid_and_carries_the_json(self):
        self.assert_sarif_carries(json.loads(sample("sarif")), json.loads(sample("json")))

    def test_junit_is_valid_and_carries_the_json(self):
        self.assert_junit_carries(sample("junit"), json.loads(sample("json")))

    def test_broken_sarif_is_refused(self):
        good = json.loads(sample("sarif"))
        check_sarif(good)

        def broken(change) -> dict:
            document = copy.deepcopy(good)
            change(document)
            self.assertNotEqual(document, good)
            return document

        run = lambda d: d["runs"][0]  # noqa: E731
        first = lambda d: run(d)["results"][0]  # noqa: E731
        suppressed = lambda d: next(r for r in run(d)["results"] if "suppressions" in r)  # noqa: E731
        artifact = lambda d: first(d)["locations"][0]["physicalLocation"]["artifactLocation"]  # noqa: E731
        cases = {
            # the schema
            'level "fatal"': lambda d: first(d).update(level="fatal"),
            "no version": lambda d: d.pop("version"),
            'version "2.0.0"': lambda d: d.update(version="2.0.0"),
            "a result without message": lambda d: first(d).pop("message"),
            'suppression kind "inCode"': lambda d: suppressed(d)["suppressions"][0].update(kind="inCode"),
            "startLine 0": lambda d: first(d)["locations"][0]["physicalLocation"]["region"].update(startLine=0),
            "an unknown top-level property": lambda d: d.update(results=[]),
            # code scanning
            "an undeclared rule": lambda d: first(d).update(ruleId="no-such-rule"),
            "a space in a URI": lambda d: artifact(d).update(uri="infra/my file.tf"),
            "an absolute URI under %SRCROOT%": lambda d: artifact(d).update(uri="file:///repo/infra/x.tf"),
            "an unknown uriBaseId": lambda d: artifact(d).update(uriBaseId="%NOWHERE%"),
            "no fingerprint": lambda d: first(d).pop("partialFingerprints"),
        }
        for name, change in cases.items():
            with self.subTest(broken=name):
                self.assertTrue(refused(broken(change)), f"{name} was accepted")

    def test_broken_junit_is_refused(self):
        good = sample("junit")
        self.assertEqual(xmllint(good).returncode, 0)
        for name, text in {
            "a testcase without name": re.sub(r'<testcase name="[^"]*" ', "<testcase ", good, count=1),
            "an element junit does not have": good.replace("</testcase>", "<finding/></testcase>", 1),
            "a testsuite without tests": good.replace('<testsuite name="trailguard iac" tests=', '<testsuite name="trailguard iac" count=', 1),
            "an unescaped '&'": good.replace("&amp;", "&", 1),
        }.items():
            with self.subTest(broken=name):
                self.assertNotEqual(text, good)
                self.assertNotEqual(xmllint(text).returncode, 0, f"{name} was accepted")


class FixtureReports(unittest.TestCase, Checks):
    """Run only with --trailguard (CTest iac_report_cli); never skipped."""

    def test_every_fixture_gives_valid_sarif_and_junit(self):
        fixtures = iac_fixtures()
        self.assertGreater(len(fixtures), 10)
        for path in fixtures:
            with self.subTest(fixture=str(path.relative_to(FIXTURES))):
                report = json.loads(iac_output(path, "json"))
                code, text = iac_run(path, "sarif")
                sarif = json.loads(text)
                self.assert_sarif_carries(sarif, report)
                self.assertEqual(sarif["runs"][0]["invocations"][0]["executionSuccessful"], code != 2,
                                 "unsuccessful exactly when the exit code is 2")
                for result in sarif["runs"][0]["results"]:
                    artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
                    self.assertEqual(artifact.get("uriBaseId"), "%SRCROOT%", "under the repository")
                    self.assertTrue(artifact["uri"].startswith("tests/fixtures/iac/"), artifact["uri"])
                self.assert_junit_carries(iac_output(path, "junit"), report)


def main() -> None:
    global TRAILGUARD, SAMPLE
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", required=True)
    parser.add_argument("--trailguard", default="")
    options, rest = parser.parse_known_args()
    TRAILGUARD, SAMPLE = options.trailguard, options.sample
    if not TRAILGUARD:
        del globals()["FixtureReports"]  # not collected rather than skipped: a skip would read as a pass
    sys.exit(0 if unittest.main(argv=[sys.argv[0], *rest], exit=False).result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
