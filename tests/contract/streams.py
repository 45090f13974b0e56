"""Event streams for the tests, built from the spec's own example transcripts.

``transcript()`` is the createThreadAndRun example (a text reply), ``requires_action()`` the
createRun one (a forced function call). Tests derive bad streams from them by moving, dropping
or editing events, so good and bad inputs sit side by side.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from runspec.events import ServerSentEvent, parse_event_stream
from runspec.spec import load_spec

__all__ = [
    "edit",
    "encode",
    "index_of",
    "requires_action",
    "transcript",
    "without",
]


def _example(path: str, name: str) -> list[ServerSentEvent]:
    operation = load_spec()["paths"][path]["post"]
    media = operation["responses"]["200"]["content"]["text/event-stream"]
    text: str = media["x-transcripts"][name]["value"]
    return parse_event_stream(text)


def transcript() -> list[ServerSentEvent]:
    """The spec's createThreadAndRun stream: thread.created ... thread.run.completed, done."""
    return _example("/threads/runs", "transcript")


def requires_action() -> list[ServerSentEvent]:
    """The spec's createRun stream: ... thread.run.requires_action, done."""
    return _example("/threads/{thread_id}/runs", "requiresAction")


def index_of(events: list[ServerSentEvent], name: str) -> int:
    return next(i for i, e in enumerate(events) if e.event == name)


def without(events: list[ServerSentEvent], name: str) -> list[ServerSentEvent]:
    """The stream without any event called ``name``."""
    return [e for e in events if e.event != name]


def edit(
    events: list[ServerSentEvent], name: str, change: Callable[[dict[str, Any]], None]
) -> list[ServerSentEvent]:
    """The stream with ``change`` applied to the payload of every event called ``name``."""
    edited = []
    for event in events:
        if event.event == name:
            payload = json.loads(event.data)
            change(payload)
            event = ServerSentEvent(event.event, json.dumps(payload))
        edited.append(event)
    return edited


def encode(events: list[ServerSentEvent]) -> bytes:
    """The stream as it goes over the wire."""
    return "".join(f"event: {e.event}\ndata: {e.data}\n\n" for e in events).encode()


def payload(events: list[ServerSentEvent], name: str) -> Mapping[str, Any]:
    data: Mapping[str, Any] = json.loads(events[index_of(events, name)].data)
    return data
