"""Writes CloudTrail trees in the S3 layout for tests of `trailguard logs`: log files of the records a test
gives, digest files, Insights files, and the broken files real buckets hold.

    tree = LogTree(path)
    tree.log("111122223333", "us-east-1", "2026-12-01T10:05:00Z", [record(...), ...])
    tree.digest("111122223333", "us-east-1", "2026-12-01T11:00:00Z", bucket="org-logs")
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import json
import uuid
from pathlib import Path

ACCOUNT = "111122223333"


def parse_time(text: str) -> datetime.datetime:
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)


def record(event_name: str, time: str, region: str = "us-east-1", source: str = "ec2.amazonaws.com", *,
           read_only: bool | None = True, event_id: str | None = None, error_code: str | None = None,
           principal: str = "arn:aws:iam::111122223333:user/alice", identity_type: str | None = "IAMUser",
           source_ip: str = "198.51.100.7", request_parameters: dict | None = None, version: str = "1.08",
           category: str | None = "Management") -> dict:
    identity: dict = {"arn": principal, "accountId": ACCOUNT}
    if identity_type is not None:
        identity["type"] = identity_type
    event = {"eventVersion": version, "userIdentity": identity, "eventTime": time, "eventSource": source,
             "eventName": event_name, "awsRegion": region, "sourceIPAddress": source_ip, "userAgent": "aws-cli/2.15",
             "requestParameters": request_parameters, "responseElements": None,
             "requestID": str(uuid.uuid5(uuid.NAMESPACE_URL, f"req-{event_name}-{time}-{event_id}")),
             "eventID": event_id or str(uuid.uuid5(uuid.NAMESPACE_URL, f"{event_name}-{time}-{region}-{principal}")),
             "eventType": "AwsApiCall", "recipientAccountId": ACCOUNT, "unknownFutureField": {"nested": [1, 2, 3]}}
    if read_only is not None:
        event["readOnly"] = read_only
    if category is not None:
        event["managementEvent"] = category == "Management"
        event["eventCategory"] = category
    if error_code:
        event["errorCode"] = error_code
        event["errorMessage"] = "User is not authorized"
    return event


class LogTree:
    def __init__(self, root: Path, org_id: str | None = None):
        self.root = Path(root)
        self.org_id = org_id
        self.files: list[Path] = []

    def _folder(self, account: str, kind: str, region: str, when: datetime.datetime) -> Path:
        base = self.root / "AWSLogs"
        if self.org_id:
            base = base / self.org_id
        folder = base / account / kind / region / when.strftime("%Y/%m/%d")
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def _write(self, path: Path, document: dict | bytes, compress: bool = True) -> Path:
        data = document if isinstance(document, bytes) else json.dumps(document).encode()
        path.write_bytes(gzip.compress(data, mtime=0) if compress else data)
        self.files.append(path)
        return path

    def log(self, account: str, region: str, delivered: str, records: list[dict], *, unique: str | None = None,
            compress: bool = True, raw: bytes | None = None) -> Path:
        when = parse_time(delivered)
        unique = unique or hashlib.sha256(f"{account}{region}{delivered}{len(self.files)}".encode()).hexdigest()[:16]
        name = f"{account}_CloudTrail_{region}_{when.strftime('%Y%m%dT%H%MZ')}_{unique}.json" + (".gz" if compress else "")
        return self._write(self._folder(account, "CloudTrail", region, when) / name,
                           raw if raw is not None else {"Records": records}, compress)

    def digest(self, account: str, region: str, end: str, *, bucket: str = "org-logs", trail: str = "main",
               home_region: str = "us-east-1") -> Path:
        when = parse_time(end)
        name = f"{account}_CloudTrail-Digest_{region}_{trail}_{home_region}_{when.strftime('%Y%m%dT%H%M%SZ')}.json.gz"
        document = {"awsAccountId": account, "digestStartTime": (when - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "digestEndTime": end, "digestS3Bucket": bucket, "digestS3Object": f"AWSLogs/{account}/CloudTrail-Digest/{region}/{name}",
                    "digestPublicKeyFingerprint": "0" * 32, "digestSignatureAlgorithm": "SHA256withRSA", "logFiles": []}
        return self._write(self._folder(account, "CloudTrail-Digest", region, when) / name, document)

    def insight(self, account: str, region: str, delivered: str, count: int) -> Path:
        when = parse_time(delivered)
        name = f"{account}_CloudTrail-Insight_{region}_{when.strftime('%Y%m%dT%H%MZ')}_{'i' * 16}.json.gz"
        records = [{"eventVersion": "1.08", "eventType": "AwsCloudTrailInsight", "eventCategory": "Insight",
                    "eventID": str(uuid.uuid4()), "insightDetails": {"state": "Start"}} for _ in range(count)]
        return self._write(self._folder(account, "CloudTrail-Insight", region, when) / name, {"Records": records})

    def hourly(self, account: str, regions: list[str], day: str, hours: range, *, digests: bool = True) -> None:
        """A quiet, healthy day: a digest every hour and a log file with one read event, in every region."""
        for region in regions:
            for hour in hours:
                self.log(account, region, f"{day}T{hour:02d}:05:00Z",
                         [record("DescribeInstances", f"{day}T{hour:02d}:01:00Z", region)])
                if digests:
                    self.digest(account, region, f"{day}T{hour:02d}:30:00Z")


def run_tests(module: dict) -> None:
    """A test file's main: `--trailguard PATH` sets the module's TRAILGUARD; the other arguments go to unittest."""
    import argparse
    import sys
    import unittest

    parser = argparse.ArgumentParser()
    parser.add_argument("--trailguard", required=True)
    arguments, rest = parser.parse_known_args()
    module["TRAILGUARD"] = arguments.trailguard
    unittest.main(argv=[sys.argv[0], *rest])
