"""No request makes the server answer 5xx, and whatever it answers conforms to the spec.

Hypothesis sends arbitrary JSON, and bodies with one field set to arbitrary JSON, to both
operations of one ``--any-assistant`` server (so that deep states are reachable), and arbitrary
thread ids, keys and beta headers; the recorder checks every answer against the spec.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from runspec.server import create_app
from runspec.server.testing import ConformanceRecorder
from runspec.spec import SpecSchemas, resolve_pointer
from tests.server.support import ASSISTANT, HEADERS, THREAD_RUNS, runs_of

_SCHEMAS = SpecSchemas.from_path()


def _fields(name: str) -> list[str]:
    return sorted(resolve_pointer(_SCHEMAS.document, f"#/components/schemas/{name}")["properties"])


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
header_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60)
ANSWERS = {200, 400, 404}
SETTINGS = settings(max_examples=50, deadline=None)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    recorder = ConformanceRecorder(create_app(any_assistant=True), _SCHEMAS)
    with TestClient(recorder) as client:
        yield client
    assert recorder.responses > 100
    assert not recorder.problems, "\n".join(recorder.problems)


def _new_thread(client: TestClient) -> str:
    response = client.post(THREAD_RUNS, headers=HEADERS, json={"assistant_id": ASSISTANT})
    thread_id: str = response.json()["thread_id"]
    return thread_id


def _post(client: TestClient, path: str, body: Any) -> int:
    status: int = client.post(path, headers=HEADERS, json=body).status_code
    return status


@SETTINGS
@given(body=json_values)
def test_any_json_body_gets_a_4xx_or_a_run(client: TestClient, body: Any) -> None:
    for path in (THREAD_RUNS, runs_of(_new_thread(client))):
        assert _post(client, path, body) in ANSWERS


@SETTINGS
@given(field=st.sampled_from(_fields("CreateRunRequest")), value=json_values, stream=st.booleans())
def test_create_run_with_any_value_in_a_field(
    client: TestClient, field: str, value: Any, stream: bool
) -> None:
    body = {"assistant_id": "asst_fuzz", "stream": stream, field: value}
    assert _post(client, runs_of(_new_thread(client)), body) in ANSWERS


@SETTINGS
@given(
    field=st.sampled_from(_fields("CreateThreadAndRunRequest")),
    value=json_values,
    stream=st.booleans(),
)
def test_create_thread_and_run_with_any_value_in_a_field(
    client: TestClient, field: str, value: Any, stream: bool
) -> None:
    body = {"assistant_id": "asst_fuzz", "stream": stream, field: value}
    assert _post(client, THREAD_RUNS, body) in ANSWERS


@SETTINGS
@given(
    thread_id=st.text(
        st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=30
    ).filter(lambda s: not set(s) & set("/?#%.")),
    beta=st.none() | header_text,
    key=st.none() | header_text,
)
def test_any_thread_id_key_and_beta_header(
    client: TestClient, thread_id: str, beta: str | None, key: str | None
) -> None:
    headers = {}
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    if beta is not None:
        headers["OpenAI-Beta"] = beta
    response = client.post(runs_of(thread_id), headers=headers, json={"assistant_id": ASSISTANT})
    assert response.status_code in {400, 401, 404}


# JSON can carry a lone UTF-16 surrogate ("\ud800"), which Python keeps in a str but UTF-8 cannot
# encode; the server must answer with it escaped, never with a 500.
LONE_SURROGATE_BODIES = [
    '{"assistant_id": "asst_lone", "instructions": "say \\ud800"}',
    '{"assistant_id": "asst_lone", "metadata": {"k\\udfff": "v\\ud800"}}',
    '{"assistant_id": "asst_lone", "additional_messages": [{"role": "user", "content": "hi \\ud800"}]}',
    '{"assistant_id": "asst_lone", "\\ud800": 1}',
    '{"assistant_id": "asst_\\ud800"}',
]


@pytest.mark.parametrize("stream", [False, True])
@pytest.mark.parametrize("body", LONE_SURROGATE_BODIES)
def test_a_lone_surrogate_comes_back_escaped(client: TestClient, body: str, stream: bool) -> None:
    if stream:
        body = body.replace("{", '{"stream": true, ', 1)
    response = client.post(
        runs_of(_new_thread(client)),
        headers={**HEADERS, "Content-Type": "application/json"},
        content=body.encode(),
    )
    assert response.status_code in ANSWERS
    surrogate = "\\ud800" if "\\ud800" in body else "\\udfff"
    shows_messages = stream  # a plain answer is the run object, without the thread's messages
    if shows_messages or "additional_messages" not in body:
        assert surrogate in response.text
