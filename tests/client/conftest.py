"""Fixtures of the generated client's tests: fake servers made of httpx's MockTransport.

``serve(handler)`` gives an :class:`AuthenticatedClient` whose requests go to ``handler`` (a
function of the request, sync or async) instead of the network; ``sleeps`` records the waits
between retries instead of waiting. The spec's own examples are the bodies the fakes answer with.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import httpx
import pytest
from assistants_runs_client import AuthenticatedClient, RetryPolicy
from assistants_runs_client import _http as client_http

from runspec.spec import load_spec

API_KEY = "sk-test-4yNZzQ8mQe1cR2vJmG9x6mjw"
BASE_URL = "http://api.test/v1"
THREAD = "thread_abc123"
RUNS = "/threads/runs"

Handler = Callable[[httpx.Request], httpx.Response]


def _media(path: str, media_type: str, example: str, where: str = "examples") -> Any:
    operation = load_spec()["paths"][path]["post"]
    return operation["responses"]["200"]["content"][media_type][where][example]["value"]


def run_example() -> dict[str, Any]:
    """The spec's example run object (a fresh, queued run)."""
    run: dict[str, Any] = copy.deepcopy(_media(RUNS, "application/json", "queued"))
    return run


def transcript() -> str:
    """The spec's example stream of createThreadAndRun, ending with a complete ``done`` event.

    (The YAML block scalar of the example clips the blank line after ``data: [DONE]``; without
    it the last event is, by the SSE rules, never complete.)
    """
    text: str = _media(RUNS, "text/event-stream", "transcript", where="x-transcripts")
    return text.rstrip("\n") + "\n\n"


def sse(*events: tuple[str, str | Mapping[str, Any]]) -> str:
    """An event-stream body of ``(event, data)`` pairs; mapping data is sent as JSON."""
    frames = []
    for name, data in events:
        text = data if isinstance(data, str) else json.dumps(data)
        frames.append(f"event: {name}\ndata: {text}\n\n")
    return "".join(frames)


def json_response(status: int, body: Any, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=body, headers={"x-request-id": "req_0001", **headers})


def error_body(message: str, type_: str = "invalid_request_error", **more: Any) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "param": None, "code": None, **more}}


def event_stream(body: str | bytes | httpx.SyncByteStream, **headers: str) -> httpx.Response:
    content_headers = {"content-type": "text/event-stream", "x-request-id": "req_0002", **headers}
    if isinstance(body, httpx.SyncByteStream):
        return httpx.Response(200, headers=content_headers, stream=body)
    return httpx.Response(200, headers=content_headers, content=body)


class Recorder:
    """The requests a fake server saw."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    @property
    def count(self) -> int:
        return len(self.requests)

    def body(self, index: int = -1) -> Any:
        return json.loads(self.requests[index].content)


def scripted(*responses: httpx.Response | Exception) -> tuple[Handler, Recorder]:
    """A handler that answers the n-th request with the n-th response (or raises it)."""
    recorder = Recorder()
    queue = list(responses)

    def handler(request: httpx.Request) -> httpx.Response:
        recorder.requests.append(request)
        answer = queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    return handler, recorder


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits between retries, recorded instead of slept (sync and async)."""
    waited: list[float] = []

    async def asleep(seconds: float) -> None:
        waited.append(seconds)

    monkeypatch.setattr(client_http, "_sleep", waited.append)
    monkeypatch.setattr(client_http, "_asleep", asleep)
    return waited


@pytest.fixture
def serve(sleeps: list[float]) -> Iterator[Callable[..., AuthenticatedClient]]:
    """``serve(handler, **client options)``: a client whose requests ``handler`` answers."""
    clients: list[AuthenticatedClient] = []

    def make(handler: Handler, **options: Any) -> AuthenticatedClient:
        options.setdefault("retry_policy", RetryPolicy(jitter=0.0))
        transport = httpx.MockTransport(handler)
        client = AuthenticatedClient(
            base_url=BASE_URL, token=API_KEY, httpx_args={"transport": transport}, **options
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
