"""JSON on the wire: bodies are read as the standard library reads strict JSON (whichever parser
does the work), and anything read can be written back."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runspec.server import jsonwire
from runspec.server.jsonwire import (
    InvalidJsonError,
    TooDeepError,
    TooManyValuesError,
    count_values,
    dumps,
    parse_body,
)


@pytest.mark.parametrize(
    ("body", "value"),
    [
        (b'{"a": 1, "b": [true, null, 0.5, "x"]}', {"a": 1, "b": [True, None, 0.5, "x"]}),
        # integers beyond 64 bits stay integers (orjson alone would make them floats)
        (b'{"n": 18446744073709551616}', {"n": 18446744073709551616}),
        (b"[-9223372036854775809]", [-9223372036854775809]),
        (b"123456789012345678901234567890", 123456789012345678901234567890),
        # a lone surrogate is valid JSON (orjson alone refuses it)
        (b'"\\ud800"', "\ud800"),
        (b'{"a": 1, "a": 2}', {"a": 2}),  # the last duplicate wins
        (b"-0.0", -0.0),
        (b"5e-324", 5e-324),
    ],
)
def test_a_json_body_is_read(body: bytes, value: Any) -> None:
    read = parse_body(body)
    assert read == value
    assert type(read) is type(value)


@pytest.mark.parametrize(
    "body",
    [
        b"NaN",
        b'{"t": Infinity}',
        b"[1e400]",
        b"1" + b"0" * 400 + b".0",  # overflows to infinity without an exponent
        b'\xef\xbb\xbf{"a": 1}',  # a byte order mark
        b'"\xff"',  # not UTF-8
        b'"\x01"',  # a raw control character
        b"[1,]",
        b"{}x",
        b"",
    ],
)
def test_what_is_not_strict_json_is_refused(body: bytes) -> None:
    with pytest.raises(InvalidJsonError):
        parse_body(body)


def test_nesting_beyond_128_levels_is_refused() -> None:
    parse_body(b"[" * 128 + b"]" * 128)
    for depth in (129, 5000):
        with pytest.raises(TooDeepError):
            parse_body(b"[" * depth + b"]" * depth)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ({"a": [1, None, "é"]}, '{"a":[1,null,"é"]}'.encode()),
        ({"n": 2**70}, b'{"n":1180591620717411303424}'),
        # UTF-8 cannot carry a lone surrogate, so that document comes out ASCII-escaped
        ({"s": "é\ud800"}, b'{"s":"\\u00e9\\ud800"}'),
    ],
)
def test_what_was_read_can_be_written(value: Any, written: bytes) -> None:
    assert dumps(value) == written
    assert parse_body(written) == value


# ---- the count of values, read from the bytes --------------------------------------------------


def _values_in(value: Any) -> int:
    """What count_values counts, walked over the decoded value: the value itself, then each
    item or member; an empty array or object counts as holding one."""
    if isinstance(value, list):
        return 1 + (sum(map(_values_in, value)) or 1)
    if isinstance(value, dict):
        return 1 + (sum(map(_values_in, value.values())) or 1)
    return 1


@pytest.mark.parametrize(
    ("body", "count"),
    [
        (b"5", 1),
        (b'{"a": [1, 2]}', 4),
        (b"[]", 2),  # an empty array costs as much as an item
        (b"{ }", 2),
        (b"[1]", 2),
        (b'["a,b", "[{"]', 3),  # commas and brackets inside strings are text
        (b'{"k\\"[": {"\\\\": ","}}', 3),  # and so are escaped quotes and backslashes
        (b" [ 1 ,\n 2 ,\t[ ] ] ", 5),
    ],
)
def test_values_are_counted_in_the_bytes(body: bytes, count: int) -> None:
    assert count_values(body) == count


_STRUCTURE_TEXT = st.text(alphabet='[]{},:"\\ aé\u2028', max_size=6)
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | _STRUCTURE_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_STRUCTURE_TEXT, inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(value=_JSON, indent=st.sampled_from([None, 0, 2]), ascii_only=st.booleans())
def test_the_count_of_values_agrees_with_the_decoded_value(
    value: Any, indent: int | None, ascii_only: bool
) -> None:
    body = json.dumps(value, indent=indent, ensure_ascii=ascii_only).encode()
    assert count_values(body) == _values_in(value)


def test_a_body_past_the_value_limit_is_refused_before_anything_is_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at_the_limit = b"[" + b",".join([b"0"] * 99) + b"]"  # 100 values
    assert parse_body(at_the_limit, max_values=100) == [0] * 99
    monkeypatch.setattr(jsonwire, "_read", _must_not_be_called)
    with pytest.raises(TooManyValuesError):
        parse_body(at_the_limit, max_values=99)
    with pytest.raises(TooManyValuesError):
        parse_body(b"[" + b"[]," * 10_000 + b"[]]")  # 20,003 values; the default limit is 20,000


def test_commas_inside_strings_do_not_count_against_the_limit() -> None:
    text = ",[{" * 100_000
    assert parse_body(json.dumps({"text": text}).encode(), max_values=2) == {"text": text}


def _must_not_be_called(body: bytes) -> Any:
    raise AssertionError("a body past the value limit was parsed")
