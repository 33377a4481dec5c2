#!/usr/bin/env python3
"""The emitters' files, checked by outside tools: every template and configuration that emit_samples writes
(one per sample situation, tests/remediate/sample_plans.cpp).

  --check cloudformation  cfn-lint passes every CloudFormation template; the hostile-names template fails only
                          on the names AWS refuses (its structure is sound); a deliberately broken template fails.
  --check terraform       HashiCorp's HCL parser (tests/tools/hcl2json) parses every .tf file, and a broken one
                          is rejected; in the parsed files, every reference and import names something declared,
                          each situation declares what it must, and hostile names come back unchanged.
  --check iac             `trailguard iac` judges every emitted .tf (each in its own root) and every emitted template
                          PASS, exit 0, one PASS finding per emitted trail; a copy made single-region FAILs.
  --check terraform-fmt   `terraform fmt -check` accepts every .tf file unchanged (registered only where a
                          terraform binary exists: it needs no network, but CI machines may lack it).

Ends with "N passed, M failed"; exits non-zero on any failure.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ARGS: argparse.Namespace
OUT: Path
HOSTILE = ("x\" ${var.y} %{ if true }\\n\\\" $${z}\n# resource \"evil\" {}\r\t\x01 \u20ac \ufffd")
# cfn-lint rules about a value's pattern or length: the only ones the hostile names may break.
NAME_RULES = {"E1161", "E1164", "E3031", "E3033", "E3514"}

# Per situation: the resources ("type.name") and imports ("type.name") the Terraform must declare.
EXPECTED_TERRAFORM = {
    "create_trail": ({"aws_s3_bucket.trailguard-cloudtrail-123456789012-us-east-1",
                      "aws_s3_bucket_public_access_block.trailguard-cloudtrail-123456789012-us-east-1",
                      "aws_s3_bucket_policy.trailguard-cloudtrail-123456789012-us-east-1",
                      "aws_cloudtrail.trailguard-multi-region"}, set()),
    "create_trail_new_kms_key": ({"aws_s3_bucket.trailguard-cloudtrail-123456789012-us-east-1",
                                  "aws_s3_bucket_public_access_block.trailguard-cloudtrail-123456789012-us-east-1",
                                  "aws_s3_bucket_policy.trailguard-cloudtrail-123456789012-us-east-1",
                                  "aws_kms_key.trailguard-multi-region", "aws_kms_alias.trailguard-multi-region",
                                  "aws_cloudtrail.trailguard-multi-region"}, set()),
    "create_trail_given_kms_key": ({"aws_s3_bucket.trailguard-cloudtrail-123456789012-us-east-1",
                                    "aws_s3_bucket_public_access_block.trailguard-cloudtrail-123456789012-us-east-1",
                                    "aws_s3_bucket_policy.trailguard-cloudtrail-123456789012-us-east-1",
                                    "aws_cloudtrail.trailguard-multi-region"}, set()),
    "create_trail_existing_bucket": ({"aws_s3_bucket_public_access_block.central-audit-logs",
                                      "aws_s3_bucket_policy.central-audit-logs", "aws_cloudtrail.trailguard-multi-region"},
                                     set()),
    "create_trail_existing_bucket_with_policy": ({"aws_s3_bucket_public_access_block.central-audit-logs",
                                                  "aws_s3_bucket_policy.central-audit-logs",
                                                  "aws_cloudtrail.trailguard-multi-region"}, set()),
    "repair_not_logging": ({"aws_cloudtrail.main"}, {"aws_cloudtrail.main"}),
    "repair_selectors_basic": ({"aws_cloudtrail.main"}, {"aws_cloudtrail.main"}),
    "repair_selectors_advanced": ({"aws_cloudtrail.org-audit"}, {"aws_cloudtrail.org-audit"}),
    "make_multi_region": ({"aws_cloudtrail.local"}, {"aws_cloudtrail.local"}),
}

REFERENCE = re.compile(r"\b((?:data\.)?aws_[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*)\.(?:id|arn|key_id)\b")
PROVIDER = re.compile(r"^\$\{aws\.([A-Za-z_][A-Za-z0-9_-]*)\}$")


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, **kwargs)


def literal(value: str) -> str:
    """A string from the parser's JSON syntax back to what it stands for: "$${" and "%%{" are literal."""
    return value.replace("$${", "${").replace("%%{", "%{")


def strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [s for item in node for s in strings(item)]
    if isinstance(node, dict):
        return [s for value in node.values() for s in strings(value)]
    return []


class CloudFormationTemplates(unittest.TestCase):
    def lint(self, path: Path) -> tuple[int, list[dict]]:
        done = run([ARGS.cfn_lint, "--format", "json", str(path)])
        if done.returncode != 0 and not done.stdout.strip():
            raise AssertionError(f"cfn-lint could not run ({ARGS.cfn_lint}): {done.stderr}")
        return done.returncode, json.loads(done.stdout or "[]")

    def test_every_template_passes_cfn_lint(self):
        templates = sorted(p for p in OUT.glob("*.cfn.json") if not p.name.startswith("hostile"))
        self.assertGreaterEqual(len(templates), 3, "emit_samples wrote too few templates")
        for path in templates:
            with self.subTest(template=path.name):
                code, problems = self.lint(path)
                self.assertEqual((code, problems), (0, []), json.dumps(problems, indent=1))

    def test_hostile_names_template_fails_only_on_the_names(self):
        code, problems = self.lint(OUT / "hostile_names_create.cfn.json")
        self.assertNotEqual(code, 0, "names no AWS API accepts must not lint clean")
        self.assertTrue(problems)
        self.assertEqual({p["Rule"]["Id"] for p in problems} - NAME_RULES, set(), json.dumps(problems, indent=1))
        template = json.loads((OUT / "hostile_names_create.cfn.json").read_text())
        trail = next(r for r in template["Resources"].values() if r["Type"] == "AWS::CloudTrail::Trail")
        self.assertEqual(trail["Properties"]["TrailName"], "evil" + HOSTILE)

    def test_a_broken_template_fails(self):
        """Proves the check can fail: the trail loses a required property and gets a wrong type."""
        template = json.loads((OUT / "create_trail.cfn.json").read_text())
        trail = next(r for r in template["Resources"].values() if r["Type"] == "AWS::CloudTrail::Trail")
        del trail["Properties"]["S3BucketName"]
        trail["Properties"]["IsLogging"] = "sometimes"
        broken = OUT / "broken-template.json"
        broken.write_text(json.dumps(template))
        code, problems = self.lint(broken)
        self.assertNotEqual(code, 0)
        messages = " ".join(p["Message"] for p in problems)
        self.assertIn("S3BucketName", messages)
        self.assertIn("sometimes", messages)

    def test_refused_situations_say_why(self):
        for path in OUT.glob("*.cfn.refused"):
            with self.subTest(situation=path.name):
                self.assertIn("--emit terraform", path.read_text(errors="replace"))


class TerraformFiles(unittest.TestCase):
    parsed: dict

    @classmethod
    def setUpClass(cls):
        files = sorted(OUT.glob("*.tf"))
        broken = OUT / "broken.tf.txt"
        broken.write_text('resource "aws_cloudtrail" "x" {\n  name = "unterminated\n}\n')
        done = run([ARGS.node, ARGS.hcl_parser, *map(str, files), str(broken)])
        if done.returncode != 0:
            raise AssertionError(f"the HCL parser did not run (did scripts/setup install tests/tools/hcl2json?): {done.stderr}")
        cls.parsed = {Path(k).name: v for k, v in json.loads(done.stdout).items()}

    def configurations(self) -> dict:
        return {name: doc for name, doc in self.parsed.items() if name.endswith(".tf")}

    def test_every_file_parses(self):
        self.assertGreaterEqual(len(self.configurations()), len(EXPECTED_TERRAFORM))
        for name, doc in self.configurations().items():
            with self.subTest(file=name):
                self.assertNotIn("error", doc, doc.get("error"))

    def test_a_broken_file_is_rejected(self):
        self.assertIn("Unterminated template string", self.parsed["broken.tf.txt"].get("error", ""))

    def test_every_reference_and_import_names_something_declared(self):
        for name, doc in self.configurations().items():
            with self.subTest(file=name):
                declared = {f"{t}.{n}" for t, items in doc.get("resource", {}).items() for n in items}
                declared |= {f"data.{t}.{n}" for t, items in doc.get("data", {}).items() for n in items}
                aliases = {p["alias"] for p in doc.get("provider", {}).get("aws", [])}
                for value in strings({k: v for k, v in doc.items() if k in ("resource", "data")}):
                    if match := PROVIDER.match(value):
                        self.assertIn(match.group(1), aliases, value)
                    elif value.startswith("${") and value.endswith("}"):
                        for ref in REFERENCE.findall(value):
                            self.assertIn(ref, declared, value)
                for block in doc.get("import", []):
                    self.assertIn(block["to"][2:-1], declared)
                self.assertEqual(doc["terraform"][0]["required_version"], ">= 1.5.0")

    def test_each_situation_declares_what_it_must(self):
        for situation, (resources, imports) in EXPECTED_TERRAFORM.items():
            with self.subTest(situation=situation):
                doc = self.parsed[situation + ".tf"]
                declared = {f"{t}.{n}" for t, items in doc.get("resource", {}).items() for n in items}
                self.assertEqual(declared, resources)
                self.assertEqual({b["to"][2:-1] for b in doc.get("import", [])}, imports)
                for provider in doc["provider"]["aws"]:
                    self.assertEqual(provider["allowed_account_ids"], ["123456789012"])
                for trail in doc["resource"]["aws_cloudtrail"].values():
                    lifecycle = trail[0].get("lifecycle")
                    # An imported trail ignores what the plan does not change; a new one ignores nothing.
                    self.assertEqual(lifecycle is not None, bool(imports), trail)

    def test_new_trail_settings(self):
        trail = self.parsed["create_trail.tf"]["resource"]["aws_cloudtrail"]["trailguard-multi-region"][0]
        for setting in ("is_multi_region_trail", "include_global_service_events", "enable_log_file_validation", "enable_logging"):
            self.assertIs(trail[setting], True, setting)
        self.assertEqual(trail["event_selector"], [{"read_write_type": "All", "include_management_events": True}])

    def test_hostile_names_come_back_unchanged(self):
        for situation in ("hostile_names_create", "hostile_names_repair"):
            with self.subTest(situation=situation):
                doc = self.parsed[situation + ".tf"]
                trails = list(doc["resource"]["aws_cloudtrail"].values())
                self.assertEqual(len(trails), 1, "a comment or string must not have opened another block")
                self.assertEqual(literal(trails[0][0]["name"]), "evil" + HOSTILE)
                self.assertNotIn("evil", doc["resource"].keys())
                if situation == "hostile_names_repair":
                    selector = trails[0][0]["event_selector"][1]
                    self.assertEqual([literal(s) for s in selector["exclude_management_event_sources"]], [HOSTILE])
                    self.assertEqual(literal(selector["data_resource"][0]["values"][0]), "arn:aws:s3:::" + HOSTILE)


class ShiftLeftRoundTrip(unittest.TestCase):
    """What `fix --emit` writes must pass `trailguard iac`: remediation and shift-left agree."""

    def judge(self, path: Path) -> tuple[int, dict]:
        done = run([ARGS.trailguard, "iac", "-o", "json", str(path)])
        try:
            return done.returncode, json.loads(done.stdout)
        except json.JSONDecodeError as error:
            raise AssertionError(f"trailguard iac {path}: no JSON ({error}): {done.stderr}")

    def roots(self) -> list[Path]:
        roots = []
        for tf in sorted(OUT.glob("*.tf")):
            root = OUT / "roots" / tf.stem
            root.mkdir(parents=True, exist_ok=True)
            (root / "main.tf").write_text(tf.read_text())
            roots.append(root)
        return roots

    def test_every_emitted_terraform_configuration_passes(self):
        roots = self.roots()
        self.assertGreaterEqual(len(roots), len(EXPECTED_TERRAFORM))
        for root in roots:
            with self.subTest(situation=root.name):
                code, report = self.judge(root)
                self.assertEqual((code, report["verdict"]), (0, "PASS"), json.dumps(report, indent=1))
                trails = [f for f in report["findings"] if f["resource"].startswith("aws_cloudtrail.")]
                self.assertTrue(trails)
                self.assertEqual({f["status"] for f in trails}, {"PASS"}, json.dumps(trails, indent=1))
                self.assertEqual(report["problems"], [])

    def test_every_emitted_template_passes(self):
        templates = sorted(OUT.glob("*.cfn.json"))
        self.assertGreaterEqual(len(templates), 3)
        for template in templates:
            with self.subTest(template=template.name):
                code, report = self.judge(template)
                self.assertEqual((code, report["verdict"]), (0, "PASS"), json.dumps(report, indent=1))
                self.assertEqual({f["status"] for f in report["findings"]}, {"PASS"})

    def test_a_single_region_copy_fails(self):
        """Proves the round trip can fail: the same emitted code with the trail made single-region."""
        root = OUT / "broken" / "single-region"
        root.mkdir(parents=True, exist_ok=True)
        text = (OUT / "create_trail.tf").read_text()
        self.assertIn("is_multi_region_trail         = true", text)
        (root / "main.tf").write_text(text.replace("is_multi_region_trail         = true", "is_multi_region_trail         = false"))
        code, report = self.judge(root)
        self.assertEqual((code, report["verdict"]), (1, "FAIL"), json.dumps(report, indent=1))
        template = json.loads((OUT / "create_trail.cfn.json").read_text())
        for resource in template["Resources"].values():
            if resource["Type"] == "AWS::CloudTrail::Trail":
                resource["Properties"]["IsMultiRegionTrail"] = False
        broken = OUT / "broken" / "single-region.cfn.json"
        broken.write_text(json.dumps(template))
        code, report = self.judge(broken)
        self.assertEqual((code, report["verdict"]), (1, "FAIL"), json.dumps(report, indent=1))


class TerraformFormat(unittest.TestCase):
    def test_terraform_fmt_changes_nothing(self):
        files = sorted(OUT.glob("*.tf"))
        self.assertTrue(files)
        for path in files:
            with self.subTest(file=path.name):
                done = run([ARGS.terraform, "fmt", "-check", "-diff", "-no-color", str(path)])
                self.assertEqual(done.returncode, 0, done.stdout + done.stderr)

    def test_a_misaligned_file_is_caught(self):
        text = re.sub(r"\bname( +)=", "name =", (OUT / "repair_not_logging.tf").read_text(), count=1)
        self.assertNotEqual(text, (OUT / "repair_not_logging.tf").read_text(), "the misalignment was not made")
        misaligned = OUT / "misaligned.tf.txt"
        misaligned.write_text(text)
        done = run([ARGS.terraform, "fmt", "-check", "-"], input=text)
        self.assertNotEqual(done.returncode, 0)


def main() -> int:
    global ARGS, OUT
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", required=True, choices=["cloudformation", "terraform", "iac", "terraform-fmt"])
    parser.add_argument("--samples", required=True, help="the emit_samples binary")
    parser.add_argument("--cfn-lint", default="cfn-lint")
    parser.add_argument("--node", default="node")
    parser.add_argument("--hcl-parser", default=str(Path(__file__).resolve().parents[1] / "tools" / "hcl2json" / "parse.js"))
    parser.add_argument("--terraform", default="terraform")
    parser.add_argument("--trailguard", default="trailguard", help="the trailguard binary, for --check iac")
    ARGS = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        OUT = Path(tmp)
        written = run([ARGS.samples, tmp])
        if written.returncode != 0:
            print(f"emit_samples failed: {written.stderr}", file=sys.stderr)
            print("0 passed, 1 failed")
            return 1
        case = {"cloudformation": CloudFormationTemplates, "terraform": TerraformFiles, "iac": ShiftLeftRoundTrip,
                "terraform-fmt": TerraformFormat}[ARGS.check]
        result = unittest.TextTestRunner(verbosity=2, stream=sys.stderr).run(unittest.TestLoader().loadTestsFromTestCase(case))
    failed = len(result.failures) + len(result.errors) + len(result.skipped)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    return 0 if failed == 0 and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
