"""Retries: which failures are tried again, how often, and how long the client waits."""

from __future__ import annotations

import time
from collections.abc import Callable
from email.utils import formatdate

import httpx
import pytest
from assistants_runs_client import AuthenticatedClient, RetryPolicy, errors
from assistants_runs_client.api.runs import create_run
from assistants_runs_client.models import CreateRunRequest, RunObject

from tests.client.conftest import THREAD, error_body, json_response, run_example, scripted

Serve = Callable[..., AuthenticatedClient]
BODY = CreateRunRequest(assistant_id="asst_abc123")


def ok() -> httpx.Response:
    return json_response(200, run_example())


def failing(status: int, **headers: str) -> httpx.Response:
    return json_response(status, error_body("try later", "server_error"), **headers)


def test_a_503_then_a_200_succeeds_after_one_backoff(serve: Serve, sleeps: list[float]) -> None:
    handler, seen = scripted(failing(503), ok())
    run = create_run.sync(THREAD, client=serve(handler), body=BODY)
    assert isinstance(run, RunObject)
    assert seen.count == 2
    assert sleeps == [0.5]
    assert seen.requests[0].content == seen.requests[1].content


def test_backoff_doubles_and_the_last_failure_is_raised(serve: Serve, sleeps: list[float]) -> None:
    handler, seen = scripted(failing(500), failing(502), failing(503), failing(504))
    with pytest.raises(errors.InternalServerError) as caught:
        create_run.sync(THREAD, client=serve(handler, max_retries=3), body=BODY)
    assert caught.value.status_code == 504
    assert seen.count == 4
    assert sleeps == [0.5, 1.0, 2.0]


def test_two_retries_by_default(serve: Serve, sleeps: list[float]) -> None:
    handler, seen = scripted(failing(503), failing(503), failing(503))
    with pytest.raises(errors.InternalServerError):
        create_run.sync(THREAD, client=serve(handler), body=BODY)
    assert seen.count == 3


def test_429_waits_as_long_as_retry_after_says(serve: Serve, sleeps: list[float]) -> None:
    handler, seen = scripted(failing(429, **{"Retry-After": "3"}), ok())
    create_run.sync(THREAD, client=serve(handler), body=BODY)
    assert seen.count == 2
    assert sleeps == [3.0]


def test_retry_after_ms_wins_over_retry_after(serve: Serve, sleeps: list[float]) -> None:
    handler, _ = scripted(failing(429, **{"retry-after-ms": "250", "Retry-After": "9"}), ok())
    create_run.sync(THREAD, client=serve(handler), body=BODY)
    assert sleeps == [0.25]


def test_a_retry_after_beyond_the_cap_is_cut_to_the_cap(serve: Serve, sleeps: list[float]) -> None:
    handler, _ = scripted(failing(429, **{"Retry-After": "3600"}), ok())
    create_run.sync(THREAD, client=serve(handler), body=BODY)
    assert sleeps == [RetryPolicy().max_retry_after]


@pytest.mark.parametrize("value", ["soon", "-5", "nan", ""])
def test_a_retry_after_that_makes_no_sense_falls_back_to_backoff(
    serve: Serve, sleeps: list[float], value: str
) -> None:
    handler, _ = scripted(failing(429, **{"Retry-After": value}), ok())
    create_run.sync(THREAD, client=serve(handler), body=BODY)
    assert sleeps == [0.5]


def test_a_retry_after_date_is_a_wait_until_then() -> None:
    later = formatdate(time.time() + 30, usegmt=True)
    delay = RetryPolicy().delay(1, httpx.Headers({"Retry-After": later}))
    assert 25 <= delay <= 30


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_client_errors_are_not_retried(serve: Serve, sleeps: list[float], status: int) -> None:
    handler, seen = scripted(failing(status), ok())
    with pytest.raises(errors.APIStatusError) as caught:
        create_run.sync(THREAD, client=serve(handler), body=BODY)
    assert caught.value.status_code == status
    assert seen.count == 1
    assert sleeps == []


def test_408_is_retried(serve: Serve) -> None:
    handler, seen = scripted(failing(408), ok())
    create_run.sync(THREAD, client=serve(handler), body=BODY)
    assert seen.count == 2


def test_connection_errors_are_retried_then_raised(serve: Serve, sleeps: list[float]) -> None:
    handler, seen = scripted(httpx.ConnectError("refused"), httpx.ReadError("reset"), ok())
    create_run.sync(THREAD, client=serve(handler), body=BODY)
    assert seen.count == 3
    assert sleeps == [0.5, 1.0]

    handler, seen = scripted(*(httpx.ConnectTimeout("slow") for _ in range(3)))
    with pytest.raises(errors.APITimeoutError):
        create_run.sync(THREAD, client=serve(handler), body=BODY)
    assert seen.count == 3


def test_retries_are_set_per_call_and_per_client(serve: Serve) -> None:
    handler, seen = scripted(failing(503), ok())
    with pytest.raises(errors.InternalServerError):
        create_run.sync(THREAD, client=serve(handler), body=BODY, max_retries=0)
    assert seen.count == 1

    handler, seen = scripted(failing(503), failing(503), failing(503), failing(503), ok())
    client = serve(handler).with_retries(4)
    create_run.sync(THREAD, client=client, body=BODY)
    assert seen.count == 5

    handler, seen = scripted(failing(503), ok())
    with pytest.raises(errors.InternalServerError):
        create_run.sync(THREAD, client=serve(handler, max_retries=0), body=BODY)
    assert seen.count == 1


def test_backoff_has_jitter_within_bounds() -> None:
    policy = RetryPolicy(initial_delay=1.0, max_delay=4.0, jitter=0.25)
    for retry, full in ((1, 1.0), (2, 2.0), (3, 4.0), (6, 4.0)):
        delays = {policy.delay(retry) for _ in range(50)}
        assert all(0.75 * full <= d <= full for d in delays), retry
        assert len(delays) > 1


@pytest.mark.anyio
async def test_async_calls_retry_the_same_way(serve: Serve, sleeps: list[float]) -> None:
    handler, seen = scripted(failing(429, **{"Retry-After": "1"}), failing(503), ok())
    run = await create_run.asyncio(THREAD, client=serve(handler), body=BODY)
    assert run.id == run_example()["id"]
    assert seen.count == 3
    assert sleeps == [1.0, 1.0]


def test_a_request_that_cannot_be_sent_is_not_retried(serve: Serve, sleeps: list[float]) -> None:
    handler, seen = scripted(httpx.UnsupportedProtocol("no such scheme"), ok())
    with pytest.raises(errors.APIConnectionError):
        create_run.sync(THREAD, client=serve(handler), body=BODY)
    assert seen.count == 1
    assert sleeps == []
