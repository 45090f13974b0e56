"""Lifecycle invariants of the objects in an answer: timestamps, status and the fields it implies.

Rules over one plain JSON object and its :class:`~.shapes.ObjectShape`; what a schema can say
(which fields are timestamps, which statuses exist) comes from the shape. What no schema can
say, the way a run's fields follow its status, is a fact of the hosted API
(``shared/api-facts.md``, "How a run's fields follow its status") and is written down here as
data, checked against the shape so that a rule about a field the spec lacks is dropped:

* timestamps are Unix seconds near the answer's time (a millisecond value is decades off), no
  timestamp is before ``created_at``, and ``expires_at`` is strictly after it;
* a status ``S`` whose object has an ``S_at`` timestamp (``completed``/``completed_at``,
  ``failed``/``failed_at``, ...) has it set, and no other status has it set;
* a run's ``required_action``, ``last_error`` and ``incomplete_details`` are set in exactly one
  status each; ``started_at``, ``expires_at`` and ``usage`` follow ``queued``, ``in_progress``
  and ``completed`` as the API keeps them;
* an error's ``type`` (and ``code``, where the API fixed one) fits the HTTP status;
* a refused credential or header has the code the API gives it: a 401 to a request that gave a
  Bearer key is ``invalid_api_key``, one to a request without a key has no code, and a 400 to a
  request whose only fault is its ``OpenAI-Beta`` header is ``invalid_beta``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from runspec.contract.shapes import ObjectShape

__all__ = [
    "CREATED_FIELD",
    "ERROR_CODES",
    "ERROR_TYPES",
    "EXPIRY_FIELD",
    "HEADER_CODES",
    "INVALID_KEY_CODE",
    "NEAR_SECONDS",
    "error_code_errors",
    "error_type_errors",
    "status_errors",
    "timestamp_errors",
]

# How far from the answer's time a timestamp may be: generous for clock skew and a run's
# ten-minute expiry, while a millisecond value (1000x) or a local-time offset is far outside.
NEAR_SECONDS = 3600
CREATED_FIELD = "created_at"
EXPIRY_FIELD = "expires_at"

# api-facts: set only in this status (and set in it).
_ONLY_IN_STATUS: Mapping[str, Mapping[str, str]] = {
    "thread.run": {
        "required_action": "requires_action",
        "last_error": "failed",
        "incomplete_details": "incomplete",
    },
}
# api-facts: in this status these fields are set / are null.
_SET_IN_STATUS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "thread.run": {
        "queued": ("expires_at",),
        "in_progress": ("started_at",),
        "completed": ("usage",),
    },
}
_NULL_IN_STATUS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "thread.run": {
        "queued": ("started_at", "usage"),
        "in_progress": ("usage",),
        "completed": ("expires_at",),
    },
}

# api-facts, "Error type by status"; 5xx statuses are all ``server_error``.
ERROR_TYPES: Mapping[int, str] = {
    400: "invalid_request_error",
    401: "invalid_request_error",
    404: "invalid_request_error",
    429: "requests",
}
_SERVER_ERROR_TYPE = "server_error"
ERROR_CODES: Mapping[int, str] = {429: "rate_limit_exceeded"}
# api-facts, "Errors": the codes of a refused key and of a refused header (by lower-case name).
INVALID_KEY_CODE = "invalid_api_key"
HEADER_CODES: Mapping[str, str] = {"openai-beta": "invalid_beta"}
_UNAUTHORIZED = 401
_BAD_REQUEST = 400


def timestamp_errors(
    value: Mapping[str, Any], shape: ObjectShape, *, now: float, where: str
) -> list[str]:
    """Timestamps of ``value`` that are not Unix seconds near ``now`` or out of order."""
    problems: list[str] = []
    stamps = {
        name: value[name]
        for name in shape.timestamps
        if isinstance(value.get(name), int) and not isinstance(value.get(name), bool)
    }
    for name, stamp in stamps.items():
        if abs(stamp - now) > NEAR_SECONDS:
            problems.append(
                f"{where}.{name}: {stamp} is {_distance(stamp - now)} the answer's time "
                f"({int(now)}); timestamps are Unix seconds"
                + (
                    " (this looks like milliseconds)"
                    if abs(stamp / 1000 - now) < NEAR_SECONDS
                    else ""
                )
            )
    created = stamps.get(CREATED_FIELD)
    if created is None:
        return problems
    for name, stamp in stamps.items():
        if name == EXPIRY_FIELD and stamp <= created:
            problems.append(f"{where}.{name}: {stamp} is not after created_at ({created})")
        elif name != EXPIRY_FIELD and stamp < created:
            problems.append(f"{where}.{name}: {stamp} is before created_at ({created})")
    return problems


def status_errors(value: Mapping[str, Any], shape: ObjectShape, *, where: str) -> list[str]:
    """Fields of ``value`` that its ``status`` says should be set, or null, and are not."""
    status = value.get("status")
    if not isinstance(status, str) or status not in shape.statuses:
        return []  # no status, or one the schema check reports
    problems: list[str] = []
    for other in shape.statuses:
        stamp = f"{other}_at"
        if stamp in shape.timestamps and stamp in value:
            problems.extend(
                _set_when(value, stamp, wanted=status == other, status=status, where=where)
            )
    for field, only in _ONLY_IN_STATUS.get(shape.kind, {}).items():
        if shape.has(field) and field in value:
            problems.extend(
                _set_when(value, field, wanted=status == only, status=status, where=where)
            )
    for field in _SET_IN_STATUS.get(shape.kind, {}).get(status, ()):
        if shape.has(field) and field in value:
            problems.extend(_set_when(value, field, wanted=True, status=status, where=where))
    for field in _NULL_IN_STATUS.get(shape.kind, {}).get(status, ()):
        if shape.has(field) and field in value:
            problems.extend(_set_when(value, field, wanted=False, status=status, where=where))
    return list(dict.fromkeys(problems))


def error_type_errors(status: int, body: Any) -> list[str]:
    """How the ``type`` and ``code`` of an error body do not fit its HTTP ``status``."""
    error = body.get("error") if isinstance(body, Mapping) else None
    if not isinstance(error, Mapping):
        return []  # not an OpenAI error at all: errors_are_openai_errors reports it
    expected_type = _SERVER_ERROR_TYPE if 500 <= status < 600 else ERROR_TYPES.get(status)
    problems: list[str] = []
    if expected_type is not None and error.get("type") != expected_type:
        problems.append(
            f"{status} answer has error.type {error.get('type')!r}; a {status} is {expected_type!r}"
        )
    expected_code = ERROR_CODES.get(status)
    if expected_code is not None and error.get("code") != expected_code:
        problems.append(
            f"{status} answer has error.code {error.get('code')!r}; a {status} is {expected_code!r}"
        )
    return problems


def error_code_errors(
    status: int, body: Any, *, key_given: bool | None, bad_headers: Sequence[str] = ()
) -> list[str]:
    """How an error's ``code`` does not fit what the request did wrong.

    ``key_given``: whether the request gave a Bearer key (``None``: not known, not judged);
    ``bad_headers``: the lower-case names of the headers that were missing or invalid when
    nothing else of the request was, so that they are the only thing a 400 can be about.
    """
    error = body.get("error") if isinstance(body, Mapping) else None
    if not isinstance(error, Mapping):
        return []
    code = error.get("code")
    expected: list[str | None] = []
    if status == _UNAUTHORIZED and key_given is not None:
        expected.append(INVALID_KEY_CODE if key_given else None)
    if status == _BAD_REQUEST:
        expected.extend(HEADER_CODES[name] for name in bad_headers if name in HEADER_CODES)
    if not expected or code in expected:
        return []
    reason = {
        INVALID_KEY_CODE: "the request gave a key, and it was refused",
        None: "the request gave no key",
    }
    because = reason.get(expected[0], f"the request's {', '.join(bad_headers)} header is wrong")
    return [f"{status} answer has error.code {code!r}; {because}, so the code is {expected[0]!r}"]


def _set_when(
    value: Mapping[str, Any], field: str, *, wanted: bool, status: str, where: str
) -> list[str]:
    is_set = value.get(field) is not None
    if is_set == wanted:
        return []
    if wanted:
        return [f"{where}.{field}: null, but a {status!r} object has it set"]
    return [f"{where}.{field}: {_show(value[field])}, but a {status!r} object has it null"]


def _distance(seconds: float) -> str:
    direction = "after" if seconds > 0 else "before"
    size = abs(seconds)
    for unit, length in (("years", 365 * 86400), ("days", 86400), ("hours", 3600)):
        if size >= length:
            return f"{size / length:.0f} {unit} {direction}"
    return f"{size:.0f} seconds {direction}"


def _show(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
