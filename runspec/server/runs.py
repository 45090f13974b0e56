"""A run's life: how it ends and when (its stream is :mod:`runspec.server.stream`).

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
to submit them, so ``requires_action`` does not block the thread.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from runspec.server.assistants import Assistant
from runspec.server.ids import new_id
from runspec.server.jsonwire import dumps, dumps_to_keep
from runspec.server.objects import (
    assistant_message,
    message_text,
    run_parts,
    user_message,
)
from runspec.server.state import MAX_MESSAGES, StoredMessage, Thread
from runspec.server.tokens import count_tokens, split_tokens

__all__ = [
    "GREETING",
    "MESSAGE_ENDED",
    "REPLY_PREFIX",
    "STARTED",
    "STEP_CREATED",
    "Outcome",
    "Plan",
    "Run",
    "new_run",
    "new_user_messages",
    "plan_run",
    "stored",
]

REPLY_PREFIX = "You said: "
GREETING = "Hello! I am the runspec reference assistant. Send me a message and I will repeat it."

# A run's timeline, as fractions of its duration: it starts (in_progress), its step and message
# are created, the message is finished; at 1 the run is over. Timestamps and stream events
# follow it.
STARTED = 0.1
STEP_CREATED = 0.2
MESSAGE_ENDED = 0.95

_PREFIX_TOKENS = split_tokens(REPLY_PREFIX)
_GREETING_TOKENS = split_tokens(GREETING)


class Outcome(enum.Enum):
    COMPLETED = "completed"
    INCOMPLETE = "incomplete"
    REQUIRES_ACTION = "requires_action"
    FAILED = "failed"


class Plan(NamedTuple):
    """How a run ends: its outcome, reply tokens or tool call, and usage.

    (A named tuple rather than a frozen dataclass: one is made per request, and a frozen
    dataclass sets each field through ``object.__setattr__``, several times slower.)
    """

    outcome: Outcome
    usage: Mapping[str, int]
    reply: Sequence[str] = ()
    incomplete_reason: str | None = None
    tool_call: Mapping[str, Any] | None = None


@dataclass(eq=False, slots=True)
class Run:
    """A run: its state as created, its settings (and their JSON), its plan and its clock.

    ``reply`` is the message the run writes (as the thread keeps it, and as the stream's final
    message event shows it), or None when it writes none.
    """

    state: Mapping[str, Any]
    settings: Mapping[str, Any]
    plan: Plan
    wall_start: float
    start: float
    duration: float
    step_id: str
    reply: Mapping[str, Any] | None = None
    _settings_json: bytes | None = None

    def at(self, fraction: float) -> int:
        """The Unix time ``fraction`` of the way through the run (see :data:`STARTED` etc.)."""
        return int(self.wall_start + self.duration * fraction)

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

    @property
    def ends(self) -> float:
        """The monotonic time at which the run is over."""
        return self.start + self.duration

    def is_active(self, now: float) -> bool:
        """Whether the run is still ``queued``/``in_progress`` at monotonic time ``now``."""
        return now < self.start + self.duration


# ---- deciding the outcome -------------------------------------------------------------------------


def plan_run(settings: Mapping[str, Any], thread: Thread) -> Plan:
    """The outcome of a run with ``settings`` on ``thread`` (holding the request's messages)."""
    truncation = settings["truncation_strategy"]
    last = _whole(truncation["last_messages"]) if truncation["type"] == "last_messages" else None
    prompt = count_tokens(settings["instructions"]) + thread.prompt_tokens(last)

    prompt_limit = _whole(settings["max_prompt_tokens"])
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

    user_text = thread.last_user_text
    reply = _GREETING_TOKENS if user_text is None else _PREFIX_TOKENS + split_tokens(user_text)
    limit = _whole(settings["max_completion_tokens"])
    if limit is not None and len(reply) > limit:
        cut = reply[:limit]
        return Plan(
            Outcome.INCOMPLETE,
            _usage(prompt, limit),
            reply=(*cut[:-1], cut[-1].rstrip()),
            incomplete_reason="max_completion_tokens",
        )
    return Plan(Outcome.COMPLETED, _usage(prompt, len(reply)), reply=reply)


def _whole(value: float | None) -> int | None:
    """An ``integer`` of the request as a Python int: JSON Schema's integers include ``7.0``,
    which Python's slices and token counts do not take."""
    return None if value is None else int(value)


def _usage(prompt: int, completion: int) -> dict[str, int]:
    return {
        "completion_tokens": completion,
        "prompt_tokens": prompt,
        "total_tokens": prompt + completion,
    }


def stored(message: dict[str, Any]) -> StoredMessage:
    """A message object as a thread keeps it: encoded, with its token count."""
    text = message_text(message)
    return StoredMessage(dumps_to_keep(message), message["role"], count_tokens(text), text)


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
    run = Run(
        state=state,
        settings=settings,
        plan=plan,
        wall_start=wall,
        start=time.monotonic(),
        duration=duration,
        step_id=new_id("step_"),
    )
    if plan.outcome is Outcome.REQUIRES_ACTION or not plan.reply:
        return run, []
    run.reply = assistant_message(
        message_id=new_id("msg_"),
        run=state,
        created_at=run.at(STEP_CREATED),
        text="".join(plan.reply),
        status="completed" if plan.outcome is Outcome.COMPLETED else "incomplete",
        ended_at=run.at(MESSAGE_ENDED),
    )
    return run, [StoredMessage(dumps_to_keep(run.reply), "assistant", len(plan.reply))]


def new_user_messages(
    requests: Sequence[Mapping[str, Any]] | None, *, thread_id: str
) -> list[StoredMessage]:
    """The messages to create of a request, as a thread stores them: the last
    :data:`~runspec.server.state.MAX_MESSAGES` only, as a thread keeps no more (the others would be
    built, encoded and counted only to be dropped; a body can name thousands)."""
    created_at = int(time.time())
    return [
        stored(user_message(m, thread_id=thread_id, created_at=created_at))
        for m in (requests or ())[-MAX_MESSAGES:]
    ]
