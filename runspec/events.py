"""Server-sent events of a run's stream: parsing them and validating each against the spec.

The spec describes one event as ``AssistantStreamEvent``: a ``oneOf`` of ``{event, data}`` objects
whose ``event`` is a ``const`` tag, listed in the discriminator's mapping, and whose ``data`` is JSON
text described by ``contentSchema``. JSON Schema treats ``contentSchema`` as an annotation only, so
this module decodes ``data`` and validates the payload itself. In the typed-events variant
(``overlays/typed-events.overlay.yaml``) ``data`` is described decoded, as the payload's schema;
then the text is decoded first and the event validated with it. Everything it knows about events
(names, payload schemas) is read from the spec.

The parser follows the WHATWG event-stream rules for the fields this API uses (``event``,
``data``, comments, multi-line data, CRLF); the generated client uses httpx-sse, this module is
for checks over complete, already received streams.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from runspec.spec import SpecSchemas, resolve_pointer

__all__ = ["STREAM_EVENT_POINTER", "EventValidator", "ServerSentEvent", "parse_event_stream"]

STREAM_EVENT_POINTER = "#/components/schemas/AssistantStreamEvent"


@dataclass(frozen=True)
class ServerSentEvent:
    """One event as sent on the wire: its name and its raw ``data`` text."""

    event: str
    data: str

    def json(self) -> Any:
        return json.loads(self.data)


def parse_event_stream(text: str) -> list[ServerSentEvent]:
    """Split a complete ``text/event-stream`` body into events (default name ``message``)."""
    events: list[ServerSentEvent] = []
    name, data_lines = "", list[str]()
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line:
            if data_lines:
                events.append(ServerSentEvent(name or "message", "\n".join(data_lines)))
            name, data_lines = "", list[str]()
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if field == "event":
            name = value
        elif field == "data":
            data_lines.append(value)
    if data_lines:
        events.append(ServerSentEvent(name or "message", "\n".join(data_lines)))
    return events


class EventValidator:
    """Validates events against ``AssistantStreamEvent`` and their payloads against contentSchema."""

    def __init__(self, schemas: SpecSchemas) -> None:
        self.schemas = schemas
        union = resolve_pointer(schemas.document, STREAM_EVENT_POINTER)
        mapping: Mapping[str, str] = union["discriminator"]["mapping"]
        self.event_pointers: dict[str, str] = dict(mapping)
        self.payload_pointers: dict[str, str | None] = {
            name: _content_schema_ref(resolve_pointer(schemas.document, pointer))
            for name, pointer in mapping.items()
        }
        # Events whose schema describes ``data`` decoded (the typed-events variant: a ``$ref`` to
        # the payload's object schema): the JSON text is decoded before the event is validated.
        self.decoded_data: frozenset[str] = frozenset(
            name
            for name, pointer in mapping.items()
            if "$ref" in resolve_pointer(schemas.document, pointer)["properties"]["data"]
        )

    @property
    def known_events(self) -> frozenset[str]:
        return frozenset(self.event_pointers)

    def errors(self, event: ServerSentEvent) -> list[str]:
        """Problems of one event; an empty list means it is valid. Unknown events are errors."""
        if event.event not in self.event_pointers:
            return [f"event {event.event!r}: not an event of the spec"]
        envelope: dict[str, Any] = {"event": event.event, "data": event.data}
        if event.event in self.decoded_data:
            try:
                envelope["data"] = json.loads(event.data)
            except json.JSONDecodeError as exc:
                return [f"event {event.event!r}: data is not JSON: {exc.msg}"]
        problems = self.schemas.errors(envelope, STREAM_EVENT_POINTER)
        payload_pointer = self.payload_pointers[event.event]
        if problems or payload_pointer is None:
            return [f"event {event.event!r}: {p}" for p in problems]
        try:
            payload = json.loads(event.data)
        except json.JSONDecodeError as exc:
            return [f"event {event.event!r}: data is not JSON: {exc.msg}"]
        return [
            f"event {event.event!r}: data{p.removeprefix('$')}"
            for p in self.schemas.errors(payload, payload_pointer)
        ]

    def stream_errors(self, events: Iterable[ServerSentEvent]) -> list[str]:
        """Problems of every event of a stream, each prefixed with the event's position."""
        return [f"#{i} {p}" for i, event in enumerate(events) for p in self.errors(event)]


def _content_schema_ref(event_schema: Mapping[str, Any]) -> str | None:
    data = event_schema["properties"]["data"]
    content_schema = data.get("contentSchema")
    if content_schema is None:
        return None
    ref: str = content_schema["$ref"]
    return ref
