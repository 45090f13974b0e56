"""Request bodies an attacker or a careless client sends: wrong in many places, big, deep.

Each shape is a function of a count (parts, messages, keys, ...) and is grown by :func:`sized`
until its JSON is as large as the server parses: at most its byte limit and its count of values
(past either, the answer is found before any object is built), so that the benchmark asks the
worst of each. A few are valid (big, or deep just under the nesting limit): what a body costs must
not depend on how wrong it is, and the largest valid body is the yardstick. The shapes of
:data:`PAST_THE_VALUE_LIMIT` are grown to the byte limit only: the count must refuse them cheaply.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from runspec.bench.fixtures import ASSISTANT_ID
from runspec.server.jsonwire import count_values

__all__ = ["PAST_THE_VALUE_LIMIT", "SHAPES", "Shape", "sized"]

Shape = Callable[[int], dict[str, Any]]


def _thread(*messages: Any, **extra: Any) -> dict[str, Any]:
    return {"assistant_id": ASSISTANT_ID, "thread": {"messages": list(messages), **extra}}


def _user(content: Any) -> dict[str, Any]:
    return {"role": "user", "content": content}


def _nested(depth: int) -> Any:
    return json.loads("[" * depth + "]" * depth)


SHAPES: dict[str, Shape] = {
    "parts of an unknown type": lambda n: _thread(_user([{"type": "bogus", "x": 1}] * n)),
    "parts missing fields": lambda n: _thread(
        _user([{"type": "image_url", "image_url": {"detail": "x"}, "extra": 1}] * n)
    ),
    "arrays where parts go": lambda n: _thread(_user([[[[[{"type": "text"}]]]]] * n)),
    "messages of a wrong type": lambda n: _thread(*([5] * n)),
    "messages with bad roles": lambda n: _thread(*([{"role": "x", "content": []}] * n)),
    "unknown arguments": lambda n: {"assistant_id": ASSISTANT_ID, **{f"x{i}": i for i in range(n)}},
    "long metadata keys": lambda n: {
        "assistant_id": ASSISTANT_ID,
        "metadata": {f"{'k' * 70}{i}": "v" for i in range(n)},
    },
    "too many tools, all bad": lambda n: {
        "assistant_id": ASSISTANT_ID,
        "tools": [{"type": "function", "function": {"name": "a b"}}] * n,
    },
    "an array for a number": lambda n: {
        "assistant_id": ASSISTANT_ID,
        "temperature": [[1, "a", {}]] * n,
    },
    "a long string for a number": lambda n: {"assistant_id": ASSISTANT_ID, "temperature": "x" * n},
    "vector stores of wrong files": lambda n: _thread(
        tool_resources={"file_search": {"vector_stores": [{"file_ids": [5] * n}]}}
    ),
    "valid: many text parts": lambda n: _thread(_user([{"type": "text", "text": "hello"}] * n)),
    "valid: many messages": lambda n: _thread(*([_user("hello")] * n)),
    "valid: wide free-form parameters": lambda n: {
        "assistant_id": ASSISTANT_ID,
        "tools": [
            {
                "type": "function",
                "function": {"name": "f", "parameters": {f"p{i}": [i] for i in range(n)}},
            }
        ],
    },
    "valid: deep free-form parameters": lambda n: {
        "assistant_id": ASSISTANT_ID,
        "tools": [
            {
                "type": "function",
                "function": {
                    "name": "f",
                    "parameters": {"type": "object", "x": [_nested(120)] * n},
                },
            }
        ],
    },
}


PAST_THE_VALUE_LIMIT: dict[str, Shape] = {
    "past the value limit: empty arrays": lambda n: _thread(_user([[]] * n)),
    "past the value limit: deep arrays": lambda n: {
        "assistant_id": ASSISTANT_ID,
        "metadata": {"x": [_nested(120)] * n},
    },
}


def sized(shape: Shape, limit: int, max_values: int | None = None) -> bytes:
    """The largest body of ``shape`` whose JSON is at most ``limit`` bytes and, if ``max_values``
    is given, holds at most that many values (:func:`runspec.server.jsonwire.count_values`)."""

    def fits(count: int) -> bool:
        body = json.dumps(shape(count)).encode()
        return len(body) <= limit and (max_values is None or count_values(body) <= max_values)

    low, high = 1, 2
    while fits(high):
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if fits(middle):
            low = middle
        else:
            high = middle
    return json.dumps(shape(low)).encode()
