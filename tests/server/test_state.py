"""Memory is bounded (LRU threads, messages per thread, bytes), ``--any-assistant`` creates
assistants on first use, and of concurrent creates on one busy thread exactly one wins."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from runspec.server.assistants import DEFAULT_ASSISTANT
from runspec.server.errors import ApiError
from runspec.server.runs import Run, new_run
from runspec.server.state import MAX_MESSAGES, Store, Thread
from runspec.server.testing import serve_in_thread
from tests.server.conftest import MakeClient
from tests.server.support import ASSISTANT, HEADERS, THREAD_RUNS, error_of, runs_of, store_of, user


def new_thread(client: TestClient, **fields: Any) -> str:
    response = client.post(THREAD_RUNS, json={"assistant_id": ASSISTANT, **fields})
    assert response.status_code == 200, response.text
    thread_id: str = response.json()["thread_id"]
    return thread_id


def run_on(client: TestClient, thread_id: str, **fields: Any) -> int:
    return client.post(runs_of(thread_id), json={"assistant_id": ASSISTANT, **fields}).status_code


# ---- bounds --------------------------------------------------------------------------------------


def test_the_least_recently_used_thread_is_evicted(make_client: MakeClient) -> None:
    client = make_client(max_threads=3)
    a, b, c = (new_thread(client) for _ in range(3))
    assert run_on(client, a) == 200  # a is now the most recently used
    d = new_thread(client)
    assert store_of(client).thread_count == 3
    response = client.post(runs_of(b), json={"assistant_id": ASSISTANT})
    assert response.status_code == 404
    assert error_of(response)["message"] == f"No thread found with id '{b}'."
    assert [run_on(client, t) for t in (a, c, d)] == [200, 200, 200]


def test_a_thread_keeps_its_newest_messages(client: TestClient) -> None:
    thread_id = new_thread(client)
    for batch in range(12):
        messages = [user(f"message {batch}-{i}") for i in range(10)]
        assert run_on(client, thread_id, additional_messages=messages) == 200
    thread = store_of(client).find_thread(thread_id)
    assert thread is not None
    assert len(thread.messages) == MAX_MESSAGES
    assert thread.messages[-1].role == "assistant"
    assert thread.messages[-2].text == "message 11-9"


def test_one_request_naming_more_messages_than_a_thread_keeps(client: TestClient) -> None:
    messages = [user(f"word {i}") for i in range(MAX_MESSAGES * 3)]
    response = client.post(
        THREAD_RUNS, json={"assistant_id": ASSISTANT, "thread": {"messages": messages}}
    )
    assert response.status_code == 200
    run = response.json()
    thread = store_of(client).find_thread(run["thread_id"])
    assert thread is not None
    kept = [m.text for m in thread.messages if m.role == "user"]
    assert kept == [f"word {i}" for i in range(MAX_MESSAGES * 2 + 1, MAX_MESSAGES * 3)]
    assert thread.tokens == sum(m.tokens for m in thread.messages)  # the kept ones are counted


def test_stored_request_text_is_bounded(make_client: MakeClient) -> None:
    client = make_client(max_stored_bytes=20_000)
    threads = [new_thread(client, thread={"messages": [user("x" * 5_000)]}) for _ in range(10)]
    store = store_of(client)
    assert store.stored_bytes <= 20_000
    assert 1 <= store.thread_count <= 4
    assert run_on(client, threads[-1]) == 200
    assert run_on(client, threads[0]) == 404


# ---- assistants ------------------------------------------------------------------------------------


def test_unknown_assistants_are_404_by_default(client: TestClient) -> None:
    response = client.post(THREAD_RUNS, json={"assistant_id": "asst_fuzz1"})
    assert response.status_code == 404


def test_any_assistant_creates_well_formed_ids_on_first_use(make_client: MakeClient) -> None:
    client = make_client(any_assistant=True)
    for assistant_id in ("asst_fuzz1", "asst_A-b_9", "asst_" + "x" * 64, ASSISTANT):
        response = client.post(THREAD_RUNS, json={"assistant_id": assistant_id})
        assert response.status_code == 200, assistant_id
        run = response.json()
        assert run["assistant_id"] == assistant_id
        assert run["model"] == "gpt-4o"


@pytest.mark.parametrize(
    "assistant_id", ["asst_", "asst", "assistant_1", "asst_a b", "asst_" + "x" * 65, "", "ASST_1"]
)
def test_any_assistant_still_rejects_malformed_ids(
    make_client: MakeClient, assistant_id: str
) -> None:
    client = make_client(any_assistant=True)
    response = client.post(THREAD_RUNS, json={"assistant_id": assistant_id})
    assert response.status_code == 404
    assert error_of(response)["message"] == f"No assistant found with id '{assistant_id}'."


def test_created_assistants_are_bounded_too() -> None:
    store = Store([DEFAULT_ASSISTANT], any_assistant=True, max_threads=2)
    for name in ("a", "b", "c"):
        assert store.find_assistant(f"asst_{name}") is not None
    assert store.find_assistant(ASSISTANT) is DEFAULT_ASSISTANT
    assert len(store._created_assistants) == 2


# ---- one run at a time per thread -------------------------------------------------------------


def test_the_store_lets_one_of_many_threads_start_a_run() -> None:
    """Per-thread locking, with real OS threads racing on Store.start_run."""
    store = Store([DEFAULT_ASSISTANT])
    thread = Thread(id="thread_race", created_at=0, metadata={}, tool_resources=None)
    store.add_thread(thread)
    barrier = threading.Barrier(50)
    won: list[Run] = []
    lost: list[ApiError] = []

    def attempt() -> None:
        barrier.wait()
        try:
            won.append(
                store.start_run(
                    thread,
                    [],
                    lambda t: new_run(
                        {"assistant_id": ASSISTANT}, DEFAULT_ASSISTANT, t, duration=60
                    ),
                    now=0.0,
                )
            )
        except ApiError as error:
            lost.append(error)

    workers = [threading.Thread(target=attempt) for _ in range(50)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(won) == 1
    assert len(lost) == 49
    assert {e.message for e in lost} == {
        f"Thread thread_race already has an active run {won[0].id}."
    }


async def _race(base_url: str, thread_id: str, count: int) -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=count)
    async with httpx.AsyncClient(
        base_url=base_url, headers=HEADERS, limits=limits, timeout=30
    ) as http:
        return list(
            await asyncio.gather(
                *(
                    http.post(f"/threads/{thread_id}/runs", json={"assistant_id": ASSISTANT})
                    for _ in range(count)
                )
            )
        )


def test_fifty_simultaneous_creates_on_one_thread_give_exactly_one_run(
    checked_app: Any,
) -> None:
    """Over real HTTP: 50 connections post at once to a thread whose last run has ended."""
    duration = 1.0
    with serve_in_thread(checked_app(run_duration=duration)) as live:
        with httpx.Client(base_url=live.base_url, headers=HEADERS) as http:
            seed = http.post("/threads/runs", json={"assistant_id": ASSISTANT}).json()
        time.sleep(duration + 0.05)  # the thread's first run is over
        responses = asyncio.run(_race(live.base_url, seed["thread_id"], 50))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [400] * 49
    (winner,) = [r.json() for r in responses if r.status_code == 200]
    losers = {error_of(r)["message"] for r in responses if r.status_code == 400}
    assert losers == {f"Thread {seed['thread_id']} already has an active run {winner['id']}."}
