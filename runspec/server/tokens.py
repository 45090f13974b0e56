"""The server's tokenizer: one token per whitespace-separated word (see :mod:`runspec.server.runs`).

Counting is ``len(text.split())``; splitting keeps each word's trailing whitespace, so that the
pieces of a text join back into it (as a stream's deltas do).
"""

from __future__ import annotations

import re

__all__ = ["count_tokens", "split_tokens"]

_TOKEN = re.compile(r"\S+\s*")


def count_tokens(text: str) -> int:
    return len(text.split())


def split_tokens(text: str) -> tuple[str, ...]:
    """The tokens of ``text`` (leading whitespace dropped), each with its trailing whitespace."""
    return tuple(_TOKEN.findall(text))
