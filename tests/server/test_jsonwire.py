"""JSON on the wire: bodies are read as the standard library reads strict JSON (whichever parser
does the work), and anything read can be written back."""

from __future__ import annotations

from typing import Any

import pytest

from runspec.server.jsonwire import InvalidJsonError, TooDeepError, dumps, parse_body


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
