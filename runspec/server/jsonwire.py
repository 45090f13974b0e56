"""JSON on the wire: strict parsing of request bodies and compact encoding of responses.

Python's ``json`` accepts ``NaN``, ``Infinity`` and numbers such as ``1e400`` (which become
``inf``); none of them is JSON, and a non-finite number would slip past ``minimum``/``maximum``
checks and then break our own output. :func:`parse_body` rejects them, and the encoder refuses
to write them.

Nesting is limited too (:data:`MAX_DEPTH` levels): Python's parser gives up near 1,000 levels,
and a document just under that could not be written back inside a run object or an event.
"""

from __future__ import annotations

import json
import math
from typing import Any

import orjson

__all__ = ["MAX_DEPTH", "InvalidJsonError", "TooDeepError", "dumps", "parse_body"]

MAX_DEPTH = 128


class InvalidJsonError(ValueError):
    """The bytes are not one strict JSON document."""


class TooDeepError(ValueError):
    """The document nests arrays and objects more than :data:`MAX_DEPTH` levels deep."""


def _reject_constant(name: str) -> Any:
    raise InvalidJsonError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise InvalidJsonError(f"{text} is out of range")
    return value


_decoder = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_finite_float)
_encoder = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False)
_ascii_encoder = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True, allow_nan=False)


def _no_default(value: Any) -> Any:
    raise TypeError(f"{type(value).__name__} is not JSON")


# The C encoder that JSONEncoder.encode builds on every call, built once: a third cheaper per
# document, and responses are encoded on every request. (CPython's json module has had it since
# 2.6; without it, the JSONEncoder above does the same.) No circular check: our objects are trees.
_c_make_encoder = getattr(json.encoder, "c_make_encoder", None)
_c_encoder = (
    None
    if _c_make_encoder is None
    else _c_make_encoder(
        None, _no_default, json.encoder.encode_basestring, None, ":", ",", False, False, False
    )
)


# Each byte of a body as 1 (a digit) or 0, to find a run of 19 digits with one C-speed search.
_DIGITS = bytes(1 if b in b"0123456789" else 0 for b in range(256))
_LONG_NUMBER = b"\x01" * 19


def parse_body(body: bytes) -> Any:
    """Decode a request body (UTF-8 JSON, BOM-free).

    Raises :class:`InvalidJsonError`, or :class:`TooDeepError` past :data:`MAX_DEPTH` levels.
    """
    value = _read(body)
    # Counting brackets is a fast C loop; only documents with many are walked.
    if body.count(b"[") + body.count(b"{") > MAX_DEPTH and _deeper_than(value, MAX_DEPTH):
        raise TooDeepError("too deep")
    return value


def _read(body: bytes) -> Any:
    # orjson reads most bodies several times faster and refuses what the standard library
    # rejects here (NaN, Infinity, 1e400, a BOM, bad UTF-8). It reads integers beyond 64 bits as
    # floats, though, and refuses lone surrogates, which are valid JSON: bodies with 19 digits in
    # a row, and whatever it refuses, go to the standard library, which decides and explains.
    if _LONG_NUMBER in body.translate(_DIGITS):
        return _parse_with_stdlib(body)
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        return _parse_with_stdlib(body)


def _parse_with_stdlib(body: bytes) -> Any:
    try:
        return _decoder.decode(body.decode("utf-8"))
    except InvalidJsonError:
        raise
    except RecursionError as exc:
        raise TooDeepError("too deep") from exc
    except (UnicodeDecodeError, ValueError) as exc:
        # ValueError covers JSONDecodeError and integers longer than Python's digit limit.
        raise InvalidJsonError(str(exc)) from exc


def _deeper_than(value: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON (no NaN or infinities).

    orjson writes it, several times faster than the standard library; what orjson refuses
    (integers beyond 64 bits, lone surrogates, non-string keys) goes to the standard library's
    encoder, which writes big integers and raises for the rest as before. A lone surrogate
    (a request may carry one in as ``\\ud800``) cannot be written as UTF-8, so a document with
    one is written with every non-ASCII character escaped, which gives it back as it came in.
    Non-finite floats never reach here: :func:`parse_body` rejects them in requests.
    """
    try:
        return orjson.dumps(value)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        pass
    try:
        if _c_encoder is None or isinstance(value, str):
            return _encoder.encode(value).encode("utf-8")
        return "".join(_c_encoder(value, 0)).encode("utf-8")
    except UnicodeEncodeError:
        return _ascii_encoder.encode(value).encode("ascii")
