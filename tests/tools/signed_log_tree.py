"""Writes CloudTrail trees with log files and digest files signed as CloudTrail signs them, for tests of
`trailguard logs --validate`: its own RSA key (python `cryptography`), digests chained hour by hour (previous
digest's S3 location, SHA-256 of its inflated bytes, signature), each listing the log files delivered in its hour
with their SHA-256, and the ListPublicKeys JSON in either DER encoding AWS uses (PKCS#1 or X.509).

    tree = SignedLogTree(path)
    tree.hourly("111122223333", ["us-east-1"], "2026-12-01", range(24))
    tree.signatures["AWSLogs/.../x.json.gz"]   # the hex signature S3 keeps as x-amz-meta-signature
    tree.write_public_keys(path / "keys.json", encoding="x509")

    python3 signed_log_tree.py OUT_DIR [--day 2026-12-01] [--hours 24]   # a tree, keys.json and signatures.json
"""

from __future__ import annotations

import base64
import datetime
import gzip
import hashlib
import json
import sys
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "logs"))

from log_tree import ACCOUNT, LogTree, parse_time, record  # noqa: E402


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_der(key: rsa.RSAPrivateKey, encoding: str) -> bytes:
    fmt = serialization.PublicFormat.PKCS1 if encoding == "pkcs1" else serialization.PublicFormat.SubjectPublicKeyInfo
    return key.public_key().public_bytes(serialization.Encoding.DER, fmt)


def fingerprint_of(key: rsa.RSAPrivateKey) -> str:
    return hashlib.md5(public_der(key, "pkcs1")).hexdigest()


def public_keys_document(keys: list[tuple[rsa.RSAPrivateKey, str]], encoding: str = "pkcs1") -> dict:
    """ListPublicKeys' JSON as `aws cloudtrail list-public-keys` prints it, one entry per (key, fingerprint)."""
    return {"PublicKeyList": [{"Value": base64.b64encode(public_der(key, encoding)).decode(),
                               "ValidityStartTime": "2026-01-01T00:00:00+00:00",
                               "ValidityEndTime": "2027-06-01T00:00:00+00:00", "Fingerprint": fingerprint}
                              for key, fingerprint in keys]}


class SignedLogTree:
    def __init__(self, root: Path, bucket: str = "org-logs", key: rsa.RSAPrivateKey | None = None):
        self.root = Path(root)
        self.bucket = bucket
        self.key = key or new_key()
        self.fingerprint = fingerprint_of(self.key)
        self.logs = LogTree(self.root)
        self.pending: dict[tuple[str, str], list[dict]] = {}  # log files not yet listed, per (account, region)
        self.last: dict[tuple, dict] = {}  # per chain: the previous digest's key, hash and signature
        self.signatures: dict[str, str] = {}  # S3 key -> hex signature (x-amz-meta-signature)
        self.digests: list[str] = []  # S3 keys, in the order written

    def key_of(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def log(self, account: str, region: str, delivered: str, records: list[dict]) -> Path:
        path = self.logs.log(account, region, delivered, records)
        inflated = gzip.decompress(path.read_bytes())
        times = [r["eventTime"] for r in records] or [delivered]
        self.pending.setdefault((account, region), []).append(
            {"s3Bucket": self.bucket, "s3Object": self.key_of(path), "hashValue": hashlib.sha256(inflated).hexdigest(),
             "hashAlgorithm": "SHA-256", "newestEventTime": max(times), "oldestEventTime": min(times)})
        return path

    def sign(self, data: bytes, key: rsa.RSAPrivateKey | None = None) -> str:
        return (key or self.key).sign(data, padding.PKCS1v15(), hashes.SHA256()).hex()

    def digest(self, account: str, region: str, end: str, *, trail: str = "main", home_region: str = "us-east-1",
               signed_by: rsa.RSAPrivateKey | None = None) -> Path:
        """The digest of the hour ending at `end`, listing the (account, region)'s log files written since the last
        one; `signed_by` signs it with another key than the tree's (a forged digest)."""
        when = parse_time(end)
        name = f"{account}_CloudTrail-Digest_{region}_{trail}_{home_region}_{when.strftime('%Y%m%dT%H%M%SZ')}.json.gz"
        folder = self.root / "AWSLogs" / account / "CloudTrail-Digest" / region / when.strftime("%Y/%m/%d")
        folder.mkdir(parents=True, exist_ok=True)
        key = self.key_of(folder / name)
        chain = (account, region, trail, home_region)
        previous = self.last.get(chain)
        document = {"awsAccountId": account,
                    "digestStartTime": (when - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "digestEndTime": end, "digestS3Bucket": self.bucket, "digestS3Object": key,
                    "digestPublicKeyFingerprint": self.fingerprint, "digestSignatureAlgorithm": "SHA256withRSA",
                    "newestEventTime": end, "oldestEventTime": end,
                    "previousDigestS3Bucket": self.bucket if previous else None,
                    "previousDigestS3Object": previous["key"] if previous else None,
                    "previousDigestHashValue": previous["hash"] if previous else None,
                    "previousDigestHashAlgorithm": "SHA-256" if previous else None,
                    "previousDigestSignature": previous["signature"] if previous else None,
                    "logFiles": self.pending.pop((account, region), [])}
        inflated = json.dumps(document).encode()
        to_sign = f"{end}\n{self.bucket}/{key}\n{hashlib.sha256(inflated).hexdigest()}\n" + \
                  (previous["signature"] if previous else "null")
        signature = self.sign(to_sign.encode(), signed_by)
        (folder / name).write_bytes(gzip.compress(inflated, mtime=0))
        self.signatures[key] = signature
        self.digests.append(key)
        self.last[chain] = {"key": key, "hash": hashlib.sha256(inflated).hexdigest(), "signature": signature}
        return folder / name

    def hourly(self, account: str, regions: list[str], day: str, hours: range) -> None:
        """A healthy day: per hour and region a log file delivered at :05 and the digest of the hour at :30."""
        for hour in hours:
            for region in regions:
                self.log(account, region, f"{day}T{hour:02d}:05:00Z",
                         [record("DescribeInstances", f"{day}T{hour:02d}:01:00Z", region)])
                self.digest(account, region, f"{day}T{hour:02d}:30:00Z")

    def write_public_keys(self, path: Path, encoding: str = "pkcs1") -> Path:
        path.write_text(json.dumps(public_keys_document([(self.key, self.fingerprint)], encoding)))
        return path


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--day", default="2026-12-01")
    parser.add_argument("--hours", type=int, default=24)
    parser.add_argument("--regions", default="us-east-1,eu-west-1")
    arguments = parser.parse_args()
    out = Path(arguments.out)
    tree = SignedLogTree(out / "tree")
    tree.hourly(ACCOUNT, arguments.regions.split(","), arguments.day, range(arguments.hours))
    tree.write_public_keys(out / "keys.json")
    (out / "signatures.json").write_text(json.dumps(tree.signatures, indent=1))


if __name__ == "__main__":
    main()
