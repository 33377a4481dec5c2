#!/usr/bin/env python3
"""End-to-end test of the evidence workflow against a real local AWS emulator (moto_server).

For each scenario, in a fresh moto of its own: seed trails through the AWS API (boto3), run the script that
`trailguard evidence-script` prints with the real AWS CLI against moto, then
`trailguard scan --evidence DIR -o json`, and check the exit code and every region's status and reasons.

Usage: test_evidence_script.py --trailguard PATH [--jobs N] [-k PATTERN]
       (or TRAILGUARD_BINARY=PATH; CTest passes $<TARGET_FILE:trailguard>)
Ends with "N passed, M failed"; exits non-zero on any failure, error or skip, including when moto_server
cannot be started. See docs/emulator.md.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import moto_server  # noqa: E402
from evidence_manifest import check_manifest  # noqa: E402
from moto_server import MOTO_DEFAULT_ACCOUNT, MotoServer, MotoUnavailable, seed_trail  # noqa: E402
from report_json import parsed_report  # noqa: E402

TRAILGUARD: str = ""  # set by main()
JOBS = 2
KEEP = bool(os.environ.get("TRAILGUARD_KEEP_EVIDENCE"))


def partition_of(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


@dataclasses.dataclass
class Scenario:
    name: str
    description: str
    trails: list[dict]             # keyword arguments of moto_server.seed_trail
    exit_code: int
    default: tuple[str, list[str]]  # (status, reasons) of every judged region not in `regions`
    regions: dict[str, tuple[str, list[str]]] = dataclasses.field(default_factory=dict)
    buckets: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # (name, region) made first
    # A known trailguard bug makes the findings wrong: the evidence must still be collected cleanly
    # (test_<name>_collected), and test_<name> is an expected failure until the bug is fixed, when it
    # turns into an "unexpected success" that fails the run (then drop known_bug).
    # TRAILGUARD_EMULATOR_STRICT=1 ignores known_bug, to see the failure's details.
    known_bug: str = ""


SCENARIOS = [
    Scenario("multi_region_all",
             "a logging multi-region trail (home us-east-2) recording All management events covers every region",
             trails=[dict(name="org-audit", home_region="us-east-2", multi_region=True, read_write_type="All")],
             exit_code=0, default=("PASS", [])),
    Scenario("single_region_only",
             "only a single-region trail in eu-west-1: eu-west-1 is single-region-only, the others have no trail",
             trails=[dict(name="eu-payments-audit", home_region="eu-west-1", multi_region=False)],
             exit_code=1, default=("FAIL", ["no_trail"]),
             regions={"eu-west-1": ("FAIL", ["single_region_only"])}),
    Scenario("read_only_selectors",
             "a logging multi-region trail recording only ReadOnly management events",
             trails=[dict(name="read-audit", home_region="us-east-1", multi_region=True, read_write_type="ReadOnly")],
             exit_code=1, default=("FAIL", ["management_events_read_only"])),
    Scenario("not_logging",
             "a multi-region trail with All management events whose logging was never started",
             trails=[dict(name="stopped-audit", home_region="eu-central-1", multi_region=True, logging=False)],
             exit_code=1, default=("FAIL", ["not_logging"])),
    Scenario("same_name_two_regions",
             "a stopped multi-region trail 'audit' (home eu-west-1) and a logging single-region trail also named "
             "'audit' in us-east-1 (AWS allows one name per region): nothing covers the account",
             trails=[dict(name="audit", home_region="eu-west-1", multi_region=True, logging=False),
                     dict(name="audit", home_region="us-east-1", multi_region=False, bucket="audit-logs-use1")],
             buckets=[("audit-logs-use1", "us-east-1")],
             exit_code=1, default=("FAIL", ["not_logging"]),
             regions={"us-east-1": ("FAIL", ["not_logging", "single_region_only"])}),
]


@dataclasses.dataclass
class Run:
    """What one scenario produced: the script's and the scan's results, and timings."""
    workdir: Path
    evidence: Path
    script: subprocess.CompletedProcess
    scan: subprocess.CompletedProcess
    report: dict | None
    aws_requests: int            # HTTP requests the evidence script made to moto
    seconds: dict[str, float]
    moto_log: str


def collect(scenario: Scenario, root: Path) -> Run:
    """Runs the whole workflow for one scenario with its own moto_server (own port, fresh state)."""
    workdir = root / scenario.name
    workdir.mkdir()
    (workdir / "home").mkdir()
    evidence = workdir / "evidence"
    seconds: dict[str, float] = {}
    started = time.monotonic()

    script_text = subprocess.run([TRAILGUARD, "evidence-script"], check=True, capture_output=True, text=True).stdout
    script_path = workdir / "collect-trailguard-evidence.sh"
    script_path.write_text(script_text)

    with MotoServer() as moto:
        seconds["moto_start"] = time.monotonic() - started
        moto.reset()
        mark = time.monotonic()
        for bucket, region in scenario.buckets:
            moto_server.create_bucket(moto, bucket, region)
        for trail in scenario.trails:
            seed_trail(moto, **trail)
        seconds["seed"] = time.monotonic() - mark

        env = moto.aws_env(home=workdir / "home")
        before = moto.request_count()
        mark = time.monotonic()
        script = moto_server.run_group(["bash", str(script_path), str(evidence)], cwd=workdir, env=env,
                                       timeout=240)
        seconds["evidence_script"] = time.monotonic() - mark
        time.sleep(0.05)  # let moto's log catch up before counting
        aws_requests = moto.request_count() - before
        moto_log = moto.log_tail(15)

    mark = time.monotonic()
    scan = subprocess.run([TRAILGUARD, "scan", "--evidence", str(evidence), "-o", "json"],
                          capture_output=True, text=True, timeout=60)
    seconds["scan"] = time.monotonic() - mark
    seconds["total"] = time.monotonic() - started
    try:
        report = parsed_report(scan.stdout)
    except json.JSONDecodeError:
        report = None
    return Run(workdir, evidence, script, scan, report, aws_requests, seconds, moto_log)


class EvidenceScriptAgainstMoto(unittest.TestCase):
    """One test per scenario; the scenarios are collected up-front, JOBS at a time, in setUpClass."""

    maxDiff = None

    runs: dict[str, Run | BaseException] = {}
    root: tempfile.TemporaryDirectory | None = None
    selected: set[str] | None = None  # scenario names to collect (None: all); set by main() from -k

    @classmethod
    def setUpClass(cls):
        # Fail here, loudly, if moto cannot run at all (never skip).
        moto_server.find_moto_server()
        cls.root = tempfile.TemporaryDirectory(prefix="trailguard-emulator-")
        root = Path(cls.root.name)
        with concurrent.futures.ThreadPoolExecutor(max_workers=JOBS) as pool:
            futures = {s.name: pool.submit(collect, s, root) for s in SCENARIOS
                       if cls.selected is None or s.name in cls.selected}
            for name, future in futures.items():
                try:
                    cls.runs[name] = future.result()
                except BaseException as error:  # reported by that scenario's test
                    cls.runs[name] = error
        for name, run in cls.runs.items():
            if isinstance(run, Run):
                timing = ", ".join(f"{k} {v:.1f}s" for k, v in run.seconds.items())
                print(f"  [{name}] {run.aws_requests} AWS requests by the script; {timing}", file=sys.stderr)

    @classmethod
    def tearDownClass(cls):
        if cls.root is not None:
            if KEEP:
                print(f"  evidence kept in {cls.root.name}", file=sys.stderr)
            else:
                cls.root.cleanup()

    def check(self, scenario: Scenario) -> None:
        self.check_collected(scenario)
        self.check_findings(scenario)

    def run_of(self, scenario: Scenario) -> Run:
        run = self.runs.get(scenario.name)
        if isinstance(run, BaseException):
            raise run
        self.assertIsNotNone(run, "scenario was not collected")
        return run

    @staticmethod
    def context(run: Run) -> str:
        return (f"\n--- script stderr ---\n{run.script.stderr[-3000:]}"
                f"\n--- scan stderr ---\n{run.scan.stderr[-2000:]}\n--- moto log tail ---\n{run.moto_log}")

    def check_collected(self, scenario: Scenario) -> None:
        run = self.run_of(scenario)
        context = self.context(run)

        # The script worked with the real AWS CLI against moto: every call answered, none saved as failed.
        self.assertEqual(run.script.returncode, 0, "evidence script failed" + context)
        self.assertIn("(0 failed call(s))", run.script.stderr, context)
        failed = sorted(p.name for p in run.evidence.glob("*.error"))
        self.assertEqual(failed, [], "calls saved as failures" + context)
        for trail in scenario.trails:
            # Named by account, home region and name: names repeat across regions (same_name_two_regions).
            home = trail.get("home_region", "us-east-1")
            for kind in ("get-trail-status", "get-event-selectors"):
                name = f"{kind}.{MOTO_DEFAULT_ACCOUNT}.{home}.{trail['name']}.json"
                self.assertTrue((run.evidence / name).is_file(), f"{name} not collected" + context)

        check_manifest(self, run.evidence)
        self.assertIsNotNone(run.report, f"scan output is not JSON: {run.scan.stdout[:500]!r}" + context)
        self.assertEqual(run.report["problems"], [], "evidence problems")
        self.assertEqual([a["account_id"] for a in run.report["accounts"]], [MOTO_DEFAULT_ACCOUNT])

    def test_swapped_status_files_are_refused(self):
        """Issue #10: GetTrailStatus answers name no trail, so two status files swapped after the collection
        would each pass for the other trail; the manifest's SHA-256 is what tells."""
        run = self.run_of(next(s for s in SCENARIOS if s.name == "same_name_two_regions"))
        account = MOTO_DEFAULT_ACCOUNT
        with tempfile.TemporaryDirectory() as tmp:
            swapped = Path(tmp) / "evidence"
            shutil.copytree(run.evidence, swapped)
            stopped = swapped / f"get-trail-status.{account}.eu-west-1.audit.json"
            logging = swapped / f"get-trail-status.{account}.us-east-1.audit.json"
            stopped_text, logging_text = stopped.read_text(), logging.read_text()
            self.assertIn('"IsLogging": false', stopped_text)
            stopped.write_text(logging_text)
            logging.write_text(stopped_text)

            scan = lambda: subprocess.run([TRAILGUARD, "scan", "--evidence", str(swapped), "-o", "json"],
                                          capture_output=True, text=True, timeout=60)
            refused = scan()
            self.assertEqual(refused.returncode, 3, refused.stderr)
            self.assertIn("SHA-256", refused.stderr)
            statuses = {f["status"] for f in json.loads(refused.stdout)["findings"]}
            self.assertNotIn("PASS", statuses)

            # What the manifest prevents: without it the stopped trail passes on the other's status.
            (swapped / "manifest.jsonl").unlink()
            borrowed = scan()
            self.assertEqual(borrowed.returncode, 0, borrowed.stderr)
            self.assertEqual({f["status"] for f in json.loads(borrowed.stdout)["findings"]} - {"SKIPPED"}, {"PASS"})

    def check_findings(self, scenario: Scenario) -> None:
        run = self.run_of(scenario)
        context = f"\n--- scan stderr ---\n{run.scan.stderr[-2000:]}"
        self.assertIsNotNone(run.report, f"scan output is not JSON: {run.scan.stdout[:500]!r}" + context)
        report = run.report

        # Regions: the aws partition's regions from the saved describe-regions answer (moto lists 38, with
        # cn-* and us-gov-*, which trailguard must leave out); not-opted-in ones are skipped, the rest judged.
        listed = json.loads((run.evidence / "describe-regions.json").read_text())["Regions"]
        aws_regions = {r["RegionName"]: r.get("OptInStatus") for r in listed if partition_of(r["RegionName"]) == "aws"}
        findings = {f["region"]: f for f in report["findings"]}
        self.assertEqual(len(findings), len(report["findings"]), "duplicate findings for a region")
        self.assertEqual(set(findings), set(aws_regions), "findings are not exactly the aws partition's regions")

        judged = [r for r, opt_in in aws_regions.items() if opt_in != "not-opted-in"]
        self.assertGreaterEqual(len(judged), 17, "fewer judged regions than the default commercial ones")
        for region in scenario.regions:
            self.assertIn(region, judged)
        mismatches = []
        for region, finding in sorted(findings.items()):
            if region in judged:
                want = scenario.regions.get(region, scenario.default)
            else:
                want = ("SKIPPED", ["region_not_enabled"])
            got = (finding["status"], finding["reasons"])
            if got != (want[0], list(want[1])):
                mismatches.append(f"{region}: got {got[0]} {got[1]}, want {want[0]} {list(want[1])}")
        self.assertEqual(mismatches, [], "per-region findings differ" + context)
        self.assertEqual(run.scan.returncode, scenario.exit_code, "scan exit code" + context)


def _add_scenario_tests() -> None:
    for scenario in SCENARIOS:
        def test(self, scenario=scenario):
            self.check(scenario)
        test.__doc__ = scenario.description
        if scenario.known_bug and not os.environ.get("TRAILGUARD_EMULATOR_STRICT"):
            test.__doc__ += f" [KNOWN BUG, expected to fail: {scenario.known_bug}]"
            test = unittest.expectedFailure(test)

            def collected(self, scenario=scenario):
                self.check_collected(scenario)
            collected.__doc__ = f"{scenario.name}: the evidence is collected without failed calls"
            setattr(EvidenceScriptAgainstMoto, f"test_{scenario.name}_collected", collected)
        setattr(EvidenceScriptAgainstMoto, f"test_{scenario.name}", test)


_add_scenario_tests()


class Harness(unittest.TestCase):
    """The harness itself: it refuses real endpoints and fails (never skips) when moto cannot start."""

    def test_refuses_non_local_endpoints(self):
        for url in ("https://cloudtrail.us-east-1.amazonaws.com", "http://localhost.example.com:5000",
                    "http://10.0.0.1:5000", "https://127.0.0.1:5000"):
            with self.assertRaises(ValueError, msg=url):
                moto_server.aws_env(url)
            with self.assertRaises(ValueError, msg=url):
                moto_server.client(url, "sts")

    def test_aws_env_drops_caller_credentials(self):
        saved = dict(os.environ)
        try:
            os.environ.update(AWS_PROFILE="prod", AWS_SESSION_TOKEN="tok", AWS_ROLE_ARN="arn:aws:iam::1:role/x",
                              AWS_CONTAINER_CREDENTIALS_FULL_URI="http://169.254.170.2/creds")
            env = moto_server.aws_env("http://127.0.0.1:5999", home="/nonexistent-home")
        finally:
            os.environ.clear()
            os.environ.update(saved)
        for key in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_FULL_URI"):
            self.assertNotIn(key, env)
        self.assertEqual(env["AWS_ENDPOINT_URL"], "http://127.0.0.1:5999")
        self.assertEqual(env["AWS_CONFIG_FILE"], os.devnull)
        self.assertEqual(env["AWS_SHARED_CREDENTIALS_FILE"], os.devnull)
        self.assertEqual(env["AWS_ACCESS_KEY_ID"], moto_server.FAKE_ACCESS_KEY_ID)
        self.assertEqual(env["AWS_DEFAULT_REGION"], "us-east-1")

    def test_unstartable_server_raises(self):
        server = MotoServer(executable="/bin/false", start_timeout=5)
        with self.assertRaises(MotoUnavailable):
            with server:
                pass
        self.assertIsNone(server.process)

    def test_server_is_stopped_when_the_block_raises(self):
        process = None
        with self.assertRaises(RuntimeError):
            with MotoServer() as moto:
                process = moto.process
                self.assertTrue(moto._answers())
                raise RuntimeError("test failure inside the block")
        self.assertIsNotNone(process, "moto_server did not start")
        self.assertIsNotNone(process.poll(), "moto_server still running after the with-block")

    def test_aws_cli_reaches_moto_through_aws_endpoint_url(self):
        with MotoServer() as moto, tempfile.TemporaryDirectory() as home:
            env = moto.aws_env(home=home)
            version = subprocess.run(["aws", "--version"], env=env, capture_output=True, text=True)
            self.assertEqual(version.returncode, 0, version.stderr)
            print(f"  AWS CLI: {(version.stdout + version.stderr).strip()}", file=sys.stderr)
            before = moto.request_count()
            identity = subprocess.run(["aws", "sts", "get-caller-identity", "--output", "json"], env=env,
                                      capture_output=True, text=True, timeout=60)
            self.assertEqual(identity.returncode, 0, identity.stderr)
            self.assertEqual(json.loads(identity.stdout)["Account"], MOTO_DEFAULT_ACCOUNT)
            time.sleep(0.05)
            self.assertGreater(moto.request_count(), before, "the AWS CLI did not call moto")


def main() -> int:
    global TRAILGUARD, JOBS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trailguard", default=os.environ.get("TRAILGUARD_BINARY", ""),
                        help="the trailguard binary (default: $TRAILGUARD_BINARY)")
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("TRAILGUARD_EMULATOR_JOBS", "2")),
                        help="scenarios collected at once, each with its own moto_server (default 2)")
    parser.add_argument("-k", dest="patterns", action="append", help="only tests matching this substring")
    args = parser.parse_args()
    if not args.trailguard or not os.access(args.trailguard, os.X_OK):
        print(f"error: trailguard binary not given or not executable: {args.trailguard!r}", file=sys.stderr)
        return 2
    TRAILGUARD = str(Path(args.trailguard).resolve())
    moto_server.stop_all_on_signals(cleanup=lambda: EvidenceScriptAgainstMoto.tearDownClass())
    JOBS = max(1, args.jobs)

    loader = unittest.TestLoader()
    if args.patterns:
        loader.testNamePatterns = [f"*{p}*" for p in args.patterns]
    scenario_tests = loader.loadTestsFromTestCase(EvidenceScriptAgainstMoto)
    EvidenceScriptAgainstMoto.selected = {
        t._testMethodName.removeprefix("test_").removesuffix("_collected") for t in scenario_tests}
    if "swapped_status_files_are_refused" in EvidenceScriptAgainstMoto.selected:
        EvidenceScriptAgainstMoto.selected.add("same_name_two_regions")  # the evidence it swaps
    suite = unittest.TestSuite([loader.loadTestsFromTestCase(Harness), scenario_tests])
    started = time.monotonic()
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stderr).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses) + len(result.skipped)
    passed = result.testsRun - len(result.failures) - len(result.errors) - len(result.unexpectedSuccesses) \
        - len(result.skipped)
    known = len(result.expectedFailures)
    passed -= known
    print(f"{passed} passed, {failed} failed"
          + (f", {known} expected failure(s) from known trailguard bugs" if known else "")
          + f" ({time.monotonic() - started:.1f} s)")
    sys.stdout.flush()
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
