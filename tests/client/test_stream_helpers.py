"""The official SDK's stream helpers, on the spec's example transcript: ``until_done()``,
``get_final_run()``, ``get_final_messages()``, ``text_deltas`` and an event handler, sync and
async."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from assistants_runs_client import AuthenticatedClient, errors
from assistants_runs_client.api.runs import create_thread_and_run
from assistants_runs_client.models import (
    CreateThreadAndRunRequest,
    MessageDeltaObject,
    MessageObject,
    RunObject,
)
from assistants_runs_client.streaming import (
    AssistantEventHandler,
    AssistantStreamEvent,
    AsyncAssistantEventHandler,
)

from tests.client.conftest import event_stream, scripted, sse, transcript

Serve = Callable[..., AuthenticatedClient]
BODY = CreateThreadAndRunRequest(assistant_id="asst_abc123")
TEXT = "Deep learning learns from examples."


def test_get_final_run_reads_to_the_end(serve: Serve) -> None:
    handler, _ = scripted(event_stream(transcript()))
    with create_thread_and_run.stream(client=serve(handler), body=BODY) as stream:
        run = stream.get_final_run()
    assert isinstance(run, RunObject)
    assert run.status == "completed"


def test_get_final_messages_gives_the_completed_messages(serve: Serve) -> None:
    handler, _ = scripted(event_stream(transcript()))
    with create_thread_and_run.stream(client=serve(handler), body=BODY) as stream:
        messages = stream.get_final_messages()
    assert [m.status for m in messages] == ["completed"]
    assert isinstance(messages[0], MessageObject)


def test_text_deltas_are_the_pieces_of_text(serve: Serve) -> None:
    handler, _ = scripted(event_stream(transcript()))
    with create_thread_and_run.stream(client=serve(handler), body=BODY) as stream:
        assert list(stream.text_deltas) == ["Deep learning ", "learns from examples."]
        assert stream.current_run is not None
        assert stream.current_run.status == "completed"


def test_until_done_then_the_final_run_needs_no_second_reading(serve: Serve) -> None:
    handler, seen = scripted(event_stream(transcript()))
    with create_thread_and_run.stream(client=serve(handler), body=BODY) as stream:
        stream.until_done()
        assert stream.get_final_run().status == "completed"
    assert seen.count == 1


def test_get_final_run_of_a_stream_without_a_run_is_an_error(serve: Serve) -> None:
    handler, _ = scripted(event_stream(sse(("done", "[DONE]"))))
    with (
        create_thread_and_run.stream(client=serve(handler), body=BODY) as stream,
        pytest.raises(RuntimeError, match="without a run"),
    ):
        stream.get_final_run()


class Recorder(AssistantEventHandler):
    def __init__(self) -> None:
        self.calls: list[str] = []
        self.text = ""

    def on_event(self, event: AssistantStreamEvent) -> None:
        self.calls.append(event.event)

    def on_run_completed(self, data: RunObject) -> None:
        self.calls.append(f"run completed: {data.status}")

    def on_message_delta(self, data: MessageDeltaObject) -> None:
        self.calls.append("message delta")

    def on_text_delta(self, text: str) -> None:
        self.text += text

    def on_message_done(self, data: MessageObject) -> None:  # the SDK's name
        self.calls.append(f"message done: {data.status}")

    def on_end(self) -> None:
        self.calls.append("end")


def test_an_event_handler_sees_every_event_its_hooks_and_the_end(serve: Serve) -> None:
    handler, _ = scripted(event_stream(transcript()))
    recorder = Recorder()
    with create_thread_and_run.stream(
        client=serve(handler), body=BODY, event_handler=recorder
    ) as stream:
        stream.until_done()
    assert recorder.text == TEXT
    assert recorder.calls[0] == "thread.created"
    assert recorder.calls.count("message delta") == 2
    assert "message done: completed" in recorder.calls
    assert recorder.calls[-3:] == ["thread.run.completed", "run completed: completed", "end"]


def test_an_event_handler_hears_of_an_exception_before_it_propagates(serve: Serve) -> None:
    failures: list[Exception] = []

    class Failing(AssistantEventHandler):
        def on_exception(self, exception: Exception) -> None:
            failures.append(exception)

    body = sse(("error", {"error": {"message": "boom", "type": "server_error"}}))
    handler, _ = scripted(event_stream(body))
    stream = create_thread_and_run.stream(client=serve(handler), body=BODY, event_handler=Failing())
    with pytest.raises(errors.StreamEventError):
        stream.until_done()
    assert isinstance(failures[0], errors.StreamEventError)


class AsyncRecorder(AsyncAssistantEventHandler):
    def __init__(self) -> None:
        self.text = ""
        self.ended = False

    async def on_text_delta(self, text: str) -> None:
        self.text += text

    async def on_end(self) -> None:
        self.ended = True


@pytest.mark.anyio
async def test_the_async_helpers(serve: Serve) -> None:
    handler, _ = scripted(*(event_stream(transcript()) for _ in range(4)))
    client = serve(handler)
    async with create_thread_and_run.astream(client=client, body=BODY) as stream:
        assert (await stream.get_final_run()).status == "completed"
    async with create_thread_and_run.astream(client=client, body=BODY) as stream:
        assert len(await stream.get_final_messages()) == 1
    async with create_thread_and_run.astream(client=client, body=BODY) as stream:
        assert [text async for text in stream.text_deltas] == [
            "Deep learning ",
            "learns from examples.",
        ]
    recorder = AsyncRecorder()
    async with create_thread_and_run.astream(
        client=client, body=BODY, event_handler=recorder
    ) as stream:
        await stream.until_done()
    assert (recorder.text, recorder.ended) == (TEXT, True)
