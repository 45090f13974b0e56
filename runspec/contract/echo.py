"""The rule "a new run echoes its request", over plain JSON values.

A request field left out or sent as ``null`` means "take the assistant's setting", so only
fields given a value are compared. A given value must come back *contained* in the run's: every
key of an object is present with a contained value (the server may add keys, such as the
defaults of a tool's settings), an array has the same length and contained items, and scalars
are equal, numbers by value (``1`` equals ``1.0``, but ``true`` is not ``1``). Inside a value, a
``null`` matches an absent key.

One field is not echoed verbatim: ``additional_instructions`` (createRun) is appended to the
run's instructions, so with it the run's ``instructions`` must begin with the requested ones and
end with the additional ones (the API does not fix the separator).

What counts as part of a value is the spec's business: given a :class:`SchemaView` of the request
schema, an object's key is compared when the schema declares it (``properties``) or declares its
free-form content on purpose (``additionalProperties``, as for ``metadata`` or a function's JSON
Schema ``parameters``). A key the schema merely does not forbid is not the server's to echo.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from runspec.spec import resolve_pointer

__all__ = ["APPENDED_FIELDS", "SchemaView", "echo_errors", "member", "mismatches"]

# A run field that the API builds from two request fields: the field, then the appended one.
APPENDED_FIELDS: Mapping[str, str] = {"instructions": "additional_instructions"}

_COMBINATORS = ("anyOf", "oneOf", "allOf")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class SchemaView:
    """One place in a request schema, seen through ``$ref`` and ``anyOf``/``oneOf``/``allOf``.

    ``branches`` are the plain schemas that may describe the value there; no branches means the
    value is free-form, so all of it counts.
    """

    document: Mapping[str, Any]
    branches: tuple[Mapping[str, Any], ...]

    @classmethod
    def at(cls, document: Mapping[str, Any], pointer: str) -> SchemaView:
        return cls.of(document, [resolve_pointer(document, pointer)])

    @classmethod
    def of(cls, document: Mapping[str, Any], schemas: Sequence[Any]) -> SchemaView:
        found: list[Mapping[str, Any]] = []
        seen: set[int] = set()
        pending = list(schemas)
        while pending:
            schema = pending.pop(0)
            if not isinstance(schema, Mapping) or id(schema) in seen:
                continue
            seen.add(id(schema))
            if "$ref" in schema:
                pending.append(resolve_pointer(document, schema["$ref"]))
            for keyword in _COMBINATORS:
                pending.extend(schema.get(keyword, ()))
            found.append(schema)
        return cls(document, tuple(found))

    def _is_free(self) -> bool:
        return not any("properties" in b or "additionalProperties" in b for b in self.branches)

    def describes(self, key: str) -> bool:
        """Whether the value of ``key`` in an object here is part of what the spec describes."""
        if self._is_free():
            return True
        return any(
            key in b.get("properties", {}) or b.get("additionalProperties", False) is not False
            for b in self.branches
        )

    def child(self, key: str) -> SchemaView:
        schemas: list[Any] = []
        for branch in self.branches:
            if key in branch.get("properties", {}):
                schemas.append(branch["properties"][key])
            elif isinstance(branch.get("additionalProperties"), Mapping):
                schemas.append(branch["additionalProperties"])
        return SchemaView.of(self.document, schemas)

    def items(self) -> SchemaView:
        return SchemaView.of(self.document, [b["items"] for b in self.branches if "items" in b])


def echo_errors(
    request: Mapping[str, Any],
    run: Mapping[str, Any],
    fields: Sequence[str],
    *,
    label: str = "run",
    schema: SchemaView | None = None,
) -> list[str]:
    """How ``run`` fails to echo the given ``fields`` of ``request`` (empty when it does).

    ``schema`` is a view of the request body's schema; without it every key counts.
    """
    problems: list[str] = []
    for name in fields:
        expected = request.get(name)
        if expected is None:
            continue
        if name not in run:
            problems.append(f"{label}.{name}: missing, the request sent {_show(expected)}")
            continue
        appended = request.get(APPENDED_FIELDS.get(name, ""))
        if isinstance(expected, str) and isinstance(appended, str) and appended:
            got = run[name]
            if not (isinstance(got, str) and got.startswith(expected) and got.endswith(appended)):
                problems.append(
                    f"{label}.{name}: expected {_show(expected)} followed by the "
                    f"{APPENDED_FIELDS[name]} {_show(appended)}, got {_show(got)}"
                )
            continue
        view = schema.child(name) if schema is not None else None
        problems.extend(mismatches(expected, run[name], f"{label}.{name}", view))
    return problems


def mismatches(
    expected: Any, actual: Any, where: str, schema: SchemaView | None = None
) -> Iterator[str]:
    """Each place where ``actual`` does not contain ``expected`` (as far as ``schema`` describes)."""
    if isinstance(expected, Mapping):
        if not isinstance(actual, Mapping):
            yield f"{where}: expected an object containing {_show(expected)}, got {_show(actual)}"
            return
        for key, value in expected.items():
            if schema is not None and not schema.describes(key):
                continue
            if key not in actual:
                if value is not None:
                    yield f"{member(where, key)}: missing, the request sent {_show(value)}"
                continue
            child = schema.child(key) if schema is not None else None
            yield from mismatches(value, actual[key], member(where, key), child)
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            yield f"{where}: expected {_show(expected)}, got {_show(actual)}"
            return
        items = schema.items() if schema is not None else None
        for index, (item, got) in enumerate(zip(expected, actual, strict=True)):
            yield from mismatches(item, got, f"{where}[{index}]", items)
    elif not _same_scalar(expected, actual):
        yield f"{where}: expected {_show(expected)}, got {_show(actual)}"


def member(where: str, key: str) -> str:
    """The path to ``key`` of the object at ``where``: ``run.metadata.team``, or with the key
    quoted (``run.metadata['a b\\n']``) when it is not a plain name, as a fuzzer's keys often are."""
    return f"{where}.{key}" if _PLAIN_KEY.fullmatch(key) else f"{where}[{key!r}]"


def _same_scalar(expected: Any, actual: Any) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return math.isclose(expected, actual, rel_tol=1e-9, abs_tol=0.0)
    return type(expected) is type(actual) and bool(expected == actual)


def _show(value: Any, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
