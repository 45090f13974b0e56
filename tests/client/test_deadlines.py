"""``timeout`` bounds a whole call (connect to last byte), and a stream's wait for each event,
against a real server that answers slowly: a body dripping a byte at a time, a stream of keep-alive
comments only, events followed by keep-alives. Sync calls end within twice the timeout (checked
whenever data arrives, each wait at most the timeout), async calls within the timeout."""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from assistants_runs_client import AuthenticatedClient, errors
from assistants_runs_client.api.runs import create_run
from assistants_runs_client.models import CreateRunRequest

from tests.client.conftest import API_KEY, THREAD, run_example
from tests.client.scripted_server import Step, dripping, head, scripted_server

TIMEOUT = 0.6
BODY = CreateRunRequest(assistant_id="asst_abc123")
RUN = json.dumps(run_example()).encode()
# Slow enough that no single wait hits the timeout; the whole answer would take minutes.
DRIP = 0.1
# What a loaded machine may add to the bound before the error reaches the test (scheduling, the
# connection's teardown); far below what the answers would take without the bound.
SLACK = 0.8


def dripping_body() -> list[Step]:
    return [(head(200, "application/json", length=len(RUN)), 0), *dripping(RUN, DRIP)]


def keep_alive_only() -> list[Step]:
    return [(head(200, "text/event-stream"), 0), *[(b": keep-alive\n\n", DRIP)] * 600]


def events_then_keep_alive() -> list[Step]:
    created = f"event: thread.run.created\ndata: {RUN.decode()}\n\n".encode()
    return [(head(200, "text/event-stream"), 0), *[(created, 0.05)] * 5, *keep_alive_only()[1:]]


def client_of(base_url: str) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=base_url, token=API_KEY, max_retries=0, timeout=TIMEOUT)


def timed(call: Callable[[], Any]) -> float:
    started = time.monotonic()
    with pytest.raises(errors.APITimeoutError):
        call()
    return time.monotonic() - started


async def atimed(call: Callable[[], Awaitable[Any]]) -> float:
    started = time.monotonic()
    with pytest.raises(errors.APITimeoutError):
        await call()
    return time.monotonic() - started


def test_a_dripping_body_ends_the_call_at_the_timeout() -> None:
    with scripted_server(dripping_body()) as server:
        client = client_of(server.base_url)
        elapsed = timed(lambda: create_run.sync(THREAD, client=client, body=BODY))
    assert TIMEOUT <= elapsed < 2 * TIMEOUT + SLACK


@pytest.mark.anyio
async def test_a_dripping_body_ends_the_async_call_at_the_timeout() -> None:
    with scripted_server(dripping_body()) as server:
        client = client_of(server.base_url)
        elapsed = await atimed(lambda: create_run.asyncio(THREAD, client=client, body=BODY))
    assert TIMEOUT <= elapsed < TIMEOUT + SLACK


@pytest.mark.parametrize(
    ("script", "events"),
    [(keep_alive_only, 0), (events_then_keep_alive, 5)],
    ids=["keep-alive only", "events then keep-alive"],
)
def test_a_stream_without_events_ends_at_the_timeout(
    script: Callable[[], list[Step]], events: int
) -> None:
    received: list[object] = []
    with scripted_server(script()) as server:
        client = client_of(server.base_url)

        def read() -> None:
            with create_run.stream(THREAD, client=client, body=BODY) as stream:
                received.extend(stream)

        elapsed = timed(read)
    assert len(received) == events
    assert TIMEOUT <= elapsed < 2 * TIMEOUT + SLACK + events * 0.05


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("script", "events"),
    [(keep_alive_only, 0), (events_then_keep_alive, 5)],
    ids=["keep-alive only", "events then keep-alive"],
)
async def test_an_async_stream_without_events_ends_at_the_timeout(
    script: Callable[[], list[Step]], events: int
) -> None:
    received: list[object] = []
    with scripted_server(script()) as server:
        client = client_of(server.base_url)

        async def read() -> None:
            async with create_run.astream(THREAD, client=client, body=BODY) as stream:
                async for event in stream:
                    received.append(event)

        elapsed = await atimed(read)
    assert len(received) == events
    assert TIMEOUT <= elapsed < TIMEOUT + SLACK + events * 0.05


def test_a_slow_but_steady_stream_is_not_cut_off() -> None:
    created = f"event: thread.run.created\ndata: {RUN.decode()}\n\n".encode()
    steps = [
        (head(200, "text/event-stream"), 0),
        *[(created, TIMEOUT / 2)] * 4,
        (b"event: done\ndata: [DONE]\n\n", 0),
    ]
    with scripted_server(steps) as server:
        client = client_of(server.base_url)
        with create_run.stream(THREAD, client=client, body=BODY) as stream:
            assert (
                len(list(stream)) == 4
            )  # 2 x the timeout in all, but never timeout without an event
