"""Every example of a spec as (model name, JSON value) pairs, for decoding with generated code.

A consumer that generates models passes only if every example of the spec decodes with the model
of its schema. An example names its model through its schema's ``$ref``; the events of an
``x-transcripts`` stream are decoded one by one as ``AssistantStreamEvent``, and each payload also
as the model its ``contentSchema`` names (in the typed-events variant the payload is the event's
``data`` itself, so the envelope is decoded with ``data`` as an object).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from runspec.events import STREAM_EVENT_POINTER, parse_event_stream
from runspec.spec import resolve_pointer

__all__ = ["Sample", "samples"]

SCHEMAS = "#/components/schemas/"
TRANSCRIPTS = "x-transcripts"


@dataclass(frozen=True)
class Sample:
    """One value to decode: where it comes from, the component it must decode as, the value."""

    where: str
    model: str
    value: Any


def samples(document: Mapping[str, Any]) -> list[Sample]:
    """Every example of ``document`` whose schema is a component, transcripts event by event."""
    found: list[Sample] = []
    for route, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, Mapping) or "responses" not in operation:
                continue
            bodies = {"request": operation.get("requestBody", {})}
            bodies |= {status: answer for status, answer in operation["responses"].items()}
            for where, body in bodies.items():
                body = _deref(document, body)
                for media_type, media in (body.get("content") or {}).items():
                    place = f"{method.upper()} {route} {where} {media_type}"
                    found += _media_samples(document, place, media)
    return found


def _media_samples(
    document: Mapping[str, Any], place: str, media: Mapping[str, Any]
) -> list[Sample]:
    ref = (media.get("schema") or {}).get("$ref", "")
    if not ref.startswith(SCHEMAS):
        return []
    model = ref.removeprefix(SCHEMAS)
    found = [
        Sample(f"{place} examples.{name}", model, example["value"])
        for name, example in (media.get("examples") or {}).items()
        if isinstance(example, Mapping) and "value" in example
    ]
    for name, transcript in (media.get(TRANSCRIPTS) or {}).items():
        events = parse_event_stream(str(transcript.get("value", "")))
        for index, event in enumerate(events):
            where = f"{place} {TRANSCRIPTS}.{name} #{index} {event.event}"
            found += list(_event_samples(document, where, model, event.event, event.data))
    return found


def _event_samples(
    document: Mapping[str, Any], where: str, model: str, name: str, data: str
) -> Iterator[Sample]:
    union = resolve_pointer(document, STREAM_EVENT_POINTER)
    pointer = union["discriminator"]["mapping"].get(name)
    if pointer is None:
        return
    data_schema = resolve_pointer(document, pointer)["properties"]["data"]
    payload_ref = (data_schema.get("contentSchema") or {}).get("$ref") or data_schema.get("$ref")
    typed = "$ref" in data_schema
    yield Sample(where, model, {"event": name, "data": json.loads(data) if typed else data})
    if payload_ref and not typed:
        yield Sample(f"{where} data", payload_ref.removeprefix(SCHEMAS), json.loads(data))


def _deref(document: Mapping[str, Any], node: Any) -> Any:
    while isinstance(node, Mapping) and "$ref" in node:
        node = resolve_pointer(document, node["$ref"])
    return node
