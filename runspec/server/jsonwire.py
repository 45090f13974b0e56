"""JSON on the wire: strict parsing of request bodies and compact encoding of responses.

Python's ``json`` accepts ``NaN``, ``Infinity`` and numbers such as ``1e400`` (which become
``inf``); none of them is JSON, and a non-finite number would slip past ``minimum``/``maximum``
checks and then break our own output. :func:`parse_body` rejects them, and the encoder refuses
to write them.

Nesting is limited too (:data:`MAX_DEPTH` levels): Python's parser gives up near 1,000 levels,
and a document just under that could not be written back inside a run object or an event.

So is the number of values (:data:`MAX_VALUES` by default), counted in the bytes before anything is
built. What a body costs is the Python objects made from it, not its bytes: a megabyte of tiny
arrays is half a million lists, 50 ms to build and 17 ms to free, all in single C calls that
hold the GIL and so stall every other request. No parser for Python builds objects without the
GIL or in pieces, so the count of values is what bounds the cost (about 100 ns each at worst).
"""

from __future__ import annotations

import array
import itertools
import json
import math
from typing import Any

import orjson

__all__ = [
    "MAX_DEPTH",
    "MAX_VALUES",
    "InvalidJsonError",
    "TooDeepError",
    "TooManyValuesError",
    "count_values",
    "dumps",
    "dumps_to_keep",
    "loads",
    "most_values",
    "parse_body",
]

MAX_DEPTH = 128
MAX_VALUES = 20_000


class InvalidJsonError(ValueError):
    """The bytes are not one strict JSON document."""


class TooDeepError(ValueError):
    """The document nests arrays and objects more than :data:`MAX_DEPTH` levels deep."""


class TooManyValuesError(ValueError):
    """The document has more values than the parser was allowed to build."""


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


def parse_body(body: bytes, *, max_values: int = MAX_VALUES) -> Any:
    """Decode a request body (UTF-8 JSON, BOM-free).

    Raises :class:`TooManyValuesError` past ``max_values`` values (see :func:`count_values`),
    first and before anything is built (whatever else is wrong with the body: finding out would
    cost what the limit is there to spare); then :class:`InvalidJsonError`, or
    :class:`TooDeepError` past :data:`MAX_DEPTH` levels.
    """
    if most_values(body) > max_values and count_values(body) > max_values:
        raise TooManyValuesError(f"more than {max_values} values")
    value = _read(body)
    # Counting brackets is a fast C loop; only documents with many are walked.
    if body.count(b"[") + body.count(b"{") > MAX_DEPTH and _deeper_than(body, MAX_DEPTH):
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


# Every byte but brackets and quotes (and commas), to delete; curly brackets counted as square.
_SQUARE = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKET_OR_QUOTE = bytes(b for b in range(256) if b not in b'[]{}"')
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'[]{}",')
_STEPS = bytes.maketrans(b"[]", b"\x01\xff")  # +1 and -1 as signed bytes


def most_values(body: bytes) -> int:
    """At least :func:`count_values`, at a fraction of its cost: commas and brackets inside
    strings count too."""
    return body.count(b",") + body.count(b"[") + body.count(b"{") + 1


def count_values(body: bytes) -> int:
    """How many values the JSON document ``body`` holds: itself, and every item of its arrays
    and every member of its objects, at every level (``{"a": [1, 2]}`` holds 4), an empty array
    or object counting as if it held one (it costs as much to build as an item).

    Read from the bytes at C speed: outside strings, an array or object holds one item more than
    the commas directly inside it.
    """
    skeleton = _structure(body, _NOT_STRUCTURE, None)
    return 1 + skeleton.count(b",") + skeleton.count(b"[") + skeleton.count(b"{")


def _brackets(body: bytes) -> bytes:
    """The brackets of the (valid) JSON document ``body`` that are not inside strings, in order,
    all written ``[`` and ``]``."""
    return _structure(body, _NOT_BRACKET_OR_QUOTE, _SQUARE)


def _structure(body: bytes, delete: bytes, table: bytes | None) -> bytes:
    """``body`` with every string and every byte in ``delete`` gone, translated by ``table``.

    Backslashes occur only inside strings, so with escaped backslashes and quotes gone every
    ``"`` opens or closes a string. Deleting every other byte but the structure leaves quotes
    around what strings hold of it; an adjacent pair of quotes holds nothing, and removing it
    keeps the rest paired, so most strings vanish in one C-speed ``replace``; only strings with
    structure in them are left to cut out.
    """
    unescaped = body.replace(b"\\\\", b"").replace(b'\\"', b"")
    skeleton = unescaped.translate(table, delete).replace(b'""', b"")
    if b'"' in skeleton:
        skeleton = b"".join(skeleton.split(b'"')[::2])
    return skeleton


def _deeper_than(body: bytes, limit: int) -> bool:
    """Whether the (valid) JSON document ``body`` nests more than ``limit`` levels.

    Read from the bytes, not the decoded value: a megabyte of tiny arrays is hundreds of thousands
    of containers, and a walk over them in Python costs tens of times more than these C-speed
    steps. Each ``replace`` pass over the brackets deletes the innermost level (every ``[]``):
    passes go on while they halve what is left (a wide, shallow document is gone in a few), and
    what remains is measured by the running sum of +1 per ``[`` and -1 per ``]``.
    """
    skeleton = _brackets(body)
    while skeleton and limit > 0:
        inner_gone = skeleton.replace(b"[]", b"")
        limit -= 1
        shrunk = len(inner_gone) * 2 <= len(skeleton)
        skeleton = inner_gone
        if not shrunk:
            break  # deep rather than wide: more passes would not pay off
    if not skeleton:
        return False
    steps = array.array("b", skeleton.translate(_STEPS))
    return max(itertools.accumulate(steps)) > limit


def dumps_to_keep(value: Any) -> bytes:
    """:func:`dumps`, for a document that is kept: orjson's output keeps its write buffer's
    capacity (4 KiB and more for a small document), so it is copied to its exact size."""
    return bytes(memoryview(dumps(value)))


def loads(encoded: bytes) -> Any:
    """Read back what :func:`dumps` wrote (which orjson alone cannot, for a lone surrogate)."""
    try:
        return orjson.loads(encoded)
    except orjson.JSONDecodeError:
        return json.loads(encoded)


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
