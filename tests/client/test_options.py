"""Per-call extras and idempotency key, independent ``with_...`` clients, a user's own httpx
client, ``strict=``, and the request log (``OPENAI_LOG``)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable

import httpx
import pytest
from assistants_runs_client import AuthenticatedClient, errors
from assistants_runs_client.api.runs import create_run
from assistants_runs_client.models import CreateRunRequest

from tests.client.conftest import (
    API_KEY,
    BASE_URL,
    THREAD,
    event_stream,
    json_response,
    run_example,
    scripted,
    sse,
)
from tests.client.scripted_server import head, scripted_server

Serve = Callable[..., AuthenticatedClient]
BODY = CreateRunRequest(assistant_id="asst_abc123")


def test_extras_reach_the_request(serve: Serve) -> None:
    handler, seen = scripted(json_response(200, run_example()))
    create_run.sync(
        THREAD,
        client=serve(handler),
        body=BODY,
        extra_headers={"X-Team": "blue", "OpenAI-Beta": "assistants=v2;preview"},
        extra_query={"trace": "1"},
        extra_body={"assistant_id": "asst_other", "experimental_flag": True},
    )
    request = seen.requests[0]
    assert request.headers["x-team"] == "blue"
    assert request.headers["openai-beta"] == "assistants=v2;preview"  # extras come last
    assert request.url.params["trace"] == "1"
    assert seen.body() == {"assistant_id": "asst_other", "experimental_flag": True}


def test_extras_reach_a_streamed_request(serve: Serve) -> None:
    handler, seen = scripted(event_stream(sse(("done", "[DONE]"))))
    stream = create_run.stream(
        THREAD,
        client=serve(handler),
        body=BODY,
        extra_headers={"X-Team": "blue"},
        extra_body={"x": 1},
    )
    stream.until_done()
    assert seen.requests[0].headers["x-team"] == "blue"
    assert seen.requests[0].headers["accept"] == "text/event-stream"
    assert seen.body() == {"assistant_id": "asst_abc123", "stream": True, "x": 1}


def test_the_idempotency_key_is_sent_and_kept_on_every_retry(serve: Serve) -> None:
    handler, seen = scripted(json_response(500, {}), json_response(200, run_example()))
    create_run.sync(THREAD, client=serve(handler), body=BODY, idempotency_key="run-once-42")
    assert [r.headers["idempotency-key"] for r in seen.requests] == ["run-once-42", "run-once-42"]


def test_no_idempotency_header_unless_asked(serve: Serve) -> None:
    handler, seen = scripted(json_response(200, run_example()))
    create_run.sync(THREAD, client=serve(handler), body=BODY)
    assert "idempotency-key" not in seen.requests[0].headers


def test_with_headers_gives_an_independent_client(serve: Serve) -> None:
    handler, seen = scripted(*(json_response(200, run_example()) for _ in range(3)))
    original = serve(handler)
    create_run.sync(THREAD, client=original, body=BODY)  # its httpx client exists now
    tagged = original.with_headers({"X-Team": "blue"})
    create_run.sync(THREAD, client=tagged, body=BODY)
    create_run.sync(THREAD, client=original, body=BODY)
    assert [r.headers.get("x-team") for r in seen.requests] == [None, "blue", None]


def test_a_users_own_httpx_client_keeps_base_url_key_and_beta_header() -> None:
    handler, seen = scripted(json_response(200, run_example()))
    mine = httpx.Client(transport=httpx.MockTransport(handler), headers={"X-Mine": "1"})
    client = AuthenticatedClient(base_url=BASE_URL, token=API_KEY).set_httpx_client(mine)
    create_run.sync(THREAD, client=client, body=BODY)
    request = seen.requests[0]
    assert str(request.url) == f"{BASE_URL}/threads/{THREAD}/runs"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.headers["openai-beta"] == "assistants=v2"
    assert request.headers["x-mine"] == "1"


def test_a_strict_client_refuses_unknown_enum_values(serve: Serve) -> None:
    newer = run_example()
    newer["status"] = "paused"
    handler, _ = scripted(json_response(200, newer), json_response(200, newer))
    assert create_run.sync(THREAD, client=serve(handler), body=BODY).status == "paused"
    with pytest.raises(errors.APIResponseValidationError, match="paused"):
        create_run.sync(THREAD, client=serve(handler, strict=True), body=BODY)


def test_a_strict_client_refuses_a_missing_nullable_field(serve: Serve) -> None:
    older = run_example()
    del older["usage"]
    handler, _ = scripted(json_response(200, older), json_response(200, older))
    assert create_run.sync(THREAD, client=serve(handler), body=BODY).usage is None
    with pytest.raises(errors.APIResponseValidationError, match="missing field 'usage'"):
        create_run.sync(THREAD, client=serve(handler, strict=True), body=BODY)


def test_each_request_is_logged_with_method_url_status_request_id_retry_and_time(
    serve: Serve, caplog: pytest.LogCaptureFixture
) -> None:
    handler, _ = scripted(json_response(503, {}), json_response(200, run_example()))
    with caplog.at_level(logging.INFO, logger="assistants_runs_client"):
        create_run.sync(THREAD, client=serve(handler), body=BODY)
    lines = [r.getMessage() for r in caplog.records if r.name == "assistants_runs_client"]
    url = f"{BASE_URL}/threads/{THREAD}/runs"
    assert lines[0].startswith(f"POST {url} -> 503 (request id req_0001, retry 0, ")
    assert "retry 1 of 2" in lines[1]
    assert lines[2].startswith(f"POST {url} -> 200 (request id req_0001, retry 1, ")
    assert lines[2].endswith(" ms)")


@pytest.mark.parametrize("level", ["info", "debug"])
def test_openai_log_sends_the_log_to_stderr_without_the_key(level: str) -> None:
    payload = json.dumps(run_example()).encode()
    answer = head(200, "application/json", length=len(payload), x_request_id="req_7") + payload
    program = (
        "from assistants_runs_client import AuthenticatedClient\n"
        "from assistants_runs_client.api.runs import create_run\n"
        "from assistants_runs_client.models import CreateRunRequest\n"
        "import sys\n"
        f"client = AuthenticatedClient(base_url=sys.argv[1], token={API_KEY!r})\n"
        f"create_run.sync({THREAD!r}, client=client, body=CreateRunRequest(assistant_id='a'))\n"
    )
    with scripted_server([(answer, 0)]) as server:
        base_url = server.base_url
        done = subprocess.run(
            [sys.executable, "-c", program, base_url],
            env={**os.environ, "OPENAI_LOG": level},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    assert f"POST {base_url}/threads/{THREAD}/runs -> 200 (request id req_7, retry 0" in done.stderr
    assert ("request headers" in done.stderr) == (level == "debug")
    assert API_KEY not in done.stderr


@pytest.mark.anyio
async def test_async_calls_keep_extras_and_a_users_own_httpx_client() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return json_response(200, run_example())

    mine = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    client = AuthenticatedClient(base_url=BASE_URL, token=API_KEY).set_async_httpx_client(mine)
    await create_run.asyncio(
        THREAD, client=client, body=BODY, extra_headers={"X-Team": "blue"}, idempotency_key="k1"
    )
    request = seen[0]
    assert str(request.url) == f"{BASE_URL}/threads/{THREAD}/runs"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.headers["openai-beta"] == "assistants=v2"
    assert (request.headers["x-team"], request.headers["idempotency-key"]) == ("blue", "k1")
    await mine.aclose()
