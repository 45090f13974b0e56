"""The spec as the client generator sees it, and the facts the templates need beyond it.

:func:`client_view` takes the checked spec through two steps:

1. ``overlays/python-client.overlay.yaml`` (strict): the fixes for what openapi-python-client
   cannot read, and the titles and hints that make the generated names read well;
2. :func:`decode_json_strings`: a property that is JSON text described by ``contentSchema`` (the
   ``data`` of every stream event) is replaced by that schema, because the client hands out the
   decoded value. Generic, so no event is listed anywhere but in the spec.

:func:`client_facts` reads, from the spec as written, what openapi-python-client does not carry
into its templates: the default server, the constant headers (a required header whose schema is
a ``const``: the client sends it, callers never pass it), and for every streaming operation the
events it can receive, with their payload schemas, the event that ends the stream and the event
that reports a failure.

Both run in the second process of ``make generate`` (:mod:`runspec.codegen.prepare`); the
generating process only unpickles the classes defined here, so the overlay engine and
:mod:`runspec.spec` (jsonschema) are imported by the functions that use them, not here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from runspec.codegen.errors import CodegenError

__all__ = [
    "ClientFacts",
    "EventMember",
    "EventUnion",
    "StreamingOperation",
    "TaggedUnion",
    "client_facts",
    "client_view",
    "decode_json_strings",
]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
EVENT_STREAM = "text/event-stream"
SCHEMAS = "#/components/schemas/"


@dataclass(frozen=True)
class EventMember:
    """One event of a stream: its name, the schema of the envelope, and of the decoded payload."""

    event: str
    schema: str
    payload: str | None  # None: the data is a fixed text (``[DONE]``), not JSON
    data_const: str | None = None


@dataclass(frozen=True)
class EventUnion:
    """A ``oneOf`` of events, discriminated by ``event``; the type a stream yields."""

    schema: str
    description: str
    members: tuple[EventMember, ...]

    @property
    def done(self) -> tuple[EventMember, ...]:
        """Events whose data is a fixed text: the end-of-stream marker (``done: [DONE]``)."""
        return tuple(m for m in self.members if m.data_const is not None)

    @property
    def error(self) -> EventMember | None:
        """The event by which the server reports a failure mid-stream (``error``)."""
        return next((m for m in self.members if m.event == "error"), None)

    @property
    def data_events(self) -> tuple[EventMember, ...]:
        """The events a stream hands to its caller: everything but the end marker and errors."""
        return tuple(m for m in self.members if m.data_const is None and m.event != "error")


@dataclass(frozen=True)
class StreamingOperation:
    """An operation whose success answer can be ``text/event-stream``."""

    operation_id: str
    events: EventUnion
    flag: str  # the boolean request-body property that asks for the stream


@dataclass(frozen=True)
class TaggedUnion:
    """A component that is a ``oneOf`` of object schemas with a discriminator: a type alias."""

    schema: str
    description: str
    tag: str
    members: tuple[str, ...]  # component names


@dataclass(frozen=True)
class ClientFacts:
    base_url: str
    constant_headers: Mapping[str, str]
    secured_operations: frozenset[str]
    streaming: Mapping[str, StreamingOperation]
    discriminator_names: frozenset[str]
    operation_ids: tuple[str, ...] = ()
    tagged_unions: tuple[TaggedUnion, ...] = ()

    @property
    def event_unions(self) -> list[EventUnion]:
        unions = {op.events.schema: op.events for op in self.streaming.values()}
        return [unions[name] for name in sorted(unions)]


def client_view(
    spec: Mapping[str, Any], overlays: Sequence[tuple[str, Mapping[str, Any]]]
) -> dict[str, Any]:
    """The spec with the overlays applied (strict) and JSON-text properties decoded."""
    from runspec.overlay import OverlayError, apply_overlays

    try:
        result = apply_overlays(spec, overlays, strict=True)
    except OverlayError as exc:
        raise CodegenError(str(exc)) from exc
    document = result.document
    decode_json_strings(document)
    return document


def decode_json_strings(document: dict[str, Any]) -> None:
    """Replace each ``{type: string, contentMediaType: application/json, contentSchema: S}``
    property by ``S`` (keeping its description), in place."""
    for schema in _all_schemas(document):
        properties = schema.get("properties")
        if not isinstance(properties, dict):
            continue
        for name, prop in list(properties.items()):
            if isinstance(prop, dict) and _is_json_text(prop):
                decoded = dict(prop["contentSchema"])
                if "description" in prop and "$ref" not in decoded:
                    decoded["description"] = prop["description"]
                properties[name] = decoded


def _is_json_text(schema: Mapping[str, Any]) -> bool:
    return "contentSchema" in schema and schema.get("contentMediaType") == "application/json"


def _all_schemas(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "properties" in node:
            yield node
        for value in node.values():
            yield from _all_schemas(value)
    elif isinstance(node, list):
        for item in node:
            yield from _all_schemas(item)


# ---- Facts --------------------------------------------------------------------------------


def client_facts(spec: Mapping[str, Any]) -> ClientFacts:
    """What the templates need to know that openapi-python-client does not pass on."""
    servers = spec.get("servers") or [{"url": "/"}]
    operations = list(_operations(spec))
    streaming = {}
    for operation_id, operation in operations:
        found = _streaming_operation(spec, operation_id, operation)
        if found is not None:
            streaming[operation_id] = found
    root_security = spec.get("security") or []
    secured = frozenset(
        operation_id
        for operation_id, operation in operations
        if any(requirement for requirement in operation.get("security", root_security))
    )
    return ClientFacts(
        base_url=str(servers[0]["url"]).rstrip("/"),
        constant_headers=_constant_headers(spec, operations),
        secured_operations=secured,
        streaming=streaming,
        discriminator_names=frozenset(_discriminator_names(spec)),
        operation_ids=tuple(operation_id for operation_id, _ in operations),
        tagged_unions=tuple(_tagged_unions(spec, {s.events.schema for s in streaming.values()})),
    )


def _operations(spec: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for path, item in (spec.get("paths") or {}).items():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if operation is not None:
                yield str(operation.get("operationId") or f"{method} {path}"), operation


def _resolve(spec: Mapping[str, Any], ref: str) -> Any:
    """:func:`runspec.spec.resolve_pointer`, imported when first needed (see the module doc)."""
    from runspec.spec import resolve_pointer

    return resolve_pointer(spec, ref)


def _deref(spec: Mapping[str, Any], node: Any) -> Any:
    while isinstance(node, Mapping) and "$ref" in node:
        node = _resolve(spec, node["$ref"])
    return node


def _constant_headers(
    spec: Mapping[str, Any], operations: list[tuple[str, Mapping[str, Any]]]
) -> dict[str, str]:
    headers: dict[str, str] = {}
    for operation_id, operation in operations:
        for raw in operation.get("parameters", []):
            param = _deref(spec, raw)
            schema = _deref(spec, param.get("schema", {}))
            constant = _constant(schema)
            if param.get("in") != "header" or not param.get("required") or constant is None:
                continue
            name, value = str(param["name"]), constant
            if headers.setdefault(name, value) != value:
                raise CodegenError(
                    f"{operation_id}: header {name} is {value!r} here but {headers[name]!r} "
                    "elsewhere; a constant header must have one value for the whole client"
                )
    return headers


def _constant(schema: Mapping[str, Any]) -> str | None:
    """The one value a schema allows: its ``const``, or an ``enum`` of one value."""
    if "const" in schema:
        return str(schema["const"])
    values = schema.get("enum")
    if isinstance(values, list) and len(values) == 1:
        return str(values[0])
    return None


def _tagged_unions(spec: Mapping[str, Any], event_unions: set[str]) -> Iterator[TaggedUnion]:
    for name, schema in (spec.get("components", {}).get("schemas") or {}).items():
        if name in event_unions or not isinstance(schema, Mapping):
            continue
        discriminator, members = schema.get("discriminator"), schema.get("oneOf") or []
        refs = [m.get("$ref", "") for m in members if isinstance(m, Mapping)]
        if not discriminator or not refs or not all(r.startswith(SCHEMAS) for r in refs):
            continue
        yield TaggedUnion(
            schema=str(name),
            description=str(schema.get("description", "")),
            tag=str(discriminator["propertyName"]),
            members=tuple(r.removeprefix(SCHEMAS) for r in refs),
        )


def _discriminator_names(spec: Mapping[str, Any]) -> Iterator[str]:
    for schema in (spec.get("components", {}).get("schemas") or {}).values():
        discriminator = schema.get("discriminator") if isinstance(schema, Mapping) else None
        if discriminator:
            yield str(discriminator["propertyName"])


def _streaming_operation(
    spec: Mapping[str, Any], operation_id: str, operation: Mapping[str, Any]
) -> StreamingOperation | None:
    ok = _deref(spec, operation.get("responses", {}).get("200", {}))
    media = (ok.get("content") or {}).get(EVENT_STREAM)
    if media is None:
        return None
    ref = media.get("schema", {}).get("$ref", "")
    if not ref.startswith(SCHEMAS):
        raise CodegenError(f"{operation_id}: the {EVENT_STREAM} schema must be a $ref to a schema")
    body = _deref(spec, operation.get("requestBody", {}))
    body_schema = _deref(
        spec, (body.get("content") or {}).get("application/json", {}).get("schema")
    )
    flag = _deref(spec, ((body_schema or {}).get("properties") or {}).get("stream"))
    if not isinstance(flag, Mapping) or "boolean" not in _types(flag):
        raise CodegenError(
            f"{operation_id}: answers {EVENT_STREAM}, so its JSON body needs a boolean `stream`"
        )
    return StreamingOperation(operation_id, _event_union(spec, ref.removeprefix(SCHEMAS)), "stream")


def _types(schema: Mapping[str, Any]) -> list[str]:
    kind = schema.get("type")
    return [kind] if isinstance(kind, str) else list(kind or [])


def _event_union(spec: Mapping[str, Any], name: str) -> EventUnion:
    union = _resolve(spec, SCHEMAS + name)
    discriminator = union.get("discriminator") or {}
    if discriminator.get("propertyName") != "event" or not discriminator.get("mapping"):
        raise CodegenError(f"{name}: a stream's event schema needs a discriminator on `event`")
    members = []
    for event, ref in discriminator["mapping"].items():
        envelope = _resolve(spec, ref)
        data = (envelope.get("properties") or {}).get("data") or {}
        payload: str | None = None
        if _is_json_text(data):
            payload = str(data["contentSchema"].get("$ref", "")).removeprefix(SCHEMAS)
            if not payload or "/" in payload:
                raise CodegenError(f"{ref}: contentSchema must be a $ref to a schema")
        elif "const" not in data:
            raise CodegenError(
                f"{ref}: `data` must be JSON text with a contentSchema, or a const marker"
            )
        const = data.get("const")
        members.append(
            EventMember(
                event=str(event),
                schema=str(ref).removeprefix(SCHEMAS),
                payload=payload,
                data_const=None if const is None else str(const),
            )
        )
    return EventUnion(name, str(union.get("description", "")), tuple(members))
