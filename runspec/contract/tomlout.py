"""Writing a configuration document back as TOML (the subset ``schemathesis.toml`` uses).

The standard library reads TOML but cannot write it. Configurations are tables of strings,
booleans, numbers and arrays of those, which this module writes as ``[dotted.table]`` sections;
strings use JSON escapes, which are valid TOML basic strings. Anything else is refused.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["dumps"]


def dumps(document: Mapping[str, Any]) -> str:
    """The document as TOML text that ``tomllib.loads`` reads back as the same document."""
    return "\n".join(_table(document, ())) + "\n"


def _table(table: Mapping[str, Any], path: tuple[str, ...]) -> Iterator[str]:
    scalars = [(k, v) for k, v in table.items() if not isinstance(v, Mapping)]
    tables = [(k, v) for k, v in table.items() if isinstance(v, Mapping)]
    if path and (scalars or not tables):
        yield f"[{'.'.join(_key(part) for part in path)}]"
    for key, value in scalars:
        yield f"{_key(key)} = {_value(value)}"
    if scalars and (path or tables):
        yield ""
    for key, value in tables:
        yield from _table(value, (*path, key))


def _key(key: str) -> str:
    if key and all(c.isalnum() or c in "-_" for c in key) and key.isascii():
        return key
    return json.dumps(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")
