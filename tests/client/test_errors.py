"""Every failure is a typed error with what the caller needs to act on it."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from assistants_runs_client import AuthenticatedClient, errors
from assistants_runs_client.api.runs import create_run, create_thread_and_run
from assistants_runs_client.models import CreateRunRequest, CreateThreadAndRunRequest

from runspec.spec import load_spec
from tests.client.conftest import (
    THREAD,
    error_body,
    json_response,
    run_example,
    scripted,
)

Serve = Callable[..., AuthenticatedClient]
BODY = CreateRunRequest(assistant_id="asst_abc123")

STATUS_ERRORS = [
    (400, errors.BadRequestError),
    (401, errors.AuthenticationError),
    (403, errors.PermissionDeniedError),
    (404, errors.NotFoundError),
    (409, errors.ConflictError),
    (422, errors.UnprocessableEntityError),
    (429, errors.RateLimitError),
    (500, errors.InternalServerError),
    (502, errors.InternalServerError),
    (503, errors.InternalServerError),
]


def call(client: AuthenticatedClient) -> object:
    return create_run.sync(THREAD, client=client, body=BODY, max_retries=0)


@pytest.mark.parametrize(("status", "error"), STATUS_ERRORS)
def test_each_error_status_raises_its_class_with_the_parsed_body(
    serve: Serve, status: int, error: type[errors.APIStatusError]
) -> None:
    body = error_body("Something is off.", param="temperature", code="invalid_type")
    handler, _ = scripted(json_response(status, body, **{"x-request-id": "req_abc"}))
    with pytest.raises(error) as caught:
        call(serve(handler))
    raised = caught.value
    assert type(raised) is error
    assert isinstance(raised, errors.APIStatusError)
    assert (raised.status_code, raised.request_id) == (status, "req_abc")
    assert (raised.message, raised.type) == ("Something is off.", "invalid_request_error")
    assert (raised.param, raised.code) == ("temperature", "invalid_type")
    assert raised.body == body
    assert str(raised).startswith(f"{status} ")
    assert "Something is off. (request id req_abc)" in str(raised)


def test_every_error_status_the_spec_documents_has_a_specific_class(serve: Serve) -> None:
    documented = {
        int(code)
        for item in load_spec()["paths"].values()
        for operation in item.values()
        for code in operation["responses"]
        if code.isdigit() and int(code) >= 400
    }
    assert documented == {400, 401, 404, 413, 429, 500}
    for status in sorted(documented):
        handler, _ = scripted(json_response(status, error_body("no")))
        with pytest.raises(errors.APIStatusError) as caught:
            call(serve(handler))
        assert type(caught.value) is not errors.APIStatusError, status


def test_an_undocumented_4xx_is_still_an_api_status_error(serve: Serve) -> None:
    handler, _ = scripted(json_response(418, error_body("I'm a teapot")))
    with pytest.raises(errors.APIStatusError) as caught:
        call(serve(handler))
    assert caught.value.status_code == 418


def test_another_success_status_is_read_as_the_documented_one(serve: Serve) -> None:
    # The openai-responses mock answers 201; the official SDK reads any 2xx, and so do we.
    handler, _ = scripted(json_response(201, run_example()))
    run = create_run.sync_detailed(THREAD, client=serve(handler), body=BODY, max_retries=0)
    assert (run.status_code, run.parsed.id) == (201, run_example()["id"])


def test_a_strict_client_refuses_a_success_status_the_spec_does_not_document(serve: Serve) -> None:
    handler, _ = scripted(json_response(201, run_example()))
    with pytest.raises(errors.UnexpectedStatus) as caught:
        call(serve(handler, strict=True))
    assert caught.value.status_code == 201


def test_another_success_status_must_still_carry_a_run(serve: Serve) -> None:
    handler, _ = scripted(httpx.Response(204))
    with pytest.raises(errors.APIResponseValidationError):
        call(serve(handler))


def test_a_redirect_that_is_not_followed_is_unexpected(serve: Serve) -> None:
    handler, _ = scripted(httpx.Response(304))
    with pytest.raises(errors.UnexpectedStatus) as caught:
        call(serve(handler))
    assert caught.value.status_code == 304


@pytest.mark.parametrize(
    "content",
    [b"<html><body>502 Bad Gateway</body></html>", b"", b"\xff\xfe not utf-8", b'{"error": 1'],
    ids=["html", "empty", "bytes", "broken json"],
)
def test_an_error_body_that_is_not_json_still_gives_a_typed_error(
    serve: Serve, content: bytes
) -> None:
    handler, _ = scripted(
        httpx.Response(400, content=content, headers={"content-type": "text/html"})
    )
    with pytest.raises(errors.BadRequestError) as caught:
        call(serve(handler))
    assert caught.value.status_code == 400
    assert caught.value.type is None
    assert caught.value.code is None
    assert caught.value.message  # the text, or a note that the body was empty


def test_an_error_object_with_wrong_field_types_keeps_only_the_strings(serve: Serve) -> None:
    body = {"error": {"message": "Bad.", "type": 7, "param": ["x"], "code": None}}
    handler, _ = scripted(json_response(400, body))
    with pytest.raises(errors.BadRequestError) as caught:
        call(serve(handler))
    assert (caught.value.message, caught.value.type, caught.value.param) == ("Bad.", None, None)


def test_a_success_body_that_does_not_match_the_spec_is_a_validation_error(serve: Serve) -> None:
    broken = run_example()
    del broken["status"]
    handler, _ = scripted(json_response(200, broken))
    with pytest.raises(errors.APIResponseValidationError) as caught:
        call(serve(handler))
    assert "status" in caught.value.message
    assert caught.value.request_id == "req_0001"


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, content=b"not json", headers={"content-type": "application/json"}),
        httpx.Response(
            200,
            content=b"event: done\ndata: [DONE]\n\n",
            headers={"content-type": "text/event-stream"},
        ),
    ],
    ids=["invalid json", "a stream"],
)
def test_a_success_body_that_is_not_json_is_a_validation_error(
    serve: Serve, response: httpx.Response
) -> None:
    handler, _ = scripted(response)
    with pytest.raises(errors.APIResponseValidationError):
        call(serve(handler))


def test_connection_and_timeout_failures_are_typed(serve: Serve) -> None:
    handler, _ = scripted(httpx.ConnectError("refused"))
    with pytest.raises(errors.APIConnectionError) as caught:
        call(serve(handler))
    assert not isinstance(caught.value, errors.APITimeoutError)
    assert caught.value.request is not None

    handler, _ = scripted(httpx.ReadTimeout("slow"))
    with pytest.raises(errors.APITimeoutError):
        create_thread_and_run.sync(
            client=serve(handler), body=CreateThreadAndRunRequest(assistant_id="a"), max_retries=0
        )


def test_the_hierarchy_has_one_root() -> None:
    for name in errors.__all__:
        value = getattr(errors, name)
        if isinstance(value, type):
            assert issubclass(value, errors.ClientError), name
    assert issubclass(errors.APITimeoutError, errors.APIConnectionError)
    assert issubclass(errors.IncompleteStreamError, errors.APIConnectionError)
    assert issubclass(errors.UnexpectedStatus, errors.APIStatusError)
