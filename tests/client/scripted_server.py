"""A real HTTP server on loopback that plays a script, byte by byte if need be.

httpx's MockTransport skips the network, so it cannot show what a slow server does to a timeout,
nor what httpcore logs. :class:`ScriptedServer` answers each connection with the next script: a
list of ``(bytes, pause)`` steps, written in turn, then closes the connection. Why hand-written:
the servers a library offers (uvicorn, pytest-httpserver) answer whole responses at once; the
point here is to control each byte's timing.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

Step = tuple[bytes, float]

__all__ = [
    "ScriptedServer",
    "Step",
    "dripping",
    "head",
    "scripted_server",
    "silent",
    "unanswered_port",
]


def head(status: int, content_type: str, *, length: int | None = None, **headers: str) -> bytes:
    """An HTTP/1.1 status line and headers (``Content-Length`` if given, else the body runs to
    the end of the connection)."""
    lines = [f"HTTP/1.1 {status} Status", f"Content-Type: {content_type}", "Connection: close"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def dripping(data: bytes, pause: float) -> list[Step]:
    """``data`` one byte per step, ``pause`` seconds apart."""
    return [(data[i : i + 1], pause) for i in range(len(data))]


def silent(seconds: float) -> list[Step]:
    """Nothing at all for ``seconds`` (in short pauses, so that the server can stop early)."""
    return [(b"", 0.1)] * round(seconds / 0.1)


class ScriptedServer:
    """Answers the n-th connection with the n-th script; records each request's head."""

    def __init__(self, scripts: Sequence[Sequence[Step]]) -> None:
        self.scripts = list(scripts)
        self.requests: list[bytes] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._listener.getsockname()[:2]
        return f"http://{host}:{port}/v1"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            with connection:
                self.requests.append(_read_request(connection))
                script = self.scripts.pop(0) if self.scripts else [(head(500, "text/plain"), 0)]
                try:
                    for data, pause in script:
                        if self._stop.is_set():
                            return
                        connection.sendall(data)
                        time.sleep(pause)
                except OSError:
                    pass  # the client gave up: what a timeout test expects

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()


def _read_request(connection: socket.socket) -> bytes:
    data = b""
    connection.settimeout(5)
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return data
        data += chunk
    head_part, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head_part.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            break
        body += chunk
    return head_part + b"\r\n\r\n" + body


@contextmanager
def scripted_server(*scripts: Sequence[Step]) -> Iterator[ScriptedServer]:
    server = ScriptedServer(scripts)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def unanswered_port() -> Iterator[int]:
    """A loopback port where connecting hangs: a listener that never accepts, its queue full, so
    the kernel drops further connection attempts instead of refusing them."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=0)
    port = listener.getsockname()[1]
    fillers = []
    try:
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        time.sleep(0.1)
        yield port
    finally:
        for filler in fillers:
            filler.close()
        listener.close()
