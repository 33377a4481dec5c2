"""`trailguard logs s3://... --validate` against a local moto_server: a tree signed by tests/tools/signed_log_tree.py
is uploaded with each digest's signature as S3 metadata (x-amz-meta-signature), so every digest is checked, the
newest of each chain included; a replaced signature and a changed log object are reported by their s3:// URLs.
moto has no ListPublicKeys: without --public-keys the run says the keys could not be read (docs/emulator.md), and
through tests/aws/http/fault_proxy.py, which answers ListPublicKeys page by page in front of moto, the keys come
from the API (NextToken followed) and every digest verifies.

    python3 test_logs_validate_s3.py --trailguard build/trailguard
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "emulator"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from log_tree import ACCOUNT, run_tests  # noqa: E402
from moto_server import FaultProxy, MotoServer  # noqa: E402
from signed_log_tree import SignedLogTree, new_key, public_keys_document  # noqa: E402

TRAILGUARD = ""
DAY = "2026-12-01"
BUCKET = "org-logs"
REGIONS = ["us-east-1", "eu-west-1"]
HOURS = 4
MOTO: MotoServer | None = None


class ValidateFromS3(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="trailguard-validate-s3-"))
        self.tree = SignedLogTree(self.dir / "tree", bucket=BUCKET)
        self.tree.hourly(ACCOUNT, REGIONS, DAY, range(HOURS))
        self.keys = self.tree.write_public_keys(self.dir / "keys.json", "x509")
        MOTO.reset()
        self.s3 = MOTO.client("s3")
        self.s3.create_bucket(Bucket=BUCKET)
        for path in sorted((self.dir / "tree").rglob("*")):
            if path.is_file():
                key = path.relative_to(self.dir / "tree").as_posix()
                self.put(key, path.read_bytes())
        self.env = MOTO.aws_env(self.dir)

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def put(self, key: str, body: bytes, signature: str | None = None) -> None:
        extra = {}
        if key in self.tree.signatures:
            extra = {"Metadata": {"signature": signature or self.tree.signatures[key], "signature-algorithm": "SHA256withRSA"}}
        self.s3.put_object(Bucket=BUCKET, Key=key, Body=body, **extra)

    def validate(self, *extra: str, code: int, endpoint: str = "") -> dict:
        result = subprocess.run([TRAILGUARD, "logs", f"s3://{BUCKET}/", "--validate", "--since", DAY, *extra,
                                 "--endpoint-url", endpoint or MOTO.url, "-o", "json"],
                                capture_output=True, text=True, timeout=300, env=self.env)
        self.assertEqual(result.returncode, code, result.stderr + result.stdout[-3000:])
        return json.loads(result.stdout)

    def test_every_digest_is_checked_by_its_metadata_the_newest_included(self):
        validation = self.validate("--public-keys", str(self.keys), code=0)["validation"]
        digests = HOURS * len(REGIONS)
        self.assertEqual(validation["digests_checked"], digests)
        self.assertEqual(validation["signatures_checked"], digests)
        self.assertEqual(validation["signatures_unavailable"], 0)
        self.assertEqual(validation["log_files_checked"], digests)
        self.assertEqual(validation["problems"], 0)

    def test_a_replaced_signature_and_a_changed_log_object_are_named_by_url(self):
        newest = self.tree.digests[-1]
        self.put(newest, (self.dir / "tree" / newest).read_bytes(), signature="ab" * 256)
        log = next(k for k in self.tree.logs.files if "_CloudTrail_us-east-1_" in k.name)
        log_key = log.relative_to(self.dir / "tree").as_posix()
        self.s3.put_object(Bucket=BUCKET, Key=log_key, Body=gzip.compress(b'{"Records": []}'))
        document = self.validate("--public-keys", str(self.keys), code=1)
        found = sorted((p["problem"], p["file"]) for p in document["digest_problems"])
        self.assertEqual(found, sorted([("bad_signature", f"s3://{BUCKET}/{newest}"),
                                        ("hash_mismatch", f"s3://{BUCKET}/{log_key}")]))

    def test_a_signature_the_successor_does_not_record_is_a_broken_chain(self):
        first = self.tree.digests[0]
        self.put(first, (self.dir / "tree" / first).read_bytes(), signature="cd" * 256)
        found = sorted(p["problem"] for p in self.validate("--public-keys", str(self.keys), code=1)["digest_problems"])
        self.assertEqual(found, ["bad_signature", "broken_chain"])

    def test_without_public_keys_list_public_keys_is_called_and_its_failure_reported(self):
        document = self.validate(code=1)  # digests without a key are findings; the failed call is an error
        self.assertTrue(any("ListPublicKeys" in e["file"] for e in document["errors"]), document["errors"])
        self.assertEqual({p["problem"] for p in document["digest_problems"]}, {"unknown_key"})
        self.assertEqual(len(document["digest_problems"]), HOURS * len(REGIONS))

    def test_without_public_keys_the_keys_come_from_list_public_keys_page_by_page(self):
        decoy = public_keys_document([(new_key(), "d" * 32)], "x509")
        decoy["NextToken"] = "page-2"
        real = public_keys_document([(self.tree.key, self.tree.fingerprint)], "pkcs1")
        with FaultProxy(MOTO.url) as proxy:
            proxy.rules([{"match": {"operation": "ListPublicKeys"}, "fault": "answer", "body": decoy, "times": 1},
                         {"match": {"operation": "ListPublicKeys"}, "fault": "answer", "body": real, "times": 1}])
            validation = self.validate(code=0, endpoint=proxy.url)["validation"]
            calls = [entry for entry in proxy.log() if entry["operation"] == "ListPublicKeys"]
        self.assertEqual(len(calls), 2)  # one trail home region, two pages
        self.assertEqual(validation["signatures_checked"], HOURS * len(REGIONS))
        self.assertEqual(validation["problems"], 0)


def main() -> None:
    global MOTO
    with MotoServer() as server:
        MOTO = server
        run_tests(globals())


if __name__ == "__main__":
    main()
