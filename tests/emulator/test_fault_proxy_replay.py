#!/usr/bin/env python3
"""tests/aws/http/fault_proxy.py's upstream timing and record/replay, against a real moto_server.

The organization benchmark (bench/) relies on both: the upstream time in the log tells how much of a run
was the emulator's, and a replay of a recorded run measures the same client without any emulator. So:
a replayed request gets exactly the recorded answer although its volatile parts (the STS session name,
the signature's date) changed; requests signed with other keys, or asking for something else, are not
confused with it; and a replay never reaches the upstream (here: moto is stopped before it).
Ends with "N passed, M failed".
"""
from __future__ import annotations

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import moto_server as emulator  # noqa: E402

LATENCY_MS = 20.0
MEMBER, OTHER = "111122223333", "444455556666"


class RecordAndReplay(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.moto = emulator.MotoServer()
        cls.moto.start()
        cls.proxy = emulator.FaultProxy(cls.moto.url, latency_ms=LATENCY_MS)
        cls.proxy.start()

        # Recorded: a role assumed in a member with a timestamped session name, a call with its keys, and
        # the same DescribeTrails twice with different answers (a trail created in between).
        emulator.create_bucket(cls.moto, "shared-logs")
        cls.proxy.record(True)
        sts = emulator.client(cls.proxy.url, "sts")
        cls.member_keys = sts.assume_role(RoleArn=f"arn:aws:iam::{MEMBER}:role/Audit", RoleSessionName="audit-1700000000")["Credentials"]
        cls.identity = emulator.client(cls.proxy.url, "sts", keys=cls.member_keys).get_caller_identity()
        cloudtrail = emulator.client(cls.proxy.url, "cloudtrail", "eu-west-1", keys=cls.member_keys)
        cls.before = cloudtrail.describe_trails()["trailList"]
        cloudtrail.create_trail(Name="member-trail", S3BucketName="shared-logs")
        cls.after = cloudtrail.describe_trails()["trailList"]
        cls.recorded = cls.proxy.record(False)
        cls.recording = cls.proxy.recording()
        cls.forwarded_log = cls.proxy.log()

        cls.moto.stop()  # the replay must not need it
        cls.proxy.replay(cls.recording)

    @classmethod
    def tearDownClass(cls):
        cls.proxy.close()
        cls.moto.close()

    def replay_log(self) -> list[dict]:
        return self.proxy.log()[len(self.forwarded_log):]

    def test_forwarded_requests_carry_the_upstream_time(self):
        self.assertEqual(len(self.forwarded_log), 5)
        for record in self.forwarded_log:
            self.assertEqual(record["answered_by"], "upstream", record)
            self.assertGreater(record["upstream_ms"], 0.0, record)
            self.assertLessEqual(record["upstream_ms"], record["duration_ms"] - LATENCY_MS + 1.0, record)
            self.assertGreaterEqual(record["upstream_start_ms"], record["start_ms"] + LATENCY_MS - 1.0, record)

    def test_every_forwarded_answer_is_recorded(self):
        self.assertEqual(self.recorded, 5)
        self.assertEqual(len(self.recording["entries"]), 5)
        text = str(self.recording)
        self.assertNotIn(self.member_keys["AccessKeyId"] + "/", text, "keys are digests, not the signing scope")

    def test_replay_answers_despite_a_new_session_name(self):
        sts = emulator.client(self.proxy.url, "sts")
        keys = sts.assume_role(RoleArn=f"arn:aws:iam::{MEMBER}:role/Audit", RoleSessionName="audit-1800000000")["Credentials"]
        self.assertEqual(keys["AccessKeyId"], self.member_keys["AccessKeyId"])
        self.assertEqual(emulator.client(self.proxy.url, "sts", keys=keys).get_caller_identity()["Account"], MEMBER)
        self.assertEqual(self.identity["Account"], MEMBER)

    def test_repeated_requests_replay_in_recorded_order(self):
        cloudtrail = emulator.client(self.proxy.url, "cloudtrail", "eu-west-1", keys=self.member_keys)
        self.assertEqual(cloudtrail.describe_trails()["trailList"], self.before)
        self.assertEqual(cloudtrail.describe_trails()["trailList"], self.after)
        self.assertEqual(cloudtrail.describe_trails()["trailList"], self.after, "then the last answer again")
        self.assertEqual([t["Name"] for t in self.after], ["member-trail"])

    def test_other_requests_are_not_confused_with_recorded_ones(self):
        import botocore.exceptions  # noqa: PLC0415
        import botocore.parsers  # noqa: PLC0415
        attempts = [
            lambda: emulator.client(self.proxy.url, "sts").assume_role(RoleArn=f"arn:aws:iam::{OTHER}:role/Audit", RoleSessionName="audit-1"),
            lambda: emulator.client(self.proxy.url, "cloudtrail", region="eu-west-1").describe_trails(),  # other keys
            lambda: emulator.client(self.proxy.url, "cloudtrail", "us-west-2", keys=self.member_keys).describe_trails(),  # other region
        ]
        for attempt in attempts:
            # The miss is a plain-text 502: boto3 reports it as an error it cannot parse, or as a ClientError.
            with self.assertRaises((botocore.exceptions.ClientError, botocore.parsers.ResponseParserError)):
                attempt()
            last = self.proxy.log()[-1]
            self.assertEqual((last["status"], last["answered_by"]), (502, "proxy"), last)

    def test_replay_keeps_the_latency_and_never_reaches_the_upstream(self):
        emulator.client(self.proxy.url, "sts", keys=self.member_keys).get_caller_identity()
        replayed = [r for r in self.replay_log() if r["operation"] == "GetCallerIdentity"]
        self.assertTrue(replayed)
        for record in self.replay_log():
            self.assertIn(record["answered_by"], ("replay", "proxy"), record)
            self.assertIsNone(record["upstream_ms"])
        self.assertGreaterEqual(replayed[-1]["duration_ms"], LATENCY_MS - 1.0)
        self.assertEqual(replayed[-1]["status"], 200)


class KeepAliveAnswers(unittest.TestCase):
    """Answers on a reused connection come at once: headers and body leave in two writes, and without
    TCP_NODELAY the body waited for the client's delayed ACK (40 ms on Linux) on every request."""

    def test_no_delayed_ack_wait_on_a_reused_connection(self):
        import http.client  # noqa: PLC0415
        import statistics  # noqa: PLC0415
        import time  # noqa: PLC0415
        with emulator.MotoServer() as moto, emulator.FaultProxy(moto.url) as proxy:
            connection = http.client.HTTPConnection("127.0.0.1", int(proxy.url.rsplit(":", 1)[1]), timeout=10)
            round_trips = []
            for _ in range(8):
                started = time.monotonic()
                connection.request("GET", "/__fault__/health")
                self.assertEqual(connection.getresponse().read(), b'{"ok": true}')
                round_trips.append(time.monotonic() - started)
            connection.close()
        self.assertLess(statistics.median(round_trips[1:]), 0.025, round_trips)


def main() -> int:
    return emulator.run_suite([RecordAndReplay, KeepAliveAnswers])


if __name__ == "__main__":
    sys.exit(main())
