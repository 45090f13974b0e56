"""Reading what was sent and received, for the checks: request JSON, stream events, run objects.

Checks read the request as it went over the wire (the prepared request's body), not the value
schemathesis generated, so what they compare is exactly what the server saw.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Protocol

from runspec.events import ServerSentEvent, parse_event_stream

__all__ = [
    "RUN_EVENT_PREFIX",
    "SentRequest",
    "is_event_stream",
    "media_type",
    "request_json",
    "run_payloads",
    "stream_events",
    "thread_ids",
]

RUN_EVENT_PREFIX = "thread.run."
_STEP_EVENT_PREFIX = "thread.run.step."


class SentRequest(Protocol):
    """The parts of a prepared request the checks read (``requests.PreparedRequest`` has them)."""

    method: str | None
    body: bytes | str | Any


def media_type(headers: Mapping[str, list[str]]) -> str | None:
    """The response's media type, lower case and without parameters."""
    for name, values in headers.items():
        if name.lower() == "content-type" and values:
            return values[0].split(";")[0].strip().lower()
    return None


def is_event_stream(headers: Mapping[str, list[str]]) -> bool:
    return media_type(headers) == "text/event-stream"


def request_json(request: SentRequest) -> Mapping[str, Any] | None:
    """The request body as a JSON object, or ``None`` when it is anything else."""
    body = request.body
    if isinstance(body, str):
        body = body.encode()
    if not isinstance(body, bytes) or not body:
        return None
    try:
        value = json.loads(body)
    except ValueError:
        return None
    return value if isinstance(value, Mapping) else None


def stream_events(content: bytes) -> list[ServerSentEvent]:
    """The events of an event-stream body (UTF-8 by definition)."""
    return parse_event_stream(content.decode("utf-8", errors="replace"))


def run_payloads(
    headers: Mapping[str, list[str]], content: bytes
) -> list[tuple[str, Mapping[str, Any]]]:
    """Every run object of a 200 answer with where it is: the JSON body, or each run event."""
    if is_event_stream(headers):
        runs: list[tuple[str, Mapping[str, Any]]] = []
        for index, event in enumerate(stream_events(content)):
            if event.event.startswith(RUN_EVENT_PREFIX) and not event.event.startswith(
                _STEP_EVENT_PREFIX
            ):
                payload = _json_object(event.data)
                if payload is not None:
                    runs.append((f"#{index} {event.event}", payload))
        return runs
    payload = _json_object(content)
    return [("run", payload)] if payload is not None else []


def thread_ids(headers: Mapping[str, list[str]], content: bytes) -> set[str]:
    """The thread ids a 200 answer hands out: its runs' ``thread_id`` and any created thread."""
    found = {
        run["thread_id"]
        for _, run in run_payloads(headers, content)
        if isinstance(run.get("thread_id"), str)
    }
    if is_event_stream(headers):
        for event in stream_events(content):
            if event.event == "thread.created":
                payload = _json_object(event.data)
                if payload is not None and isinstance(payload.get("id"), str):
                    found.add(payload["id"])
    return found


def _json_object(text: str | bytes) -> Mapping[str, Any] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, Mapping) else None
