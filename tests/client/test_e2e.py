"""The generated client against the reference server, over loopback: both operations, plain and
streamed, sync and async, and the failures a real server produces.

The server runs under uvicorn on a free port of 127.0.0.1 (:func:`runspec.server.testing.serve_in_thread`),
wrapped in a :class:`~runspec.server.testing.ConformanceRecorder` that checks everything it sends.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator

import pytest
from assistants_runs_client import AuthenticatedClient, errors
from assistants_runs_client.api.runs import create_run, create_thread_and_run
from assistants_runs_client.models import (
    AssistantToolsCode,
    CreateMessageRequest,
    CreateRunRequest,
    CreateThreadAndRunRequest,
    CreateThreadRequest,
    MessageDeltaEvent,
    RunCompletedEvent,
    RunCreatedEvent,
    RunObject,
    ThreadCreatedEvent,
)

from runspec.server import DEFAULT_API_KEY, create_app
from runspec.server.testing import ConformanceRecorder, LiveServer, serve_in_thread

ASSISTANT = "asst_abc123"
REQUEST_ID = re.compile(r"req_[0-9a-f]{32}")


@pytest.fixture(scope="module")
def recorder() -> ConformanceRecorder:
    return ConformanceRecorder(create_app(fault_injection=True))


@pytest.fixture(scope="module")
def server(recorder: ConformanceRecorder) -> Iterator[LiveServer]:
    with serve_in_thread(recorder) as live:
        yield live
    assert not recorder.problems, "\n".join(recorder.problems)


# Strict: the reference server must send only what the spec knows (no unknown enum value, no
# missing field), which a lenient client would let pass.
@pytest.fixture
def client(server: LiveServer) -> Iterator[AuthenticatedClient]:
    with AuthenticatedClient(
        base_url=server.base_url, token=DEFAULT_API_KEY, strict=True
    ) as client:
        yield client


@pytest.fixture
async def aclient(server: LiveServer) -> AsyncIterator[AuthenticatedClient]:
    async with AuthenticatedClient(
        base_url=server.base_url, token=DEFAULT_API_KEY, strict=True
    ) as client:
        yield client


def thread_and_run_body() -> CreateThreadAndRunRequest:
    return CreateThreadAndRunRequest(
        assistant_id=ASSISTANT,
        thread=CreateThreadRequest(
            messages=[CreateMessageRequest(role="user", content="Explain deep learning.")]
        ),
        tools=[AssistantToolsCode()],
        metadata={"suite": "client-e2e"},
    )


def test_sync_create_thread_and_run_then_create_run(client: AuthenticatedClient) -> None:
    response = create_thread_and_run.sync_detailed(client=client, body=thread_and_run_body())
    assert response.status_code == 200
    assert REQUEST_ID.fullmatch(response.request_id or "")
    first = response.parsed
    assert isinstance(first, RunObject)
    assert first.assistant_id == ASSISTANT
    assert first.metadata == {"suite": "client-e2e"}
    assert first.tools == [AssistantToolsCode()]

    second = create_run.sync(
        first.thread_id,
        client=client,
        body=CreateRunRequest(assistant_id=ASSISTANT, temperature=0.2),
    )
    assert second.thread_id == first.thread_id
    assert second.id != first.id
    assert second.temperature == 0.2


def test_sync_streams_of_both_operations(client: AuthenticatedClient) -> None:
    with create_thread_and_run.stream(client=client, body=thread_and_run_body()) as events:
        received = list(events)
    assert isinstance(received[0], ThreadCreatedEvent)
    assert isinstance(received[1], RunCreatedEvent)
    assert any(isinstance(e, MessageDeltaEvent) for e in received)
    assert isinstance(received[-1], RunCompletedEvent)
    thread_id = received[0].data.id

    again = list(
        create_run.stream(thread_id, client=client, body=CreateRunRequest(assistant_id=ASSISTANT))
    )
    assert isinstance(again[0], RunCreatedEvent)
    assert again[0].data.thread_id == thread_id
    assert again[-1].event == "thread.run.completed"


@pytest.mark.anyio
async def test_async_plain_and_streamed(aclient: AuthenticatedClient) -> None:
    run = await create_thread_and_run.asyncio(client=aclient, body=thread_and_run_body())
    assert run.status in ("queued", "completed", "in_progress")
    detailed = await create_run.asyncio_detailed(
        run.thread_id, client=aclient, body=CreateRunRequest(assistant_id=ASSISTANT)
    )
    assert detailed.parsed.thread_id == run.thread_id

    async with create_thread_and_run.astream(client=aclient, body=thread_and_run_body()) as events:
        received = [event async for event in events]
    assert isinstance(received[0], ThreadCreatedEvent)
    assert isinstance(received[-1], RunCompletedEvent)
    thread_id = received[0].data.id
    async with create_run.astream(
        thread_id, client=aclient, body=CreateRunRequest(assistant_id=ASSISTANT)
    ) as events:
        kinds = [event.event async for event in events]
    assert kinds[0] == "thread.run.created"
    assert kinds[-1] == "thread.run.completed"


def test_errors_of_a_real_server_are_typed(client: AuthenticatedClient, server: LiveServer) -> None:
    with pytest.raises(errors.NotFoundError) as missing:
        create_run.sync(
            "thread_doesnotexist", client=client, body=CreateRunRequest(assistant_id=ASSISTANT)
        )
    assert missing.value.message == "No thread found with id 'thread_doesnotexist'."
    assert missing.value.type == "invalid_request_error"
    assert REQUEST_ID.fullmatch(missing.value.request_id or "")

    with pytest.raises(errors.NotFoundError, match="No assistant found"):
        create_thread_and_run.sync(
            client=client, body=CreateThreadAndRunRequest(assistant_id="asst_nobody")
        )

    wrong_key = "sk-wrong-0123456789abcdef"
    with (
        AuthenticatedClient(base_url=server.base_url, token=wrong_key) as stranger,
        pytest.raises(errors.AuthenticationError) as denied,
    ):
        create_thread_and_run.sync(client=stranger, body=thread_and_run_body())
    assert denied.value.code == "invalid_api_key"
    assert wrong_key not in str(denied.value)

    with pytest.raises(errors.BadRequestError) as bad:
        create_thread_and_run.sync(
            client=client, body=CreateThreadAndRunRequest(assistant_id=ASSISTANT, temperature=5.0)
        )
    assert bad.value.param == "temperature"


def test_injected_server_errors_are_retried_until_they_pass(client: AuthenticatedClient) -> None:
    flaky = client.with_headers({"x-runspec-fault": "503:2:client-e2e-sync"})
    run = create_thread_and_run.sync(client=flaky, body=thread_and_run_body())
    assert isinstance(run, RunObject)

    failing = client.with_headers({"x-runspec-fault": "500:3:client-e2e-exhausted"})
    with pytest.raises(errors.InternalServerError):
        create_thread_and_run.sync(client=failing, body=thread_and_run_body())

    limited = client.with_headers({"x-runspec-fault": "429:1:client-e2e-stream"})
    with create_thread_and_run.stream(client=limited, body=thread_and_run_body()) as events:
        assert list(events)[-1].event == "thread.run.completed"


def test_an_error_event_of_a_real_stream_raises(client: AuthenticatedClient) -> None:
    failing = client.with_headers({"x-runspec-fault": "stream-error"})
    received: list[str] = []

    def read_all() -> None:
        for event in create_thread_and_run.stream(client=failing, body=thread_and_run_body()):
            received.append(event.event)

    with pytest.raises(errors.StreamEventError) as caught:
        read_all()
    assert "thread.run.in_progress" in received
    assert caught.value.message
