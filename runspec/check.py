"""The spec checker behind ``make lint`` and ``runspec check``.

openapi-spec-validator answers "is this valid OpenAPI 3.1?"; this module adds what it does not
check and what this project relies on, each problem reported as one line naming the file and the
place in the document:

- every ``$ref`` resolves (with the place of the dangling reference, not a stack trace); relative
  ``$ref``s to other local files are followed (:func:`runspec.spec.load_spec_file`), so a spec
  split over several files is checked whole;
- every operation has a unique ``operationId``;
- every schema is itself a valid JSON Schema 2020-12 schema;
- every example (media types, parameters, headers, schema ``examples``) validates against its
  schema with formats checked; a ``text/event-stream`` example is one event, and its
  ``x-transcripts`` are whole streams, validated event by event, payloads included (see
  :mod:`runspec.events`);
- project conventions: nullability the 3.1 way (no ``nullable``) and written where it is used (no
  component that only wraps another in ``anyOf [.., null]``), no two enum components sharing a
  value without ``x-enum-varnames`` (clashing constants in generated Go), and every discriminated
  union member carries a ``const`` tag equal to its mapping key.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from openapi_spec_validator import OpenAPIV31SpecValidator

from runspec.events import EventValidator, ServerSentEvent, parse_event_stream
from runspec.spec import SpecSchemas, format_error, load_spec_file, resolve_pointer

__all__ = ["Problem", "check_document", "check_file", "dangling_refs"]

# Whole event-stream transcripts live in this extension of a ``text/event-stream`` media type, not in
# ``examples``: an example is one value of the schema (one event), and tools that validate examples
# (spectral, Prism, generators) would misread a transcript as a wrong event.
TRANSCRIPTS = "x-transcripts"

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class Problem:
    """One finding: where in the document, and what is wrong there."""

    location: str
    message: str

    def render(self, source: str) -> str:
        return f"{source}: {self.location}: {self.message}"


def check_file(path: str | Path) -> list[Problem]:
    """Check a spec file and the files it ``$ref``s. Raises :class:`runspec.yamlio.YamlError` if
    one cannot be read, or a reference to another file cannot be followed."""
    return check_document(load_spec_file(path))


def check_document(document: Mapping[str, Any]) -> list[Problem]:
    """All problems of a spec document, in document order per check."""
    dangling = list(_dangling_refs(document))
    if dangling:
        # Every later check resolves references; report these alone rather than cascades.
        return dangling
    structural = [*_openapi_errors(document), *_invalid_schemas(document)]
    problems = structural + _operation_ids(document) + list(_convention_breaks(document))
    if not structural:
        # Examples are validated with the document's schemas, which must be sound first.
        problems += _invalid_examples(document)
    return problems


def location(path: tuple[str | int, ...]) -> str:
    """A readable place: ``paths["/threads/runs"].post.responses["200"]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.isidentifier():
            text += f".{part}" if text else part
        else:
            text += f'["{part}"]'
    return text or "(document)"


def _walk(
    node: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    yield path, node
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, index))


def dangling_refs(document: Mapping[str, Any]) -> list[Problem]:
    """Every ``$ref`` of ``document`` that does not resolve, with its place (a quick check)."""
    return list(_dangling_refs(document))


def _dangling_refs(document: Mapping[str, Any]) -> Iterator[Problem]:
    for path, node in _walk(document):
        if not isinstance(node, Mapping) or not isinstance(node.get("$ref"), str):
            continue
        ref = node["$ref"]
        if not ref.startswith("#"):
            yield Problem(location(path), f"$ref {ref!r} points outside this file")
            continue
        try:
            resolve_pointer(document, ref)
        except (KeyError, IndexError, ValueError, TypeError):
            yield Problem(location(path), f"$ref {ref!r} does not resolve")


def _openapi_errors(document: Mapping[str, Any]) -> Iterator[Problem]:
    validator = OpenAPIV31SpecValidator(dict(document))
    for error in validator.iter_errors():
        where = tuple(getattr(error, "path", ()) or ())
        message = str(getattr(error, "message", error)).splitlines()[0]
        yield Problem(location(where), f"not valid OpenAPI 3.1: {message}")


def _operations(document: Mapping[str, Any]) -> Iterator[tuple[tuple[str, ...], Mapping[str, Any]]]:
    for route, item in document.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method in item:
                yield ("paths", route, method), item[method]


def _operation_ids(document: Mapping[str, Any]) -> list[Problem]:
    problems, seen = [], dict[str, str]()
    for path, operation in _operations(document):
        op_id = operation.get("operationId")
        if not op_id:
            problems.append(Problem(location(path), "operation has no operationId"))
        elif op_id in seen:
            message = f"operationId {op_id!r} is also used at {seen[op_id]}"
            problems.append(Problem(location(path), message))
        else:
            seen[op_id] = location(path)
    return problems


def _invalid_schemas(document: Mapping[str, Any]) -> list[Problem]:
    problems = []
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as exc:
            where = location(("components", "schemas", name, *exc.absolute_path))
            problems.append(Problem(where, f"not a valid JSON Schema 2020-12: {exc.message}"))
    return problems


def _convention_breaks(document: Mapping[str, Any]) -> Iterator[Problem]:
    for path, node in _walk(document.get("components", {}), ("components",)):
        if not isinstance(node, Mapping):
            continue
        if "nullable" in node and isinstance(node["nullable"], bool):
            yield Problem(location(path), "uses `nullable`; write type: [x, 'null'] or anyOf")
        discriminator = node.get("discriminator")
        if isinstance(discriminator, Mapping):
            yield from _untagged_members(document, path, discriminator)
    schemas = document.get("components", {}).get("schemas", {})
    for name, schema in schemas.items():
        if _is_nullable_wrapper(schema):
            yield Problem(
                location(("components", "schemas", name)),
                "a component that only makes another one nullable; write anyOf: [{$ref: ...}, "
                "{type: 'null'}] where it is used (generators name their own Nullable<Model> types "
                "and collide with it)",
            )
    yield from _clashing_enum_constants(schemas)


def _is_nullable_wrapper(schema: Any) -> bool:
    if not isinstance(schema, Mapping):
        return False
    members = schema.get("anyOf") or schema.get("oneOf")
    if not isinstance(members, list) or len(members) != 2 or set(schema) - {"anyOf", "oneOf"}:
        return False
    kinds = sorted("$ref" if "$ref" in m else str(m.get("type")) for m in members)
    return kinds == ["$ref", "null"]


def _clashing_enum_constants(schemas: Mapping[str, Any]) -> Iterator[Problem]:
    """Enum components sharing a value, unless ``x-enum-varnames`` names the constants apart.

    openapi-generator's Go client (and others without a class prefix) makes one package-level
    constant per enum value, named after the value: two enums with ``low`` do not compile.
    """
    owners: dict[str, str] = {}
    for name, schema in schemas.items():
        if not isinstance(schema, Mapping) or "x-enum-varnames" in schema:
            continue
        for value in schema.get("enum") or []:
            if not isinstance(value, str):
                continue
            key = value.upper()
            if key in owners and owners[key] != name:
                yield Problem(
                    location(("components", "schemas", name, "enum")),
                    f"value {value!r} is also a value of {owners[key]}: generators without an "
                    "enum prefix make two constants of one name; give one of them "
                    "x-enum-varnames",
                )
            owners.setdefault(key, name)


def _untagged_members(
    document: Mapping[str, Any], path: tuple[str | int, ...], discriminator: Mapping[str, Any]
) -> Iterator[Problem]:
    tag = discriminator["propertyName"]
    for value, target in discriminator.get("mapping", {}).items():
        member = resolve_pointer(document, target)
        const = member.get("properties", {}).get(tag, {}).get("const")
        if const != value:
            where = location((*path, "discriminator", "mapping", value))
            yield Problem(where, f"{target} must declare {tag}: {{const: {value}}}")


def _invalid_examples(document: Mapping[str, Any]) -> list[Problem]:
    schemas = SpecSchemas(document)
    # Built on the first stream example (a transcript or one event): it needs the stream union.
    events: EventValidator | None = None
    problems = []
    for path, schema, example, media_type in _examples(document):
        if media_type == "text/event-stream" and isinstance(example, str):
            events = events or EventValidator(schemas)
            errors = events.stream_errors(parse_event_stream(example))
        elif media_type == "text/event-stream" and _is_wire_event(example):
            events = events or EventValidator(schemas)
            errors = events.errors(ServerSentEvent(example["event"], example["data"]))
        else:
            validator = schemas.schema_validator(schema)
            errors = [format_error(e) for e in validator.iter_errors(example)]
        problems += [
            Problem(location(path), f"example does not match its schema: {e}") for e in errors
        ]
    return problems


def _is_wire_event(example: Any) -> bool:
    """An event as sent, ``data`` still JSON text: validated with its payload decoded."""
    return (
        isinstance(example, Mapping)
        and isinstance(example.get("event"), str)
        and isinstance(example.get("data"), str)
    )


def _examples(
    document: Mapping[str, Any],
) -> Iterator[tuple[tuple[str | int, ...], Mapping[str, Any], Any, str | None]]:
    """(place, schema, example value, media type) of every example in the document."""
    for path, node in _walk(document):
        if not isinstance(node, Mapping) or not isinstance(node.get("schema"), Mapping):
            continue
        media_type = str(path[-1]) if len(path) >= 2 and path[-2] == "content" else None
        if "example" in node:
            yield (*path, "example"), node["schema"], node["example"], media_type
        for name, example in (node.get("examples") or {}).items():
            if isinstance(example, Mapping) and "value" in example:
                yield (*path, "examples", name), node["schema"], example["value"], media_type
        for name, example in (node.get(TRANSCRIPTS) or {}).items():
            if isinstance(example, Mapping) and "value" in example:
                yield (*path, TRANSCRIPTS, name), node["schema"], example["value"], media_type
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        for index, example in enumerate(schema.get("examples") or []):
            yield ("components", "schemas", name, "examples", index), schema, example, None
