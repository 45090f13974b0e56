"""Request validation against the spec, and OpenAI-style messages for what fails.

Every rule comes from ``openapi/openapi.yaml``: a :class:`SchemaCheck` wraps one schema of the
spec (a request body, a header, a query parameter). Valid input, the common case, is accepted by
a ``jsonschema-rs`` validator compiled once (well under a microsecond for a small body). Only
input it rejects is run through Python ``jsonschema`` over the same document, which is
authoritative: the server reports the errors that validator finds, and accepts what it accepts,
so the two libraries' corner cases (``$`` before a trailing newline, formats) can never make the
server stricter than the spec as the rest of the project reads it. Formats are checked with the
Python checker's own functions in both. The Python walk skips every part of the value (a property,
an item, a ``oneOf`` branch) that the compiled validator of its subschema accepts, so an invalid
request costs what its invalid part costs, not what the whole body does. And it stops early: an
array is searched up to its first rejected item, a map up to its first rejected key or value, a
``oneOf`` branch for at most a few errors, the whole document for at most :data:`_MAX_ERRORS`; no
error quotes the value it is about. So what a body costs does not grow with how wrong it is (the
hosted API, too, names one error): a megabyte of 38,000 bad message parts took 9 s, now 16 ms.

:class:`ErrorMapper` turns the ``jsonschema`` errors into one :class:`ApiError`, by validator
keyword, with the hosted API's wording::

    required              Missing required parameter: 'thread.messages[0].role'.
    type                  Invalid type for 'temperature': expected a decimal, but got a string instead.
    additionalProperties  Unrecognized request argument supplied: foo
    minimum / maximum     Invalid 'temperature': decimal above maximum value. Expected a value <= 2, ...
    enum / const          Invalid value: 'system'. Supported values are: 'user' and 'assistant'.

``oneOf``/``anyOf`` are resolved the way a reader would: by the ``discriminator`` when the spec
gives one, else by the JSON type of the value, and then the error inside the chosen branch is
reported. When a body has several errors, unrecognised arguments come first, then missing ones,
then wrong types, then the rest; shallower before deeper.
"""

from __future__ import annotations

import heapq
import itertools
import json
import reprlib
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import quote

import jsonschema_rs
import referencing
import referencing.jsonschema
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from runspec.server.errors import ApiError
from runspec.spec import SpecSchemas, resolve_pointer

__all__ = ["ErrorMapper", "SchemaCheck", "json_type", "param_path"]

# How many errors of one invalid document are ranked, and how many of one branch of a oneOf or
# anyOf: enough for a useful choice, bounded so that how wrong a body is cannot make its search
# longer (arrays and maps, whatever their size, are searched up to their first rejected entry).
_MAX_ERRORS = 50
_MAX_BRANCH_ERRORS = 8

# The messages of the union errors this module makes: ErrorMapper words its own, so these never
# quote the instance (jsonschema's would repr a whole, possibly huge, value).
_NO_BRANCH = "the value is not valid under any of the given schemas"
_SEVERAL_BRANCHES = "the value is valid under more than one of the given schemas"
_UNEXPECTED_PROPERTIES = "Additional properties are not allowed"
_BRIEF = reprlib.Repr()  # a repr cut short: "[1, 2, 3, 4, 5, 6, ...]"
# Unrecognised arguments named in one message, at most (the first, in sorted order).
_MAX_NAMED = 20

_TYPE_NAMES = {
    "integer": "an integer",
    "number": "a decimal",
    "string": "a string",
    "boolean": "a boolean",
    "object": "an object",
    "array": "an array",
    "null": "null",
}

# Ranking of error kinds: lower is reported first.
_UNRECOGNIZED, _MISSING, _TYPE, _OTHER = range(4)


def json_type(value: Any) -> str:
    """The JSON type name of a decoded value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def param_path(parts: Iterable[str | int]) -> str:
    """``["thread", "messages", 0, "role"]`` → ``thread.messages[0].role``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out = f"{out}.{part}" if out else part
    return out


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def _listing(items: Sequence[str], conjunction: str) -> str:
    """``a``; ``a and b``; ``a, b, and c``."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {conjunction} {items[1]}"
    return f"{', '.join(items[:-1])}, {conjunction} {items[-1]}"


def _expected_types(types: Sequence[str]) -> str:
    named = [_TYPE_NAMES.get(t, t) for t in types if t != "null"] or ["null"]
    if len(named) == 1:
        return named[0]
    return "one of " + _listing(named, "or")


@dataclass(frozen=True, slots=True)
class _Issue:
    rank: int
    depth: int
    error: ApiError

    def key(self) -> tuple[int, int]:
        return (self.rank, self.depth)


class ErrorMapper:
    """Maps ``jsonschema`` errors over one spec document to OpenAI error answers.

    ``root`` names the path of the validated value in messages: ``()`` for a request body, or a
    parameter name such as ``("include[]",)``.
    """

    def __init__(self, document: Mapping[str, Any], root: Sequence[str | int] = ()) -> None:
        self.document = document
        self.root = tuple(root)
        # _types of a schema, by id, with the schema itself (kept alive, so the id stays its own)
        self._type_cache: dict[int, tuple[Any, list[str] | None]] = {}

    def best(self, errors: Iterable[ValidationError]) -> ApiError | None:
        """The one error to report, or None if there are none."""
        issues = [self._issue(e) for e in itertools.islice(errors, _MAX_ERRORS)]
        if not issues:
            return None
        return min(issues, key=_Issue.key).error

    # ---- one error --------------------------------------------------------------------------

    def _path(self, error: ValidationError, *extra: str | int) -> list[str | int]:
        return [*self.root, *error.absolute_path, *extra]

    def _issue(self, error: ValidationError) -> _Issue:
        keyword = error.validator
        if keyword in ("oneOf", "anyOf"):
            return self._union(error)
        path = self._path(error)
        if keyword == "required":
            return self._missing(error)
        if keyword in ("additionalProperties", "unevaluatedProperties"):
            return self._unrecognized(error)
        if keyword == "type":
            return self._wrong_type(path, error.instance, _schema_types(error.validator_value))
        if "propertyNames" in error.relative_schema_path:
            return self._property_name(error, path)
        return _Issue(_OTHER, len(path), self._other(error, path))

    def _missing(self, error: ValidationError) -> _Issue:
        instance = error.instance if isinstance(error.instance, Mapping) else {}
        missing = next((p for p in error.validator_value if p not in instance), None)
        path = self._path(error) if missing is None else self._path(error, missing)
        message = f"Missing required parameter: '{param_path(path)}'."
        return _Issue(_MISSING, len(path), ApiError(400, message, param=param_path(path) or None))

    def _unrecognized(self, error: ValidationError) -> _Issue:
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        known = schema.get("properties", {})
        instance = error.instance if isinstance(error.instance, Mapping) else {}
        extras = [key for key in instance if key not in known]
        first = heapq.nsmallest(_MAX_NAMED, extras)
        names = [param_path(self._path(error, key)) for key in first] or ["?"]
        if len(extras) > len(first):
            names.append(f"and {len(extras) - len(first)} more")
        noun = "argument" if len(names) == 1 else "arguments"
        message = f"Unrecognized request {noun} supplied: {', '.join(names)}"
        return _Issue(_UNRECOGNIZED, len(self._path(error)), ApiError(400, message))

    def _wrong_type(self, path: list[str | int], value: Any, types: Sequence[str]) -> _Issue:
        got = _TYPE_NAMES[json_type(value)]
        where = f"'{param_path(path)}'" if path else "the request body"
        message = (
            f"Invalid type for {where}: expected {_expected_types(types)}, but got {got} instead."
        )
        param = param_path(path) or None
        return _Issue(_TYPE, len(path), ApiError(400, message, param=param, code="invalid_type"))

    def _property_name(self, error: ValidationError, path: list[str | int]) -> _Issue:
        where = param_path(path)
        key = error.instance
        if error.validator == "maxLength" and isinstance(key, str):
            message = (
                f"Invalid '{where}': key too long. Expected a key with maximum length "
                f"{error.validator_value}, but got a key with length {len(key)} instead."
            )
            code = "string_above_max_length"
        else:
            message = f"Invalid '{where}': invalid key {_show(key)}. {error.message}"
            code = "invalid_value"
        return _Issue(_OTHER, len(path), ApiError(400, message, param=where or None, code=code))

    def _other(self, error: ValidationError, path: list[str | int]) -> ApiError:
        where = param_path(path)
        keyword, limit, value = error.validator, error.validator_value, error.instance
        param = where or None

        def invalid(text: str, code: str) -> ApiError:
            return ApiError(400, f"Invalid '{where}': {text}", param=param, code=code)

        if keyword in ("enum", "const"):
            allowed = [v for v in (limit if keyword == "enum" else [limit]) if v is not None]
            message = (
                f"Invalid value: {_show(value)}. Supported values are: "
                f"{_listing([_show(v) for v in allowed], 'and')}."
            )
            return ApiError(400, message, param=param, code="invalid_value")
        if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            kind = "integer" if "integer" in _schema_types(error.schema.get("type")) else "decimal"
            below = keyword in ("minimum", "exclusiveMinimum")
            sign = {
                "minimum": ">=",
                "maximum": "<=",
                "exclusiveMinimum": ">",
                "exclusiveMaximum": "<",
            }
            side = "below minimum" if below else "above maximum"
            return invalid(
                f"{kind} {side} value. Expected a value {sign[keyword]} {_show(limit)}, "
                f"but got {_show(value)} instead.",
                f"{kind}_{'below_min' if below else 'above_max'}_value",
            )
        if keyword in ("maxItems", "minItems") and isinstance(value, list):
            if keyword == "maxItems":
                return invalid(
                    f"array too long. Expected an array with maximum length {limit}, "
                    f"but got an array with length {len(value)} instead.",
                    "array_above_max_length",
                )
            if not value:
                return invalid(
                    f"empty array. Expected an array with minimum length {limit}, "
                    "but got an empty array instead.",
                    "empty_array",
                )
            return invalid(
                f"array too short. Expected an array with minimum length {limit}, "
                f"but got an array with length {len(value)} instead.",
                "array_below_min_length",
            )
        if keyword in ("maxLength", "minLength") and isinstance(value, str):
            if keyword == "maxLength":
                return invalid(
                    f"string too long. Expected a string with maximum length {limit}, "
                    f"but got a string with length {len(value)} instead.",
                    "string_above_max_length",
                )
            if not value:
                return invalid(
                    f"empty string. Expected a string with minimum length {limit}, "
                    "but got an empty string instead.",
                    "empty_string",
                )
            return invalid(
                f"string too short. Expected a string with minimum length {limit}, "
                f"but got a string with length {len(value)} instead.",
                "string_below_min_length",
            )
        if keyword in ("maxProperties", "minProperties") and isinstance(value, Mapping):
            most = keyword == "maxProperties"
            return invalid(
                f"too {'many' if most else 'few'} properties. Expected an object with at "
                f"{'most' if most else 'least'} {limit} properties, but got an object with "
                f"{len(value)} properties instead.",
                f"object_{'above_max' if most else 'below_min'}_properties",
            )
        if keyword == "pattern":
            return invalid(
                f"string does not match pattern. Expected a string that matches the pattern "
                f"'{limit}'.",
                "invalid_value",
            )
        if keyword == "format":
            return invalid(
                f"string does not match format. Expected a string in '{limit}' format, "
                f"but got {_show(value)} instead.",
                "invalid_value",
            )
        return invalid(f"{error.message}.", "invalid_value")

    # ---- oneOf / anyOf ----------------------------------------------------------------------

    def _union(self, error: ValidationError) -> _Issue:
        branches: Sequence[Any] = error.validator_value
        instance = error.instance
        path = self._path(error)
        by_branch: dict[int, list[ValidationError]] = {}
        for sub in error.context or ():
            by_branch.setdefault(int(sub.relative_schema_path[0]), []).append(sub)

        schema = error.schema if isinstance(error.schema, Mapping) else {}
        discriminator = schema.get("discriminator")
        if isinstance(discriminator, Mapping) and isinstance(instance, Mapping):
            found = self._by_discriminator(discriminator, branches, instance, path, by_branch)
            if found is not None:
                return found

        candidates = [i for i, branch in enumerate(branches) if self._accepts(branch, instance)]
        if not candidates:
            types: list[str] = []
            for branch in branches:
                for t in self._types(branch) or ():
                    if t not in types:
                        types.append(t)
            return self._wrong_type(path, instance, types)
        failing = [i for i in candidates if by_branch.get(i)]
        if len(failing) < len(candidates):
            # Valid against a branch, so the oneOf failed by matching more than one.
            return self._ambiguous(path, [branches[i] for i in candidates], matched_all=True)
        names = _required_only(branches[i] for i in candidates)
        if len(candidates) > 1 and names is not None:
            return self._ambiguous(path, [branches[i] for i in candidates], matched_all=False)
        # The branch whose errors reach deepest into the value got furthest; report from it.
        chosen = max(failing, key=lambda i: max(len(e.absolute_path) for e in by_branch[i]))
        return min((self._issue(e) for e in by_branch[chosen]), key=_Issue.key)

    def _by_discriminator(
        self,
        discriminator: Mapping[str, Any],
        branches: Sequence[Any],
        instance: Mapping[str, Any],
        path: list[str | int],
        by_branch: dict[int, list[ValidationError]],
    ) -> _Issue | None:
        name: str = discriminator["propertyName"]
        mapping: Mapping[str, str] = discriminator.get("mapping", {})
        tag_path = [*path, name]
        where = param_path(tag_path)
        if name not in instance:
            message = f"Missing required parameter: '{where}'."
            return _Issue(_MISSING, len(tag_path), ApiError(400, message, param=where))
        tag = instance[name]
        if not isinstance(tag, str):
            return self._wrong_type(tag_path, tag, ["string"])
        if tag not in mapping:
            allowed = _listing([_show(v) for v in mapping], "and")
            message = f"Invalid value: {_show(tag)}. Supported values are: {allowed}."
            error = ApiError(400, message, param=where, code="invalid_value")
            return _Issue(_OTHER, len(tag_path), error)
        target = mapping[tag]
        for index, branch in enumerate(branches):
            if (
                isinstance(branch, Mapping)
                and branch.get("$ref") == target
                and by_branch.get(index)
            ):
                return min((self._issue(e) for e in by_branch[index]), key=_Issue.key)
        return None

    def _ambiguous(
        self, path: list[str | int], branches: list[Any], *, matched_all: bool
    ) -> _Issue:
        where = param_path(path)
        names = _required_only(branches)
        if names is not None:
            if len(names) == 2:
                got = "both" if matched_all else "neither"
            else:
                got = "more than one" if matched_all else "none"
            listed = _listing([f"'{n}'" for n in names], "or")
            message = f"Invalid '{where}': expected exactly one of {listed}, but got {got}."
            rank = _OTHER if matched_all else _MISSING
        else:
            message = f"Invalid '{where}': the value matches more than one of the allowed shapes."
            rank = _OTHER
        return _Issue(
            rank, len(path), ApiError(400, message, param=where or None, code="invalid_value")
        )

    # ---- which JSON types a schema admits ----------------------------------------------------

    def _accepts(self, schema: Any, value: Any) -> bool:
        types = self._types(schema)
        if types is None:
            return True
        kind = json_type(value)
        if kind == "integer" and "number" in types:
            return True
        if kind == "number" and "integer" in types and float(value).is_integer():
            return True
        return kind in types

    def _types(self, schema: Any) -> list[str] | None:
        """The JSON types ``schema`` admits, in the spec's order; None for any. Do not modify."""
        cached = self._type_cache.get(id(schema))
        if cached is not None and cached[0] is schema:
            return cached[1]
        found = self._find_types(schema)
        self._type_cache[id(schema)] = (schema, found)
        return found

    def _find_types(self, schema: Any, depth: int = 0) -> list[str] | None:
        if not isinstance(schema, Mapping) or depth > 32:
            return None
        found: list[str] | None = None

        def narrow(types: Iterable[str]) -> None:
            nonlocal found
            listed = list(dict.fromkeys(types))
            found = listed if found is None else [t for t in found if t in listed]

        ref = schema.get("$ref")
        if isinstance(ref, str) and "#" in ref:
            target = self._find_types(
                resolve_pointer(self.document, ref[ref.index("#") :]), depth + 1
            )
            if target is not None:
                narrow(target)
        if "type" in schema:
            narrow(_schema_types(schema["type"]))
        if "const" in schema:
            narrow([json_type(schema["const"])])
        if isinstance(schema.get("enum"), list):
            narrow(json_type(v) for v in schema["enum"])
        for keyword in ("oneOf", "anyOf"):
            branches = schema.get(keyword)
            if isinstance(branches, list):
                union: list[str] = []
                for branch in branches:
                    types = self._find_types(branch, depth + 1)
                    if types is None:
                        break
                    union.extend(t for t in types if t not in union)
                else:
                    narrow(union)
        return found


def _schema_types(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for t in value if isinstance(t, str)]
    return []


def _required_only(branches: Iterable[Any]) -> list[str] | None:
    """For ``oneOf: [{required: [a]}, {required: [b]}]`` the names ``[a, b]``; else None."""
    names: list[str] = []
    for branch in branches:
        if not isinstance(branch, Mapping) or set(branch) != {"required"}:
            return None
        names.extend(branch["required"])
    return names


# ---- compiled checks ------------------------------------------------------------------------------

_BASE_URI = "urn:runspec:server:openapi"
_RESOURCE_KEYWORDS = ("$id", "$anchor", "$dynamicAnchor", "$dynamicRef", "$schema")

# A jsonschema keyword function: (validator, keyword value, instance, schema) -> errors.
_Keyword = Callable[[Any, Any, Any, Any], Iterator[ValidationError]]


def _rust_formats() -> dict[str, Callable[[str], bool]]:
    checker = Draft202012Validator.FORMAT_CHECKER
    return {name: partial(checker.conforms, format=name) for name in checker.checkers}


def _schema_pointers(document: Mapping[str, Any]) -> dict[int, tuple[Any, str]]:
    """Every mapping under ``components`` and ``paths``, by ``id``: the object and its pointer."""
    found: dict[int, tuple[Any, str]] = {}
    stack: list[tuple[Any, str]] = [
        (document[key], f"#/{key}") for key in ("components", "paths") if key in document
    ]
    while stack:
        node, pointer = stack.pop()
        if isinstance(node, Mapping):
            found.setdefault(id(node), (node, pointer))
            for key, value in node.items():
                if isinstance(value, (Mapping, list)):
                    escaped = str(key).replace("~", "~0").replace("/", "~1")
                    stack.append((value, f"{pointer}/{escaped}"))
        elif isinstance(node, list):
            stack.extend((value, f"{pointer}/{i}") for i, value in enumerate(node))
    return found


class _SpecValidators:
    """The ``jsonschema-rs`` validator of every schema of one spec document, compiled together,
    and a Python validator that skips whatever they accept.

    The Python validator, which finds the errors to report, descends into a subschema (a property,
    an array item, a ``oneOf`` branch) only when the compiled validator of that subschema rejects
    the value: an accepted part has no errors to find, and skipping it is what makes an invalid
    request cheap (a body whose one bad field sits beside several valid messages no longer walks
    those messages' ``oneOf``s in Python). The errors found, and their order, are those of a full
    walk, so the error reported is the same.
    """

    def __init__(self, document: Mapping[str, Any]) -> None:
        wrapper = {k: document[k] for k in ("components", "paths") if k in document}
        self.compiled = jsonschema_rs.validator_map_for(
            wrapper, validate_formats=True, formats=_rust_formats()
        )
        self._pointers = _schema_pointers(document)
        # $refs into the document resolve by pointer alone when nothing in it sets a base URI
        # or an anchor (the spec has none): no registry lookup per $ref.
        self._local_refs = not any(
            key in node for node, _ in self._pointers.values() for key in _RESOURCE_KEYWORDS
        )
        self._document = document
        self._targets: dict[str, Any] = {}
        self._by_id: dict[int, jsonschema_rs.Validator | None] = {}  # None: not compiled
        resource = referencing.Resource.from_contents(
            document, default_specification=referencing.jsonschema.DRAFT202012
        )
        self._registry: referencing.Registry[Any] = referencing.Registry().with_resource(
            _BASE_URI, resource
        )
        self._cls = validators.extend(Draft202012Validator, validators=self._keywords())

    def python(self, pointer: str) -> Any:
        """The pruning Python validator of the schema at ``pointer``."""
        return self._cls(
            {"$ref": f"{_BASE_URI}{pointer}"},
            registry=self._registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )

    def accepts(self, schema: Any, instance: Any) -> bool:
        """True when ``schema`` is one of the spec's and its compiled validator accepts ``instance``."""
        compiled = self._by_id.get(id(schema))
        if compiled is None:
            found = self._pointers.get(id(schema))
            if found is None or found[0] is not schema:
                return False  # not a schema of the document (the document's own live forever)
            compiled = self._by_id[id(schema)] = self.compiled.get(found[1])
        if compiled is None:
            return False
        try:
            return compiled.is_valid(instance)
        except (ValueError, OverflowError, RecursionError):
            return False  # Something the Rust side cannot represent; the Python validator decides.

    def _keywords(self) -> dict[str, _Keyword]:
        """``jsonschema``'s own keyword functions, each made to skip accepted subschemas."""
        original = Draft202012Validator.VALIDATORS
        accepts = self.accepts

        def properties(
            validator: Any, properties: Any, instance: Any, schema: Any
        ) -> Iterator[ValidationError]:
            if not validator.is_type(instance, "object"):
                return
            for name, subschema in properties.items():
                if name in instance and not accepts(subschema, instance[name]):
                    yield from validator.descend(
                        instance[name], subschema, path=name, schema_path=name
                    )

        def items(
            validator: Any, items: Any, instance: Any, schema: Any
        ) -> Iterator[ValidationError]:
            if not isinstance(items, Mapping):
                yield from original["items"](validator, items, instance, schema)
                return
            if not validator.is_type(instance, "array"):
                return
            for index in range(len(schema.get("prefixItems", [])), len(instance)):
                if not accepts(items, instance[index]):
                    # The first rejected item is the one reported: the search ends here.
                    yield from validator.descend(instance=instance[index], schema=items, path=index)
                    return

        def additional_properties(
            validator: Any, extra: Any, instance: Any, schema: Any
        ) -> Iterator[ValidationError]:
            if extra is False and "patternProperties" not in schema:
                # jsonschema's own sorts and quotes every extra name for its message; the
                # ErrorMapper words its own, from the instance.
                if validator.is_type(instance, "object"):
                    known = schema.get("properties", {})
                    if any(name not in known for name in instance):
                        yield ValidationError(_UNEXPECTED_PROPERTIES)
                return
            if not isinstance(extra, Mapping) or "patternProperties" in schema:
                yield from original["additionalProperties"](validator, extra, instance, schema)
                return
            if not validator.is_type(instance, "object"):
                return
            known = schema.get("properties", {})
            for name in instance:
                if name not in known and not accepts(extra, instance[name]):
                    yield from validator.descend(instance[name], extra, path=name)
                    return

        def type_(
            validator: Any, types: Any, instance: Any, schema: Any
        ) -> Iterator[ValidationError]:
            # jsonschema's own quotes the whole instance in its message (a repr of a value that
            # may be a megabyte); the ErrorMapper never reads that message.
            names = [types] if isinstance(types, str) else types
            if not any(validator.is_type(instance, name) for name in names):
                listed = ", ".join(repr(name) for name in names)
                yield ValidationError(f"{_BRIEF.repr(instance)} is not of type {listed}")

        def property_names(
            validator: Any, names: Any, instance: Any, schema: Any
        ) -> Iterator[ValidationError]:
            if not validator.is_type(instance, "object"):
                return
            for name in instance:
                if not accepts(names, name):
                    yield from validator.descend(instance=name, schema=names)
                    return

        def all_of(
            validator: Any, all_of: Any, instance: Any, schema: Any
        ) -> Iterator[ValidationError]:
            for index, subschema in enumerate(all_of):
                if not accepts(subschema, instance):
                    yield from validator.descend(instance, subschema, schema_path=index)

        def ref(validator: Any, ref: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
            target = self._targets.get(ref)
            if target is None:
                if not (self._local_refs and isinstance(ref, str)):
                    yield from original["$ref"](validator, ref, instance, schema)
                    return
                fragment = ref.removeprefix(_BASE_URI)  # the root schema's ref is absolute
                if not fragment.startswith("#"):
                    yield from original["$ref"](validator, ref, instance, schema)
                    return
                target = self._targets[ref] = resolve_pointer(self._document, fragment)
            yield from validator.descend(instance, target)

        def branch_errors(
            validator: Any, subschema: Any, instance: Any, index: int
        ) -> list[ValidationError]:
            if accepts(subschema, instance):
                return []
            found = validator.descend(instance, subschema, schema_path=index)
            return list(itertools.islice(found, _MAX_BRANCH_ERRORS))

        def any_of(
            validator: Any, any_of: Any, instance: Any, schema: Any
        ) -> Iterator[ValidationError]:
            all_errors: list[ValidationError] = []
            for index, subschema in enumerate(any_of):
                errors = branch_errors(validator, subschema, instance, index)
                if not errors:
                    break
                all_errors.extend(errors)
            else:
                yield ValidationError(_NO_BRANCH, context=all_errors)

        def one_of(
            validator: Any, one_of: Any, instance: Any, schema: Any
        ) -> Iterator[ValidationError]:
            subschemas = enumerate(one_of)
            all_errors: list[ValidationError] = []
            for index, subschema in subschemas:
                errors = branch_errors(validator, subschema, instance, index)
                if not errors:
                    break
                all_errors.extend(errors)
            else:
                yield ValidationError(_NO_BRANCH, context=all_errors)
            more_valid = [
                each
                for _, each in subschemas
                if accepts(each, instance) or validator.evolve(schema=each).is_valid(instance)
            ]
            if more_valid:
                yield ValidationError(_SEVERAL_BRANCHES)

        return {
            "properties": properties,
            "items": items,
            "additionalProperties": additional_properties,
            "propertyNames": property_names,
            "type": type_,
            "allOf": all_of,
            "anyOf": any_of,
            "oneOf": one_of,
            "$ref": ref,
        }


_SPEC_VALIDATORS: weakref.WeakKeyDictionary[SpecSchemas, _SpecValidators] = (
    weakref.WeakKeyDictionary()
)


def _spec_validators(schemas: SpecSchemas) -> _SpecValidators:
    found = _SPEC_VALIDATORS.get(schemas)
    if found is None:
        found = _SPEC_VALIDATORS[schemas] = _SpecValidators(schemas.document)
    return found


class SchemaCheck:
    """One schema of the spec, compiled once: a fast yes/no and, on no, the error to report."""

    def __init__(
        self, schemas: SpecSchemas, pointer: str, *, root: Sequence[str | int] = ()
    ) -> None:
        self.pointer = pointer
        spec = _spec_validators(schemas)
        self._slow = spec.python(pointer)
        self._mapper = ErrorMapper(schemas.document, root)
        fast = spec.compiled.get(pointer)
        if fast is None:
            document = schemas.document
            wrapper = {
                "$ref": quote(pointer, safe="#/~"),
                **{k: document[k] for k in ("components", "paths") if k in document},
            }
            fast = jsonschema_rs.Draft202012Validator(
                wrapper, validate_formats=True, formats=_rust_formats()
            )
        self._fast = fast

    def error(self, instance: Any) -> ApiError | None:
        """None when ``instance`` is valid, else the error to answer with."""
        try:
            if self._fast.is_valid(instance):
                return None
        except (ValueError, OverflowError, RecursionError):
            pass  # Something the Rust side cannot represent; the Python validator decides.
        return self._mapper.best(self._slow.iter_errors(instance))
