"""Schemas of one document seen through their ``$ref``s, ``allOf``s and nullability spellings.

The diff compares what a schema *accepts*, not how it is written. A :class:`SchemaView` is that
meaning, flattened: ``$ref`` followed (3.1 sibling keywords applied too), ``allOf`` merged,
a ``oneOf``/``anyOf`` with one non-null member collapsed into that member, and nullability read
from every spelling: ``nullable: true`` (3.0), ``type: [x, 'null']``, ``anyOf: [x, {type: 'null'}]``,
``enum``/``const`` with ``null``. Two documents that differ only in spelling produce equal views,
which is why inlining a ``$ref`` or switching 3.0 to 3.1 nullability reports nothing.

Views keep their children (properties, items, alternatives) unresolved, so the comparer can walk
two documents in parallel lazily and stop on cycles (schemas may be recursive). Nothing installable
does this for OpenAPI 3.1 (oasdiff is a Go binary outside the package registries), so it is ours.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import unquote

from runspec.diff.rules import KEYWORD_FAMILIES
from runspec.diff.sources import DiffInputError

__all__ = ["Bound", "Resolver", "SchemaView", "canonical", "merge_views"]

_ANY: Mapping[str, Any] = {}


def canonical(value: Any) -> str:
    """A hashable spelling of a JSON value: equal values, equal strings."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Bound:
    """A numeric limit: ``maximum``/``minimum``, or an exclusive one."""

    value: float
    exclusive: bool = False

    def tighter_upper(self, other: Bound) -> bool:
        """Whether this upper bound rejects something ``other`` accepts."""
        return self.value < other.value or (
            self.value == other.value and self.exclusive and not other.exclusive
        )

    def tighter_lower(self, other: Bound) -> bool:
        """Whether this lower bound rejects something ``other`` accepts."""
        return self.value > other.value or (
            self.value == other.value and self.exclusive and not other.exclusive
        )

    def __str__(self) -> str:
        number = int(self.value) if float(self.value).is_integer() else self.value
        return f"{number} (exclusive)" if self.exclusive else f"{number}"


@dataclass(frozen=True)
class SchemaView:
    """What one schema accepts, with its children left as raw schemas of the same document."""

    raw: Any
    """The schema object after ``$ref``s were followed; its identity marks a node for cycles."""
    ref: str | None = None
    """The last ``$ref`` followed to reach this schema (``#/components/schemas/X``)."""
    types: frozenset[str] | None = None
    """JSON types accepted, without ``null``; ``None`` when the schema does not restrict them."""
    nullable: bool | None = None
    """Whether ``null`` is accepted; ``None`` when the schema says nothing about types."""
    enum: tuple[Any, ...] | None = None
    """The allowed values other than ``null`` (``const`` is a one-value enum)."""
    properties: Mapping[str, Any] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    items: Any = None
    additional: Any = None
    """``additionalProperties``: a schema, ``False``, or ``None`` when not given."""
    variants: tuple[Any, ...] = ()
    """The non-null alternatives of a ``oneOf``/``anyOf`` with two or more of them."""
    discriminator: str | None = None
    mapping: Mapping[str, str] = field(default_factory=dict)
    max_length: int | None = None
    min_length: int | None = None
    max_items: int | None = None
    min_items: int | None = None
    maximum: Bound | None = None
    minimum: Bound | None = None
    pattern: str | None = None
    read_only: bool = False
    write_only: bool = False
    content_schema: Any = None
    content_media_type: str | None = None
    content_encoding: str | None = None
    format: str | None = None
    default: tuple[Any] | None = None
    """``(value,)`` when the schema has a ``default``, ``None`` when it has none."""
    deprecated: bool = False
    stability: str | None = None
    """``x-stability-level`` (draft, alpha, beta, stable), when the schema gives one."""
    extensible_enum: tuple[Any, ...] | None = None
    """The values of ``x-extensible-enum`` (an open list: clients must expect others)."""
    all_of: tuple[str, ...] = ()
    """The components this schema itself lists in ``allOf`` (inline members are compared
    property by property only)."""
    components: frozenset[str] = frozenset()
    """Every component merged into this view (through ``$ref`` or ``allOf``), by name."""
    keywords: Mapping[str, str] = field(default_factory=dict)
    """JSON Schema 2020-12 keywords by family (``contains``, ``if``, ...; see
    :data:`runspec.diff.rules.KEYWORD_FAMILIES`), each as written (canonical JSON)."""


class Resolver:
    """Follows local ``$ref``s in one document and builds (cached) schema views."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        self._views: dict[int, tuple[Any, SchemaView]] = {}
        self._building: set[int] = set()

    # ---- $ref ----------------------------------------------------------------------------------
    def pointer(self, ref: str) -> Any:
        """The node a local ``$ref`` (``#/components/...``) points at."""
        if not ref.startswith("#"):
            raise DiffInputError(
                f"external $ref {ref!r}: read the document with load_source, which follows "
                "references to other files"
            )
        node: Any = self.document
        for part in ref[1:].split("/")[1:] if ref != "#" else []:
            key = unquote(part).replace("~1", "/").replace("~0", "~")
            try:
                node = node[int(key)] if isinstance(node, list) else node[key]
            except (KeyError, IndexError, ValueError, TypeError):
                raise DiffInputError(f"unresolvable $ref {ref!r}") from None
        return node

    def follow(self, node: Any) -> tuple[Any, str | None]:
        """``node`` with its ``$ref`` chain followed (siblings ignored), and the last ref."""
        last: str | None = None
        seen: set[str] = set()
        while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
            ref: str = node["$ref"]
            if ref in seen:
                raise DiffInputError(f"circular $ref {ref!r}")
            seen.add(ref)
            last = ref
            node = self.pointer(ref)
        return node, last

    # ---- schema views --------------------------------------------------------------------------
    def view(self, raw: Any) -> SchemaView:
        """The view of a schema (``None`` and ``{}`` accept anything, ``false`` nothing)."""
        if raw is None or raw is True:
            raw = _ANY
        if raw is False:
            return SchemaView(raw=raw, types=frozenset(), nullable=False)
        if not isinstance(raw, Mapping):
            raise DiffInputError(f"not a schema: {canonical(raw)[:80]}")
        cached = self._views.get(id(raw))
        if cached is not None:
            return cached[1]
        if id(raw) in self._building:  # allOf/$ref recursion: the inner occurrence adds nothing
            return SchemaView(raw=raw)
        self._building.add(id(raw))
        try:
            built = self._build(raw)
        finally:
            self._building.discard(id(raw))
        self._views[id(raw)] = (raw, built)
        return built

    def _build(self, raw: Mapping[str, Any]) -> SchemaView:
        if isinstance(raw.get("$ref"), str):
            target, ref = self.follow({"$ref": raw["$ref"]})
            target_view = self.view(target)
            components = target_view.components | {str(ref).rsplit("/", 1)[-1]}
            base = replace(target_view, ref=ref, components=components)
            siblings = {key: value for key, value in raw.items() if key != "$ref"}
            if siblings.get("deprecated") is True:
                base = replace(base, deprecated=True)
            if isinstance(siblings.get("x-stability-level"), str):
                base = replace(base, stability=siblings["x-stability-level"])
            if not _has_keywords(siblings):
                return base
            return merge_views(base, self._own(siblings, raw))
        return self._own(raw, raw)

    def _own(self, schema: Mapping[str, Any], raw: Any) -> SchemaView:
        types, nullable = _types(schema)
        enum = _enum(schema)
        if enum is not None:
            values, has_null = enum
            if schema.get("nullable") is True:
                nullable = True
            elif has_null:
                nullable = nullable is not False
            else:
                nullable = False
            if types is None and not values and has_null:
                types = frozenset()
        discriminator = schema.get("discriminator")
        view = SchemaView(
            raw=raw,
            types=types,
            nullable=nullable,
            enum=enum[0] if enum is not None else None,
            properties=dict(_mapping(schema.get("properties"))),
            required=frozenset(r for r in schema.get("required") or () if isinstance(r, str)),
            items=schema.get("items"),
            additional=schema.get("additionalProperties"),
            discriminator=(
                discriminator.get("propertyName")
                if isinstance(discriminator, Mapping)
                and isinstance(discriminator.get("propertyName"), str)
                else None
            ),
            mapping=dict(
                _mapping(discriminator.get("mapping")) if isinstance(discriminator, Mapping) else {}
            ),
            max_length=_int(schema.get("maxLength")),
            min_length=_int(schema.get("minLength")),
            max_items=_int(schema.get("maxItems")),
            min_items=_int(schema.get("minItems")),
            maximum=_bound(schema, "maximum", "exclusiveMaximum", upper=True),
            minimum=_bound(schema, "minimum", "exclusiveMinimum", upper=False),
            pattern=schema.get("pattern") if isinstance(schema.get("pattern"), str) else None,
            read_only=schema.get("readOnly") is True,
            write_only=schema.get("writeOnly") is True,
            content_schema=schema.get("contentSchema"),
            content_media_type=_str(schema.get("contentMediaType")),
            content_encoding=_str(schema.get("contentEncoding")),
            format=schema.get("format") if isinstance(schema.get("format"), str) else None,
            default=(schema["default"],) if "default" in schema else None,
            deprecated=schema.get("deprecated") is True,
            stability=_str(schema.get("x-stability-level")),
            extensible_enum=(
                tuple(schema["x-extensible-enum"])
                if isinstance(schema.get("x-extensible-enum"), list)
                else None
            ),
            all_of=tuple(
                name for name in map(_member_name, schema.get("allOf") or ()) if name is not None
            ),
            keywords=_keywords(schema),
        )
        for keyword in ("oneOf", "anyOf"):
            members = schema.get(keyword)
            if isinstance(members, list) and members:
                view = merge_views(view, self._union(members, raw))
        for member in schema.get("allOf") or ():
            view = merge_views(view, self.view(member))
        if schema.get("nullable") is True and not view.nullable:
            # The OpenAPI 3.0 idiom for a nullable $ref, `{nullable: true, allOf: [$ref]}`, means
            # "this, or null" to every 3.0 tool, though a strict reading of allOf would say no.
            view = replace(view, nullable=True)
        return view

    def _union(self, members: list[Any], raw: Any) -> SchemaView:
        """A ``oneOf``/``anyOf``: null members make it nullable; one other member is the schema."""
        others = []
        has_null = False
        for member in members:
            member_view = self.view(member)
            if member_view.types == frozenset() and member_view.nullable:
                has_null = True
            else:
                others.append((member, member_view))
        if not others:
            return SchemaView(raw=raw, types=frozenset(), nullable=True)
        if len(others) == 1:
            single = others[0][1]
            return replace(single, raw=raw, nullable=True) if has_null else single
        types: frozenset[str] | None = frozenset()
        for _, member_view in others:
            types = (
                None if types is None or member_view.types is None else types | member_view.types
            )
        flags = {member_view.nullable for _, member_view in others}
        nullable = True if has_null or True in flags else (False if flags == {False} else None)
        return SchemaView(
            raw=raw,
            types=types,
            nullable=nullable,
            variants=tuple(member for member, _ in others),
        )


def merge_views(a: SchemaView, b: SchemaView) -> SchemaView:
    """Both at once (``allOf``): the intersection of what each accepts."""
    properties = dict(a.properties)
    for name, schema in b.properties.items():
        properties[name] = {"allOf": [properties[name], schema]} if name in properties else schema
    if a.additional is False or b.additional is False:
        additional: Any = False
    elif a.additional is not None and b.additional is not None:
        additional = {"allOf": [a.additional, b.additional]}
    else:
        additional = a.additional if a.additional is not None else b.additional
    return SchemaView(
        raw=a.raw,
        ref=a.ref,
        types=_intersect(a.types, b.types),
        nullable=_both_nullable(a.nullable, b.nullable),
        enum=_intersect_enum(a.enum, b.enum),
        properties=properties,
        required=a.required | b.required,
        items=(
            {"allOf": [a.items, b.items]}
            if a.items is not None and b.items is not None
            else (a.items if a.items is not None else b.items)
        ),
        additional=additional,
        variants=a.variants or b.variants,
        discriminator=a.discriminator or b.discriminator,
        mapping=a.mapping or b.mapping,
        max_length=_pick(min, a.max_length, b.max_length),
        min_length=_pick(max, a.min_length, b.min_length),
        max_items=_pick(min, a.max_items, b.max_items),
        min_items=_pick(max, a.min_items, b.min_items),
        maximum=_tighter(a.maximum, b.maximum, upper=True),
        minimum=_tighter(a.minimum, b.minimum, upper=False),
        pattern=a.pattern or b.pattern,
        read_only=a.read_only or b.read_only,
        write_only=a.write_only or b.write_only,
        content_schema=a.content_schema if a.content_schema is not None else b.content_schema,
        content_media_type=a.content_media_type or b.content_media_type,
        content_encoding=a.content_encoding or b.content_encoding,
        format=a.format or b.format,
        default=a.default if a.default is not None else b.default,
        deprecated=a.deprecated or b.deprecated,
        stability=a.stability or b.stability,
        extensible_enum=a.extensible_enum if a.extensible_enum is not None else b.extensible_enum,
        all_of=a.all_of,
        components=a.components | b.components,
        keywords=_merge_keywords(a.keywords, b.keywords),
    )


def _member_name(member: Any) -> str | None:
    """The component an ``allOf`` member names; ``None`` for an inline member."""
    ref = member.get("$ref") if isinstance(member, Mapping) else None
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _keywords(schema: Mapping[str, Any]) -> dict[str, str]:
    found = {}
    for family, names in KEYWORD_FAMILIES.items():
        present = {name: schema[name] for name in names if name in schema}
        if present:
            found[family] = canonical(present)
    return found


def _merge_keywords(a: Mapping[str, str], b: Mapping[str, str]) -> Mapping[str, str]:
    if not b:
        return a
    if not a:
        return b
    merged = dict(a)
    for family, value in b.items():
        merged[family] = value if family not in merged else f"[{merged[family]},{value}]"
    return merged


_ANNOTATIONS = frozenset(
    {"description", "title", "summary", "example", "examples", "deprecated", "default", "$comment"}
)


def _has_keywords(schema: Mapping[str, Any]) -> bool:
    return any(key not in _ANNOTATIONS and not key.startswith("x-") for key in schema)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _number(value: Any) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _types(schema: Mapping[str, Any]) -> tuple[frozenset[str] | None, bool | None]:
    declared = schema.get("type")
    nullable_30 = schema.get("nullable") is True
    if isinstance(declared, str):
        declared = [declared]
    if not isinstance(declared, list):
        return None, (True if nullable_30 else None)
    names = {name for name in declared if isinstance(name, str)}
    return frozenset(names - {"null"}), "null" in names or nullable_30


def _enum(schema: Mapping[str, Any]) -> tuple[tuple[Any, ...], bool] | None:
    if "const" in schema:
        values = [schema["const"]]
    elif isinstance(schema.get("enum"), list):
        values = list(schema["enum"])
    else:
        return None
    return tuple(v for v in values if v is not None), any(v is None for v in values)


def _bound(
    schema: Mapping[str, Any], inclusive: str, exclusive: str, *, upper: bool
) -> Bound | None:
    found: Bound | None = None
    value = _number(schema.get(inclusive))
    flag = schema.get(exclusive)
    if value is not None:
        found = Bound(value, exclusive=flag is True)  # 3.0: exclusiveMaximum: true
    number = _number(flag)
    if number is not None:  # 3.1: exclusiveMaximum: 5
        found = _tighter(found, Bound(number, exclusive=True), upper=upper)
    return found


def _tighter(a: Bound | None, b: Bound | None, *, upper: bool) -> Bound | None:
    if a is None or b is None:
        return a if b is None else b
    if upper:
        return b if b.tighter_upper(a) else a
    return b if b.tighter_lower(a) else a


def _pick(choose: Any, a: int | None, b: int | None) -> int | None:
    if a is None or b is None:
        return a if b is None else b
    picked: int = choose(a, b)
    return picked


def _intersect(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is None or b is None:
        return a if b is None else b
    both = a & b
    if ("integer" in a and "number" in b) or ("integer" in b and "number" in a):
        both |= {"integer"}
    return both


def _both_nullable(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    if a is None and b is None:
        return None
    return True


def _intersect_enum(a: tuple[Any, ...] | None, b: tuple[Any, ...] | None) -> tuple[Any, ...] | None:
    if a is None or b is None:
        return a if b is None else b
    keys = {canonical(value) for value in b}
    return tuple(value for value in a if canonical(value) in keys)
