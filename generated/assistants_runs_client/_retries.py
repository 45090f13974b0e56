"""When a failed request is tried again, and how long to wait first.

Retried: connection errors and timeouts, and the statuses 408, 429 and 5xx. Not retried: every
other status, and a stream that has started to deliver events (its events would be delivered
twice). The wait is exponential backoff with jitter, unless the server says how long to wait
(``retry-after-ms``, or ``Retry-After`` in seconds or as an HTTP date): then that, cut down to
:attr:`RetryPolicy.max_retry_after`.
"""

from __future__ import annotations

import random
import time
from email.utils import parsedate_to_datetime

import httpx
from attrs import define, field

__all__ = ["RETRYABLE_STATUSES", "RetryPolicy", "is_retryable_status", "retry_after"]

RETRYABLE_STATUSES = frozenset({408, 429})


def is_retryable_status(status_code: int) -> bool:
    """Whether an answer with this status is worth trying again."""
    return status_code in RETRYABLE_STATUSES or status_code >= 500


@define(frozen=True)
class RetryPolicy:
    """How long to wait between attempts (the number of retries is ``max_retries``).

    Attributes:
        initial_delay: Seconds before the first retry; doubled for each further one.
        max_delay: The longest computed wait, in seconds.
        max_retry_after: The longest wait the server may ask for with ``Retry-After``.
        jitter: The share of each computed wait taken off at random (0 gives exact waits).
    """

    initial_delay: float = field(default=0.5)
    max_delay: float = field(default=8.0)
    max_retry_after: float = field(default=60.0)
    jitter: float = field(default=0.25)

    def delay(self, retry: int, headers: httpx.Headers | None = None) -> float:
        """Seconds to wait before retry number ``retry`` (1 for the first), given the headers of
        the failed answer, if there was one."""
        asked = retry_after(headers) if headers is not None else None
        if asked is not None:
            return min(asked, self.max_retry_after)
        backoff = min(self.initial_delay * 2.0 ** (retry - 1), self.max_delay)
        return backoff * (1 - self.jitter * random.random())


def retry_after(headers: httpx.Headers) -> float | None:
    """The wait the server asks for, in seconds, or None if it asks for none (or nonsense)."""
    value = headers.get("retry-after-ms")
    if value is not None:
        try:
            return _non_negative(float(value) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return _non_negative(float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _non_negative(seconds: float) -> float | None:
    return seconds if seconds >= 0 and seconds == seconds else None  # NaN is not a wait
