"""Every non-2xx answer is an OpenAI error with an x-request-id (runspec.contract.answers)."""

from __future__ import annotations

import json

import pytest

from runspec.contract.answers import ErrorBodies, error_answer_errors
from runspec.spec import SpecSchemas

ERROR = {
    "error": {
        "message": "Missing required parameter: 'assistant_id'.",
        "type": "invalid_request_error",
        "param": "assistant_id",
        "code": None,
    }
}
GOOD_HEADERS = {"content-type": ["application/json"], "x-request-id": ["req_0123"]}


@pytest.fixture(scope="module")
def bodies() -> ErrorBodies:
    return ErrorBodies(SpecSchemas.from_path())


@pytest.mark.parametrize("status", [400, 401, 404, 405, 413, 415, 429, 500, 503])
def test_an_openai_error_passes_whatever_the_status(bodies: ErrorBodies, status: int) -> None:
    body = json.dumps(ERROR).encode()
    assert error_answer_errors(bodies, status=status, headers=GOOD_HEADERS, body=body) == []


def test_successes_are_not_errors(bodies: ErrorBodies) -> None:
    assert error_answer_errors(bodies, status=200, headers={}, body=b"") == []


def test_the_request_id_is_required(bodies: ErrorBodies) -> None:
    body = json.dumps(ERROR).encode()
    for headers in (
        {"content-type": ["application/json"]},
        {**GOOD_HEADERS, "x-request-id": [" "]},
    ):
        assert error_answer_errors(bodies, status=400, headers=headers, body=body) == [
            "400 answer without an x-request-id header"
        ]


def test_header_names_are_case_insensitive(bodies: ErrorBodies) -> None:
    headers = {"Content-Type": ["application/json; charset=utf-8"], "X-Request-Id": ["req_1"]}
    assert (
        error_answer_errors(bodies, status=404, headers=headers, body=json.dumps(ERROR).encode())
        == []
    )


def test_a_plain_text_error_fails(bodies: ErrorBodies) -> None:
    headers = {"content-type": ["text/plain"], "x-request-id": ["req_1"]}
    assert error_answer_errors(bodies, status=405, headers=headers, body=b"Method Not Allowed") == [
        "405 answer is text/plain, not application/json",
        "405 answer body is not JSON: b'Method Not Allowed'",
    ]


def test_a_json_body_of_another_shape_fails(bodies: ErrorBodies) -> None:
    body = json.dumps({"detail": "Not Found"}).encode()
    assert error_answer_errors(bodies, status=404, headers=GOOD_HEADERS, body=body) == [
        "404 answer body $: 'error' is a required property"
    ]
    missing_code = {"error": {"message": "m", "type": "t", "param": None}}
    problems = error_answer_errors(
        bodies, status=400, headers=GOOD_HEADERS, body=json.dumps(missing_code).encode()
    )
    assert problems == ["400 answer body $.error: 'code' is a required property"]


def test_head_answers_have_no_body_but_a_request_id(bodies: ErrorBodies) -> None:
    assert (
        error_answer_errors(
            bodies, status=405, headers={"x-request-id": ["r"]}, body=b"", method="HEAD"
        )
        == []
    )
    assert error_answer_errors(bodies, status=405, headers={}, body=b"", method="HEAD") == [
        "405 answer without an x-request-id header"
    ]
