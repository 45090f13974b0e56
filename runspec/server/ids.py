"""Object and request ids in the shapes the hosted API used.

Objects: a prefix (``asst_``, ``thread_``, ``run_``, ``msg_``, ``step_``, ``call_``, ``vs_``) and 24
base62 characters. Requests: ``req_`` and 32 hex digits. Ids only need to be unique, not secret, so
a fast non-cryptographic generator (seeded from the OS) is used.

Every request takes three to five ids, so their random characters are made in blocks of
:data:`BLOCK` ids at a time and handed out from a deque, whose ``popleft`` is atomic: a request
handled on another thread never gets the same characters.
"""

from __future__ import annotations

import os
import random
import string
from collections import deque

__all__ = ["BLOCK", "ID_LENGTH", "new_id", "new_request_id"]

ID_LENGTH = 24
REQUEST_ID_HEX_DIGITS = 32
BLOCK = 256
_ALPHABET = string.ascii_letters + string.digits
_rng = random.Random(os.urandom(32))
# Byte → base62 character. 256 is not a multiple of 62, so the first 8 characters come a little
# more often (5/256 instead of 4/256): harmless for ids, and one C call per block.
_TO_BASE62 = bytes(_ALPHABET[b % 62].encode()[0] for b in range(256))

_id_bodies: deque[str] = deque()
_request_id_bodies: deque[str] = deque()


def new_id(prefix: str) -> str:
    """``prefix`` followed by 24 base62 characters, e.g. ``new_id("run_")``."""
    try:
        return prefix + _id_bodies.popleft()
    except IndexError:
        block = _rng.randbytes(ID_LENGTH * BLOCK).translate(_TO_BASE62).decode("ascii")
        _id_bodies.extend(_cut(block, ID_LENGTH))
        return new_id(prefix)


def new_request_id() -> str:
    """``req_`` followed by 32 lowercase hex digits."""
    try:
        return "req_" + _request_id_bodies.popleft()
    except IndexError:
        block = _rng.randbytes(REQUEST_ID_HEX_DIGITS // 2 * BLOCK).hex()
        _request_id_bodies.extend(_cut(block, REQUEST_ID_HEX_DIGITS))
        return new_request_id()


def _cut(text: str, size: int) -> list[str]:
    return [text[start : start + size] for start in range(0, len(text), size)]
