"""``stream: true``: the full event sequence of api-facts.md, a deterministic reply with usage, and
the three endings (completed, incomplete, requires_action). The recorder of conftest.py also
checks every event against the spec's schema and the order the SDK needs."""

from __future__ import annotations

import time
from typing import Any

import pytest
from starlette.testclient import TestClient

from runspec.events import EventValidator, ServerSentEvent
from runspec.server.runs import GREETING, REPLY_PREFIX
from runspec.spec import SpecSchemas
from tests.server.conftest import MakeClient
from tests.server.support import (
    ASSISTANT,
    THREAD_RUNS,
    events_of,
    names,
    payload,
    runs_of,
    user,
    words,
)

INSTRUCTION_TOKENS = 5  # "You are a helpful assistant."

TEXT_REPLY = [
    "thread.run.created",
    "thread.run.queued",
    "thread.run.in_progress",
    "thread.run.step.created",
    "thread.run.step.in_progress",
    "thread.message.created",
    "thread.message.in_progress",
    # "thread.message.delta", one or more
    "thread.message.completed",
    "thread.run.step.completed",
    "thread.run.completed",
    "done",
]


def stream(client: TestClient, path: str = THREAD_RUNS, **fields: Any) -> list[ServerSentEvent]:
    response = client.post(path, json={"assistant_id": ASSISTANT, "stream": True, **fields})
    return events_of(response)


def without_deltas(events: list[ServerSentEvent]) -> list[str]:
    return [n for n in names(events) if n != "thread.message.delta"]


def text_of(events: list[ServerSentEvent]) -> str:
    return "".join(
        e.json()["delta"]["content"][0]["text"]["value"]
        for e in events
        if e.event == "thread.message.delta"
    )


def thread_with(client: TestClient, *texts: str) -> str:
    response = client.post(
        THREAD_RUNS,
        json={"assistant_id": ASSISTANT, "thread": {"messages": [user(t) for t in texts]}},
    )
    thread_id: str = response.json()["thread_id"]
    return thread_id


def test_create_thread_and_run_streams_the_whole_sequence(
    client: TestClient, schemas: SpecSchemas
) -> None:
    events = stream(client, thread={"messages": [user("Hello there")], "metadata": {"k": "v"}})
    assert without_deltas(events) == ["thread.created", *TEXT_REPLY]
    assert names(events).count("thread.message.delta") >= 2
    assert EventValidator(schemas).stream_errors(events) == []
    assert events[-1].data == "[DONE]"

    thread, run = payload(events, "thread.created"), payload(events, "thread.run.completed")
    assert thread["id"] == run["thread_id"]
    assert (thread["object"], thread["metadata"], thread["tool_resources"]) == (
        "thread",
        {"k": "v"},
        None,
    )
    assert text_of(events) == "You said: Hello there"
    message = payload(events, "thread.message.completed")
    assert message["content"] == [
        {"type": "text", "text": {"value": "You said: Hello there", "annotations": []}}
    ]
    assert (message["run_id"], message["assistant_id"], message["role"]) == (
        run["id"],
        ASSISTANT,
        "assistant",
    )
    assert run["status"] == "completed"
    assert run["usage"] == {
        "prompt_tokens": INSTRUCTION_TOKENS + 2,
        "completion_tokens": 4,
        "total_tokens": INSTRUCTION_TOKENS + 6,
    }
    assert run["expires_at"] is None
    assert run["started_at"] is not None
    assert run["completed_at"] is not None
    step = payload(events, "thread.run.step.completed")
    assert step["step_details"] == {
        "type": "message_creation",
        "message_creation": {"message_id": message["id"]},
    }
    assert step["usage"] == run["usage"]


def test_every_run_event_shows_the_same_run(client: TestClient) -> None:
    events = stream(client, metadata={"a": "b"}, temperature=0.5)
    runs = [e.json() for e in events if e.event.startswith("thread.run.") and "step" not in e.event]
    assert len({r["id"] for r in runs}) == 1
    assert [r["status"] for r in runs] == ["queued", "queued", "in_progress", "completed"]
    assert all(r["metadata"] == {"a": "b"} and r["temperature"] == 0.5 for r in runs)


def test_create_run_streams_without_thread_created(client: TestClient) -> None:
    thread_id = thread_with(client, "First")
    events = stream(client, runs_of(thread_id), additional_messages=[user("Second question")])
    assert without_deltas(events) == TEXT_REPLY
    assert text_of(events) == "You said: Second question"
    # The prompt holds the thread so far: First, the first reply, Second question.
    first_reply = len(f"{REPLY_PREFIX}First".split())
    assert payload(events, "thread.run.completed")["usage"]["prompt_tokens"] == (
        INSTRUCTION_TOKENS + 1 + first_reply + 2
    )


@pytest.mark.parametrize(
    "text",
    [
        'quotes "," and "x" and \\"," in one',  # what separates encoded chunks, inside the text
        "back\\slashes \\\\ end\\",
        "tab\there, line\nbreak, été, 😀, <b>&amp;</b>",
        "one",
    ],
)
def test_the_deltas_add_up_to_the_reply_whatever_its_characters(
    client: TestClient, text: str
) -> None:
    events = stream(client, thread={"messages": [user(text)]})
    reply = payload(events, "thread.message.completed")["content"][0]["text"]["value"]
    assert reply == REPLY_PREFIX + text
    assert text_of(events) == reply


def test_the_reply_greets_a_thread_without_user_text(client: TestClient) -> None:
    events = stream(client)
    assert text_of(events) == GREETING
    assert payload(events, "thread.run.completed")["usage"]["completion_tokens"] == len(
        GREETING.split()
    )


def test_truncation_keeps_the_newest_messages_in_the_prompt(client: TestClient) -> None:
    thread_id = thread_with(client, words(50), words(3))
    events = stream(
        client,
        runs_of(thread_id),
        truncation_strategy={"type": "last_messages", "last_messages": 1},
    )
    # Only the newest message: the reply to words(3).
    reply_tokens = 2 + 3
    assert payload(events, "thread.run.completed")["usage"]["prompt_tokens"] == (
        INSTRUCTION_TOKENS + reply_tokens
    )


# ---- incomplete -------------------------------------------------------------------------------


def test_a_reply_within_max_completion_tokens_completes(client: TestClient) -> None:
    events = stream(client, thread={"messages": [user(words(254))]}, max_completion_tokens=256)
    run = payload(events, "thread.run.completed")
    assert run["usage"]["completion_tokens"] == 256


def test_a_longer_reply_ends_the_run_incomplete(client: TestClient) -> None:
    events = stream(client, thread={"messages": [user(words(255))]}, max_completion_tokens=256)
    assert without_deltas(events)[-4:] == [
        "thread.message.incomplete",
        "thread.run.step.completed",
        "thread.run.incomplete",
        "done",
    ]
    run = payload(events, "thread.run.incomplete")
    assert run["incomplete_details"] == {"reason": "max_completion_tokens"}
    assert run["usage"]["completion_tokens"] == 256
    assert run["expires_at"] is None
    message = payload(events, "thread.message.incomplete")
    assert message["status"] == "incomplete"
    assert message["incomplete_details"] == {"reason": "max_tokens"}
    assert message["incomplete_at"] is not None
    assert message["completed_at"] is None
    text = message["content"][0]["text"]["value"]
    assert text == text_of(events)
    assert len(text.split()) == 256
    assert text.endswith("w253")


def test_a_prompt_over_max_prompt_tokens_ends_the_run_incomplete(client: TestClient) -> None:
    events = stream(client, thread={"messages": [user(words(300))]}, max_prompt_tokens=256)
    assert names(events) == [
        "thread.created",
        "thread.run.created",
        "thread.run.queued",
        "thread.run.in_progress",
        "thread.run.incomplete",
        "done",
    ]
    run = payload(events, "thread.run.incomplete")
    assert run["incomplete_details"] == {"reason": "max_prompt_tokens"}
    assert run["usage"] == {"prompt_tokens": 256, "completion_tokens": 0, "total_tokens": 256}


@pytest.mark.parametrize(
    "limits",
    [
        {"max_completion_tokens": 256.0},
        {"max_prompt_tokens": 256.0},
        {"truncation_strategy": {"type": "last_messages", "last_messages": 1.0}},
    ],
)
def test_integers_written_with_a_fraction_are_integers(
    client: TestClient, limits: dict[str, Any]
) -> None:
    # Found by the contract suite's fuzzer: JSON Schema's integer admits 1.0, and a slice with it
    # was a 500 (TypeError: slice indices must be integers).
    events = stream(client, thread={"messages": [user(words(300))]}, **limits)
    run = payload(
        events, "thread.run.incomplete" if "max_" in next(iter(limits)) else "thread.run.completed"
    )
    assert all(type(count) is int for count in run["usage"].values())


def test_a_prompt_within_max_prompt_tokens_completes(client: TestClient) -> None:
    events = stream(
        client, thread={"messages": [user(words(256 - INSTRUCTION_TOKENS))]}, max_prompt_tokens=256
    )
    assert payload(events, "thread.run.completed")["usage"]["prompt_tokens"] == 256


# ---- requires_action ---------------------------------------------------------------------------

FORCED = {"type": "function", "function": {"name": "get_weather"}}
REQUIRES_ACTION = [
    "thread.run.created",
    "thread.run.queued",
    "thread.run.in_progress",
    "thread.run.step.created",
    "thread.run.step.in_progress",
    "thread.run.step.delta",
    "thread.run.requires_action",
    "done",
]


def test_a_forced_function_ends_in_requires_action(client: TestClient) -> None:
    events = stream(client, runs_of(thread_with(client, "Weather in Lyon?")), tool_choice=FORCED)
    assert names(events) == REQUIRES_ACTION
    step = payload(events, "thread.run.step.created")
    assert step["type"] == "tool_calls"
    run = payload(events, "thread.run.requires_action")
    (call,) = run["required_action"]["submit_tool_outputs"]["tool_calls"]
    assert call["type"] == "function"
    assert call["function"] == {"name": "get_weather", "arguments": '{"city":"example"}'}
    delta = payload(events, "thread.run.step.delta")
    assert delta["id"] == step["id"]
    assert delta["delta"]["step_details"]["tool_calls"] == [
        {
            "index": 0,
            "id": call["id"],
            "type": "function",
            "function": {**call["function"], "output": None},
        }
    ]
    assert run["usage"] is not None
    assert run["expires_at"] is not None


def test_the_placeholder_arguments_follow_the_functions_parameters(client: TestClient) -> None:
    parameters = {
        "type": "object",
        "properties": {
            "unit": {"type": "string", "enum": ["celsius", "kelvin"]},
            "days": {"type": "integer"},
            "exact": {"type": ["boolean", "null"]},
            "tags": {"type": "array"},
            "where": {"type": "object"},
            "limit": {"type": "number", "default": 3.5},
            "optional": {"type": "string"},
        },
        "required": ["unit", "days", "exact", "tags", "where", "limit"],
    }
    tools = [{"type": "function", "function": {"name": "forecast", "parameters": parameters}}]
    events = stream(client, tools=tools, tool_choice="required")
    (call,) = payload(events, "thread.run.requires_action")["required_action"][
        "submit_tool_outputs"
    ]["tool_calls"]
    assert call["function"]["name"] == "forecast"
    assert call["function"]["arguments"] == (
        '{"unit":"celsius","days":0,"exact":false,"tags":[],"where":{},"limit":3.5}'
    )


@pytest.mark.parametrize(
    ("tool_choice", "tools", "ending"),
    [
        ("required", None, "thread.run.requires_action"),  # the assistant has get_weather
        ("required", [{"type": "code_interpreter"}], "thread.run.completed"),
        ("auto", None, "thread.run.completed"),
        ("none", None, "thread.run.completed"),
        ({"type": "code_interpreter"}, None, "thread.run.completed"),
        (
            {"type": "function", "function": {"name": "not_a_tool"}},
            [],
            "thread.run.requires_action",
        ),
        ({"type": "function"}, None, "thread.run.requires_action"),
    ],
)
def test_which_tool_choices_force_a_call(
    client: TestClient, tool_choice: Any, tools: Any, ending: str
) -> None:
    events = stream(client, tool_choice=tool_choice, tools=tools)
    assert names(events)[-2] == ending


# ---- timing -------------------------------------------------------------------------------------


def test_a_stream_spreads_over_the_run_duration_and_ends_when_the_run_does(
    make_client: MakeClient,
) -> None:
    client = make_client(run_duration=0.4)
    started = time.monotonic()
    events = stream(client)
    assert time.monotonic() - started >= 0.4
    assert without_deltas(events) == ["thread.created", *TEXT_REPLY]
    # The run is over once its final event is out: the next create on the thread succeeds.
    thread_id = payload(events, "thread.created")["id"]
    response = client.post(runs_of(thread_id), json={"assistant_id": ASSISTANT})
    assert response.status_code == 200, response.text


def test_a_stream_is_sent_as_it_happens(make_client: MakeClient) -> None:
    client = make_client(run_duration=0.4)
    arrivals: list[float] = []
    started = time.monotonic()
    with client.stream(
        "POST", THREAD_RUNS, json={"assistant_id": ASSISTANT, "stream": True}
    ) as response:
        for line in response.iter_lines():
            if line.startswith("event:"):
                arrivals.append(time.monotonic() - started)
    assert arrivals[0] < 0.2
    assert arrivals[-1] >= 0.4
