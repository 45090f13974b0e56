"""The load generator: Debian's ``wrk``, run in its own process, and its report parsed.

wrk keeps a fixed number of connections busy for a fixed time and reports requests per second and
(with ``--latency``) the latency distribution, from which p50 and p99 are read. Requests are made
by ``lua/post_json.lua``; responses other than 2xx/3xx and socket errors are counted so a run that
only measured error answers is noticed instead of reported.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

__all__ = ["WrkError", "WrkResult", "parse_wrk_output", "run_wrk", "wrk_available"]

CONNECTIONS = 16
THREADS = 1  # two cores: one for wrk, one for the server under test

_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}
_LATENCY = re.compile(r"^\s*(50|75|90|99)(?:\.000)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.MULTILINE)
_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_TOTAL = re.compile(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m)", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


class WrkError(RuntimeError):
    """wrk failed, or its report could not be read."""


@dataclass(frozen=True)
class WrkResult:
    """One wrk run: throughput, latency percentiles (seconds) and what went wrong."""

    requests: int
    requests_per_second: float
    p50: float
    p99: float
    non_2xx: int
    socket_errors: int

    @property
    def bad_share(self) -> float:
        """Share of requests that were error answers or failed on the socket."""
        return (self.non_2xx + self.socket_errors) / self.requests if self.requests else 1.0


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def parse_wrk_output(text: str) -> WrkResult:
    """Read a ``wrk --latency`` report."""
    rps = _RPS.search(text)
    total = _TOTAL.search(text)
    latencies = {
        m.group(1): float(m.group(2)) * _UNITS[m.group(3)] for m in _LATENCY.finditer(text)
    }
    if rps is None or total is None or "50" not in latencies or "99" not in latencies:
        raise WrkError(f"unreadable wrk report:\n{text}")
    non_2xx = _NON_2XX.search(text)
    sockets = _SOCKET.search(text)
    return WrkResult(
        requests=int(total.group(1)),
        requests_per_second=float(rps.group(1)),
        p50=latencies["50"],
        p99=latencies["99"],
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
    )


def _script_path() -> Path:
    return Path(str(resources.files("runspec.bench").joinpath("lua/post_json.lua")))


def run_wrk(
    url: str,
    body: str,
    *,
    api_key: str,
    stream: bool,
    seconds: float,
    connections: int = CONNECTIONS,
) -> WrkResult:
    """Load ``url`` with POSTs of ``body`` for ``seconds`` (bounded: killed after twice that + 15 s)."""
    duration = max(1, round(seconds))
    argv = [
        "wrk",
        f"--threads={THREADS}",
        f"--connections={connections}",
        f"--duration={duration}s",
        "--timeout=5s",
        "--latency",
        f"--script={_script_path()}",
        url,
    ]
    env = {
        **os.environ,
        "BENCH_BODY": body,
        "BENCH_API_KEY": api_key,
        "BENCH_ACCEPT": "text/event-stream" if stream else "application/json",
    }
    try:
        done = subprocess.run(
            argv,
            env=env,
            capture_output=True,
            text=True,
            timeout=2 * duration + 15,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise WrkError(f"wrk did not finish within {exc.timeout:.0f}s") from exc
    if done.returncode != 0:
        raise WrkError(f"wrk exited with {done.returncode}: {done.stderr or done.stdout}")
    return parse_wrk_output(done.stdout)
