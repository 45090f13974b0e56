"""``timeout`` bounds a whole call (connect to last byte), and a stream's wait for each event,
against a real server that answers slowly: a status line and headers or a body dripping a byte at a
time, a server that says nothing, a stream of keep-alive comments only, events followed by
keep-alives, a port that never accepts the connection. Sync and async calls alike end at the
timeout (sync: every wait on the socket is cut to what is left of it)."""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from assistants_runs_client import AuthenticatedClient, errors
from assistants_runs_client.api.runs import create_run
from assistants_runs_client.models import CreateRunRequest

from tests.client.conftest import API_KEY, THREAD, run_example
from tests.client.scripted_server import (
    Step,
    dripping,
    head,
    scripted_server,
    silent,
    unanswered_port,
)

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


def dripping_head() -> list[Step]:
    """The status line and headers a byte every 0.2 s: no wait is long, the whole takes 20 s."""
    return [
        *dripping(head(200, "application/json", length=len(RUN), padding="x" * 60), 0.2),
        (RUN, 0),
    ]


def client_of(base_url: str, timeout: float = TIMEOUT, **options: Any) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=base_url, token=API_KEY, max_retries=0, timeout=timeout, **options
    )


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
    assert TIMEOUT <= elapsed < TIMEOUT + SLACK


# cookies: the httpx client then sends through httpx.Client.send, not straight to its transport.
@pytest.mark.parametrize(
    "options", [{}, {"cookies": {"team": "research"}}], ids=["direct", "through httpx.Client.send"]
)
def test_a_dripping_status_line_and_headers_end_the_call_at_the_timeout(
    options: dict[str, Any],
) -> None:
    with scripted_server(dripping_head()) as server:
        client = client_of(server.base_url, timeout=1, **options)
        elapsed = timed(lambda: create_run.sync(THREAD, client=client, body=BODY))
    assert 1 <= elapsed < 1.5


def test_the_bound_holds_through_a_proxy_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    with scripted_server(dripping_head()) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.base_url.removesuffix("/v1"))
        client = client_of("http://api.example.invalid/v1", timeout=1)
        elapsed = timed(lambda: create_run.sync(THREAD, client=client, body=BODY))
        assert proxy.requests[0].startswith(b"POST http://api.example.invalid/v1/threads/")
    assert 1 <= elapsed < 1.5


def test_a_transport_of_your_own_is_left_as_it_is() -> None:
    transport = httpx.HTTPTransport()
    backend = transport._pool._network_backend
    client = client_of("http://127.0.0.1:1/v1", httpx_args={"transport": transport})
    client.get_httpx_client()
    assert transport._pool._network_backend is backend


@pytest.mark.anyio
async def test_a_dripping_status_line_and_headers_end_the_async_call_at_the_timeout() -> None:
    with scripted_server(dripping_head()) as server:
        client = client_of(server.base_url, timeout=1)
        elapsed = await atimed(lambda: create_run.asyncio(THREAD, client=client, body=BODY))
    assert 1 <= elapsed < 1.5


@pytest.mark.parametrize(
    "script",
    [silent(30), [(head(200, "application/json", length=len(RUN)), 0), *silent(30)]],
    ids=["before the status line", "after the headers"],
)
def test_a_silent_server_ends_the_call_at_the_timeout(script: list[Step]) -> None:
    with scripted_server(script) as server:
        client = client_of(server.base_url)
        elapsed = timed(lambda: create_run.sync(THREAD, client=client, body=BODY))
    assert TIMEOUT <= elapsed < TIMEOUT + SLACK


def test_connecting_to_a_port_that_never_accepts_ends_at_the_timeout() -> None:
    with unanswered_port() as port:
        client = client_of(f"http://127.0.0.1:{port}/v1")
        elapsed = timed(lambda: create_run.sync(THREAD, client=client, body=BODY))
    assert TIMEOUT <= elapsed < TIMEOUT + SLACK


@pytest.mark.anyio
async def test_connecting_async_to_a_port_that_never_accepts_ends_at_the_timeout() -> None:
    with unanswered_port() as port:
        client = client_of(f"http://127.0.0.1:{port}/v1")
        elapsed = await atimed(lambda: create_run.asyncio(THREAD, client=client, body=BODY))
    assert TIMEOUT <= elapsed < TIMEOUT + SLACK


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
    assert TIMEOUT <= elapsed < TIMEOUT + SLACK + events * 0.05


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
