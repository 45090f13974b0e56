"""What a client does without being told: headers, timeouts, key and URL from the environment;
and the API key stays out of everything a person or a log could read."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable

import httpx
import pytest
from assistants_runs_client import AuthenticatedClient, Client, errors
from assistants_runs_client.api.runs import create_run, create_thread_and_run
from assistants_runs_client.client import DEFAULT_BASE_URL
from assistants_runs_client.models import CreateRunRequest

from runspec.spec import load_spec
from tests.client.conftest import API_KEY, THREAD, error_body, json_response, run_example, scripted

Serve = Callable[..., AuthenticatedClient]
BODY = CreateRunRequest(assistant_id="asst_abc123")


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)


def test_every_request_carries_the_beta_header_and_the_key(serve: Serve) -> None:
    handler, seen = scripted(json_response(200, run_example()))
    create_run.sync(THREAD, client=serve(handler), body=BODY)
    headers = seen.requests[0].headers
    assert headers["openai-beta"] == "assistants=v2"
    assert headers["authorization"] == f"Bearer {API_KEY}"
    assert headers["content-type"] == "application/json"
    assert headers["user-agent"].startswith("assistants-runs-client/")


def test_the_beta_header_comes_from_the_spec_and_is_no_argument() -> None:
    beta = load_spec()["components"]["parameters"]["OpenAIBeta"]
    assert (beta["name"], beta["schema"]["enum"]) == ("OpenAI-Beta", ["assistants=v2"])
    for module in (create_run, create_thread_and_run):
        for function in (module.sync, module.sync_detailed, module.asyncio, module.stream):
            names = set(inspect.signature(function).parameters)
            assert not {n for n in names if "beta" in n.lower()}, function


def test_the_default_timeout_is_600_seconds_with_5_to_connect(no_env: None) -> None:
    client = AuthenticatedClient(token="sk-x")
    timeout = client.get_httpx_client().timeout
    assert (timeout.read, timeout.write, timeout.pool, timeout.connect) == (600, 600, 600, 5)
    assert client.max_retries == 2


def test_a_timeout_per_call_reaches_the_request(serve: Serve) -> None:
    handler, seen = scripted(json_response(200, run_example()), json_response(200, run_example()))
    client = serve(handler)
    create_run.sync(THREAD, client=client, body=BODY, timeout=1.5)
    create_run.sync(THREAD, client=client.with_timeout(httpx.Timeout(9.0)), body=BODY)
    first, second = (r.extensions["timeout"] for r in seen.requests)
    assert first == {"connect": 1.5, "read": 1.5, "write": 1.5, "pool": 1.5}
    assert second["read"] == 9.0


def test_key_and_base_url_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    client = AuthenticatedClient()
    assert client.token == "sk-from-env"
    assert client.base_url == "http://127.0.0.1:9/v1"
    given = AuthenticatedClient(base_url="http://other.test/v1", token="sk-given")
    assert (given.base_url, given.token) == ("http://other.test/v1", "sk-given")


def test_without_environment_the_spec_server_is_the_default(no_env: None) -> None:
    assert load_spec()["servers"][0]["url"] == DEFAULT_BASE_URL
    assert AuthenticatedClient(token="sk-x").base_url == DEFAULT_BASE_URL
    assert Client().base_url == DEFAULT_BASE_URL


def test_no_key_anywhere_is_a_configuration_error(no_env: None) -> None:
    with pytest.raises(errors.ConfigurationError, match="OPENAI_API_KEY"):
        AuthenticatedClient()
    with pytest.raises(errors.ConfigurationError):
        AuthenticatedClient(token="")


# ---- The key stays hidden ---------------------------------------------------------------------


def test_the_key_is_not_in_repr_or_str(serve: Serve) -> None:
    handler, _ = scripted(json_response(200, run_example()))
    client = serve(handler)
    create_run.sync(THREAD, client=client, body=BODY)  # builds the httpx client and its headers
    for text in (
        repr(client),
        str(client),
        repr(client.with_retries(5)),
        repr(client.get_httpx_client().headers),
    ):
        assert API_KEY not in text
        assert API_KEY[-12:] not in text


def test_the_key_is_not_in_error_messages_even_if_the_server_echoes_it(serve: Serve) -> None:
    echo = error_body(f"Incorrect API key provided: {API_KEY}.", code="invalid_api_key")
    handler, _ = scripted(json_response(401, echo))
    with pytest.raises(errors.AuthenticationError) as caught:
        create_run.sync(THREAD, client=serve(handler), body=BODY)
    for text in (str(caught.value), repr(caught.value), caught.value.message):
        assert API_KEY not in text
    assert API_KEY[-4:] in caught.value.message  # masked the way the API masks keys

    handler, _ = scripted(httpx.Response(500, text=f"proxy error for key {API_KEY}"))
    with pytest.raises(errors.InternalServerError) as failed:
        create_run.sync(THREAD, client=serve(handler), body=BODY, max_retries=0)
    assert API_KEY not in str(failed.value)


def test_the_key_is_not_in_log_records(serve: Serve, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    handler, _ = scripted(
        json_response(503, error_body("busy", "server_error")),
        json_response(401, error_body("bad key")),
    )
    with pytest.raises(errors.AuthenticationError):
        create_run.sync(THREAD, client=serve(handler), body=BODY)
    assert caplog.records, "the retry should have been logged"
    for record in caplog.records:
        assert API_KEY not in record.getMessage()
        assert API_KEY not in repr(record.args)
