"""A local moto_server for tests, and helpers to seed it through the real AWS API.

    with MotoServer() as moto:            # starts moto_server on a free 127.0.0.1 port, waits until it answers
        moto.reset()                      # wipes all state (POST /moto-api/reset)
        env = moto.aws_env(tmpdir)        # environment for `aws` / boto3 subprocesses: moto only, fake keys
        seed_trail(moto, "main", home_region="us-east-1", multi_region=True)
    # the server is stopped here (terminate, then kill), even when the block raised

Only 127.0.0.1 is ever used: every client made here gets an explicit endpoint_url checked to be the local
server, and aws_env() replaces every AWS_* variable of the caller (profiles, keys, config files, SSO,
container/IMDS credentials) so that nothing run with it can reach or authenticate to real AWS.
See docs/emulator.md.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

LOOPBACK = "127.0.0.1"
START_TIMEOUT_S = 15.0
FAKE_ACCESS_KEY_ID = "AKIAMOTOFAKEKEY00000"  # not a real key; moto maps unknown keys to account 123456789012
FAKE_SECRET_ACCESS_KEY = "moto-fake-secret-not-a-real-key"
DEFAULT_REGION = "us-east-1"
MOTO_DEFAULT_ACCOUNT = "123456789012"


class MotoUnavailable(RuntimeError):
    """moto_server could not be found or started. Tests must fail on this, never skip."""


def find_moto_server() -> str:
    """The moto_server executable: $TRAILGUARD_MOTO_SERVER, else the one next to this Python interpreter
    (pyenv's, which has boto3; no shim in between), else ~/.pyenv/shims, else PATH."""
    explicit = os.environ.get("TRAILGUARD_MOTO_SERVER")
    if explicit:
        if os.access(explicit, os.X_OK):
            return explicit
        raise MotoUnavailable(f"TRAILGUARD_MOTO_SERVER={explicit} is not executable")
    shims = Path.home() / ".pyenv" / "shims"
    found = (shutil.which("moto_server", path=str(Path(sys.executable).parent))
             or shutil.which("moto_server", path=str(shims)) or shutil.which("moto_server"))
    if not found:
        raise MotoUnavailable(
            "moto_server not found in ~/.pyenv/shims nor on PATH (install: pip install 'moto[server]')")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def _no_proxy_opener() -> urllib.request.OpenerDirector:
    # Never send the harness's own requests through an HTTP(S)_PROXY from the environment.
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


_live: set = set()  # MotoServers and FaultProxies started and not yet stopped, for stop_all()
_live_lock = threading.Lock()


_children: set[subprocess.Popen] = set()  # running processes started by run_group()


def stop_all() -> None:
    """Stops every server (and run_group() process) this process started and has not stopped yet:
    for atexit and signal handlers."""
    with _live_lock:
        servers, children = list(_live), list(_children)
    for child in children:
        _kill_group(child, wait=2.0)
    for server in servers:
        server.close()


def _kill_group(process: subprocess.Popen, wait: float = 5.0) -> None:
    """SIGTERM, then SIGKILL, to the process group `process` leads (made with start_new_session): the
    signals reach the members alive then too (e.g. the `aws` call a script is waiting for)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if process.poll() is not None:
            break
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue


@contextlib.contextmanager
def tracked_group(process: subprocess.Popen):
    """While in the block, stop_all() (atexit, signals) ends `process`'s group: for a process started with
    start_new_session=True and waited for in the block."""
    with _live_lock:
        _children.add(process)
    try:
        yield process
    finally:
        with _live_lock:
            _children.discard(process)


def run_group(args: list[str], *, timeout: float, **kwargs) -> subprocess.CompletedProcess:
    """subprocess.run(args, capture_output=True, text=True) in a process group of its own, so that on a
    timeout, or when stop_all() runs, the command and everything it started (a script's `aws` calls) end."""
    process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True, **kwargs)
    with tracked_group(process):
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            stdout, stderr = process.communicate()
            raise subprocess.TimeoutExpired(args, timeout, stdout, stderr) from None
    return subprocess.CompletedProcess(args, process.returncode, stdout, stderr)


def stop_all_on_signals(cleanup=None) -> None:
    """On SIGTERM/SIGHUP/SIGINT (CTest timeout, Ctrl-C): stop the servers and run_group() processes, call
    cleanup(), then exit 128+signal. Call from the main thread of a test runner."""
    def handler(signum, _frame):
        stop_all()
        if cleanup is not None:
            cleanup()
        os._exit(128 + signum)
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, handler)


atexit.register(stop_all)


class MotoServer:
    """One moto_server process on 127.0.0.1:<free port>. Use as a context manager."""

    def __init__(self, port: int | None = None, start_timeout: float = START_TIMEOUT_S,
                 executable: str | None = None):
        self.executable = executable or find_moto_server()
        self.requested_port = port
        self.port: int | None = None
        self.start_timeout = start_timeout
        self.process: subprocess.Popen | None = None
        self._log = tempfile.NamedTemporaryFile(prefix="moto_server-", suffix=".log", delete=False)
        self._http = _no_proxy_opener()

    # -- lifecycle -----------------------------------------------------------------------------------
    def __enter__(self) -> "MotoServer":
        try:
            self.start()
        except BaseException:
            self.close()  # the exception carries the log's tail
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stops the server and removes its log (kept when TRAILGUARD_KEEP_EMULATOR_LOGS is set)."""
        self.stop()
        self._log.close()
        if not os.environ.get("TRAILGUARD_KEEP_EMULATOR_LOGS"):
            Path(self._log.name).unlink(missing_ok=True)

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("moto_server is not started")
        return f"http://{LOOPBACK}:{self.port}"

    def start(self) -> None:
        isolate_process_env()
        attempts = 1 if self.requested_port else 3  # a free port can be taken between probe and bind
        last_error = ""
        for _ in range(attempts):
            self.port = self.requested_port or free_port()
            # Its own session/process group, so stop() can signal moto and anything it forked, by its id only.
            self.process = subprocess.Popen(
                [self.executable, "-H", LOOPBACK, "-p", str(self.port)],
                stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
                env=_server_env(), start_new_session=True)
            with _live_lock:
                _live.add(self)
            deadline = time.monotonic() + self.start_timeout
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    last_error = f"moto_server exited with code {self.process.returncode}"
                    break
                if self._answers():
                    return
                time.sleep(0.1)
            else:
                last_error = f"moto_server did not answer on {self.url} within {self.start_timeout:.0f} s"
            self.stop()
        raise MotoUnavailable(f"{last_error} ({self.executable}); log:\n{self.log_tail()}")

    def stop(self) -> None:
        with _live_lock:
            process, self.process = self.process, None
            _live.discard(self)
        if process is not None:
            _kill_group(process)  # the group start() created: moto_server and anything it forked

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = Path(self._log.name).read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def request_count(self) -> int:
        """How many HTTP requests moto has logged so far (werkzeug logs one line per request)."""
        try:
            text = Path(self._log.name).read_text(errors="replace")
        except OSError:
            return 0
        return sum(1 for line in text.splitlines() if " HTTP/1.1\" " in line)

    # -- moto-api --------------------------------------------------------------------------------------
    def _answers(self) -> bool:
        try:
            with self._http.open(self.url + "/moto-api/", timeout=1.0) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def reset(self) -> None:
        """Wipes every account's state (trails, buckets, ...)."""
        request = urllib.request.Request(self.url + "/moto-api/reset", data=b"", method="POST")
        with self._http.open(request, timeout=10.0) as response:
            if response.status != 200:
                raise RuntimeError(f"moto reset answered HTTP {response.status}")

    def check_iam(self) -> None:
        """Turns on moto's SigV4 signature and IAM policy checks (POST /moto-api/reset-auth, body 0). Make the IAM
        users first: once on, requests signed with unknown keys are refused, and /moto-api/reset does not undo it."""
        request = urllib.request.Request(self.url + "/moto-api/reset-auth", data=b"0",
                                         headers={"Content-Type": "text/plain"}, method="POST")
        with self._http.open(request, timeout=10.0) as response:
            if response.status != 200:
                raise RuntimeError(f"moto reset-auth answered HTTP {response.status}")

    # -- clients -----------------------------------------------------------------------------------
    def aws_env(self, home: str | os.PathLike | None = None, region: str = DEFAULT_REGION) -> dict[str, str]:
        return aws_env(self.url, home=home, region=region)

    def client(self, service: str, region: str = DEFAULT_REGION, keys: dict | None = None):
        return client(self.url, service, region, keys)

    # -- moto's request recorder (the server must start with MOTO_RECORDER_FILEPATH set) --------------
    def _recorder(self, action: str) -> bytes:
        method = "GET" if action == "download-recording" else "POST"
        request = urllib.request.Request(f"{self.url}/moto-api/recorder/{action}", data=None if method == "GET" else b"",
                                         method=method)
        with self._http.open(request, timeout=10) as answer:
            return answer.read()

    def recorded(self, run):
        """Runs `run()` with moto recording every request; returns its result and the requests (dicts)."""
        self._recorder("reset-recording")
        self._recorder("start-recording")
        try:
            result = run()
        finally:
            self._recorder("stop-recording")
        return result, [json.loads(line) for line in self._recorder("download-recording").decode().splitlines()]


FAULT_PROXY_SCRIPT = Path(__file__).resolve().parent.parent / "aws" / "http" / "fault_proxy.py"


class FaultProxy:
    """tests/aws/http/fault_proxy.py on a free 127.0.0.1 port in front of `upstream` (a MotoServer's url), for
    faults, latency and timing that moto cannot make, and record/replay. Use as a context manager; the
    control calls below are the script's /__fault__/ endpoints (see its docstring)."""

    def __init__(self, upstream: str, latency_ms: float = 0.0, max_lifetime: float = 300.0, idle_timeout: float = 120.0):
        _check_local(upstream)
        self.upstream = upstream
        self.args = ["--latency-ms", str(latency_ms), "--max-lifetime", str(max_lifetime), "--idle-timeout", str(idle_timeout)]
        self.process: subprocess.Popen | None = None
        self.url = ""
        self._http = _no_proxy_opener()

    def __enter__(self) -> "FaultProxy":
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            port_file = Path(tmp) / "port"
            self.process = subprocess.Popen(
                [sys.executable, str(FAULT_PROXY_SCRIPT), "--upstream", self.upstream, "--port-file", str(port_file), *self.args],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            with _live_lock:
                _live.add(self)
            deadline = time.monotonic() + START_TIMEOUT_S
            while not port_file.exists() or not port_file.read_text().strip():
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("fault_proxy did not start")
                time.sleep(0.05)
            self.url = f"http://{LOOPBACK}:{port_file.read_text().strip()}"

    def close(self) -> None:
        with _live_lock:
            process, self.process = self.process, None
            _live.discard(self)
        if process is not None:
            _kill_group(process)

    def _call(self, command: str, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + "/__fault__/" + command, data=data, method="GET" if data is None else "POST",
                                         headers={"Content-Type": "application/json"})
        with self._http.open(request, timeout=60) as answer:
            return json.loads(answer.read())

    def rules(self, rules: list) -> None:
        self._call("rules", rules)

    def latency(self, latency_ms: float) -> None:
        self._call("latency", {"latency_ms": latency_ms})

    def log(self) -> list:
        return self._call("log")

    def reset(self) -> None:
        """Forgets rules, latency, the request log, the recording and replay."""
        self._call("reset", {})

    def record(self, on: bool) -> int:
        """Starts recording upstream answers afresh (on) or stops; returns how many were recorded."""
        return self._call("record", {"on": on})["entries"]

    def recording(self) -> dict:
        return self._call("recording")

    def replay(self, recording: dict | None) -> None:
        """Answers from `recording` from now on, never the upstream; None forwards again."""
        self._call("replay", recording if recording is not None else {"entries": None})


# Where a client made without an explicit endpoint would go: the discard port on loopback, which refuses.
UNREACHABLE_ENDPOINT = f"http://{LOOPBACK}:9"


def isolate_process_env() -> None:
    """Makes this Python process unable to reach or sign for real AWS by accident.

    Drops every AWS_* variable (profiles, session tokens, role/web-identity and container credentials),
    sets fake keys, /dev/null config and credentials files, no instance metadata, and a default endpoint
    on a closed loopback port: a boto3 client created without this module's client() fails locally.
    Called by MotoServer.start(); idempotent.
    """
    for key in [k for k in os.environ if k.startswith("AWS_")]:
        del os.environ[key]
    os.environ.update(AWS_ACCESS_KEY_ID=FAKE_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY=FAKE_SECRET_ACCESS_KEY,
                      AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
                      AWS_EC2_METADATA_DISABLED="true", AWS_ENDPOINT_URL=UNREACHABLE_ENDPOINT,
                      AWS_DEFAULT_REGION=DEFAULT_REGION)


def _check_local(endpoint_url: str) -> None:
    parsed = urllib.parse.urlparse(endpoint_url)
    if parsed.scheme != "http" or parsed.hostname != LOOPBACK:
        raise ValueError(f"refusing a non-local AWS endpoint: {endpoint_url!r} (only http://{LOOPBACK}:PORT)")


def _server_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k != "MOTO_ACCOUNT_ID"}
    env.update(AWS_ACCESS_KEY_ID=FAKE_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY=FAKE_SECRET_ACCESS_KEY,
               AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_EC2_METADATA_DISABLED="true")
    return env


def aws_env(endpoint_url: str, home: str | os.PathLike | None = None, region: str = DEFAULT_REGION) -> dict[str, str]:
    """Environment for an `aws` / boto3 process that can talk to the local moto only.

    Every AWS_* variable of the caller is dropped (AWS_PROFILE, AWS_SESSION_TOKEN, AWS_ROLE_ARN,
    AWS_WEB_IDENTITY_TOKEN_FILE, AWS_CONTAINER_CREDENTIALS_*, ...); the keys are fake; the config and
    credentials files are /dev/null; AWS_ENDPOINT_URL (botocore >= 1.31, honoured by awscli 1.x and 2.x)
    sends every service to moto; instance metadata is disabled; 127.0.0.1 bypasses any proxy. With `home`,
    HOME points there too, so no ~/.aws/ (SSO cache, cli cache) of the caller is read.
    """
    _check_local(endpoint_url)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ACCESS_KEY_ID=FAKE_ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY=FAKE_SECRET_ACCESS_KEY,
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_ENDPOINT_URL=endpoint_url,
        AWS_DEFAULT_REGION=region,
        AWS_REGION=region,
        AWS_EC2_METADATA_DISABLED="true",
        AWS_PAGER="",
    )
    no_proxy = ",".join(x for x in (env.get("NO_PROXY") or env.get("no_proxy"), LOOPBACK) if x)
    env["NO_PROXY"] = env["no_proxy"] = no_proxy
    # The AWS CLI of the Python running this harness (pyenv's awscli 1.x, which has boto3 and moto too)
    # comes first on PATH: CTest may run without ~/.pyenv/shims on PATH, and the shims would need HOME.
    cli_dir = aws_cli_dir()
    if cli_dir:
        env["PATH"] = os.pathsep.join([cli_dir, env.get("PATH", os.defpath)])
    if home is not None:
        env.setdefault("PYENV_ROOT", str(Path.home() / ".pyenv"))
        env["HOME"] = str(home)
    return env


def aws_cli_dir() -> str | None:
    """The directory of the `aws` installed next to this Python interpreter, if there is one."""
    bin_dir = Path(sys.executable).resolve().parent
    return str(bin_dir) if os.access(bin_dir / "aws", os.X_OK) else None


def client(endpoint_url: str, service: str, region: str = DEFAULT_REGION, keys: dict | None = None):
    """A boto3 client for moto at endpoint_url, with no profile, config file or proxy, signing with `keys` (an IAM
    AccessKey or STS Credentials: AccessKeyId, SecretAccessKey, maybe SessionToken), by default the fake ones."""
    _check_local(endpoint_url)
    import boto3  # noqa: PLC0415 (boto3 lives in the pyenv python; imported late for a clear error elsewhere)
    from botocore.config import Config  # noqa: PLC0415

    keys = keys or {"AccessKeyId": FAKE_ACCESS_KEY_ID, "SecretAccessKey": FAKE_SECRET_ACCESS_KEY}
    session = boto3.session.Session(aws_access_key_id=keys["AccessKeyId"], aws_secret_access_key=keys["SecretAccessKey"],
                                    aws_session_token=keys.get("SessionToken"), region_name=region)
    return session.client(service, region_name=region, endpoint_url=endpoint_url,
                          config=Config(proxies={}, retries={"max_attempts": 1}))


READ_PREFIXES = ("Describe", "Get", "List", "Lookup")
CHANGES_NOTHING = {"AssumeRole"}  # STS hands out credentials; nothing in the account changes


def write_operations(requests: list[dict]) -> list[str]:
    """The operations among moto's recorded requests that may change something (S3: by method and URL)."""
    writes = []
    for request in requests:
        body = request.get("body") or ""
        if request.get("body_encoded"):
            body = base64.b64decode(body).decode(errors="replace")
        target = next((v for k, v in request["headers"].items() if k.lower() == "x-amz-target"), "")
        if target:
            operation = target.rsplit(".", 1)[-1]
        elif "Action=" in body:
            operation = body.split("Action=", 1)[1].split("&", 1)[0]
        else:
            operation = request["method"] + " " + request["url"]  # S3: the method says it
        if operation.startswith(READ_PREFIXES) or operation in CHANGES_NOTHING or operation.startswith(("GET ", "HEAD ")):
            continue
        writes.append(operation)
    return writes


# -- seeding -------------------------------------------------------------------------------------------

def create_bucket(moto: MotoServer, bucket: str, region: str = DEFAULT_REGION, client=None) -> None:
    s3 = (client or moto.client)("s3", region)
    if region == "us-east-1":  # moto, like AWS, rejects LocationConstraint=us-east-1
        s3.create_bucket(Bucket=bucket)
    else:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})


def seed_trail(moto: MotoServer, name: str, *, home_region: str = DEFAULT_REGION, multi_region: bool = True,
               read_write_type: str | None = "All", include_management_events: bool = True,
               include_global_service_events: bool = True, logging: bool = True,
               bucket: str | None = None, new_bucket: str | None = None, selectors: list | None = None,
               organization: bool = False, client=None, key_prefix: str | None = None,
               log_file_validation: bool | None = None) -> dict:
    """Creates a trail the way an operator would, through the API, in its home region.

    Creates its S3 bucket (`new_bucket`, default "<name>-logs"; unless `bucket` names an existing one),
    CreateTrail, then ALWAYS PutEventSelectors (moto leaves a new trail with empty selectors, AWS gives it All +
    management events): `selectors` as given, else one selector of `read_write_type` (None: an empty list, the
    moto default); then StartLogging by name in the home region when `logging` (moto fails StartLogging by ARN
    or from another region). `client(service, region)` makes the boto3 clients, for another account than the
    default one (its keys, or x-moto-account-id); default: moto.client. `key_prefix` (S3KeyPrefix) and
    `log_file_validation` (EnableLogFileValidation) are sent only when given. Returns the CreateTrail answer.
    """
    make = client or moto.client
    if bucket is None:
        bucket = new_bucket or f"{name}-logs"
        create_bucket(moto, bucket, home_region, client=make)
    cloudtrail = make("cloudtrail", home_region)
    optional = {}
    if key_prefix is not None:
        optional["S3KeyPrefix"] = key_prefix
    if log_file_validation is not None:
        optional["EnableLogFileValidation"] = log_file_validation
    trail = cloudtrail.create_trail(Name=name, S3BucketName=bucket, IsMultiRegionTrail=multi_region,
                                    IncludeGlobalServiceEvents=include_global_service_events,
                                    IsOrganizationTrail=organization, **optional)
    if selectors is None:
        selectors = [] if read_write_type is None else [
            {"ReadWriteType": read_write_type, "IncludeManagementEvents": include_management_events}]
    cloudtrail.put_event_selectors(TrailName=name, EventSelectors=selectors)
    if logging:
        cloudtrail.start_logging(Name=name)
    return trail


def keyed(moto: MotoServer, keys: dict):
    """A client maker for seed_trail and create_bucket signing with `keys` (an IAM access key or STS credentials)."""
    return lambda service, region=DEFAULT_REGION: moto.client(service, region, keys=keys)


class MotoTestCase(unittest.TestCase):
    """One moto_server for a test class, reset before each test. `self.env` is the environment for trailguard
    (HOME in the class's temporary directory `self.dir`). With `record_requests`, moto's request recorder is on
    (MotoServer.recorded) and writes into that directory."""
    record_requests = False
    moto: MotoServer
    dir: tempfile.TemporaryDirectory

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        if cls.record_requests:
            os.environ["MOTO_RECORDER_FILEPATH"] = str(Path(cls.dir.name) / "recording")
        cls.moto = MotoServer()
        cls.moto.start()

    @classmethod
    def tearDownClass(cls):
        cls.moto.close()
        cls.dir.cleanup()

    def setUp(self):
        self.moto.reset()
        self.env = self.moto.aws_env(self.dir.name)


def trailguard_argument() -> str:
    """The --trailguard PATH each suite is started with (tests/emulator/CMakeLists.txt)."""
    import argparse  # noqa: PLC0415

    parser = argparse.ArgumentParser()
    parser.add_argument("--trailguard", required=True)
    return parser.parse_args().trailguard


def run_suite(cases: list) -> int:
    """Runs unittest TestCase classes with stop_all_on_signals, and prints the closing line CI reads,
    "N passed, M failed". A skip counts as a failure: emulator tests never skip. Returns the exit code."""
    stop_all_on_signals()
    loader = unittest.TestLoader()
    suite = unittest.TestSuite([loader.loadTestsFromTestCase(case) for case in cases])
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stderr).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.skipped)
    passed = result.testsRun - failed
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1
