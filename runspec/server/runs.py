"""A run's life: how it ends, when, and the events its stream shows on the way.

The reply is deterministic, so tests can predict every field:

* **Tokens.** One token per whitespace-separated word. ``prompt_tokens`` counts the run's
  instructions and the text of the thread's messages (the newest ``last_messages`` of them with
  ``truncation_strategy: {type: last_messages}``); images count nothing.
* **Reply.** ``You said: `` followed by the text of the thread's last user message, or, when the
  thread has no user text, :data:`GREETING`. So the reply has ``2 + words`` tokens, and a user
  message of 255 words or more with ``max_completion_tokens: 256`` ends the run ``incomplete``
  (reason ``max_completion_tokens``; the message is cut after 256 tokens and is ``incomplete``).
* **Prompt limit.** When ``prompt_tokens`` exceeds ``max_prompt_tokens`` the run ends
  ``incomplete`` (reason ``max_prompt_tokens``) without writing a message.
* **Tools.** ``tool_choice: {type: function, function: {name}}`` (or ``required`` with a
  function among the run's tools) ends the run in ``requires_action`` with one call of that
  function; its ``arguments`` fill the function's required parameters with placeholders
  (``default``, first ``enum`` value, ``"example"``, ``0``, ``false``, ``[]``, ``{}``).
  Named ``code_interpreter``/``file_search`` choices are answered with the text reply.
* **Usage** is ``{prompt_tokens, completion_tokens, total_tokens}`` of the above.

Encoding: a run's settings (``model`` to ``response_format``) never change, so they are encoded
once per run and joined to each state of the run (``id`` to ``usage``) as it is sent.

Timing: a run is created ``queued`` and is active for ``duration`` seconds, then it is terminal
(``completed``, ``incomplete`` or ``requires_action``). Nothing runs in the background: the state
is a function of the clock, so with ``duration`` 0 a run is over as soon as it exists. Although
the hosted API keeps ``requires_action`` runs open for tool outputs, this server has no endpoint
to submit them, so ``requires_action`` does not block the thread. A stream spreads its events
over ``duration`` and sends the final run event only once the run has ended.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from runspec.server.assistants import Assistant
from runspec.server.ids import new_id
from runspec.server.jsonwire import dumps
from runspec.server.objects import (
    assistant_message,
    message_text,
    run_parts,
    run_step,
    user_message,
)
from runspec.server.state import StoredMessage, Thread
from runspec.server.tokens import count_tokens, split_tokens

__all__ = [
    "GREETING",
    "REPLY_PREFIX",
    "Outcome",
    "Plan",
    "Run",
    "new_run",
    "new_user_messages",
    "plan_run",
    "stored",
    "stream_frames",
]

REPLY_PREFIX = "You said: "
GREETING = "Hello! I am the runspec reference assistant. Send me a message and I will repeat it."
MAX_DELTAS = 8
DONE_FRAME = b"event: done\ndata: [DONE]\n\n"

_PREFIX_TOKENS = split_tokens(REPLY_PREFIX)
_GREETING_TOKENS = split_tokens(GREETING)

# emit(fraction of the run's duration, event name, encoded payload)
_Emit = Callable[[float, str, bytes], None]


class Outcome(enum.Enum):
    COMPLETED = "completed"
    INCOMPLETE = "incomplete"
    REQUIRES_ACTION = "requires_action"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Plan:
    """How a run ends: its outcome, reply tokens or tool call, and usage."""

    outcome: Outcome
    usage: Mapping[str, int]
    reply: Sequence[str] = ()
    incomplete_reason: str | None = None
    tool_call: Mapping[str, Any] | None = None


@dataclass(eq=False, slots=True)
class Run:
    """A run: its state as created, its settings (and their JSON), its plan and its clock."""

    state: Mapping[str, Any]
    settings: Mapping[str, Any]
    plan: Plan
    wall_start: float
    start: float
    duration: float
    step_id: str
    message_id: str | None
    _settings_json: bytes | None = None

    @property
    def id(self) -> str:
        run_id: str = self.state["id"]
        return run_id

    @property
    def queued(self) -> dict[str, Any]:
        """The run object as created: what a plain create answers."""
        return {**self.state, **self.settings}

    def encode(self, state: Mapping[str, Any]) -> bytes:
        """The JSON of the run object in ``state`` (this run's settings, encoded once, joined on)."""
        if self._settings_json is None:
            self._settings_json = dumps(self.settings)
        return dumps(state)[:-1] + b"," + self._settings_json[1:]

    def is_active(self, now: float) -> bool:
        """Whether the run is still ``queued``/``in_progress`` at monotonic time ``now``."""
        return now < self.start + self.duration


# ---- deciding the outcome -------------------------------------------------------------------------


def plan_run(settings: Mapping[str, Any], thread: Thread) -> Plan:
    """The outcome of a run with ``settings`` on ``thread`` (holding the request's messages)."""
    truncation = settings["truncation_strategy"]
    last = truncation["last_messages"] if truncation["type"] == "last_messages" else None
    prompt = count_tokens(settings["instructions"]) + thread.prompt_tokens(last)

    prompt_limit = settings["max_prompt_tokens"]
    if prompt_limit is not None and prompt > prompt_limit:
        return Plan(
            Outcome.INCOMPLETE, _usage(prompt_limit, 0), incomplete_reason="max_prompt_tokens"
        )

    tool_choice = settings["tool_choice"]
    if tool_choice != "auto" and tool_choice != "none":
        function = _forced_function(tool_choice, settings["tools"])
        if function is not None:
            name, parameters = function
            arguments = dumps(_placeholder_arguments(parameters)).decode()
            call = {
                "id": new_id("call_"),
                "type": "function",
                "function": {"name": name, "arguments": arguments},
            }
            completion = 1 + count_tokens(arguments)
            return Plan(Outcome.REQUIRES_ACTION, _usage(prompt, completion), tool_call=call)

    user_tokens = thread.last_user_tokens
    reply = _GREETING_TOKENS if user_tokens is None else _PREFIX_TOKENS + user_tokens
    limit = settings["max_completion_tokens"]
    if limit is not None and len(reply) > limit:
        cut = reply[:limit]
        return Plan(
            Outcome.INCOMPLETE,
            _usage(prompt, limit),
            reply=(*cut[:-1], cut[-1].rstrip()),
            incomplete_reason="max_completion_tokens",
        )
    return Plan(Outcome.COMPLETED, _usage(prompt, len(reply)), reply=reply)


def _usage(prompt: int, completion: int) -> dict[str, int]:
    return {
        "completion_tokens": completion,
        "prompt_tokens": prompt,
        "total_tokens": prompt + completion,
    }


def stored(message: dict[str, Any]) -> StoredMessage:
    """A message object as a thread keeps it, with its text and token count."""
    text = message_text(message)
    return StoredMessage(object=message, role=message["role"], text=text, tokens=count_tokens(text))


def _forced_function(
    tool_choice: Any, tools: Sequence[Mapping[str, Any]]
) -> tuple[str, Mapping[str, Any]] | None:
    functions = {
        t["function"]["name"]: t["function"].get("parameters") or {}
        for t in tools
        if t.get("type") == "function"
    }
    if isinstance(tool_choice, Mapping) and tool_choice.get("type") == "function":
        name = (tool_choice.get("function") or {}).get("name")
        if name is None:
            name = next(iter(functions), None)
        return None if name is None else (name, functions.get(name, {}))
    if tool_choice == "required" and functions:
        name = next(iter(functions))
        return name, functions[name]
    return None


def _placeholder_arguments(parameters: Mapping[str, Any]) -> dict[str, Any]:
    properties = parameters.get("properties")
    required = parameters.get("required")
    if not isinstance(properties, Mapping) or not isinstance(required, list):
        return {}
    return {name: _placeholder(properties.get(name)) for name in required if isinstance(name, str)}


def _placeholder(schema: Any) -> Any:
    if not isinstance(schema, Mapping):
        return "example"
    if "default" in schema:
        return schema["default"]
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    placeholders = {"integer": 0, "number": 0, "boolean": False, "array": [], "object": {}}
    if kind == "null":
        return None
    return placeholders.get(kind if isinstance(kind, str) else "", "example")


# ---- creating a run --------------------------------------------------------------------------


def new_run(
    request: Mapping[str, Any],
    assistant: Assistant,
    thread: Thread,
    *,
    duration: float,
    fail: bool = False,
) -> tuple[Run, list[StoredMessage]]:
    """Create a run on ``thread`` (whose messages already include the request's).

    Returns the run and the messages it writes to the thread (its reply, if any). ``fail``
    makes it a run that fails with a server error (fault injection).
    """
    wall = time.time()
    created_at = int(wall)
    state, settings = run_parts(
        run_id=new_id("run_"),
        thread_id=thread.id,
        assistant=assistant,
        request=request,
        created_at=created_at,
    )
    plan = plan_run(settings, thread) if not fail else Plan(Outcome.FAILED, _usage(0, 0))
    has_message = plan.outcome is not Outcome.REQUIRES_ACTION and bool(plan.reply)
    run = Run(
        state=state,
        settings=settings,
        plan=plan,
        wall_start=wall,
        start=time.monotonic(),
        duration=duration,
        step_id=new_id("step_"),
        message_id=new_id("msg_") if has_message else None,
    )
    written: list[StoredMessage] = []
    if run.message_id is not None:
        ended = int(wall + duration)
        complete = plan.outcome is Outcome.COMPLETED
        text = "".join(plan.reply)
        reply = assistant_message(
            message_id=run.message_id,
            run=state,
            created_at=ended,
            text=text,
            status="completed" if complete else "incomplete",
            ended_at=ended,
        )
        written.append(StoredMessage(reply, "assistant", text, len(plan.reply)))
    return run, written


def new_user_messages(
    requests: Sequence[Mapping[str, Any]] | None, *, thread_id: str
) -> list[StoredMessage]:
    """The messages to create of a request, as a thread stores them."""
    created_at = int(time.time())
    return [
        stored(user_message(m, thread_id=thread_id, created_at=created_at)) for m in requests or ()
    ]


# ---- the stream -----------------------------------------------------------------------------------


# "event: NAME\ndata: " per event name; the names are a fixed set, so this stays small.
_FRAME_HEADS: dict[str, bytes] = {}


def _frame(event: str, data: bytes) -> bytes:
    head = _FRAME_HEADS.get(event)
    if head is None:
        head = _FRAME_HEADS[event] = b"event: " + event.encode() + b"\ndata: "
    return head + data + b"\n\n"


def stream_frames(run: Run, thread: Mapping[str, Any] | None = None) -> list[tuple[float, bytes]]:
    """The events of ``run``'s stream, each with the offset (seconds after creation) to send it.

    ``thread`` (the thread object) is given for createThreadAndRun, whose stream starts with
    ``thread.created``. The final run event, and ``done``, come at the run's full duration.
    """
    plan, duration = run.plan, run.duration
    frames: list[tuple[float, bytes]] = []

    def at(fraction: float) -> int:
        return int(run.wall_start + duration * fraction)

    def emit(fraction: float, event: str, data: bytes) -> None:
        frames.append((duration * fraction, _frame(event, data)))

    if thread is not None:
        emit(0, "thread.created", dumps(thread))
    queued = run.encode(run.state)
    emit(0, "thread.run.created", queued)
    emit(0, "thread.run.queued", queued)
    in_progress = {**run.state, "status": "in_progress", "started_at": at(0.1)}
    emit(0.1, "thread.run.in_progress", run.encode(in_progress))

    if plan.outcome is Outcome.FAILED:
        error = {
            "message": "The server had an error while processing your request. Sorry about that!",
            "type": "server_error",
            "param": None,
            "code": None,
        }
        emit(0.5, "error", dumps(error))
        return frames  # an error event ends the stream

    if plan.outcome is Outcome.REQUIRES_ACTION:
        _tool_call_events(run, emit, at(0.2))
        final = {
            **in_progress,
            "status": "requires_action",
            "required_action": {
                "type": "submit_tool_outputs",
                "submit_tool_outputs": {"tool_calls": [plan.tool_call]},
            },
            "usage": plan.usage,
        }
        emit(1, "thread.run.requires_action", run.encode(final))
    else:
        if run.message_id is not None:
            _message_events(run, emit, at(0.2), at(0.95))
        final = {
            **in_progress,
            "status": plan.outcome.value,
            "expires_at": None,
            "usage": plan.usage,
        }
        if plan.outcome is Outcome.COMPLETED:
            final["completed_at"] = at(1)
        else:
            final["incomplete_details"] = {"reason": plan.incomplete_reason}
        emit(1, f"thread.run.{plan.outcome.value}", run.encode(final))
    frames.append((duration, DONE_FRAME))
    return frames


def _tool_call_events(run: Run, emit: _Emit, created_at: int) -> None:
    assert run.plan.tool_call is not None
    function = run.plan.tool_call["function"]
    step = dumps(
        run_step(
            step_id=run.step_id,
            run=run.state,
            created_at=created_at,
            details={"type": "tool_calls", "tool_calls": []},
        )
    )
    emit(0.2, "thread.run.step.created", step)
    emit(0.2, "thread.run.step.in_progress", step)
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
    emit(0.5, "thread.run.step.delta", dumps(delta))


def _message_events(run: Run, emit: _Emit, created_at: int, ended_at: int) -> None:
    assert run.message_id is not None
    plan = run.plan
    details = {"type": "message_creation", "message_creation": {"message_id": run.message_id}}
    step = run_step(step_id=run.step_id, run=run.state, created_at=created_at, details=details)
    step_json = dumps(step)
    emit(0.2, "thread.run.step.created", step_json)
    emit(0.2, "thread.run.step.in_progress", step_json)
    message = dumps(
        assistant_message(
            message_id=run.message_id, run=run.state, created_at=created_at, text=None
        )
    )
    emit(0.25, "thread.message.created", message)
    emit(0.25, "thread.message.in_progress", message)

    tokens = plan.reply
    size = -(-len(tokens) // MAX_DELTAS)  # ceiling: at most MAX_DELTAS deltas
    chunks = ["".join(tokens[i : i + size]) for i in range(0, len(tokens), size)]
    # {"id", "object", "delta": {"content": [{"index": 0, "type": "text", "text": {"value"}}]}},
    # written around each chunk: only the chunk needs encoding.
    head = (
        b'{"id":"' + run.message_id.encode() + b'","object":"thread.message.delta",'
        b'"delta":{"content":[{"index":0,"type":"text","text":{"value":'
    )
    for index, chunk in enumerate(chunks):
        tail = b',"annotations":[]}}]}}' if index == 0 else b"}}]}}"
        emit(
            0.3 + 0.6 * (index + 1) / len(chunks),
            "thread.message.delta",
            head + dumps(chunk) + tail,
        )

    complete = plan.outcome is Outcome.COMPLETED
    status = "completed" if complete else "incomplete"
    final_message = assistant_message(
        message_id=run.message_id,
        run=run.state,
        created_at=created_at,
        text="".join(tokens),
        status=status,
        ended_at=ended_at,
    )
    emit(0.95, f"thread.message.{status}", dumps(final_message))
    done_step = {**step, "status": "completed", "completed_at": ended_at, "usage": plan.usage}
    emit(0.95, "thread.run.step.completed", dumps(done_step))
