"""The bundled reference server as a child process: ``runspec serve --any-assistant``.

``make contract`` without a ``TARGET`` tests this server. It listens on a free loopback port
(``--port 0``; the base URL is read from its first lines of output), accepts every well-formed
assistant id, and keeps every thread of the run. Its output goes to a log file with the API key
masked, and its CPU time can be read while it runs (Linux), for the time budget.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

__all__ = ["BundledServer", "ServerDidNotStartError", "bundled_server", "process_cpu_seconds"]

_BASE_URL = re.compile(r"base URL:\s+(\S+)")
# Far more threads than any profile creates, so that no thread of a run is evicted.
_MAX_THREADS = 1_000_000


class ServerDidNotStartError(RuntimeError):
    """The reference server exited or stayed silent; the message carries its output."""


@dataclass(frozen=True)
class BundledServer:
    """A running reference server."""

    base_url: str
    pid: int

    def cpu_seconds(self) -> float | None:
        return process_cpu_seconds(self.pid)


def process_cpu_seconds(pid: int) -> float | None:
    """User plus system CPU seconds of a live process, or None where /proc is unavailable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


@contextmanager
def bundled_server(
    api_key: str, log_path: Path, *, timeout: float = 30.0
) -> Iterator[BundledServer]:
    """Start the reference server, wait until it accepts connections, stop it afterwards."""
    command = [
        sys.executable,
        "-m",
        "runspec.cli",
        "serve",
        "--any-assistant",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--max-threads",
        str(_MAX_THREADS),
    ]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            # the key in the environment, not on the command line (visible in the process list)
            env={**os.environ, "PYTHONUNBUFFERED": "1", "RUNSPEC_API_KEY": api_key},
        )
        assert process.stdout is not None
        found = threading.Event()
        base_url: list[str] = []
        pump = threading.Thread(
            target=_pump,
            args=(process.stdout, log, api_key, base_url, found),
            name="reference-server-log",
            daemon=True,
        )
        pump.start()
        try:
            _wait_until_ready(process, found, base_url, log_path, timeout)
            yield BundledServer(base_url=base_url[0], pid=process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            pump.join(timeout=5)


def _pump(
    stream: IO[str], log: IO[str], secret: str, base_url: list[str], found: threading.Event
) -> None:
    for line in stream:
        if not found.is_set() and (match := _BASE_URL.search(line)):
            base_url.append(match.group(1))
            found.set()
        log.write(line.replace(secret, "[Filtered]"))
        log.flush()


def _wait_until_ready(
    process: subprocess.Popen[str],
    found: threading.Event,
    base_url: list[str],
    log_path: Path,
    timeout: float,
) -> None:
    deadline = time.monotonic() + timeout
    while not found.wait(0.05):
        if process.poll() is not None or time.monotonic() > deadline:
            raise ServerDidNotStartError(f"runspec serve did not start:\n{log_path.read_text()}")
    address = urlsplit(base_url[0])
    while True:
        try:
            with socket.create_connection((address.hostname, address.port), timeout=1):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise ServerDidNotStartError(
                    f"runspec serve is not accepting connections:\n{log_path.read_text()}"
                ) from None
            time.sleep(0.05)
