"""Child processes for the benchmark: servers on loopback, started, awaited and always stopped.

Every server the benchmark measures (the reference server, the bare Starlette route, Prism) runs in
its own process group, listens on 127.0.0.1 only, and is stopped by its process-group id when the
measurement ends, also on errors. Waiting for a server to listen is bounded in tries and time.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "HOST",
    "ChildError",
    "Launch",
    "Server",
    "free_port",
    "serve",
    "serve_all",
    "stop_group",
]

HOST = "127.0.0.1"
_POLL_SECONDS = 0.05


class ChildError(RuntimeError):
    """A child process did not start, or exited early; the message has the end of its log."""


@dataclass(frozen=True)
class Server:
    """A running server: where it listens and the process that serves."""

    name: str
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _log_tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def _listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((HOST, port)) == 0


def stop_group(process: subprocess.Popen[bytes], *, grace: float = 5.0) -> None:
    """Stop a child started in its own session: SIGTERM to its group, then SIGKILL after ``grace``."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=grace)


@dataclass(frozen=True)
class Launch:
    """How to start one server: its name, command line and the port it will listen on."""

    name: str
    argv: Sequence[str]
    port: int


def _start(
    launch: Launch, log_dir: Path, env: Mapping[str, str] | None, cwd: Path | None
) -> Server:
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{launch.name}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            list(launch.argv),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, **(env or {})},
            cwd=cwd,
        )
    return Server(launch.name, launch.port, process, log_path)


def _wait_listening(server: Server, deadline: float) -> None:
    while not _listening(server.port):
        process = server.process
        if process.poll() is not None:
            raise ChildError(
                f"{server.name} exited with {process.returncode}:\n{_log_tail(server.log_path)}"
            )
        if time.monotonic() > deadline:
            raise ChildError(f"{server.name} did not listen in time:\n{_log_tail(server.log_path)}")
        time.sleep(_POLL_SECONDS)


@contextlib.contextmanager
def serve_all(
    launches: Sequence[Launch],
    log_dir: Path,
    *,
    startup_timeout: float = 30.0,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Iterator[dict[str, Server | ChildError]]:
    """Start every server at once, wait (bounded) until each listens, and stop them all after.

    Yields each server by name, or the :class:`ChildError` that says why it did not come up.
    """
    started: list[Server] = []
    try:
        for launch in launches:
            started.append(_start(launch, log_dir, env, cwd))
        deadline = time.monotonic() + startup_timeout
        outcome: dict[str, Server | ChildError] = {}
        for server in started:
            try:
                _wait_listening(server, deadline)
                outcome[server.name] = server
            except ChildError as exc:
                stop_group(server.process)
                outcome[server.name] = exc
        yield outcome
    finally:
        for server in started:
            stop_group(server.process)


@contextlib.contextmanager
def serve(
    name: str,
    argv: Sequence[str],
    port: int,
    log_dir: Path,
    *,
    startup_timeout: float = 30.0,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Iterator[Server]:
    """Start ``argv`` (which must listen on ``HOST:port``), wait until it accepts, stop it after."""
    launch = Launch(name, argv, port)
    with serve_all([launch], log_dir, startup_timeout=startup_timeout, env=env, cwd=cwd) as up:
        server = up[name]
        if isinstance(server, ChildError):
            raise server
        yield server
