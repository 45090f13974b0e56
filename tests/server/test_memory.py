"""The store's byte limit bounds the memory it takes: what is kept is charged, and no more is kept.

Memory is what ``tracemalloc`` sees the store's objects take after a garbage collection (Python's
allocations; the process's RSS follows them, plus the interpreter). The figures stated in the
README are held here: a thread made by ``createThreadAndRun`` with one short message, and each
further run on it.
"""

from __future__ import annotations

import asyncio
import gc
import json
import tracemalloc
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp

from runspec.server import create_app, ids
from tests.server.support import ASSISTANT, KEY, THREAD_RUNS, runs_of, user, words

# The README's figures ("Memory" under "The reference server"), bytes.
THREAD_BYTES = 2_600
RUN_BYTES = 900


async def _post(app: ASGIApp, path: str, body: dict[str, Any]) -> dict[str, Any]:
    raw = json.dumps(body).encode()
    scope = {
        "type": "http",
        "method": "POST",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"authorization", f"Bearer {KEY}".encode()),
            (b"openai-beta", b"assistants=v2"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(raw)).encode()),
        ],
    }
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": raw, "more_body": False}

    async def send(message: Any) -> None:
        sent.append(message)

    await app(scope, receive, send)
    assert sent[0]["status"] == 200, sent
    answer: dict[str, Any] = json.loads(sent[1]["body"])
    return answer


def _full_id_pools() -> None:
    """Ids are made 256 at a time (:mod:`runspec.server.ids`): start with full pools, so that a
    refill (20 KB, not the store's) does not land in a measurement of a few runs."""
    ids._id_bodies.clear()
    ids._request_id_bodies.clear()
    ids.new_id("x_")
    ids.new_request_id()


def _traced_growth(action: Callable[[], None]) -> int:
    """Bytes still allocated after ``action`` (and a full collection) that were not before."""
    _full_id_pools()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        action()
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def _app(**options: Any) -> Any:
    app = create_app(**options)
    # warm up: first requests fill caches (compiled checks, id pools) that are not the store's
    asyncio.run(_post(app, THREAD_RUNS, {"assistant_id": ASSISTANT}))
    return app


def test_a_stored_thread_takes_what_it_is_charged_and_what_the_readme_says() -> None:
    app = _app()
    store = app.state.store
    count = 2_000
    body = {"assistant_id": ASSISTANT, "thread": {"messages": [user("Plan a weekend in Lyon.")]}}

    async def fill() -> None:
        for _ in range(count):
            await _post(app, THREAD_RUNS, body)

    charged_before = store.stored_bytes
    used = _traced_growth(lambda: asyncio.run(fill()))
    charged = store.stored_bytes - charged_before
    assert store.thread_count == count + 1
    assert used <= charged, (
        f"{used / count:.0f} bytes kept per thread, {charged / count:.0f} charged"
    )
    assert charged / count <= THREAD_BYTES


def test_a_run_takes_what_it_is_charged_and_what_the_readme_says() -> None:
    app = _app()
    store = app.state.store
    thread_id = asyncio.run(_post(app, THREAD_RUNS, {"assistant_id": ASSISTANT}))["thread_id"]
    count = 15  # a thread keeps 16 runs

    async def run() -> None:
        for _ in range(count):
            await _post(app, runs_of(thread_id), {"assistant_id": ASSISTANT})

    charged_before = store.stored_bytes
    used = _traced_growth(lambda: asyncio.run(run()))
    charged = store.stored_bytes - charged_before
    assert used <= charged, f"{used / count:.0f} bytes kept per run, {charged / count:.0f} charged"
    assert charged / count <= RUN_BYTES


def test_big_messages_stay_within_the_limit() -> None:
    # A message of 100,000 words (about 600 KB) once kept its tokens as 100,000 strings, per
    # thread and per run: 40 times the bytes the limit counted.
    limit = 4 * 2**20
    app = _app(max_stored_bytes=limit)
    store = app.state.store
    body = {"assistant_id": ASSISTANT, "thread": {"messages": [user(words(100_000))]}}

    async def fill() -> None:
        for _ in range(10):
            await _post(app, THREAD_RUNS, body)

    used = _traced_growth(lambda: asyncio.run(fill()))
    assert store.stored_bytes <= limit
    assert used <= limit
    assert store.thread_count < 10
