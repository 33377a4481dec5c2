"""FaultProxy: tests/aws/http/fault_proxy.py run as a process in front of a MotoServer, for the faults, latency
and record/replay moto cannot make. Started, tracked and stopped with moto_server's own process bookkeeping, so
that stop_all() and the signal handlers stop it too."""

import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from moto_server import LOOPBACK, START_TIMEOUT_S, _check_local, _kill_group, _live, _live_lock, _no_proxy_opener


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
