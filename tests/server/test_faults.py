"""Fault injection (test-only, off by default) and the one other way to a 5xx: a bug, which
still answers with the API's 500 body and headers."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from runspec.server import create_app, runs
from runspec.server.app import DEFAULT_API_KEY
from tests.server.conftest import MakeClient
from tests.server.support import (
    ASSISTANT,
    HEADERS,
    THREAD_RUNS,
    error_of,
    events_of,
    names,
    runs_of,
)

FAULT = "x-runspec-fault"
BODY = {"assistant_id": ASSISTANT}


@pytest.fixture
def faulty(make_client: MakeClient) -> TestClient:
    return make_client(fault_injection=True)


def test_the_fault_header_is_ignored_by_default(client: TestClient) -> None:
    assert client.post(THREAD_RUNS, headers={FAULT: "503"}, json=BODY).status_code == 200


@pytest.mark.parametrize(
    ("status", "message", "type"),
    [
        (
            500,
            "The server had an error while processing your request. Sorry about that!",
            "server_error",
        ),
        (503, "The server is overloaded or not ready yet.", "server_error"),
        (502, "Injected fault: HTTP 502.", "server_error"),
        (429, "Rate limit reached for requests. Please try again in 10ms.", "requests"),
    ],
)
def test_a_fault_answers_with_its_status_and_an_openai_body(
    faulty: TestClient,
    status: int,
    message: str,
    type: str,
) -> None:
    response = faulty.post(THREAD_RUNS, headers={FAULT: str(status)}, json=BODY)
    assert response.status_code == status
    error = error_of(response)
    assert (error["message"], error["type"], error["param"]) == (message, type, None)
    assert response.headers["retry-after-ms"] == "10"
    assert response.headers["x-request-id"].startswith("req_")


def test_a_fault_comes_before_every_other_check(faulty: TestClient) -> None:
    response = faulty.post(
        runs_of("undefined"), headers={FAULT: "503", "Authorization": ""}, content=b"{"
    )
    assert response.status_code == 503


def test_a_counted_fault_fails_the_first_requests_only(faulty: TestClient) -> None:
    statuses = [
        faulty.post(THREAD_RUNS, headers={FAULT: "503:2:counted"}, json=BODY).status_code
        for _ in range(4)
    ]
    assert statuses == [503, 503, 200, 200]
    # Another tag counts on its own.
    assert faulty.post(THREAD_RUNS, headers={FAULT: "503:2:other"}, json=BODY).status_code == 503


@pytest.mark.parametrize("value", ["oops", "200", "999", "503:x", "5033"])
def test_a_malformed_fault_header_is_400(faulty: TestClient, value: str) -> None:
    response = faulty.post(THREAD_RUNS, headers={FAULT: value}, json=BODY)
    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_fault"


def test_stream_error_ends_a_stream_with_an_error_event(faulty: TestClient) -> None:
    response = faulty.post(
        THREAD_RUNS, headers={FAULT: "stream-error"}, json={**BODY, "stream": True}
    )
    events = events_of(response)
    assert names(events) == [
        "thread.created",
        "thread.run.created",
        "thread.run.queued",
        "thread.run.in_progress",
        "error",
    ]
    assert events[-1].json() == {
        "message": "The server had an error while processing your request. Sorry about that!",
        "type": "server_error",
        "param": None,
        "code": None,
    }
    thread_id = events[0].json()["id"]
    assert faulty.post(runs_of(thread_id), json=BODY).status_code == 200


@pytest.fixture
def broken_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(runs, "plan_run", explode)


def test_a_bug_answers_the_apis_500(broken_runs: None) -> None:
    # Not through the recorder: a 5xx without fault injection is exactly what it reports.
    with TestClient(create_app(api_keys=[DEFAULT_API_KEY]), headers=HEADERS) as client:
        response = client.post(THREAD_RUNS, json=BODY)
    assert response.status_code == 500
    assert error_of(response) == {
        "message": "The server had an error while processing your request. Sorry about that!",
        "type": "server_error",
        "param": None,
        "code": None,
    }
    assert response.headers["x-request-id"].startswith("req_")
    assert response.headers["openai-version"] == "2020-10-01"
