"""Deliberate failures, for testing clients' retry and error handling. Off unless the app is
created with ``fault_injection=True`` (``runspec serve --fault-injection``).

A request asks for a fault with the header ``x-runspec-fault``:

``x-runspec-fault: 503``
    Answer this request with that status (any 4xx/5xx) and an OpenAI-shaped error body, before
    any other check. 429 carries ``Retry-After: 0``; every fault carries ``retry-after-ms: 10``
    so that retrying clients (the official SDK honours it) come back at once.
``x-runspec-fault: 503:2`` (or ``503:2:any-tag``)
    Fail the first 2 requests that carry this exact header value, then serve normally: a client
    that retries twice succeeds on its third attempt. The tag keeps tests apart.
``x-runspec-fault: stream-error``
    Serve the request, but a streamed run fails: after ``thread.run.in_progress`` the stream
    sends an ``error`` event and ends.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from runspec.server import errors
from runspec.server.errors import ApiError

__all__ = ["FAULT_HEADER", "STREAM_ERROR", "FaultInjector"]

FAULT_HEADER = "x-runspec-fault"
STREAM_ERROR = "stream-error"

_STATUS = re.compile(r"([45]\d\d)(?::(\d{1,6})(?::.*)?)?")
_MAX_COUNTERS = 10_000


class FaultInjector:
    """Decides, from the fault header's value, whether a request fails and how."""

    def __init__(self) -> None:
        self._counts: OrderedDict[str, int] = OrderedDict()

    def error_for(self, value: str) -> ApiError | None:
        """The error to answer with, or None to serve the request."""
        value = value.strip()
        if value == STREAM_ERROR:
            return None
        match = _STATUS.fullmatch(value)
        if match is None:
            return ApiError(
                400,
                f"Invalid '{FAULT_HEADER}' header: '{value}'. Expected a status such as '503', "
                f"'503:2' or '{STREAM_ERROR}'.",
                code="invalid_fault",
            )
        status, times = int(match.group(1)), match.group(2)
        if times is not None:
            seen = self._counts.pop(value, 0) + 1
            self._counts[value] = seen
            while len(self._counts) > _MAX_COUNTERS:
                self._counts.popitem(last=False)
            if seen > int(times):
                return None
        return errors.injected_fault(status)
