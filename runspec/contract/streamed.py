"""Rules over a whole event stream that no single event's schema can express.

* Every streamed object is complete: each event's payload carries every field its schema
  requires, nullable ones as ``null``. A client parses a streamed run exactly like a JSON one,
  so a field dropped because it is ``null`` breaks it the same way. (A schema check also fails
  such an event, but only as "not valid under any of the schemas" of the event union; this
  rule names the event and the field.)
* A stream ends: after ``done`` the server closes it, and it gets there within the request
  timeout. One still open when the suite stops reading (and not merely long: short of
  ``max-stream-events``) never lets a client's ``for event in stream`` loop finish.
* A message's deltas add up: the ``text.value`` pieces of its ``thread.message.delta`` events,
  joined per content ``index``, equal the text of that part in its ``thread.message.completed``
  event (``shared/api-facts.md``). A message completed without any delta is not judged.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from runspec.events import ServerSentEvent

__all__ = [
    "MESSAGE_COMPLETED",
    "MESSAGE_DELTA",
    "delta_errors",
    "incomplete_object_errors",
    "unended_stream_problem",
]

MESSAGE_DELTA = "thread.message.delta"
MESSAGE_COMPLETED = "thread.message.completed"
DONE = "done"


def incomplete_object_errors(
    events: Sequence[ServerSentEvent], required: Mapping[str, Sequence[str]]
) -> list[str]:
    """Events whose payload lacks a field that ``required[event name]`` lists."""
    problems: list[str] = []
    for index, event in enumerate(events):
        fields = required.get(event.event)
        payload = _payload(event)
        if not fields or payload is None:
            continue
        missing = [name for name in fields if name not in payload]
        if missing:
            problems.append(
                f"#{index} {event.event}: the object lacks {', '.join(missing)} "
                "(required: send null rather than leave a field out)"
            )
    return problems


def unended_stream_problem(events: Sequence[ServerSentEvent], timeout: float) -> str:
    """What is wrong with a stream still open after ``timeout`` seconds, given its ``events``."""
    done = next((i for i, event in enumerate(events) if event.event == DONE), None)
    if done is not None:
        return (
            f"the stream sent done (#{done}) but was still open after {timeout:g} s: "
            "a server closes the stream after done"
        )
    count = f"{len(events)} event{'' if len(events) == 1 else 's'}"
    last = f"the last #{len(events) - 1} {events[-1].event}" if events else "none"
    return (
        f"the stream was still open after {timeout:g} s without done ({count}, {last}): "
        "a run's stream ends with a terminal run event, then done, and closes "
        "(for a backend that takes longer, raise the limit: -- --request-timeout N)"
    )


def delta_errors(events: Sequence[ServerSentEvent]) -> list[str]:
    """Messages whose streamed text pieces do not add up to their completed text."""
    pieces: dict[str, dict[int, list[str]]] = {}
    for event in events:
        payload = _payload(event)
        if event.event != MESSAGE_DELTA or payload is None:
            continue
        delta = payload.get("delta")
        parts = delta.get("content") if isinstance(delta, Mapping) else None
        message = pieces.setdefault(str(payload.get("id")), {})
        for part in parts if isinstance(parts, list) else ():
            text = _text_value(part)
            if text is not None and isinstance(part.get("index"), int):
                message.setdefault(part["index"], []).append(text)
    problems: list[str] = []
    for index, event in enumerate(events):
        payload = _payload(event)
        if event.event != MESSAGE_COMPLETED or payload is None:
            continue
        streamed = pieces.get(str(payload.get("id")))
        if not streamed:
            continue
        content = payload.get("content")
        completed = {
            position: text
            for position, part in enumerate(content if isinstance(content, list) else ())
            if (text := _text_value(part)) is not None
        }
        for position in sorted(set(completed) | set(streamed)):
            joined = "".join(streamed.get(position, []))
            if joined != completed.get(position, ""):
                problems.append(
                    f"#{index} {event.event}: content[{position}] is "
                    f"{_show(completed.get(position))}, but its deltas add up to {_show(joined)}"
                )
    return problems


def _text_value(part: Any) -> str | None:
    if not isinstance(part, Mapping) or part.get("type") != "text":
        return None
    text = part.get("text")
    value = text.get("value") if isinstance(text, Mapping) else None
    return value if isinstance(value, str) else None


def _payload(event: ServerSentEvent) -> Mapping[str, Any] | None:
    try:
        value = json.loads(event.data)
    except ValueError:
        return None
    return value if isinstance(value, Mapping) else None


def _show(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
