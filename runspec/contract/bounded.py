"""Bounds on how much of one answer the suite reads, and for how long.

A target under test may go badly wrong, and the suite must still finish with a report rather than
be killed by its CI runner. ``requests`` (schemathesis's transport) and httpx (the preflight's)
both read a whole body into memory with no size limit, and their timeouts bound each socket read,
not the body: a gzip bomb of a few megabytes on the wire decodes into gigabytes in the suite's
process, and a target that drips a byte every few seconds holds one case for hours. Neither
library has an option for either bound, so this module adds them where the bodies are read:

* :func:`bound_response` is a ``requests`` response hook, installed per request by the hooks
  module's ``before_call``. It wraps the urllib3 body so that reading more than ``limit``
  decoded bytes raises :class:`ResponseTooLarge`, and reading a JSON body for longer than the
  request timeout raises :class:`ResponseTooSlow`. Event streams keep schemathesis's own total
  timeout (it reads them with ``read1`` and marks a stream it cut short, which ``stream_ends``
  reports), so only their size is bounded here.
* :func:`read_bounded` reads an httpx streamed response under the same two bounds, for the
  preflight.

Decoding goes through urllib3's ``read1`` with a size, which decompresses at most that many bytes
at a time, so a bomb is stopped at the limit, not after it has been inflated.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

import httpx
import requests

__all__ = [
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_MAX_RESPONSE_MIB",
    "MAX_RESPONSE_ENVIRONMENT",
    "BoundedAnswer",
    "BoundedClient",
    "ResponseTooLarge",
    "ResponseTooSlow",
    "bound_response",
    "environment_limit",
    "read_bounded",
    "response_hooks",
    "too_large_message",
]

# Far above any answer of these two operations (a run is a few kilobytes; a stream of
# schemathesis's max-stream-events events a few megabytes), far below what hurts a CI runner.
DEFAULT_MAX_RESPONSE_MIB = 64
DEFAULT_MAX_RESPONSE_BYTES = DEFAULT_MAX_RESPONSE_MIB << 20
MAX_RESPONSE_ENVIRONMENT = "RUNSPEC_CONTRACT_MAX_RESPONSE_BYTES"
_CHUNK = 64 * 1024


class ResponseTooLarge(requests.exceptions.RequestException):
    """The target's answer is larger than the suite reads; the rest of it was not read."""


class ResponseTooSlow(requests.exceptions.Timeout):
    """The target's answer did not arrive in whole within the request timeout."""


def too_large_message(limit: int) -> str:
    return (
        f"the answer's body is larger than {_size(limit)}, more than the suite reads; no valid "
        "answer of these operations comes near that (a wrong Content-Encoding, or a body that "
        "never ends?). Raise the limit with --max-response-mib if this is meant"
    )


def _too_slow_message(seconds: float) -> str:
    return (
        f"the answer's body did not arrive in whole within {seconds:g} s of its headers (the "
        "request timeout); a slow backend may need `-- --request-timeout N`"
    )


def _size(limit: int) -> str:
    mib = limit / (1 << 20)
    return f"{mib:g} MiB" if mib >= 1 else f"{limit} bytes"


def environment_limit(environ: Mapping[str, str] = os.environ) -> int:
    """The size limit the CLI's child process was given (the default when it was given none)."""
    value = environ.get(MAX_RESPONSE_ENVIRONMENT, "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MAX_RESPONSE_BYTES


# ---- requests (schemathesis) ---------------------------------------------------------------------


def bound_response(
    response: requests.Response, *args: Any, limit: int, **kwargs: Any
) -> requests.Response:
    """A ``requests`` response hook: the body of ``response`` is read under the two bounds.

    Use it as ``hooks={"response": partial(bound_response, limit=N)}``; ``requests`` passes the
    request's ``timeout`` along, and that is how long the body may take after its headers.
    """
    seconds = _total_seconds(kwargs.get("timeout"))
    response.raw = _BoundedBody(response.raw, limit, seconds)
    return response


def response_hooks(limit: int) -> dict[str, Any]:
    """The ``hooks`` argument of a ``requests`` call that bounds its answer to ``limit`` bytes."""
    return {"response": [partial(bound_response, limit=limit)]}


def _total_seconds(timeout: Any) -> float | None:
    if isinstance(timeout, tuple):  # (connect, read): the read part bounds the body
        timeout = timeout[-1]
    return float(timeout) if isinstance(timeout, int | float) else None


class _BoundedBody:
    """A urllib3 response whose body reads count bytes and time; everything else is the raw's."""

    def __init__(self, raw: Any, limit: int, seconds: float | None) -> None:
        self._raw = raw
        self._limit = limit
        self._deadline = None if seconds is None else time.monotonic() + seconds
        self._seconds = seconds
        self._read = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)

    def read1(self, amt: int | None = None, decode_content: bool | None = None) -> bytes:
        # Schemathesis reads event streams this way and keeps its own total timeout for them.
        chunk: bytes = self._raw.read1(min(amt or _CHUNK, self._left()), decode_content)
        return self._counted(chunk)

    def stream(self, amt: int | None = None, decode_content: bool | None = None) -> Iterator[bytes]:
        # ``read1`` returns what has arrived (one socket read at most), unlike urllib3's stream,
        # which waits for ``amt`` bytes: a dripping body would never reach the deadline check.
        while chunk := self._raw.read1(min(amt or _CHUNK, self._left()), decode_content):
            yield self._counted(chunk)
            if self._deadline is not None and time.monotonic() > self._deadline:
                self._raw.close()
                raise ResponseTooSlow(_too_slow_message(self._seconds or 0))

    def _left(self) -> int:
        return self._limit - self._read + 1  # one byte past the limit shows that there is more

    def _counted(self, chunk: bytes) -> bytes:
        self._read += len(chunk)
        if self._read > self._limit:
            self._raw.close()
            raise ResponseTooLarge(too_large_message(self._limit))
        return chunk


# ---- httpx (the preflight) -----------------------------------------------------------------------


def read_bounded(response: httpx.Response, limit: int, seconds: float) -> bytes:
    """The decoded body of a streamed httpx ``response``, under the same two bounds.

    Raises :class:`ResponseTooLarge`, or ``httpx.ReadTimeout`` when the body takes longer than
    ``seconds`` in all.
    """
    deadline = time.monotonic() + seconds
    body = bytearray()
    for chunk in response.iter_bytes():  # as it arrives: a chunk size would wait to fill it
        body += chunk
        if len(body) > limit:
            raise ResponseTooLarge(too_large_message(limit))
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout(_too_slow_message(seconds), request=response.request)
    return bytes(body)


@dataclass(frozen=True)
class BoundedAnswer:
    """An answer read under the bounds: what the preflight reads of it."""

    status_code: int
    headers: httpx.Headers
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.content)


class BoundedClient:
    """An ``httpx.Client`` whose POST answers are read under the two bounds (the preflight's)."""

    def __init__(self, client: httpx.Client, limit: int, seconds: float) -> None:
        self._client = client
        self._limit = limit
        self._seconds = seconds

    def post(self, url: str, *, json: Any, headers: Mapping[str, str]) -> BoundedAnswer:
        with self._client.stream("POST", url, json=json, headers=headers) as response:
            content = read_bounded(response, self._limit, self._seconds)
            return BoundedAnswer(response.status_code, response.headers, content)
