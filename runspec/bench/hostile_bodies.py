"""Request bodies an attacker or a careless client sends: wrong in many places, big, deep.

Each shape is a function of a count (parts, messages, keys, ...) and is grown by :func:`sized`
until its JSON is as large as the server accepts, so that the benchmark asks the worst of each.
A few are valid (big, or deep just under the nesting limit): what a body costs must not depend on
how wrong it is, and a valid body of the same size is the yardstick.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from runspec.bench.fixtures import ASSISTANT_ID

__all__ = ["SHAPES", "Shape", "sized"]

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


def sized(shape: Shape, limit: int) -> bytes:
    """The largest body of ``shape`` whose JSON is at most ``limit`` bytes."""
    low, high = 1, 2
    while len(json.dumps(shape(high))) <= limit:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if len(json.dumps(shape(middle))) <= limit:
            low = middle
        else:
            high = middle
    return json.dumps(shape(low)).encode()
