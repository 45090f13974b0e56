"""Object and request ids in the shapes the hosted API used.

Objects: a prefix (``asst_``, ``thread_``, ``run_``, ``msg_``, ``step_``, ``call_``, ``vs_``) and 24
base62 characters. Requests: ``req_`` and 32 hex digits. Ids only need to be unique, not secret, so
a fast non-cryptographic generator (seeded from the OS) is used.
"""

from __future__ import annotations

import os
import random
import string

__all__ = ["ID_LENGTH", "new_id", "new_request_id"]

ID_LENGTH = 24
_ALPHABET = string.ascii_letters + string.digits
_rng = random.Random(os.urandom(32))
# Byte → base62 character. 256 is not a multiple of 62, so the first 8 characters come a little
# more often (5/256 instead of 4/256): harmless for ids, and one C call per id.
_TO_BASE62 = bytes(_ALPHABET[b % 62].encode()[0] for b in range(256))


def new_id(prefix: str) -> str:
    """``prefix`` followed by 24 base62 characters, e.g. ``new_id("run_")``."""
    return prefix + _rng.randbytes(ID_LENGTH).translate(_TO_BASE62).decode("ascii")


def new_request_id() -> str:
    """``req_`` followed by 32 lowercase hex digits."""
    return f"req_{_rng.getrandbits(128):032x}"
