"""The deadline of one attempt, and how a sync call keeps to it on every blocking socket operation.

An async call is bounded by a cancel scope. A sync call cannot be interrupted while it waits on a
socket, so the bound has to reach each wait: httpcore (under httpx) gives every connect, TLS
handshake, write and read a timeout of its own, through its network backend (the public interface
httpcore documents for wrapping it). :class:`BoundedBackend` wraps the backend of the connection
pools this client's httpx client builds and shortens each such timeout to what is left of the
current attempt, so a server that drips its status line, headers or body, or goes silent, ends the
call at its bound. The attempt's :class:`Deadline` travels in a context variable, set by
:mod:`assistants_runs_client._http` around sending and around each read of the body; anything else
that uses the same connection pool (no deadline set) keeps its own timeouts. Not bounded: looking
up the host name (the operating system's), and a host name with several addresses gets what is
left for each of them.

Why by hand: httpx (0.28) has no argument for a pool's network backend, so :func:`bound_transports`
wraps the backend of the pools httpx built (``HTTPTransport._pool``, ``Client._transport`` and
``Client._mounts`` are attributes httpx does not document; the client's tests fail if they move).
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx

__all__ = ["Deadline", "bound_transports", "current_deadline"]


class Deadline:
    """A point in time after which the attempt stops with an ``httpx`` timeout."""

    __slots__ = ("at", "seconds")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.at = None if seconds is None else time.monotonic() + seconds

    def restart(self) -> None:
        """A new bound from now (a stream, after each event)."""
        if self.seconds is not None:
            self.at = time.monotonic() + self.seconds

    def check(self) -> None:
        if self.at is not None and time.monotonic() > self.at:
            raise httpx.ReadTimeout(f"no complete answer within {self.seconds} s")

    def remaining(self) -> float:
        return float("inf") if self.at is None else max(self.at - time.monotonic(), 0.0)


# A body larger than this is written in pieces of this size (a socket's buffer takes one at once).
WRITE_PIECE = 64 * 1024

# The deadline of the sync attempt whose request or body is on the wire now.
current_deadline: ContextVar[Deadline | None] = ContextVar("current_deadline", default=None)


def _clamp(timeout: float | None, error: type[Exception]) -> float | None:
    """``timeout``, or what is left of the current attempt if that is shorter; nothing left
    raises ``error`` (a timeout of 0 would make the socket non-blocking, not time out)."""
    deadline = current_deadline.get()
    if deadline is None or deadline.at is None:
        return timeout
    left = deadline.at - time.monotonic()
    if left <= 0:
        raise error(f"no complete answer within {deadline.seconds} s")
    return left if timeout is None or left < timeout else timeout


class BoundedStream(httpcore.NetworkStream):
    """A connection whose every read, write and TLS handshake keeps to the current deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        # httpcore gives each send() of one write the whole timeout: a large body goes in pieces,
        # each with what is left when it starts.
        if len(buffer) <= WRITE_PIECE:
            self._stream.write(buffer, _clamp(timeout, httpcore.WriteTimeout))
            return
        for start in range(0, len(buffer), WRITE_PIECE):
            self._stream.write(buffer[start : start + WRITE_PIECE], _clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        return BoundedStream(self._stream.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class BoundedBackend(httpcore.NetworkBackend):
    """A network backend whose connections keep to the current deadline, connecting included."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self.backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        return BoundedStream(self.backend.connect_tcp(host, port, timeout, local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.NetworkStream:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        return BoundedStream(self.backend.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self.backend.sleep(seconds)


def _own_transports(http: httpx.Client, httpx_args: dict[str, Any]) -> Iterator[httpx.BaseTransport]:
    """The transports httpx built for ``http`` (not one a user passed in ``httpx_args``)."""
    if "transport" not in httpx_args:
        yield http._transport
    if "mounts" not in httpx_args:
        yield from (transport for transport in http._mounts.values() if transport is not None)


def bound_transports(http: httpx.Client, httpx_args: dict[str, Any]) -> None:
    """Make the connection pools httpx built for ``http`` keep to the current deadline.

    A transport the user passed (``httpx_args`` ``transport`` or ``mounts``, or a whole httpx
    client with ``set_httpx_client``) is left as it is: its timeouts apply per wait."""
    for transport in _own_transports(http, httpx_args):
        pool = getattr(transport, "_pool", None) if isinstance(transport, httpx.HTTPTransport) else None
        if isinstance(pool, httpcore.ConnectionPool) and not isinstance(pool._network_backend, BoundedBackend):
            pool._network_backend = BoundedBackend(pool._network_backend)
