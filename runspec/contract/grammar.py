"""The grammar of a run's event stream, checked over already parsed events.

What a single event looks like is the spec's business (``AssistantStreamEvent``); this module is
about their order, which no schema can express:

* the first event is ``thread.created`` for an operation that creates its thread, otherwise
  ``thread.run.created``; a run event before ``thread.run.created`` is out of order;
* every run event carries the same run id, every step and message event the same ``run_id``,
  and every event the same thread id;
* a message or step event (a delta in particular) comes after that message's or step's
  ``created`` event;
* exactly one terminal run event (``requires_action``, ``cancelled``, ``completed``, ``failed``,
  ``expired``, ``incomplete``), only ``done`` after it, unless an ``error`` event ended the run;
* ``done`` comes exactly once, last.

A stream the client stopped reading early (``complete=False``) is only checked for order.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from runspec.events import ServerSentEvent

__all__ = ["TERMINAL_RUN_EVENTS", "grammar_errors"]

TERMINAL_RUN_EVENTS = frozenset(
    {
        "thread.run.requires_action",
        "thread.run.cancelled",
        "thread.run.completed",
        "thread.run.failed",
        "thread.run.expired",
        "thread.run.incomplete",
    }
)
_THREAD_CREATED = "thread.created"
_RUN_CREATED = "thread.run.created"
_STEP_PREFIX = "thread.run.step."
_RUN_PREFIX = "thread.run."
_MESSAGE_PREFIX = "thread.message."
_DONE = "done"
_ERROR = "error"


@dataclass
class _Walk:
    """What has been seen so far while walking a stream."""

    problems: list[str] = field(default_factory=list)
    run_id: str | None = None
    thread_id: str | None = None
    run_created: bool = False
    created: set[tuple[str, str]] = field(
        default_factory=set
    )  # (kind, id) of created steps/messages
    terminal_at: int | None = None
    terminal_count: int = 0
    done_at: int | None = None
    errors: int = 0

    def same(self, attribute: str, value: Any, where: str) -> None:
        if not isinstance(value, str):
            return
        current = getattr(self, attribute)
        if current is None:
            setattr(self, attribute, value)
        elif current != value:
            name = attribute.replace("_", " ")
            self.problems.append(f"{where}: {name} {value!r}, but the stream is about {current!r}")


def grammar_errors(
    events: Sequence[ServerSentEvent], *, creates_thread: bool, complete: bool = True
) -> list[str]:
    """Problems with the order and identity of ``events``; empty when the stream is well formed."""
    if not events:
        return ["the stream has no events"]
    walk = _Walk()
    first = _THREAD_CREATED if creates_thread else _RUN_CREATED
    if events[0].event != first:
        walk.problems.append(f"#0 {events[0].event}: the first event must be {first}")
    for index, event in enumerate(events):
        where = f"#{index} {event.event}"
        if walk.done_at is not None:
            walk.problems.append(f"{where}: sent after done (#{walk.done_at})")
        if event.event == _DONE:
            if walk.done_at is None:
                walk.done_at = index
            continue
        if walk.terminal_at is not None and event.event != _ERROR:
            walk.problems.append(
                f"{where}: sent after the terminal run event (#{walk.terminal_at}); only done may follow"
            )
        _visit(walk, index, event, where, creates_thread=creates_thread)
    if complete:
        _check_ending(walk)
    return walk.problems


def _visit(
    walk: _Walk, index: int, event: ServerSentEvent, where: str, *, creates_thread: bool
) -> None:
    name = event.event
    payload = _payload(event)
    if name == _ERROR:
        walk.errors += 1
        return
    if name == _THREAD_CREATED:
        if not creates_thread:
            walk.problems.append(
                f"{where}: this operation runs an existing thread, it creates none"
            )
        elif index != 0:
            walk.problems.append(f"{where}: thread.created must be the first event")
        walk.same("thread_id", payload.get("id"), where)
        return
    if name.startswith(_STEP_PREFIX):
        _visit_item(walk, "step", name.removeprefix(_STEP_PREFIX), payload, where)
        walk.same("run_id", payload.get("run_id"), where)
        walk.same("thread_id", payload.get("thread_id"), where)
    elif name.startswith(_RUN_PREFIX):
        if name == _RUN_CREATED:
            if walk.run_created:
                walk.problems.append(f"{where}: a second thread.run.created")
            walk.run_created = True
        elif not walk.run_created:
            walk.problems.append(f"{where}: sent before thread.run.created")
        walk.same("run_id", payload.get("id"), where)
        walk.same("thread_id", payload.get("thread_id"), where)
        if name in TERMINAL_RUN_EVENTS:
            walk.terminal_count += 1
            if walk.terminal_at is None:
                walk.terminal_at = index
        return
    elif name.startswith(_MESSAGE_PREFIX):
        _visit_item(walk, "message", name.removeprefix(_MESSAGE_PREFIX), payload, where)
        walk.same("run_id", payload.get("run_id"), where)
        walk.same("thread_id", payload.get("thread_id"), where)
    else:
        return
    if not walk.run_created:
        walk.problems.append(f"{where}: sent before thread.run.created")


def _visit_item(
    walk: _Walk, kind: str, suffix: str, payload: Mapping[str, Any], where: str
) -> None:
    item_id = payload.get("id")
    if not isinstance(item_id, str):
        return
    key = (kind, item_id)
    if suffix == "created":
        if key in walk.created:
            walk.problems.append(f"{where}: {kind} {item_id!r} is created a second time")
        walk.created.add(key)
    elif key not in walk.created:
        walk.problems.append(
            f"{where}: {kind} {item_id!r} before its thread.{_kind_event(kind)}.created"
        )


def _kind_event(kind: str) -> str:
    return "run.step" if kind == "step" else "message"


def _check_ending(walk: _Walk) -> None:
    if walk.terminal_count > 1:
        walk.problems.append(f"{walk.terminal_count} terminal run events; a run ends once")
    if walk.terminal_count == 0 and walk.errors == 0:
        walk.problems.append(
            "no terminal run event (" + ", ".join(sorted(TERMINAL_RUN_EVENTS)) + ") before done"
        )
    if walk.done_at is None:
        walk.problems.append("the stream does not end with done")


def _payload(event: ServerSentEvent) -> Mapping[str, Any]:
    """The event's JSON object, or an empty mapping (schema checks report bad payloads)."""
    try:
        value = json.loads(event.data)
    except ValueError:
        return {}
    return value if isinstance(value, Mapping) else {}
