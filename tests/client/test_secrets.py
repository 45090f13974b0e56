"""A server that echoes the API key back never gets it shown: not in an error's ``str``, ``repr``,
``args``, ``message``, ``body`` or ``content``, on any error path, nor in a log record (httpcore's
debug log of the answer's headers included)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from assistants_runs_client import AuthenticatedClient, errors
from assistants_runs_client.api.runs import create_run
from assistants_runs_client.errors import mask
from assistants_runs_client.models import CreateRunRequest

from tests.client.conftest import (
    API_KEY,
    THREAD,
    error_body,
    event_stream,
    json_response,
    run_example,
    scripted,
    sse,
)
from tests.client.scripted_server import head, scripted_server

Serve = Callable[..., AuthenticatedClient]
BODY = CreateRunRequest(assistant_id="asst_abc123")
ECHO = f"Incorrect API key provided: {API_KEY}."


def shown(exc: BaseException) -> str:
    """Everything of an error a person or a log could read."""
    parts: list[Any] = [str(exc), repr(exc), exc.args, getattr(exc, "message", None)]
    parts.append(json.dumps(getattr(exc, "body", None), default=str))
    if isinstance(exc, errors.APIStatusError):
        parts.append(exc.content)
    return " ".join(str(part) for part in parts)


def missing_field_echoing_the_key() -> dict[str, Any]:
    run = run_example()
    del run["status"]
    run["instructions"] = ECHO
    return run


def unknown_status_echoing_the_key() -> dict[str, Any]:
    return {"error": {"message": ECHO}}


ERROR_PATHS = {
    "401": lambda: json_response(401, error_body(ECHO, "invalid_request_error")),
    "400 as text": lambda: httpx.Response(400, text=ECHO),
    "500 after retries": lambda: json_response(500, error_body(ECHO, "server_error")),
    "201": lambda: json_response(201, unknown_status_echoing_the_key()),
    "302": lambda: httpx.Response(302, text=ECHO, headers={"location": "/elsewhere"}),
    "a body that breaks the spec": lambda: json_response(200, missing_field_echoing_the_key()),
    "a body that is not JSON": lambda: httpx.Response(
        200, text=ECHO, headers={"content-type": "application/json"}
    ),
}


@pytest.mark.parametrize("answer", ERROR_PATHS.values(), ids=ERROR_PATHS.keys())
def test_an_echoed_key_is_masked_in_every_error(serve: Serve, answer: Callable[[], Any]) -> None:
    handler, _ = scripted(*(answer() for _ in range(3)))
    with pytest.raises(errors.APIError) as caught:
        create_run.sync(THREAD, client=serve(handler), body=BODY)
    text = shown(caught.value)
    assert API_KEY not in text
    assert mask(API_KEY) in text


def test_an_echoed_key_is_masked_in_a_stream_error_event(serve: Serve) -> None:
    body = sse(("error", {"error": {"message": ECHO, "type": "server_error"}}))
    handler, _ = scripted(event_stream(body))
    with pytest.raises(errors.StreamEventError) as caught:
        list(create_run.stream(THREAD, client=serve(handler), body=BODY))
    assert API_KEY not in shown(caught.value)


def test_an_echoed_key_is_masked_in_an_event_that_breaks_its_schema(serve: Serve) -> None:
    body = sse(("thread.run.created", missing_field_echoing_the_key()))
    handler, _ = scripted(event_stream(body))
    with pytest.raises(errors.APIResponseValidationError) as caught:
        list(create_run.stream(THREAD, client=serve(handler), body=BODY))
    assert API_KEY not in shown(caught.value)


def test_an_echoed_key_is_masked_in_the_debug_logs_of_httpcore_and_the_client(
    caplog: pytest.LogCaptureFixture,
) -> None:
    payload = json.dumps(run_example()).encode()
    answer = head(200, "application/json", length=len(payload), x_echo=API_KEY) + payload
    with scripted_server([(answer, 0)]) as server:
        client = AuthenticatedClient(base_url=server.base_url, token=API_KEY, max_retries=0)
        with caplog.at_level(logging.DEBUG):
            create_run.sync(THREAD, client=client, body=BODY)
        client.close()
    records = " ".join(record.getMessage() for record in caplog.records)
    assert "receive_response_headers" in records  # httpcore did log the headers
    assert mask(API_KEY) in records
    assert API_KEY not in records


def test_the_key_is_not_in_the_client_repr() -> None:
    client = AuthenticatedClient(base_url="http://127.0.0.1:9/v1", token=API_KEY)
    assert API_KEY not in repr(client)
    assert API_KEY not in repr(client.with_headers({"X-Team": "a"}))
