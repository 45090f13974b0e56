"""The run a create answers with: a fresh ``queued`` run made of the assistant's settings and the
request's overrides; the thread keeps the messages; the run is active for ``run_duration``."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from starlette.testclient import TestClient

from runspec.server import Assistant
from runspec.server.objects import EXPIRY_SECONDS
from tests.server.conftest import MakeClient
from tests.server.support import ASSISTANT, THREAD_RUNS, error_of, runs_of, store_of, user

ID = {prefix: re.compile(rf"{prefix}_[A-Za-z0-9]{{24}}") for prefix in ("run", "thread", "msg")}

SEEDED_TOOLS = [
    {"type": "code_interpreter"},
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Current weather for a city.",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string"}},
                "required": ["city"],
            },
        },
    },
]


def create(client: TestClient, path: str = THREAD_RUNS, /, **fields: Any) -> dict[str, Any]:
    response = client.post(path, json={"assistant_id": ASSISTANT, **fields})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    run: dict[str, Any] = response.json()
    return run


@pytest.fixture
def thread_id(client: TestClient) -> str:
    thread: str = create(client)["thread_id"]
    return thread


@pytest.mark.parametrize("endpoint", ["createThreadAndRun", "createRun"])
def test_a_fresh_run_is_queued_with_the_assistants_settings(
    client: TestClient, thread_id: str, endpoint: str
) -> None:
    path = THREAD_RUNS if endpoint == "createThreadAndRun" else runs_of(thread_id)
    before = int(time.time())
    run = create(client, path)
    assert ID["run"].fullmatch(run["id"])
    assert ID["thread"].fullmatch(run["thread_id"])
    if endpoint == "createRun":
        assert run["thread_id"] == thread_id
    assert before <= run["created_at"] <= int(time.time())
    assert run == {
        "id": run["id"],
        "object": "thread.run",
        "created_at": run["created_at"],
        "assistant_id": ASSISTANT,
        "thread_id": run["thread_id"],
        "status": "queued",
        "required_action": None,
        "last_error": None,
        "expires_at": run["created_at"] + EXPIRY_SECONDS,
        "started_at": None,
        "cancelled_at": None,
        "failed_at": None,
        "completed_at": None,
        "incomplete_details": None,
        "model": "gpt-4o",
        "instructions": "You are a helpful assistant.",
        "tools": SEEDED_TOOLS,
        "metadata": {},
        "usage": None,
        "temperature": 1,
        "top_p": 1,
        "max_prompt_tokens": None,
        "max_completion_tokens": None,
        "truncation_strategy": {"type": "auto", "last_messages": None},
        "tool_choice": "auto",
        "parallel_tool_calls": True,
        "response_format": "auto",
    }


OVERRIDES: dict[str, Any] = {
    "model": "gpt-4o-mini",
    "instructions": "Answer in French.",
    "tools": [{"type": "file_search", "file_search": {"max_num_results": 5}}],
    "metadata": {"ticket": "T-1"},
    "temperature": 0.2,
    "top_p": 0.9,
    "max_prompt_tokens": 1000,
    "max_completion_tokens": 500,
    "truncation_strategy": {"type": "last_messages", "last_messages": 4},
    "tool_choice": "none",
    "parallel_tool_calls": False,
    "response_format": {"type": "json_object"},
}


@pytest.mark.parametrize("endpoint", ["createThreadAndRun", "createRun"])
def test_every_override_shows_in_the_run(client: TestClient, thread_id: str, endpoint: str) -> None:
    path = THREAD_RUNS if endpoint == "createThreadAndRun" else runs_of(thread_id)
    run = create(client, path, **OVERRIDES)
    assert {name: run[name] for name in OVERRIDES} == OVERRIDES


def test_null_overrides_keep_the_assistants_settings_and_the_defaults(client: TestClient) -> None:
    nulls = {name: None for name in OVERRIDES if name != "parallel_tool_calls"}
    run = create(client, **nulls)
    assert run["model"] == "gpt-4o"
    assert run["instructions"] == "You are a helpful assistant."
    assert run["tools"] == SEEDED_TOOLS
    assert (run["metadata"], run["temperature"], run["top_p"]) == ({}, 1, 1)
    assert run["truncation_strategy"] == {"type": "auto", "last_messages": None}
    assert (run["tool_choice"], run["response_format"]) == ("auto", "auto")


def test_an_empty_tool_list_overrides_the_assistants_tools(client: TestClient) -> None:
    assert create(client, tools=[])["tools"] == []


def test_a_truncation_strategy_without_last_messages_shows_it_as_null(client: TestClient) -> None:
    run = create(client, truncation_strategy={"type": "auto"})
    assert run["truncation_strategy"] == {"type": "auto", "last_messages": None}


def test_additional_instructions_are_appended(client: TestClient, thread_id: str) -> None:
    run = create(client, runs_of(thread_id), additional_instructions="Be brief.")
    assert run["instructions"] == "You are a helpful assistant.\nBe brief."
    run = create(
        client, runs_of(thread_id), instructions="Be kind.", additional_instructions="Be brief."
    )
    assert run["instructions"] == "Be kind.\nBe brief."


def test_a_configured_assistant_lends_its_settings(make_client: MakeClient) -> None:
    tools = [{"type": "code_interpreter"}]
    assistant = Assistant(id="asst_tutor", model="o3-mini", instructions="Teach.", tools=tools)
    client = make_client(assistants=[assistant])
    response = client.post(THREAD_RUNS, json={"assistant_id": "asst_tutor"})
    run = response.json()
    assert (run["assistant_id"], run["model"], run["instructions"], run["tools"]) == (
        "asst_tutor",
        "o3-mini",
        "Teach.",
        tools,
    )
    assert client.post(THREAD_RUNS, json={"assistant_id": ASSISTANT}).status_code == 200


def test_the_threads_messages_are_stored(client: TestClient) -> None:
    thread = {
        "messages": [
            user("Hello"),
            {
                "role": "assistant",
                "content": [{"type": "text", "text": "Hi!"}],
                "metadata": {"source": "seed"},
            },
        ],
        "metadata": {"channel": "web"},
    }
    run = create(client, thread=thread)
    stored = store_of(client).find_thread(run["thread_id"])
    assert stored is not None
    assert stored.metadata == {"channel": "web"}
    first, second, reply = (m.object for m in stored.messages)
    assert (first["role"], first["content"]) == (
        "user",
        [{"type": "text", "text": {"value": "Hello", "annotations": []}}],
    )
    assert (second["role"], second["metadata"]) == ("assistant", {"source": "seed"})
    assert ID["msg"].fullmatch(first["id"])
    assert (reply["role"], reply["run_id"]) == ("assistant", run["id"])


def test_additional_messages_are_added_before_the_run(client: TestClient, thread_id: str) -> None:
    image = {
        "type": "image_url",
        "image_url": {"url": "https://example.com/a.png", "detail": "low"},
    }
    create(client, runs_of(thread_id), additional_messages=[user("One"), user([image])])
    stored = store_of(client).find_thread(thread_id)
    assert stored is not None
    roles_and_content = [(m.role, m.object["content"][0]["type"]) for m in stored.messages]
    assert roles_and_content[-3:] == [
        ("user", "text"),
        ("user", "image_url"),
        ("assistant", "text"),
    ]


def test_vector_stores_to_create_become_vector_store_ids(client: TestClient) -> None:
    resources = {"file_search": {"vector_stores": [{"file_ids": ["file-1"]}]}}
    run = create(client, thread={"tool_resources": resources})
    stored = store_of(client).find_thread(run["thread_id"])
    assert stored is not None
    assert stored.tool_resources is not None
    (vector_store,) = stored.tool_resources["file_search"]["vector_store_ids"]
    assert re.fullmatch(r"vs_[A-Za-z0-9]{24}", vector_store)


# ---- lifecycle -------------------------------------------------------------------------------------


def test_with_no_run_duration_a_run_is_over_before_the_next_create(
    client: TestClient, thread_id: str
) -> None:
    for _ in range(3):
        assert create(client, runs_of(thread_id))["status"] == "queued"


def test_a_run_is_active_for_the_run_duration(make_client: MakeClient) -> None:
    duration = 1.0
    client = make_client(run_duration=duration)
    started = time.monotonic()
    first = create(client)
    second = client.post(runs_of(first["thread_id"]), json={"assistant_id": ASSISTANT})
    assert second.status_code == 400
    assert "already has an active run" in error_of(second)["message"]
    time.sleep(max(0.0, duration + 0.02 - (time.monotonic() - started)))
    assert create(client, runs_of(first["thread_id"]))["status"] == "queued"


def test_runs_on_other_threads_are_independent(make_client: MakeClient) -> None:
    client = make_client(run_duration=60)
    assert create(client)["thread_id"] != create(client)["thread_id"]


def test_a_requires_action_run_does_not_block_the_thread(
    client: TestClient, thread_id: str
) -> None:
    forced = {"type": "function", "function": {"name": "get_weather"}}
    create(client, runs_of(thread_id), tool_choice=forced)
    create(client, runs_of(thread_id))
