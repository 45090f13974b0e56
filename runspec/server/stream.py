"""A run's event stream: which events it shows, in what order, when, written as SSE bytes.

Each event is one Server-Sent Events frame, ``event: NAME\\ndata: JSON\\n\\n``; the stream ends
with ``done`` (``data: [DONE]``), or right after an ``error`` event. :func:`stream_body` writes
the whole stream; :func:`timed_frames` says when to send each frame of it, following
:data:`TIMELINE`: the events of a run are spread over its duration and the final run event comes
when the run is over.

Writing the body and timing it are apart because this is the reference server's hottest path:
with ``--run-duration 0`` (the default, and what the benchmark loads) the whole stream exists as
soon as the run does and goes out as one body, so the writer only appends pieces to a list that
is joined once. Payloads that two events share (``created`` and ``in_progress``) are encoded
once, the run's settings once per run (:meth:`Run.encode`), and the text of all message deltas
in one call.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from runspec.server.jsonwire import dumps
from runspec.server.objects import assistant_message, run_step
from runspec.server.runs import MESSAGE_ENDED, STARTED, STEP_CREATED, Outcome, Run

__all__ = ["MAX_DELTAS", "TIMELINE", "stream_body", "timed_frames"]

MAX_DELTAS = 8

# When each event is sent, as a fraction of the run's duration. Message deltas are spread evenly
# over DELTAS_FROM to DELTAS_TO; every event name the stream uses is here.
DELTAS_FROM, DELTAS_TO = 0.3, 0.9
TIMELINE: Mapping[str, float] = {
    "thread.created": 0,
    "thread.run.created": 0,
    "thread.run.queued": 0,
    "thread.run.in_progress": STARTED,
    "thread.run.step.created": STEP_CREATED,
    "thread.run.step.in_progress": STEP_CREATED,
    "thread.message.created": 0.25,
    "thread.message.in_progress": 0.25,
    "thread.message.delta": DELTAS_FROM,
    "thread.run.step.delta": 0.5,
    "error": 0.5,
    "thread.message.completed": MESSAGE_ENDED,
    "thread.message.incomplete": MESSAGE_ENDED,
    "thread.run.step.completed": MESSAGE_ENDED,
    "thread.run.completed": 1,
    "thread.run.incomplete": 1,
    "thread.run.requires_action": 1,
    "done": 1,
}

_SERVER_ERROR = {
    "message": "The server had an error while processing your request. Sorry about that!",
    "type": "server_error",
    "param": None,
    "code": None,
}
_END = b"\n\n"
# "event: NAME\ndata: ", the start of each frame
_HEAD = {event: b"event: " + event.encode() + b"\ndata: " for event in TIMELINE}


def stream_body(run: Run, thread: bytes | None = None) -> bytes:
    """The whole stream of ``run``.

    ``thread`` (the thread object's JSON) is given for createThreadAndRun, whose stream starts
    with ``thread.created``.
    """
    plan = run.plan
    out: list[bytes] = []  # the pieces of the stream: frame head, payload, blank line, ...
    if thread is not None:
        out += (_HEAD["thread.created"], thread, _END)
    queued = run.encode(run.state)
    out += (_HEAD["thread.run.created"], queued, _END, _HEAD["thread.run.queued"], queued, _END)
    in_progress = {**run.state, "status": "in_progress", "started_at": run.at(STARTED)}
    out += (_HEAD["thread.run.in_progress"], run.encode(in_progress), _END)

    if plan.outcome is Outcome.FAILED:
        out += (_HEAD["error"], dumps(_SERVER_ERROR), _END)
        return b"".join(out)  # an error event ends the stream

    final = {**in_progress, "status": plan.outcome.value, "usage": plan.usage}
    if plan.outcome is Outcome.REQUIRES_ACTION:
        _tool_call_events(out, run)
        final["required_action"] = {
            "type": "submit_tool_outputs",
            "submit_tool_outputs": {"tool_calls": [plan.tool_call]},
        }
    else:
        if run.reply is not None:
            _message_events(out, run, run.reply)
        final["expires_at"] = None
        if plan.outcome is Outcome.COMPLETED:
            final["completed_at"] = run.at(1)
        else:
            final["incomplete_details"] = {"reason": plan.incomplete_reason}
    out += (_HEAD[f"thread.run.{plan.outcome.value}"], run.encode(final), _END)
    out += (_HEAD["done"], b"[DONE]", _END)
    return b"".join(out)


def _tool_call_events(out: list[bytes], run: Run) -> None:
    assert run.plan.tool_call is not None
    function = run.plan.tool_call["function"]
    details = {"type": "tool_calls", "tool_calls": []}
    step = run_step(
        step_id=run.step_id, run=run.state, created_at=run.at(STEP_CREATED), details=details
    )
    step_json = dumps(step)
    out += (_HEAD["thread.run.step.created"], step_json, _END)
    out += (_HEAD["thread.run.step.in_progress"], step_json, _END)
    call_delta = {
        "index": 0,
        "id": run.plan.tool_call["id"],
        "type": "function",
        "function": {"name": function["name"], "arguments": function["arguments"], "output": None},
    }
    delta = {
        "id": run.step_id,
        "object": "thread.run.step.delta",
        "delta": {"step_details": {"type": "tool_calls", "tool_calls": [call_delta]}},
    }
    out += (_HEAD["thread.run.step.delta"], dumps(delta), _END)


def _message_events(out: list[bytes], run: Run, reply: Mapping[str, Any]) -> None:
    created_at = run.at(STEP_CREATED)
    details = {"type": "message_creation", "message_creation": {"message_id": reply["id"]}}
    step = run_step(step_id=run.step_id, run=run.state, created_at=created_at, details=details)
    step_json = dumps(step)
    out += (_HEAD["thread.run.step.created"], step_json, _END)
    out += (_HEAD["thread.run.step.in_progress"], step_json, _END)
    empty = assistant_message(
        message_id=reply["id"], run=run.state, created_at=created_at, text=None
    )
    empty_json = dumps(empty)
    out += (_HEAD["thread.message.created"], empty_json, _END)
    out += (_HEAD["thread.message.in_progress"], empty_json, _END)
    _text_deltas(out, run.plan.reply, reply["id"])
    out += (_HEAD[f"thread.message.{reply['status']}"], dumps(reply), _END)
    done_step = {
        **step,
        "status": "completed",
        "completed_at": run.at(MESSAGE_ENDED),
        "usage": run.plan.usage,
    }
    out += (_HEAD["thread.run.step.completed"], dumps(done_step), _END)


def _text_deltas(out: list[bytes], tokens: Sequence[str], message_id: str) -> None:
    """The reply ``tokens`` in at most :data:`MAX_DELTAS` ``thread.message.delta`` events."""
    size = -(-len(tokens) // MAX_DELTAS)  # ceiling division
    chunks = ["".join(tokens[i : i + size]) for i in range(0, len(tokens), size)]
    # All chunks are encoded in one call, as an array of strings, and cut apart at '","': inside
    # a JSON string every '"' is escaped, so that sequence only ever separates two elements.
    encoded = dumps(chunks)[2:-2].split(b'","')
    # Each event is {"id", "object", "delta": {"content": [{"index": 0, "type": "text",
    # "text": {"value": CHUNK}}]}} (the first with "annotations": []): only CHUNK varies.
    head = (
        _HEAD["thread.message.delta"] + b'{"id":"' + message_id.encode() + b'",'
        b'"object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text",'
        b'"text":{"value":"'
    )
    out += (head, encoded[0], b'","annotations":[]}}]}}' + _END)
    tail = b'"}}]}}' + _END
    for chunk in encoded[1:]:
        out += (head, chunk, tail)


_EVENT_NAME = re.compile(rb"event: ([^\n]*)\n")


def timed_frames(body: bytes, duration: float) -> Iterator[tuple[float, bytes]]:
    """The frames of a stream ``body`` with the seconds after the run's creation to send them
    (see :data:`TIMELINE`); consecutive frames due at the same time come as one."""
    frames = [frame + _END for frame in body.split(_END) if frame]
    names = [_event_name(frame) for frame in frames]
    deltas, delta = names.count("thread.message.delta"), 0
    due: list[float] = []
    for name in names:
        if name == "thread.message.delta":
            delta += 1
            due.append(duration * (DELTAS_FROM + (DELTAS_TO - DELTAS_FROM) * delta / deltas))
        else:
            due.append(duration * TIMELINE[name])
    start = 0
    for index, at in enumerate(due):
        if index + 1 == len(due) or due[index + 1] != at:
            yield at, b"".join(frames[start : index + 1])
            start = index + 1


def _event_name(frame: bytes) -> str:
    match = _EVENT_NAME.match(frame)
    assert match is not None, frame
    return match.group(1).decode()
