"""`trailguard logs --validate` over local trees signed by tests/tools/signed_log_tree.py (the test's own RSA key):
a healthy tree passes with every check counted; each kind of tampering (a changed, deleted or unlisted log file,
a changed or deleted digest, a forged signature, the wrong key, a truncated digest) is reported by kind and file
with exit 1; both DER encodings of the key are accepted; --validate without keys is a usage error.
Reports are checked against docs/schema/logs-report.schema.json.

    python3 test_logs_validate.py --trailguard build/trailguard
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from log_tree import ACCOUNT, record, run_tests  # noqa: E402
from logs_schema import LINE, REPORT  # noqa: E402
from signed_log_tree import SignedLogTree, new_key, public_keys_document  # noqa: E402

TRAILGUARD = ""
DAY = "2026-12-01"
REGIONS = ["us-east-1", "eu-west-1"]
HOURS = 6
KEY = new_key()  # one 2048-bit key for the whole run: generating one per test costs more than the test


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([TRAILGUARD, "logs", *args], capture_output=True, text=True, timeout=120)


def problems(document: dict) -> list[tuple[str, str]]:
    return sorted((p["problem"], Path(p["file"]).name) for p in document["digest_problems"])


class ValidateLocalTrees(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="trailguard-validate-"))
        self.tree = SignedLogTree(self.dir / "tree", key=KEY)
        self.tree.hourly(ACCOUNT, REGIONS, DAY, range(HOURS))
        self.keys = self.tree.write_public_keys(self.dir / "keys.json")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def validate(self, *extra: str, code: int, keys: Path | None = None) -> dict:
        args = [str(self.dir / "tree"), "--validate", "--public-keys", str(keys or self.keys), "--since", DAY, *extra]
        result = run(*args, "-o", "json")
        self.assertEqual(result.returncode, code, result.stderr + result.stdout[-3000:])
        document = json.loads(result.stdout)
        REPORT.validate(document)
        lines = [json.loads(line) for line in run(*args, "-o", "ndjson").stdout.splitlines()]
        for line in lines:
            LINE.validate(line)
        self.assertEqual(sum(line["type"] == "digest_problem" for line in lines), len(document["digest_problems"]))
        text = run(*args).stdout
        validation = document["validation"]
        self.assertIn(f"Digest validation: {validation['digests_checked']} digest(s), {validation['chain_links_checked']} chain "
                      f"link(s), {validation['signatures_checked']} signature(s) verified ({validation['signatures_unavailable']} "
                      f"unavailable offline), {validation['log_files_checked']} log file(s) checked; "
                      f"{len(document['digest_problems'])} problem(s)", text)
        for problem in document["digest_problems"]:
            self.assertIn(problem["problem"], text)
        return document

    def digest_path(self, region: str, hour: int) -> Path:
        return self.dir / "tree" / next(k for k in self.tree.digests if f"_{region}_" in k and f"T{hour:02d}3000Z" in k)

    def log_path(self, region: str, hour: int) -> Path:
        return next((self.dir / "tree").rglob(f"{ACCOUNT}_CloudTrail_{region}_20261201T{hour:02d}05Z_*.json.gz"))

    def test_a_healthy_tree_passes_with_every_check_counted(self):
        document = self.validate(code=0)
        validation = document["validation"]
        digests = len(REGIONS) * HOURS
        self.assertEqual(validation["digests_checked"], digests)
        self.assertEqual(validation["chain_links_checked"], digests - len(REGIONS))
        # Offline, the newest digest of each chain has its signature only in S3's metadata.
        self.assertEqual(validation["signatures_checked"], digests - len(REGIONS))
        self.assertEqual(validation["signatures_unavailable"], len(REGIONS))
        self.assertEqual(validation["log_files_checked"], digests)
        self.assertEqual(validation["problems"], 0)
        self.assertEqual(document["summary"]["result"], "clean")
        self.assertIsNone(json.loads(run(str(self.dir / "tree"), "-o", "json").stdout)["validation"])

    def test_the_test_trees_signatures_verify_with_awscli_s_own_validator(self):
        """The string to sign and the key encoding are awscli's: its validate-logs code accepts the tree trailguard
        accepts (and refuses a tampered digest), so the two agree on what a valid digest is."""
        try:
            from awscli.customizations.cloudtrail.validation import DigestError, Sha256RSADigestValidator
        except ImportError:
            self.skipTest("awscli is not installed")
        keys = json.loads(self.keys.read_text())["PublicKeyList"][0]["Value"]
        validator = Sha256RSADigestValidator()
        for key in self.tree.digests:
            inflated = gzip.decompress((self.dir / "tree" / key).read_bytes())
            data = json.loads(inflated)
            data["_signature"] = self.tree.signatures[key]
            validator.validate(self.tree.bucket, key, keys, data, inflated)
        with self.assertRaises(DigestError):
            validator.validate(self.tree.bucket, key, keys, data, inflated + b" ")

    def test_both_der_encodings_of_the_key_are_accepted(self):
        for encoding in ("pkcs1", "x509"):
            keys = self.tree.write_public_keys(self.dir / f"keys-{encoding}.json", encoding)
            self.assertEqual(self.validate(code=0, keys=keys)["validation"]["signatures_checked"], (HOURS - 1) * len(REGIONS))

    def test_a_changed_log_file_is_a_hash_mismatch(self):
        path = self.log_path("eu-west-1", 2)
        records = json.loads(gzip.decompress(path.read_bytes()))
        records["Records"][0]["eventName"] = "DeleteTrail"
        path.write_bytes(gzip.compress(json.dumps(records).encode()))
        document = self.validate(code=1)
        self.assertEqual(problems(document), [("hash_mismatch", path.name)])
        self.assertEqual(document["digest_problems"][0]["region"], "eu-west-1")
        self.assertEqual(document["summary"]["result"], "findings")

    def test_a_deleted_log_file_is_missing(self):
        path = self.log_path("us-east-1", 3)
        path.unlink()
        self.assertEqual(problems(self.validate(code=1)), [("missing_log_file", path.name)])

    def test_a_changed_digest_breaks_the_hash_chain_and_its_signature(self):
        path = self.digest_path("us-east-1", 2)
        document = json.loads(gzip.decompress(path.read_bytes()))
        document["logFiles"] = []  # hide the hour's log file
        path.write_bytes(gzip.compress(json.dumps(document).encode()))
        found = problems(self.validate(code=1))
        self.assertIn(("broken_chain", path.name), found)
        self.assertIn(("bad_signature", path.name), found)
        self.assertIn(("unlisted_log_file", self.log_path("us-east-1", 2).name), found)

    def test_a_deleted_digest_hour_is_a_missing_digest(self):
        path = self.digest_path("eu-west-1", 3)
        path.unlink()
        document = self.validate(code=1)
        self.assertIn(("missing_digest", path.name), problems(document))
        # Its log file is now listed by no digest.
        self.assertIn(("unlisted_log_file", self.log_path("eu-west-1", 3).name), problems(document))
        self.assertEqual(document["validation"]["signatures_unavailable"], len(REGIONS) + 1)

    def test_a_forged_signature_is_bad(self):
        tree = SignedLogTree(self.dir / "forged", key=KEY)
        tree.hourly(ACCOUNT, ["us-east-1"], DAY, range(2))
        forged = tree.digest(ACCOUNT, "us-east-1", f"{DAY}T02:30:00Z", signed_by=new_key())
        tree.hourly(ACCOUNT, ["us-east-1"], DAY, range(3, 4))
        result = run(str(self.dir / "forged"), "--validate", "--public-keys", str(self.keys), "-o", "json")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(problems(json.loads(result.stdout)), [("bad_signature", forged.name)])

    def test_the_wrong_key_fails_every_signature_and_an_unknown_fingerprint_is_named(self):
        wrong = self.dir / "wrong.json"
        wrong.write_text(json.dumps(public_keys_document([(new_key(), self.tree.fingerprint)])))
        document = self.validate(code=1, keys=wrong)
        self.assertEqual({p["problem"] for p in document["digest_problems"]}, {"bad_signature"})
        self.assertEqual(len(document["digest_problems"]), (HOURS - 1) * len(REGIONS))
        other = self.dir / "other.json"
        other.write_text(json.dumps(public_keys_document([(KEY, "f" * 32)])))
        document = self.validate(code=1, keys=other)
        self.assertEqual({p["problem"] for p in document["digest_problems"]}, {"unknown_key"})
        self.assertIn(self.tree.fingerprint, document["digest_problems"][0]["detail"])

    def test_a_log_file_no_digest_lists_is_reported(self):
        path = self.tree.logs.log(ACCOUNT, "us-east-1", f"{DAY}T03:10:00Z", [record("RunInstances", f"{DAY}T03:09:00Z")])
        self.assertEqual(problems(self.validate(code=1)), [("unlisted_log_file", path.name)])

    def test_a_truncated_digest_is_malformed_and_unreadable(self):
        path = self.digest_path("us-east-1", 1)
        path.write_bytes(path.read_bytes()[:40])
        document = self.validate(code=1)
        self.assertEqual(problems(document), [("malformed_digest", path.name)])
        self.assertEqual([Path(e["file"]).name for e in document["errors"]], [path.name])

    def test_validate_without_keys_on_a_local_source_is_a_usage_error(self):
        result = run(str(self.dir / "tree"), "--validate")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--public-keys", result.stderr)
        self.assertEqual(result.stdout, "")
        alone = run(str(self.dir / "tree"), "--public-keys", str(self.keys))
        self.assertEqual(alone.returncode, 2)
        self.assertIn("--validate", alone.stderr)
        broken = self.dir / "broken.json"
        broken.write_text('{"PublicKeyList": [{"Fingerprint": "x", "Value": "AAAA"}]}')
        result = run(str(self.dir / "tree"), "--validate", "--public-keys", str(broken))
        self.assertEqual(result.returncode, 2)
        self.assertIn("broken.json", result.stderr)

    def test_html_shows_the_problems(self):
        self.log_path("us-east-1", 3).unlink()
        result = run(str(self.dir / "tree"), "--validate", "--public-keys", str(self.keys), "-o", "html")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout.count('class="digest-problem"'), 1)
        self.assertIn("missing_log_file", result.stdout)


if __name__ == "__main__":
    run_tests(globals())
