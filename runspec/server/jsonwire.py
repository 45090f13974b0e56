"""JSON on the wire: strict parsing of request bodies and compact encoding of responses.

Python's ``json`` accepts ``NaN``, ``Infinity`` and numbers such as ``1e400`` (which become
``inf``); none of them is JSON, and a non-finite number would slip past ``minimum``/``maximum``
checks and then break our own output. :func:`parse_body` rejects them, and the encoder refuses
to write them.
"""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["InvalidJsonError", "dumps", "parse_body"]


class InvalidJsonError(ValueError):
    """The bytes are not one strict JSON document."""


def _reject_constant(name: str) -> Any:
    raise InvalidJsonError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise InvalidJsonError(f"{text} is out of range")
    return value


_decoder = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_finite_float)
_encoder = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def parse_body(body: bytes) -> Any:
    """Decode a request body (UTF-8 JSON, BOM-free); raises :class:`InvalidJsonError`."""
    try:
        text = body.decode("utf-8")
        return _decoder.decode(text)
    except InvalidJsonError:
        raise
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        # ValueError covers JSONDecodeError and integers longer than Python's digit limit.
        raise InvalidJsonError(str(exc)) from exc


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON."""
    return _encoder.encode(value).encode("utf-8")
