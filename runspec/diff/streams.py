"""The events of a ``text/event-stream`` response, read from its schema.

The spec describes one server-sent event as a ``oneOf`` of ``{event, data}`` objects (see
``AssistantStreamEvent``): each alternative names its event with a ``const`` on the ``event``
property (or on the discriminator's ``propertyName``, or through the discriminator's mapping), and
its payload with ``contentSchema`` on ``data``. Comparing two streams event by event ("which events
can a client still receive, and what do their payloads look like") is clearer than comparing the
union as a schema, where an event would only be "alternative `x` removed".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from runspec.diff.resolve import Resolver

__all__ = ["EventStream", "is_event_stream", "stream_events"]


@dataclass(frozen=True)
class EventStream:
    """Event name to payload schema (raw), and the component the union came from."""

    events: Mapping[str, Any]
    ref: str | None


def is_event_stream(media_type: str) -> bool:
    return media_type.split(";", 1)[0].strip().lower() == "text/event-stream"


def stream_events(resolver: Resolver, schema: Any) -> EventStream | None:
    """The events a stream schema describes; ``None`` when they cannot all be named."""
    if schema is None:
        return None
    union = resolver.view(schema)
    tag = union.discriminator or "event"
    alternatives = [resolver.view(v) for v in union.variants] if union.variants else [union]
    events: dict[str, Any] = {}
    for alt in alternatives:
        name: str | None = None
        if tag in alt.properties:
            enum = resolver.view(alt.properties[tag]).enum
            if enum is not None and len(enum) == 1 and isinstance(enum[0], str):
                name = enum[0]
        if name is None and alt.ref:
            name = next((k for k, ref in union.mapping.items() if ref == alt.ref), None)
        if name is None or name in events:
            return None
        data = alt.properties.get("data")
        if data is not None:
            content = resolver.view(data).content_schema
            events[name] = content if content is not None else data
        else:
            events[name] = None
    return EventStream(events, union.ref)
