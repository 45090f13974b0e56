"""The HTTP/1.1 limits of ``runspec serve``: sizes, timeouts and a connection cap, on uvicorn.

uvicorn with httptools (the fastest stack, and what ``runspec serve`` runs) bounds none of these:
a 200 MB header is read and answered, a request that stops halfway (headers or body) holds its
connection forever, and so does a connection that never sends anything. A test server on a shared
CI machine needs every one bounded (:class:`HttpLimits`); :func:`limited_protocol` makes uvicorn's
httptools protocol enforce them, in its parser callbacks and with timers on the event loop.

What breaks a limit, and malformed HTTP (bare LF or NUL in a header, Content-Length beside
Transfer-Encoding, raw bytes above 0x7F in the path), is answered with the API's error body
(``{"error": {...}}``, ``x-request-id`` included) and the connection is closed:

=========================================  ======  ==========================================
what                                       status  message
=========================================  ======  ==========================================
malformed request (the parser refuses it)   400     ``Invalid HTTP request received.``
request line (method and URL) too long      414     ``Request line too long: ...``
headers too large, in all                   431     ``Request headers too large: ...``
headers not complete in time                408     ``Request headers not received within ...``
body not complete in time                   408     ``Request body not received within ...``
too many open connections                   503     ``Too many open connections ...``
=========================================  ======  ==========================================

Where the stack does not allow it: the parser's own reason is not passed on by uvicorn (the
message is generic); a body timeout after the answer has started only closes the connection; and
without httptools (uvicorn's h11 fallback) these limits are h11's (16 KiB of headers) and its
answers plain text.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from runspec.server import errors
from runspec.server.errors import ApiError
from runspec.server.ids import new_request_id
from runspec.server.jsonwire import dumps

__all__ = ["HttpLimits", "limited_protocol"]


@dataclass(frozen=True)
class HttpLimits:
    """What one connection may take. Sizes in bytes, times in seconds."""

    max_request_line: int = 16 * 2**10
    max_header_bytes: int = 64 * 2**10
    header_timeout: float = 10.0  # from a connection's start or a request's first byte
    body_timeout: float = 30.0  # from the end of the headers to the end of the body
    keep_alive_timeout: float = 5.0  # idle between requests
    max_connections: int = 1_000


class _RefusedError(Exception):
    """Raised in a parser callback to stop parsing; the answer is in ``error``."""

    def __init__(self, error: ApiError) -> None:
        super().__init__(error.message)
        self.error = error


def _answer(error: ApiError) -> bytes:
    """A whole HTTP/1.1 response with the error's body, closing the connection."""
    body = dumps(error.body())
    reason = {400: b"Bad Request", 408: b"Request Timeout", 414: b"URI Too Long"}.get(
        error.status,
        {431: b"Request Header Fields Too Large", 503: b"Service Unavailable"}.get(
            error.status, b"Error"
        ),
    )
    head = [
        b"HTTP/1.1 " + str(error.status).encode() + b" " + reason,
        b"content-type: application/json",
        b"content-length: " + str(len(body)).encode(),
        b"connection: close",
        b"x-request-id: " + new_request_id().encode(),
        b"openai-version: 2020-10-01",
    ]
    return b"\r\n".join(head) + b"\r\n\r\n" + body


def limited_protocol(limits: HttpLimits) -> type[asyncio.Protocol]:
    """uvicorn's httptools protocol, enforcing ``limits`` (pass it as ``uvicorn.Config(http=...)``)."""
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class LimitedHttpToolsProtocol(HttpToolsProtocol):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._in_head = True  # between a request's first byte and the end of its headers
            self._head_bytes = 0  # of chunks read while the head was incomplete
            self._header_bytes = 0  # of the headers parsed so far
            self._ended_a_message = False
            self._refusal: ApiError | None = None
            self._timer: asyncio.TimerHandle | None = None

        # ---- timers ------------------------------------------------------------------------

        def _start_timer(self, seconds: float, error: ApiError) -> None:
            self._stop_timer()
            self._timer = self.loop.call_later(seconds, self._time_out, error)

        def _stop_timer(self) -> None:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

        def _time_out(self, error: ApiError) -> None:
            self._timer = None
            if self.transport.is_closing():
                return
            if self.cycle is None or not self.cycle.response_started:
                self.transport.write(_answer(error))
            if self.cycle is not None:
                self.cycle.disconnected = True
                self.cycle.message_event.set()
            self.transport.close()

        def _headers_due(self) -> None:
            self._start_timer(
                limits.header_timeout,
                errors.request_timeout("headers", limits.header_timeout),
            )

        # ---- the connection ----------------------------------------------------------------

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)  # type: ignore[arg-type]
            if len(self.connections) > limits.max_connections:
                self.transport.write(_answer(errors.too_many_connections(limits.max_connections)))
                self.transport.close()
                return
            self._headers_due()

        def connection_lost(self, exc: Exception | None) -> None:
            self._stop_timer()
            super().connection_lost(exc)

        def send_400_response(self, msg: str) -> None:
            refusal, self._refusal = self._refusal, None
            self._stop_timer()
            self.transport.write(_answer(refusal or errors.malformed_request()))
            self.transport.close()

        # ---- parser callbacks --------------------------------------------------------------

        def data_received(self, data: bytes) -> None:
            self._ended_a_message = False
            super().data_received(data)
            # httptools holds a header until it is complete, however long: a chunk read while
            # the head is still incomplete counts against the limit (a chunk is at most 256 KiB;
            # one that ended a request is the previous request's).
            if self._in_head and not self._ended_a_message and not self.transport.is_closing():
                self._head_bytes += len(data)
                if self._head_bytes > limits.max_header_bytes:
                    self._refusal = errors.headers_too_large(limits.max_header_bytes)
                    self.send_400_response("")

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._header_bytes = 0
            if self._timer is None:
                self._headers_due()

        def on_url(self, url: bytes) -> None:
            super().on_url(url)
            if len(self.url) > limits.max_request_line:
                self._refusal = errors.request_line_too_long(limits.max_request_line)
                raise _RefusedError(self._refusal)

        def on_header(self, name: bytes, value: bytes) -> None:
            # Headers that arrived whole, counted exactly (a chunk may hold them all).
            self._header_bytes += len(name) + len(value) + 4
            if self._header_bytes > limits.max_header_bytes:
                self._refusal = errors.headers_too_large(limits.max_header_bytes)
                raise _RefusedError(self._refusal)
            super().on_header(name, value)

        def on_headers_complete(self) -> None:
            self._in_head = False
            self._start_timer(
                limits.body_timeout, errors.request_timeout("body", limits.body_timeout)
            )
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            self._stop_timer()
            self._in_head, self._head_bytes, self._ended_a_message = True, 0, True
            super().on_message_complete()

    return LimitedHttpToolsProtocol
