"""What the spec says about each kind of object an answer carries, read from its schemas.

An object of this API names its kind in ``object`` (``thread.run``, ``thread.message``, ...);
the spec's schema for that kind is the one whose ``object`` property is that ``const``. From it
the lifecycle checks learn, without restating any of it:

* which fields are required (present in every answer, nullable ones as ``null``);
* which fields are timestamps: a property named ``*_at`` whose type allows an integer;
* which fields may be ``null`` (a ``null`` in ``type``, or a ``{"type": "null"}`` branch of an
  ``anyOf``/``oneOf``, also behind ``$ref``);
* which statuses the object has (the ``enum`` of its ``status`` property, also behind ``$ref``).

Nothing else is assumed about the schemas' names or layout, so a spec that writes nullability
inline or through shared components reads the same.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from runspec.spec import load_spec, resolve_pointer

__all__ = ["ObjectShape", "ObjectShapes", "object_shapes"]

_TIMESTAMP_SUFFIX = "_at"
_UNIONS = ("anyOf", "oneOf")


@dataclass(frozen=True)
class ObjectShape:
    """One kind of object as the spec describes it."""

    kind: str  # the value of its ``object`` field, e.g. ``thread.run``
    pointer: str  # where its schema is, e.g. ``#/components/schemas/RunObject``
    required: tuple[str, ...]
    timestamps: tuple[str, ...]  # ``*_at`` integer properties, in the spec's order
    nullable: frozenset[str]
    statuses: tuple[str, ...]  # the ``status`` enum; empty when the object has no status

    def has(self, field: str) -> bool:
        return field in self.required or field in self.timestamps or field in self.nullable


@dataclass(frozen=True)
class ObjectShapes:
    """Every kind of object of a spec, looked up by its ``object`` value."""

    by_kind: Mapping[str, ObjectShape]

    @classmethod
    def from_document(cls, document: Mapping[str, Any]) -> ObjectShapes:
        found: dict[str, ObjectShape] = {}
        for name, schema in document.get("components", {}).get("schemas", {}).items():
            if not isinstance(schema, Mapping):
                continue
            properties = schema.get("properties", {})
            kind = _const(document, properties.get("object"))
            if kind is None or kind in found:
                continue
            found[kind] = ObjectShape(
                kind=kind,
                pointer=f"#/components/schemas/{name}",
                required=tuple(schema.get("required", ())),
                timestamps=tuple(
                    field
                    for field, value in properties.items()
                    if field.endswith(_TIMESTAMP_SUFFIX) and "integer" in _types(document, value)
                ),
                nullable=frozenset(
                    field
                    for field, value in properties.items()
                    if "null" in _types(document, value)
                ),
                statuses=_enum(document, properties.get("status")),
            )
        return cls(found)

    def kind_at(self, pointer: str) -> str | None:
        """The kind of the object whose schema is at ``pointer``, if it names one."""
        return next((s.kind for s in self.by_kind.values() if s.pointer == pointer), None)

    def of(self, value: Any) -> ObjectShape | None:
        """The shape of a JSON object by its ``object`` field, if the spec knows that kind."""
        if not isinstance(value, Mapping):
            return None
        kind = value.get("object")
        return self.by_kind.get(kind) if isinstance(kind, str) else None


@cache
def object_shapes() -> ObjectShapes:
    """The shapes of the project's spec (``openapi/openapi.yaml``), computed once."""
    return ObjectShapes.from_document(load_spec())


def _branches(document: Mapping[str, Any], schema: Any) -> Iterator[Mapping[str, Any]]:
    """The schema and everything it may be through ``$ref``, ``anyOf`` and ``oneOf``."""
    pending, seen = [schema], set[int]()
    while pending:
        node = pending.pop()
        if not isinstance(node, Mapping) or id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if "$ref" in node:
            pending.append(resolve_pointer(document, node["$ref"]))
        for keyword in _UNIONS:
            pending.extend(node.get(keyword, ()))


def _types(document: Mapping[str, Any], schema: Any) -> set[str]:
    types: set[str] = set()
    for node in _branches(document, schema):
        declared = node.get("type")
        if isinstance(declared, str):
            types.add(declared)
        elif isinstance(declared, list):
            types.update(t for t in declared if isinstance(t, str))
        if node.get("const", ...) is None or None in node.get("enum", ()):
            types.add("null")
    return types


def _const(document: Mapping[str, Any], schema: Any) -> str | None:
    for node in _branches(document, schema):
        value = node.get("const")
        if isinstance(value, str):
            return value
        values = node.get("enum")
        if isinstance(values, list) and len(values) == 1 and isinstance(values[0], str):
            return values[0]
    return None


def _enum(document: Mapping[str, Any], schema: Any) -> tuple[str, ...]:
    values: list[str] = []
    for node in _branches(document, schema):
        values.extend(v for v in node.get("enum", ()) if isinstance(v, str) and v not in values)
    return tuple(values)
