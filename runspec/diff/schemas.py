"""Compares two schemas, old and new, in the direction their data flows.

In a request the client writes and the server reads: a change breaks when the new schema rejects a
value the old one accepted (a type, an enum value, a looser limit, null, a property left out). In a
response it is the other way round: a change breaks when the new schema allows a value the old
one ruled out (a new type, null, a missing property). The walk goes down properties, ``items``,
``additionalProperties`` and ``oneOf``/``anyOf`` alternatives of both documents in parallel and
stops where a pair of schemas is already being compared further up, so recursive schemas end.

Paths read like the data: ``thread.messages[].role``, ``metadata.*``, and ``tools[]<function>``
for the alternative of a union whose discriminator (or type) is ``function``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from runspec.diff.lifecycle import stability_change
from runspec.diff.record import Recorder, Where
from runspec.diff.resolve import Resolver, SchemaView, canonical, merge_views

__all__ = ["SchemaComparer"]

_MAX_DEPTH = 64


@dataclass(frozen=True)
class _Origin:
    """The component a schema was reached through, and the path inside it."""

    ref: str
    path: str = ""

    def child(self, segment: str) -> _Origin:
        return _Origin(self.ref, _join(self.path, segment))

    def __str__(self) -> str:
        return f"{self.ref}:{self.path}"


def _join(path: str, segment: str) -> str:
    if segment.startswith(("[", "<", ".")) or not path:
        return f"{path}{segment}"
    return f"{path}.{segment}"


def _types_text(types: frozenset[str] | None) -> str:
    return "any" if types is None else " | ".join(sorted(types)) or "null"


def _covers(wide: frozenset[str] | None, narrow: frozenset[str] | None) -> bool:
    """Whether every value of type ``narrow`` is also of type ``wide`` (integer is a number)."""
    if wide is None:
        return True
    if narrow is None:
        return False
    return all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


def _may_be(view: SchemaView, json_type: str) -> bool:
    return view.types is None or json_type in view.types


def _values(values: Sequence[Any]) -> str:
    return ", ".join(f"`{canonical(v)}`" if not isinstance(v, str) else f"`{v}`" for v in values)


class SchemaComparer:
    """Walks an old and a new schema in parallel and records every difference that matters."""

    memoize = True
    """Compare a pair of components once and replay the result where it is used again (a tenth
    of the time on the spec, where every stream event reuses the run's schemas); tests turn it
    off to check that the result is the same."""

    def __init__(self, old: Resolver, new: Resolver, recorder: Recorder) -> None:
        self.old = old
        self.new = new
        self.recorder = recorder
        self._stack: set[tuple[int, int]] = set()
        self._alive: list[tuple[Any, Any]] = []
        """Every view compared so far: kept alive so that their ids stay unique."""
        self._memo: dict[tuple[int, int, str, str, bool], list[tuple[str, str, str, str | None]]]
        self._memo = {}
        self._cuts = 0

    def compare(self, old: Any, new: Any, at: Where, *, path: str = "", body: bool = False) -> None:
        """Compare two raw schemas (``None`` for "accepts anything") found at ``at``; ``body``:
        they are the whole body of a request or a response."""
        if body:
            self._wrapped(old, new, at)
        self._walk(old, new, at, path, None, depth=0, check_null=True)

    def _wrapped(self, old: Any, new: Any, at: Where) -> None:
        """A body that became a ``oneOf`` of alternatives."""
        o, n = self.old.view(old), self.new.view(new)
        if o.variants or not n.variants:
            return
        raw = n.raw if isinstance(n.raw, dict) else {}
        if not isinstance(raw.get("oneOf"), list):
            return
        side = "request" if at.side == "request" else "response"
        self.recorder.add(
            f"{side}-body-wrapped-in-one-of", at, f"wrapped in a oneOf of {len(n.variants)}"
        )

    # ---- the walk ------------------------------------------------------------------------------
    def _walk(
        self,
        old: Any,
        new: Any,
        at: Where,
        path: str,
        origin: _Origin | None,
        *,
        depth: int,
        check_null: bool,
    ) -> None:
        o = old if isinstance(old, SchemaView) else self.old.view(old)
        n = new if isinstance(new, SchemaView) else self.new.view(new)
        ref = n.ref or o.ref
        if ref is not None and (origin is None or origin.ref != ref or origin.path):
            origin = _Origin(ref)
        key = (id(o.raw), id(n.raw))
        if key in self._stack or depth > _MAX_DEPTH:
            self._cuts += 1
            return
        # A pair reached through a $ref is the same comparison wherever it is used (its origin
        # does not depend on the caller): compare it once, then replay what it found.
        memo_key = (
            (id(o), id(n), at.side, at.prefix, check_null)
            if ref is not None and self.memoize
            else None
        )
        found = self._memo.get(memo_key) if memo_key is not None else None
        if found is not None:
            self._replay(found, at, path)
            return
        self._stack.add(key)
        self._alive.append((o, n))
        start, cuts = len(self.recorder.changes), self._cuts
        try:
            self._node(o, n, at, path, origin, depth=depth, check_null=check_null)
        finally:
            self._stack.discard(key)
        if memo_key is not None and self._cuts == cuts:  # a walk cut short by a cycle: not reusable
            self._memo[memo_key] = [
                (c.rule, c.path[len(path) :], c.message, c.origin)
                for c in self.recorder.changes[start:]
            ]

    def _replay(self, found: list[tuple[str, str, str, str | None]], at: Where, path: str) -> None:
        for rule, relative, message, origin in found:
            relative = relative[1:] if relative.startswith(".") else relative
            self.recorder.add(
                rule, at, message, path=_join(path, relative) if relative else path, origin=origin
            )

    def _node(
        self,
        o: SchemaView,
        n: SchemaView,
        at: Where,
        path: str,
        origin: _Origin | None,
        *,
        depth: int,
        check_null: bool,
    ) -> None:
        emit = self._emitter(at, path, origin)
        if check_null:
            self._nullability(o, n, at, emit)
        self._discriminator(o, n, at, emit)
        self._all_of(o, n, at, emit)
        if o.variants or n.variants:
            self._variants(o, n, at, path, origin, depth=depth)
            return
        if not self._types(o, n, at, emit):
            return
        self._enum(o, n, at, emit)
        self._extensible_enum(o, n, at, emit)
        self._format(o, n, at, emit)
        self._keywords(o, n, at, emit)
        if at.side == "request":
            self._limits(o, n, at, emit)
            self._default(o, n, at, emit)
        else:
            self._response_limits(o, n, emit)
        if _may_be(o, "object") and _may_be(n, "object"):
            self._properties(o, n, at, path, origin, depth=depth)
            if isinstance(o.additional, dict) and isinstance(n.additional, dict):
                self._child(o.additional, n.additional, at, path, origin, ".*", depth)
        if _may_be(o, "array") and _may_be(n, "array") and (o.items or n.items) is not None:
            self._child(o.items, n.items, at, path, origin, "[]", depth)
        self._content(o, n, at, path, origin, depth=depth)

    def _child(
        self,
        old: Any,
        new: Any,
        at: Where,
        path: str,
        origin: _Origin | None,
        segment: str,
        depth: int,
        *,
        check_null: bool = True,
    ) -> None:
        self._walk(
            old,
            new,
            at,
            _join(path, segment),
            origin.child(segment) if origin else None,
            depth=depth + 1,
            check_null=check_null,
        )

    def _emitter(self, at: Where, path: str, origin: _Origin | None) -> Callable[[str, str], None]:
        def emit(rule: str, message: str) -> None:
            self.recorder.add(rule, at, message, path=path, origin=str(origin) if origin else None)

        return emit

    # ---- one keyword family each ---------------------------------------------------------------
    def _nullability(
        self, o: SchemaView, n: SchemaView, at: Where, emit: Callable[[str, str], None]
    ) -> None:
        if o.nullable is None or n.nullable is None or o.nullable == n.nullable:
            return
        if at.side == "request":
            if o.nullable:
                emit(f"{at.prefix}-became-not-nullable", "no longer accepts null")
            else:
                emit(f"{at.prefix}-became-nullable", "accepts null")
        elif n.nullable:
            emit("response-property-became-nullable", "may now be null")
        else:
            emit("response-property-became-not-nullable", "is never null now")

    def _types(
        self, o: SchemaView, n: SchemaView, at: Where, emit: Callable[[str, str], None]
    ) -> bool:
        """Report a type change; whether the two are alike enough to compare further."""
        if o.types == n.types:
            return True
        change = f"type changed from `{_types_text(o.types)}` to `{_types_text(n.types)}`"
        if at.side == "request":
            if _covers(n.types, o.types):
                emit(f"{at.prefix}-type-generalized", change)
            else:
                emit(f"{at.prefix}-type-changed", change)
        elif _covers(o.types, n.types):
            emit("response-property-type-specialized", change)
        else:
            emit("response-property-type-changed", change)
        return o.types is None or n.types is None or bool(_overlap(o.types, n.types))

    def _enum(
        self, o: SchemaView, n: SchemaView, at: Where, emit: Callable[[str, str], None]
    ) -> None:
        if o.enum is None and n.enum is None:
            return
        old_keys = {canonical(v): v for v in o.enum or ()}
        new_keys = {canonical(v): v for v in n.enum or ()}
        if n.enum is None:  # no longer restricted
            if at.side == "response":
                emit("response-property-enum-value-added", "no longer restricted to an enum")
            else:
                emit(f"{at.prefix}-enum-value-added", "accepts any value, not only an enum")
            return
        if o.enum is None:  # newly restricted
            listed = _values(list(new_keys.values()))
            if at.side == "request":
                emit(f"{at.prefix}-enum-value-removed", f"now restricted to {listed}")
            else:
                emit("response-property-enum-value-removed", f"now restricted to {listed}")
            return
        removed = [v for k, v in old_keys.items() if k not in new_keys]
        added = [v for k, v in new_keys.items() if k not in old_keys]
        plural = "s" if len(removed) > 1 else ""
        if removed and at.side == "request":
            emit(
                f"{at.prefix}-enum-value-removed", f"enum value{plural} {_values(removed)} removed"
            )
        elif removed:
            emit(
                "response-property-enum-value-removed",
                f"enum value{plural} {_values(removed)} removed",
            )
        plural = "s" if len(added) > 1 else ""
        if added and at.side == "request":
            emit(f"{at.prefix}-enum-value-added", f"enum value{plural} {_values(added)} added")
        elif added:
            emit("response-property-enum-value-added", f"enum value{plural} {_values(added)} added")

    def _limits(
        self, o: SchemaView, n: SchemaView, at: Where, emit: Callable[[str, str], None]
    ) -> None:
        """Request-side limits that reject more than before."""
        for rule, keyword, before, after, lower_is_tighter in (
            ("max-length-decreased", "maxLength", o.max_length, n.max_length, True),
            ("max-items-decreased", "maxItems", o.max_items, n.max_items, True),
            ("min-length-increased", "minLength", o.min_length, n.min_length, False),
            ("min-items-increased", "minItems", o.min_items, n.min_items, False),
        ):
            if after is None or before == after:
                continue
            if before is None or (after < before if lower_is_tighter else after > before):
                was = "unset" if before is None else str(before)
                emit(f"{at.prefix}-{rule}", f"{keyword} changed from {was} to {after}")
        if n.maximum is not None and (o.maximum is None or n.maximum.tighter_upper(o.maximum)):
            was = "unset" if o.maximum is None else str(o.maximum)
            emit(f"{at.prefix}-max-decreased", f"maximum changed from {was} to {n.maximum}")
        if n.minimum is not None and (o.minimum is None or n.minimum.tighter_lower(o.minimum)):
            was = "unset" if o.minimum is None else str(o.minimum)
            emit(f"{at.prefix}-min-increased", f"minimum changed from {was} to {n.minimum}")
        if n.pattern != o.pattern:
            if o.pattern is None:
                emit(f"{at.prefix}-pattern-added", f"must match `{n.pattern}`")
            elif n.pattern is None:
                emit(f"{at.prefix}-pattern-removed", f"no longer has to match `{o.pattern}`")
            else:
                emit(
                    f"{at.prefix}-pattern-changed",
                    f"pattern changed from `{o.pattern}` to `{n.pattern}`",
                )

    def _response_limits(
        self, o: SchemaView, n: SchemaView, emit: Callable[[str, str], None]
    ) -> None:
        """Response-side limits that let through more than before."""
        for rule, keyword, before, after, upper in (
            ("max-length-increased", "maxLength", o.max_length, n.max_length, True),
            ("max-items-increased", "maxItems", o.max_items, n.max_items, True),
            ("min-length-decreased", "minLength", o.min_length, n.min_length, False),
            ("min-items-decreased", "minItems", o.min_items, n.min_items, False),
        ):
            if before is None or before == after:
                continue
            if after is None:
                unset = {"maxLength": "max-length-unset", "minItems": "min-items-unset"}
                emit(f"response-property-{unset.get(keyword, rule)}", f"{keyword} {before} removed")
            elif after > before if upper else after < before:
                emit(f"response-property-{rule}", f"{keyword} changed from {before} to {after}")
        if o.maximum is not None and (n.maximum is None or o.maximum.tighter_upper(n.maximum)):
            now = "unset" if n.maximum is None else str(n.maximum)
            emit("response-property-max-increased", f"maximum changed from {o.maximum} to {now}")
        if o.minimum is not None and (n.minimum is None or o.minimum.tighter_lower(n.minimum)):
            now = "unset" if n.minimum is None else str(n.minimum)
            emit("response-property-min-decreased", f"minimum changed from {o.minimum} to {now}")
        if n.pattern != o.pattern:
            if o.pattern is None:
                emit("response-property-pattern-added", f"matches `{n.pattern}`")
            elif n.pattern is None:
                emit("response-property-pattern-removed", f"no longer matches `{o.pattern}`")
            else:
                emit(
                    "response-property-pattern-changed",
                    f"pattern changed from `{o.pattern}` to `{n.pattern}`",
                )

    def _format(
        self, o: SchemaView, n: SchemaView, at: Where, emit: Callable[[str, str], None]
    ) -> None:
        if o.format == n.format:
            return
        change = f"format changed from `{o.format or 'none'}` to `{n.format or 'none'}`"
        if at.side == "request":
            wider = n.format is None or (o.format, n.format) in _WIDER_FORMATS
            emit(f"{at.prefix}-format-{'generalized' if wider else 'changed'}", change)
        else:
            narrower = o.format is None or (n.format, o.format) in _WIDER_FORMATS
            emit(f"response-property-format-{'specialized' if narrower else 'changed'}", change)

    def _extensible_enum(
        self, o: SchemaView, n: SchemaView, at: Where, emit: Callable[[str, str], None]
    ) -> None:
        before = {canonical(v): v for v in o.extensible_enum or ()}
        after = {canonical(v): v for v in n.extensible_enum or ()}
        removed = [v for k, v in before.items() if k not in after]
        added = [v for k, v in after.items() if k not in before]
        prefix = at.prefix if at.side == "request" else "response-property"
        if removed:
            emit(f"{prefix}-x-extensible-enum-value-removed", f"{_values(removed)} removed")
        if added:
            emit(f"{prefix}-x-extensible-enum-value-added", f"{_values(added)} added")

    def _keywords(
        self, o: SchemaView, n: SchemaView, at: Where, emit: Callable[[str, str], None]
    ) -> None:
        """JSON Schema 2020-12 keywords, compared as written."""
        prefix = at.prefix if at.side == "request" else "response-property"
        for family in dict.fromkeys([*o.keywords, *n.keywords]):
            before, after = o.keywords.get(family), n.keywords.get(family)
            if before == after:
                continue
            action = "added" if before is None else "removed" if after is None else "changed"
            emit(f"{prefix}-{family}-{action}", f"`{family}` {action}")

    def _default(
        self, o: SchemaView, n: SchemaView, at: Where, emit: Callable[[str, str], None]
    ) -> None:
        if o.default == n.default:
            return
        if o.default is None and n.default is not None:
            emit(f"{at.prefix}-default-value-added", f"default `{canonical(n.default[0])}` added")
        elif n.default is None and o.default is not None:
            emit(
                f"{at.prefix}-default-value-removed", f"default `{canonical(o.default[0])}` removed"
            )
        elif o.default is not None and n.default is not None:
            was, now = canonical(o.default[0]), canonical(n.default[0])
            if was != now:
                emit(
                    f"{at.prefix}-default-value-changed", f"default changed from `{was}` to `{now}`"
                )

    def _discriminator(
        self, o: SchemaView, n: SchemaView, at: Where, emit: Callable[[str, str], None]
    ) -> None:
        if o.discriminator is None and n.discriminator is None:
            return
        p = f"{at.side}-property"
        if o.discriminator is None:
            emit(f"{p}-discriminator-added", f"discriminator `{n.discriminator}` added")
            return
        if n.discriminator is None:
            emit(f"{p}-discriminator-removed", f"discriminator `{o.discriminator}` removed")
            return
        if o.discriminator != n.discriminator:
            emit(
                f"{p}-discriminator-property-name-changed",
                f"discriminator changed from `{o.discriminator}` to `{n.discriminator}`",
            )
        before = {tag: str(ref).rsplit("/", 1)[-1] for tag, ref in o.mapping.items()}
        after = {tag: str(ref).rsplit("/", 1)[-1] for tag, ref in n.mapping.items()}
        for tag, target in before.items():
            if tag not in after:
                emit(f"{p}-discriminator-mapping-deleted", f"mapping `{tag}` removed")
            elif after[tag] != target:
                emit(
                    f"{p}-discriminator-mapping-changed",
                    f"`{tag}` maps to `{after[tag]}` instead of `{target}`",
                )
        for tag in after:
            if tag not in before:
                emit(f"{p}-discriminator-mapping-added", f"mapping `{tag}` added")

    def _all_of(
        self, o: SchemaView, n: SchemaView, at: Where, emit: Callable[[str, str], None]
    ) -> None:
        if o.all_of == n.all_of:
            return
        p = f"{at.side}-property"
        for name in n.all_of:  # a member the old schema already was (or merged) is no news
            if name not in o.all_of and name not in o.components:
                emit(f"{p}-all-of-added", f"allOf member `{name}` added")
        for name in o.all_of:
            if name not in n.all_of and name not in n.components:
                emit(f"{p}-all-of-removed", f"allOf member `{name}` removed")

    def _properties(
        self,
        o: SchemaView,
        n: SchemaView,
        at: Where,
        path: str,
        origin: _Origin | None,
        *,
        depth: int,
    ) -> None:
        names = dict.fromkeys([*n.properties, *n.required, *o.properties, *o.required])
        request = at.side == "request"
        for name in names:
            in_old = name in o.properties or name in o.required
            in_new = name in n.properties or name in n.required
            child_path = _join(path, name)
            child_origin = origin.child(name) if origin else None

            emit = self._emitter(at, child_path, child_origin)
            old_view = self.old.view(o.properties.get(name)) if in_old else None
            new_view = self.new.view(n.properties.get(name)) if in_new else None
            if old_view is not None and new_view is not None:
                if self._visibility(old_view, new_view, name in n.required, at, emit):
                    continue
                self._deprecation(old_view, new_view, at, emit)
            if request and any(v is not None and v.read_only for v in (old_view, new_view)):
                continue
            if not request and any(v is not None and v.write_only for v in (old_view, new_view)):
                continue
            if not in_old:
                if not request:
                    emit("response-property-added", "added")
                elif name in n.required:
                    emit("new-required-request-property", "added as required")
                else:
                    emit("new-optional-request-property", "added (optional)")
                continue
            if not in_new:
                if request:
                    emit("request-property-removed", "removed")
                elif name in o.required:
                    emit("response-required-property-removed", "required property removed")
                else:
                    emit("response-optional-property-removed", "optional property removed")
                continue
            was_required, is_required = name in o.required, name in n.required
            if was_required != is_required:
                if request and is_required:
                    emit("request-property-became-required", "became required")
                elif request:
                    emit("request-property-became-optional", "became optional")
                elif is_required:
                    emit("response-property-became-required", "became required")
                else:
                    emit("response-property-became-optional", "became optional")
            assert old_view is not None
            assert new_view is not None
            self._child(old_view, new_view, at, path, origin, name, depth)

    def _content(
        self,
        o: SchemaView,
        n: SchemaView,
        at: Where,
        path: str,
        origin: _Origin | None,
        *,
        depth: int,
    ) -> None:
        """A string that carries a document (``contentMediaType``/``contentEncoding``), and the
        schema of that document (``contentSchema``), compared like the schema of a value."""
        emit = self._emitter(at, path, origin)
        prefix = at.prefix if at.side == "request" else "response-property"
        for keyword, before, after in (
            ("media-type", o.content_media_type, n.content_media_type),
            ("encoding", o.content_encoding, n.content_encoding),
        ):
            if before != after:
                emit(
                    f"{prefix}-content-{keyword}-changed",
                    f"content {keyword} changed from `{before or 'none'}` to `{after or 'none'}`",
                )
        if o.content_schema is None and n.content_schema is None:
            return
        if o.content_schema is None:
            emit(f"{prefix}-content-schema-added", "the content must match a schema now")
        elif n.content_schema is None:
            emit(f"{prefix}-content-schema-removed", "the content no longer has a schema")
        else:
            self._child(o.content_schema, n.content_schema, at, path, origin, "<content>", depth)

    def _visibility(
        self,
        o: SchemaView,
        n: SchemaView,
        required: bool,
        at: Where,
        emit: Callable[[str, str], None],
    ) -> bool:
        """readOnly (requests) and writeOnly (responses) transitions; whether one was found."""
        if at.side == "request":
            if n.read_only and not o.read_only:
                emit("request-property-became-read-only", "became readOnly")
            elif o.read_only and not n.read_only:
                kind = "required" if required else "optional"
                emit(f"request-{kind}-property-became-not-read-only", "no longer readOnly")
            else:
                return False
            return True
        if n.write_only and not o.write_only:
            kind = "required" if required else "optional"
            emit(f"response-{kind}-property-became-write-only", "became writeOnly")
        elif o.write_only and not n.write_only:
            emit("response-property-became-not-write-only", "no longer writeOnly")
        else:
            return False
        return True

    def _deprecation(
        self, o: SchemaView, n: SchemaView, at: Where, emit: Callable[[str, str], None]
    ) -> None:
        if n.deprecated and not o.deprecated:
            emit(f"{at.side}-property-deprecated", "deprecated")
        elif o.deprecated and not n.deprecated:
            emit(f"{at.side}-property-reactivated", "no longer deprecated")
        change = stability_change(o.stability, n.stability)
        if change is not None:
            direction, message = change
            emit(f"{at.side}-property-stability-{direction}", message)

    # ---- oneOf / anyOf -------------------------------------------------------------------------
    def _variants(
        self,
        o: SchemaView,
        n: SchemaView,
        at: Where,
        path: str,
        origin: _Origin | None,
        *,
        depth: int,
    ) -> None:
        """Match the alternatives of two unions (a plain schema is a union of one) and compare."""
        old_alts = _alternatives(self.old, o)
        new_alts = _alternatives(self.new, n)
        old_keys, new_keys = _keys(self.old, old_alts, self.new, new_alts, o, n)
        emit = self._emitter(at, path, origin)
        request = at.side == "request"
        for key, view in zip(old_keys, old_alts, strict=True):
            if key not in new_keys:
                if request:
                    emit(f"{at.prefix}-variant-removed", f"alternative `{key}` removed")
                else:
                    emit("response-property-variant-removed", f"alternative `{key}` removed")
                continue
            match = new_alts[new_keys.index(key)]
            self._child(view, match, at, path, origin, f"<{key}>", depth, check_null=False)
        for key in new_keys:
            if key not in old_keys:
                if request:
                    emit(f"{at.prefix}-variant-added", f"alternative `{key}` added")
                else:
                    emit(
                        "response-property-variant-added",
                        f"alternative `{key}` added; clients may not know it",
                    )


_WIDER_FORMATS = frozenset({("int32", "int64"), ("float", "double"), ("int32", "double")})
"""(narrow, wide) pairs of formats where every value of the first is a value of the second."""


def _overlap(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    both = a & b
    if ("integer" in a and "number" in b) or ("integer" in b and "number" in a):
        both |= {"integer"}
    return both


def _alternatives(resolver: Resolver, view: SchemaView) -> list[SchemaView]:
    """Each alternative with what the union's own keywords add to it (``allOf`` semantics)."""
    if not view.variants:
        return [view]
    shared = replace(view, variants=(), nullable=None)
    merged = []
    for variant in view.variants:
        alt = resolver.view(variant)
        merged.append(_with_shared(shared, alt))
    return merged


def _with_shared(shared: SchemaView, alt: SchemaView) -> SchemaView:
    combined = merge_views(replace(alt, nullable=None), shared)
    # The union's discriminator picks the alternative; it is not the alternative's own.
    return replace(
        combined,
        raw=alt.raw,
        ref=alt.ref,
        nullable=None,
        discriminator=alt.discriminator,
        mapping=alt.mapping,
    )


_KeyOf = Callable[[Resolver, SchemaView, SchemaView], str | None]


def _keys(
    old_resolver: Resolver,
    old: list[SchemaView],
    new_resolver: Resolver,
    new: list[SchemaView],
    o: SchemaView,
    n: SchemaView,
) -> tuple[list[str], list[str]]:
    """Names for the alternatives of both sides, by the first way that names each one uniquely:
    the discriminator (or a property that is a ``const`` in every alternative), the JSON type,
    the component name, and last the position."""
    strategies: list[_KeyOf] = [
        _by_tag(tag) for tag in _tag_properties(old_resolver, old, new_resolver, new, o, n)
    ]
    strategies.append(lambda _r, _u, v: None if v.types is None else _types_text(v.types))
    strategies.append(lambda _r, _u, v: v.ref.rsplit("/", 1)[-1] if v.ref else None)
    for key_of in strategies:
        old_keys = [key_of(old_resolver, o, v) for v in old]
        new_keys = [key_of(new_resolver, n, v) for v in new]
        if _unique(old_keys) and _unique(new_keys):
            return [k for k in old_keys if k], [k for k in new_keys if k]
    return [f"#{i}" for i in range(len(old))], [f"#{i}" for i in range(len(new))]


def _by_tag(tag: str) -> _KeyOf:
    def key_of(resolver: Resolver, union: SchemaView, alt: SchemaView) -> str | None:
        value = _tag_value(resolver, alt, tag)
        if value is None and tag == union.discriminator and alt.ref:
            value = next((k for k, ref in union.mapping.items() if ref == alt.ref), None)
        return value

    return key_of


def _unique(keys: list[str | None]) -> bool:
    return all(k is not None for k in keys) and len(set(keys)) == len(keys)


def _tag_properties(
    old_resolver: Resolver,
    old: list[SchemaView],
    new_resolver: Resolver,
    new: list[SchemaView],
    o: SchemaView,
    n: SchemaView,
) -> list[str]:
    tags = [d for d in (n.discriminator, o.discriminator) if d]
    for name in old[0].properties if old else ():
        if name in tags:
            continue
        if all(_tag_value(old_resolver, v, name) for v in old) and all(
            _tag_value(new_resolver, v, name) for v in new
        ):
            tags.append(name)
    return tags


def _tag_value(resolver: Resolver, view: SchemaView, name: str) -> str | None:
    if name not in view.properties:
        return None
    enum = resolver.view(view.properties[name]).enum
    if enum is None or len(enum) != 1:
        return None
    value = enum[0]
    return value if isinstance(value, str) else canonical(value)
