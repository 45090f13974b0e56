"""Every error of api-facts.md, exactly: status, message, type, param and code; then the errors
the hosted API never documented (media type, JSON, size, URL, method), and the order of checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from runspec import SPEC_PATH
from runspec.server import checks
from runspec.yamlio import dump_document, load_document
from tests.server.conftest import MakeClient
from tests.server.support import (
    ASSISTANT,
    AUTH,
    BETA,
    HEADERS,
    THREAD_RUNS,
    error_of,
    runs_of,
    store_of,
    user,
)

NO_KEY = (
    "You didn't provide an API key. You need to provide your API key in an Authorization header "
    "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with "
    "blank username) if you're accessing the API from your browser and are prompted for a "
    "username and password. You can obtain an API key from "
    "https://platform.openai.com/account/api-keys."
)
NO_BETA = (
    "You must provide the 'OpenAI-Beta' header to access the Assistants API. Please try again by "
    "setting the header 'OpenAI-Beta: assistants=v2'."
)
V1_BETA = (
    "The v1 Assistants API has been deprecated. Please try again by setting the header "
    "'OpenAI-Beta: assistants=v2'."
)


def assert_error(
    response: Any,
    status: int,
    message: str,
    *,
    type: str = "invalid_request_error",
    param: str | None = None,
    code: str | None = None,
) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert error_of(response) == {"message": message, "type": type, "param": param, "code": code}


def new_thread(client: TestClient) -> str:
    response = client.post(THREAD_RUNS, json={"assistant_id": ASSISTANT})
    assert response.status_code == 200, response.text
    thread_id: str = response.json()["thread_id"]
    return thread_id


# ---- the rows of api-facts, in order ---------------------------------------------------------


@pytest.mark.parametrize("path", [THREAD_RUNS, runs_of("thread_abc123")])
def test_no_api_key(bare: TestClient, path: str) -> None:
    response = bare.post(path, headers=BETA, json={"assistant_id": ASSISTANT})
    assert_error(response, 401, NO_KEY)


@pytest.mark.parametrize(
    "authorization", ["", "Bearer", "Bearer   ", "Token sk-local-test", "Basic !!!not-base64"]
)
def test_an_unusable_authorization_header_is_no_key(bare: TestClient, authorization: str) -> None:
    response = bare.post(
        THREAD_RUNS,
        headers={"Authorization": authorization, **BETA},
        json={"assistant_id": ASSISTANT},
    )
    assert_error(response, 401, NO_KEY)


def test_wrong_api_key_is_masked_like_the_hosted_api(bare: TestClient) -> None:
    key = "sk-4yNZz" + "x" * 39 + "6mjw"
    response = bare.post(
        THREAD_RUNS,
        headers={"Authorization": f"Bearer {key}", **BETA},
        json={"assistant_id": ASSISTANT},
    )
    assert_error(
        response,
        401,
        "Incorrect API key provided: sk-4yNZz***************************************6mjw. "
        "You can find your API key at https://platform.openai.com/account/api-keys.",
        code="invalid_api_key",
    )


def test_a_short_wrong_key_is_not_echoed(bare: TestClient) -> None:
    response = bare.post(
        THREAD_RUNS,
        headers={"Authorization": "Bearer secret", **BETA},
        json={"assistant_id": ASSISTANT},
    )
    assert error_of(response)["message"].startswith("Incorrect API key provided: ******. ")


def test_the_key_may_come_as_basic_auth_password(bare: TestClient) -> None:
    response = bare.post(
        THREAD_RUNS, auth=("", "sk-local-test"), headers=BETA, json={"assistant_id": ASSISTANT}
    )
    assert response.status_code == 200, response.text


def test_every_configured_key_is_accepted(make_client: MakeClient) -> None:
    client = make_client(headers=BETA, api_keys=["sk-one", "sk-two"])
    for key in ("sk-one", "sk-two"):
        response = client.post(
            THREAD_RUNS,
            headers={"Authorization": f"Bearer {key}"},
            json={"assistant_id": ASSISTANT},
        )
        assert response.status_code == 200
    response = client.post(
        THREAD_RUNS,
        headers={"Authorization": "Bearer sk-local-test"},
        json={"assistant_id": ASSISTANT},
    )
    assert response.status_code == 401


@pytest.mark.parametrize("path", [THREAD_RUNS, runs_of("thread_abc123")])
def test_no_beta_header(bare: TestClient, path: str) -> None:
    response = bare.post(path, headers=AUTH, json={"assistant_id": ASSISTANT})
    assert_error(response, 400, NO_BETA, code="invalid_beta")


def test_beta_v1_is_deprecated(bare: TestClient) -> None:
    response = bare.post(
        THREAD_RUNS,
        headers={**AUTH, "OpenAI-Beta": "assistants=v1"},
        json={"assistant_id": ASSISTANT},
    )
    assert_error(response, 400, V1_BETA, code="invalid_beta")


def test_another_beta_value_is_invalid(bare: TestClient) -> None:
    response = bare.post(
        THREAD_RUNS,
        headers={**AUTH, "OpenAI-Beta": "assistants=v3"},
        json={"assistant_id": ASSISTANT},
    )
    assert_error(
        response,
        400,
        "Invalid value for the 'OpenAI-Beta' header: 'assistants=v3'. Please try again by setting "
        "the header 'OpenAI-Beta: assistants=v2'.",
        code="invalid_beta",
    )


@pytest.mark.parametrize("path", [THREAD_RUNS, "thread"])
def test_unknown_assistant(client: TestClient, path: str) -> None:
    url = THREAD_RUNS if path == THREAD_RUNS else runs_of(new_thread(client))
    response = client.post(url, json={"assistant_id": "asst_nope"})
    assert_error(response, 404, "No assistant found with id 'asst_nope'.")


def test_unknown_thread(client: TestClient) -> None:
    response = client.post(runs_of("thread_abc123"), json={"assistant_id": ASSISTANT})
    assert_error(response, 404, "No thread found with id 'thread_abc123'.")


@pytest.mark.parametrize("thread_id", ["undefined", "run_abc123", "THREAD_abc", "null"])
def test_malformed_thread_id(client: TestClient, thread_id: str) -> None:
    response = client.post(runs_of(thread_id), json={"assistant_id": ASSISTANT})
    assert_error(
        response,
        400,
        f"Invalid 'thread_id': '{thread_id}'. Expected an ID that begins with 'thread'.",
        param="thread_id",
    )


def test_thread_already_running(make_client: MakeClient) -> None:
    client = make_client(run_duration=60)
    first = client.post(THREAD_RUNS, json={"assistant_id": ASSISTANT}).json()
    response = client.post(runs_of(first["thread_id"]), json={"assistant_id": ASSISTANT})
    assert_error(
        response, 400, f"Thread {first['thread_id']} already has an active run {first['id']}."
    )


@pytest.mark.parametrize("path", [THREAD_RUNS, "thread"])
def test_missing_required_field(client: TestClient, path: str) -> None:
    url = THREAD_RUNS if path == THREAD_RUNS else runs_of(new_thread(client))
    response = client.post(url, json={})
    assert_error(response, 400, "Missing required parameter: 'assistant_id'.", param="assistant_id")


def test_wrong_type(client: TestClient) -> None:
    response = client.post(THREAD_RUNS, json={"assistant_id": ASSISTANT, "temperature": "hot"})
    assert_error(
        response,
        400,
        "Invalid type for 'temperature': expected a decimal, but got a string instead.",
        param="temperature",
        code="invalid_type",
    )


def test_unknown_field(client: TestClient) -> None:
    response = client.post(THREAD_RUNS, json={"assistant_id": ASSISTANT, "foo": 1})
    assert_error(response, 400, "Unrecognized request argument supplied: foo")


def test_fields_of_create_run_only_are_unknown_to_create_thread_and_run(client: TestClient) -> None:
    response = client.post(
        THREAD_RUNS, json={"assistant_id": ASSISTANT, "additional_instructions": "Be brief."}
    )
    assert_error(response, 400, "Unrecognized request argument supplied: additional_instructions")


def test_rate_limited(make_client: MakeClient) -> None:
    client = make_client(fault_injection=True)
    response = client.post(
        THREAD_RUNS, headers={"x-runspec-fault": "429"}, json={"assistant_id": ASSISTANT}
    )
    assert_error(
        response,
        429,
        "Rate limit reached for requests. Please try again in 10ms.",
        type="requests",
        code="rate_limit_exceeded",
    )
    assert response.headers["retry-after"] == "0"
    assert response.headers["retry-after-ms"] == "10"


# ---- the request's shape ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "message"),
    [
        (None, "Missing 'Content-Type' header. Send the request body as 'application/json'."),
        (
            "text/plain",
            "Unsupported 'Content-Type' header: 'text/plain'. "
            "Send the request body as 'application/json'.",
        ),
        (
            "application/x-www-form-urlencoded",
            "Unsupported 'Content-Type' header: 'application/x-www-form-urlencoded'. "
            "Send the request body as 'application/json'.",
        ),
    ],
)
def test_the_body_must_be_sent_as_json(
    client: TestClient, content_type: str | None, message: str
) -> None:
    headers = {} if content_type is None else {"Content-Type": content_type}
    response = client.post(THREAD_RUNS, content=b'{"assistant_id": "asst_abc123"}', headers=headers)
    assert_error(response, 400, message, code="unsupported_content_type")


def test_json_with_charset_is_json(client: TestClient) -> None:
    response = client.post(
        THREAD_RUNS,
        content=b'{"assistant_id": "asst_abc123"}',
        headers={"Content-Type": "Application/JSON; charset=utf-8"},
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{",
        b"{'assistant_id': 'asst_abc123'}",
        b'{"assistant_id": "asst_abc123"} trailing',
        b'{"assistant_id": "asst_abc123", "temperature": NaN}',
        b'{"assistant_id": "asst_abc123", "temperature": Infinity}',
        b'{"assistant_id": "asst_abc123", "temperature": 1e400}',
        b'{"assistant_id": "asst_abc123", "max_prompt_tokens": ' + b"9" * 5000 + b"}",
        b'{"assistant_id": "\xff"}',
    ],
    ids=[
        "empty",
        "truncated",
        "single-quotes",
        "trailing",
        "nan",
        "infinity",
        "overflow",
        "huge-int",
        "not-utf8",
    ],
)
def test_a_body_that_is_not_strict_json(client: TestClient, body: bytes) -> None:
    response = client.post(THREAD_RUNS, content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400, response.text
    assert error_of(response)["message"].startswith("We could not parse the JSON body")


def nested_tool_body(depth: int) -> bytes:
    """A valid body nesting ``depth`` levels deep (the body itself is level 1)."""
    inner = depth - 5  # body, tools, tools[0], function, parameters
    parameters = '{"a":' * inner + "{}" + "}" * inner
    return (
        '{"assistant_id": "asst_abc123", "stream": true, "tools": [{"type": "function", '
        f'"function": {{"name": "f", "parameters": {parameters}}}}}]}}'
    ).encode()


def test_json_nesting_is_limited_to_128_levels(client: TestClient) -> None:
    headers = {"Content-Type": "application/json"}
    assert (
        client.post(THREAD_RUNS, content=nested_tool_body(128), headers=headers).status_code == 200
    )
    for depth in (129, 990, 10_000):
        response = client.post(THREAD_RUNS, content=nested_tool_body(depth), headers=headers)
        assert_error(
            response, 400, "The request body is nested too deeply. At most 128 levels are accepted."
        )
    # past the limit of values, that is the answer, whatever else is wrong
    response = client.post(THREAD_RUNS, content=nested_tool_body(100_000), headers=headers)
    assert response.status_code == 400
    assert "too many JSON values" in error_of(response)["message"]


def test_a_body_holding_more_values_than_the_limit_is_400(make_client: MakeClient) -> None:
    client = make_client(max_body_values=100)

    def messages(count: int) -> dict[str, Any]:  # 4 values, and 3 per message
        return {"assistant_id": "asst_abc123", "thread": {"messages": [USER_MESSAGE] * count}}

    assert client.post(THREAD_RUNS, json=messages(32)).status_code == 200  # 100 values
    for body in (messages(33), {"assistant_id": "asst_abc123", "x": [[]] * 50}):
        assert_error(
            client.post(THREAD_RUNS, json=body),
            400,
            "The request body holds too many JSON values (array items and object members, at "
            "any level). At most 100 are accepted; the server's --max-body-values raises the "
            "limit.",
        )


USER_MESSAGE = {"role": "user", "content": "hi"}


def test_a_body_of_many_values_is_handled_off_the_event_loop(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a body costs is its values: a few kilobytes of them would hold up every other request.
    handed_off: list[bool] = []
    real = checks.off_the_loop

    async def recorded(work: Any) -> Any:
        handed_off.append(True)
        return await real(work)

    monkeypatch.setattr(checks, "off_the_loop", recorded)
    few = {"assistant_id": "asst_abc123", "thread": {"messages": [USER_MESSAGE] * 3}}
    many = {"assistant_id": "asst_abc123", "thread": {"messages": [USER_MESSAGE] * 400}}
    assert len(json.dumps(many)) < 20_000
    assert client.post(THREAD_RUNS, json=few).status_code == 200
    assert handed_off == []
    assert client.post(THREAD_RUNS, json=many).status_code == 200
    assert handed_off == [True]


@pytest.mark.parametrize(
    ("body", "kind"),
    [([], "an array"), ("asst_abc123", "a string"), (None, "null"), (3, "an integer")],
)
def test_a_body_that_is_not_an_object(client: TestClient, body: Any, kind: str) -> None:
    response = client.post(
        THREAD_RUNS, content=json.dumps(body), headers={"Content-Type": "application/json"}
    )
    assert_error(
        response,
        400,
        f"Invalid type for the request body: expected an object, but got {kind} instead.",
        code="invalid_type",
    )


def test_a_body_over_one_mebibyte_is_413(client: TestClient) -> None:
    text = "x" * (2**20)
    response = client.post(THREAD_RUNS, json={"assistant_id": ASSISTANT, "instructions": text})
    assert_error(
        response,
        413,
        "The request body is too large. At most 1048576 bytes are accepted.",
        code="request_too_large",
    )


def test_a_body_of_exactly_the_limit_is_read(client: TestClient) -> None:
    head = b'{"assistant_id": "asst_abc123", "instructions": "'
    body = head + b"x" * (2**20 - len(head) - 2) + b'"}'
    assert len(body) == 2**20
    response = client.post(THREAD_RUNS, content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200, response.text


def test_a_chunked_body_over_the_limit_is_413(make_client: MakeClient) -> None:
    client = make_client(max_body_bytes=1000)

    def chunks() -> Any:
        yield b'{"assistant_id": "asst_abc123", "instructions": "'
        for _ in range(20):
            yield b"x" * 100
        yield b'"}'

    response = client.post(
        THREAD_RUNS, content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413


# ---- URLs and methods --------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"])
@pytest.mark.parametrize("path", [THREAD_RUNS, runs_of("thread_abc123")])
def test_other_methods_are_405_with_allow(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    if method != "HEAD":
        assert error_of(response) == {
            "message": f"Invalid method for URL ({method} {path}). Allowed: POST.",
            "type": "invalid_request_error",
            "param": None,
            "code": "method_not_allowed",
        }


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/v1",
        "/threads/runs",
        "/v1/threads",
        "/v1/threads/runs/",
        "/v1/threads//runs",
        "/v1/threads/thread_abc/runs/run_abc",
        "/v2/threads/runs",
    ],
)
def test_unknown_paths_are_404_json(client: TestClient, path: str) -> None:
    response = client.post(path, json={"assistant_id": ASSISTANT})
    assert_error(response, 404, f"Invalid URL (POST {path})")


def test_unknown_query_parameters_are_ignored(client: TestClient) -> None:
    thread_id = new_thread(client)
    response = client.post(
        runs_of(thread_id), params={"foo": "bar"}, json={"assistant_id": ASSISTANT}
    )
    assert response.status_code == 200


def test_include_takes_the_values_of_the_spec(client: TestClient) -> None:
    thread_id = new_thread(client)
    good = "step_details.tool_calls[*].file_search.results[*].content"
    response = client.post(
        runs_of(thread_id), params={"include[]": good}, json={"assistant_id": ASSISTANT}
    )
    assert response.status_code == 200
    response = client.post(
        runs_of(thread_id), params={"include[]": [good, "steps"]}, json={"assistant_id": ASSISTANT}
    )
    assert_error(
        response,
        400,
        f"Invalid value: 'steps'. Supported values are: '{good}'.",
        param="include[][1]",
        code="invalid_value",
    )


# ---- the order of checks: key, beta header, path, body, state ----------------------------------


def test_the_key_is_checked_first(bare: TestClient) -> None:
    response = bare.post(
        runs_of("undefined"), content=b"{", headers={"OpenAI-Beta": "assistants=v1"}
    )
    assert response.status_code == 401


def test_then_the_beta_header(bare: TestClient) -> None:
    response = bare.post(runs_of("undefined"), content=b"{", headers=AUTH)
    assert error_of(response)["code"] == "invalid_beta"


def test_then_the_path(bare: TestClient) -> None:
    response = bare.post(runs_of("undefined"), content=b"{", headers=HEADERS)
    assert error_of(response)["param"] == "thread_id"


def test_then_the_body(client: TestClient) -> None:
    response = client.post(runs_of("thread_unknown"), json={"assistant_id": 1})
    assert error_of(response)["code"] == "invalid_type"


def test_then_the_thread_then_the_assistant(client: TestClient) -> None:
    response = client.post(runs_of("thread_unknown"), json={"assistant_id": "asst_unknown"})
    assert error_of(response)["message"] == "No thread found with id 'thread_unknown'."


def test_a_rejected_create_leaves_the_thread_as_it_was(make_client: MakeClient) -> None:
    client = make_client(run_duration=60)
    first = client.post(THREAD_RUNS, json={"assistant_id": ASSISTANT}).json()
    thread = store_of(client).find_thread(first["thread_id"])
    assert thread is not None
    before = list(thread.messages)
    for body in (
        {"assistant_id": ASSISTANT, "additional_messages": [user("hi")]},
        {"assistant_id": "asst_unknown", "additional_messages": [user("hi")]},
    ):
        assert client.post(runs_of(first["thread_id"]), json=body).status_code in (400, 404)
    assert list(thread.messages) == before
    assert [r.id for r in thread.runs] == [first["id"]]


def test_a_thread_id_pattern_in_the_spec_keeps_the_hosted_apis_message(
    make_client: MakeClient, tmp_path: Path
) -> None:
    spec = load_document(SPEC_PATH)
    spec["components"]["parameters"]["ThreadId"]["schema"]["pattern"] = "^thread"
    path = tmp_path / "openapi.yaml"
    path.write_text(dump_document(spec))
    client = make_client(spec_path=path)
    response = client.post(runs_of("run_abc"), json={"assistant_id": ASSISTANT})
    assert_error(
        response,
        400,
        "Invalid 'thread_id': 'run_abc'. Expected an ID that begins with 'thread'.",
        param="thread_id",
    )
