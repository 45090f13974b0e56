"""Streams: typed events as they arrive, the end, errors mid-stream, and closing the connection."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from typing import TypeVar

import httpx
import pytest
from assistants_runs_client import AuthenticatedClient, errors
from assistants_runs_client.api.runs import create_run, create_thread_and_run
from assistants_runs_client.models import (
    CreateRunRequest,
    CreateThreadAndRunRequest,
    MessageDeltaEvent,
    MessageDeltaObject,
    RunCompletedEvent,
    RunCreatedEvent,
    RunObject,
    ThreadCreatedEvent,
    ThreadObject,
)
from assistants_runs_client.streaming import UnknownEvent
from assistants_runs_client.types import UnknownValue

from tests.client.conftest import (
    THREAD,
    error_body,
    event_stream,
    json_response,
    run_example,
    scripted,
    sse,
    transcript,
)

T = TypeVar("T")
Serve = Callable[..., AuthenticatedClient]
BODY = CreateThreadAndRunRequest(assistant_id="asst_abc123")
RUN_BODY = CreateRunRequest(assistant_id="asst_abc123")
DONE = ("done", "[DONE]")


def collect(events: Iterable[T], into: list[T]) -> None:
    """Iterate ``events`` into ``into``, so that what arrived before a failure can be checked."""
    into.extend(events)


class Chunks(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body sent in pieces, that may break off, and that knows whether it was closed."""

    def __init__(self, *chunks: str | bytes, then: Exception | None = None) -> None:
        self.chunks = [c.encode() if isinstance(c, str) else c for c in chunks]
        self.then = then
        self.sent = 0
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.sent += 1
            yield chunk
        if self.then is not None:
            raise self.then

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


def run_created() -> tuple[str, dict[str, object]]:
    return ("thread.run.created", run_example())


def test_the_spec_transcript_arrives_as_typed_events_until_done(serve: Serve) -> None:
    handler, seen = scripted(event_stream(transcript()))
    with create_thread_and_run.stream(client=serve(handler), body=BODY) as events:
        received = list(events)
    assert [e.event for e in received][:3] == [
        "thread.created",
        "thread.run.created",
        "thread.run.queued",
    ]
    assert received[-1].event == "thread.run.completed"
    first, second = received[0], received[1]
    assert isinstance(first, ThreadCreatedEvent)
    assert isinstance(first.data, ThreadObject)
    assert isinstance(second, RunCreatedEvent)
    assert isinstance(second.data, RunObject)
    deltas = [e for e in received if isinstance(e, MessageDeltaEvent)]
    assert all(isinstance(e.data, MessageDeltaObject) for e in deltas)
    text = [part.text.value for e in deltas for part in e.data.delta.content or []]  # type: ignore[union-attr]
    assert "".join(text) == "Deep learning learns from examples."  # type: ignore[arg-type]
    completed = received[-1]
    assert isinstance(completed, RunCompletedEvent)
    assert completed.data.status == "completed"
    # The request asked for a stream.
    assert seen.body() == {"assistant_id": "asst_abc123", "stream": True}
    assert seen.requests[0].headers["accept"] == "text/event-stream"
    assert seen.requests[0].headers["openai-beta"] == "assistants=v2"


def test_create_run_streams_too(serve: Serve) -> None:
    handler, seen = scripted(event_stream(sse(run_created(), DONE)))
    events = list(create_run.stream(THREAD, client=serve(handler), body=RUN_BODY))
    assert [type(e) for e in events] == [RunCreatedEvent]
    assert seen.requests[0].url.path == f"/v1/threads/{THREAD}/runs"


def test_nothing_after_done_is_read(serve: Serve) -> None:
    body = Chunks(sse(run_created()), sse(DONE), sse(run_created()))
    handler, _ = scripted(event_stream(body))
    events = list(create_run.stream(THREAD, client=serve(handler), body=RUN_BODY))
    assert len(events) == 1
    assert body.sent == 2
    assert body.closed


def test_an_error_event_raises_with_the_servers_message(serve: Serve) -> None:
    error = {
        "message": "The server had an error.",
        "type": "server_error",
        "param": None,
        "code": "x",
    }
    handler, _ = scripted(event_stream(sse(run_created(), ("error", error))))
    received: list[object] = []
    with pytest.raises(errors.StreamEventError) as caught:
        collect(create_run.stream(THREAD, client=serve(handler), body=RUN_BODY), received)
    assert len(received) == 1
    raised = caught.value
    assert (raised.message, raised.type, raised.code) == (
        "The server had an error.",
        "server_error",
        "x",
    )
    assert raised.request_id == "req_0002"


def test_an_error_event_whose_data_is_not_json_still_raises_typed(serve: Serve) -> None:
    handler, _ = scripted(event_stream(sse(("error", "upstream went away"))))
    with pytest.raises(errors.StreamEventError, match="upstream went away"):
        list(create_run.stream(THREAD, client=serve(handler), body=RUN_BODY))


def test_unknown_events_are_passed_on_raw(serve: Serve) -> None:
    body = sse(("thread.run.step.thinking", {"tokens": 3}), run_created(), DONE)
    body = ": keep-alive comment\n\n" + body + "data: no event name\n\n"
    handler, _ = scripted(event_stream(body))
    events = list(create_run.stream(THREAD, client=serve(handler), body=RUN_BODY))
    assert events[0] == UnknownEvent(name="thread.run.step.thinking", data='{"tokens": 3}')
    assert isinstance(events[0], UnknownEvent)
    assert events[0].event == "unknown"
    assert events[0].json() == {"tokens": 3}
    assert isinstance(events[1], RunCreatedEvent)
    assert len(events) == 2


def test_a_known_event_whose_data_is_not_json_is_a_validation_error(serve: Serve) -> None:
    handler, _ = scripted(event_stream(sse(("thread.run.created", "{not json"), DONE)))
    with pytest.raises(errors.APIResponseValidationError, match=r"thread\.run\.created"):
        list(create_run.stream(THREAD, client=serve(handler), body=RUN_BODY))


def test_a_known_event_whose_data_breaks_its_schema_is_a_validation_error(serve: Serve) -> None:
    broken = run_example()
    del broken["status"]
    handler, _ = scripted(event_stream(sse(("thread.run.created", broken), DONE)))
    with pytest.raises(errors.APIResponseValidationError):
        list(create_run.stream(THREAD, client=serve(handler), body=RUN_BODY))


def test_an_unknown_enum_value_in_an_event_is_kept_unless_strict(serve: Serve) -> None:
    newer = run_example()
    newer["status"] = "paused"
    body = sse(("thread.run.created", newer), DONE)
    handler, _ = scripted(event_stream(body), event_stream(body))
    events = list(create_run.stream(THREAD, client=serve(handler), body=RUN_BODY))
    assert isinstance(events[0], RunCreatedEvent)
    assert isinstance(events[0].data.status, UnknownValue)
    assert events[0].data.status == "paused"
    with pytest.raises(errors.APIResponseValidationError, match="paused"):
        list(create_run.stream(THREAD, client=serve(handler, strict=True), body=RUN_BODY))


def test_a_stream_that_ends_without_done_is_incomplete(serve: Serve) -> None:
    body = Chunks(sse(run_created()), "event: thread.run.queued\ndata: {")
    handler, seen = scripted(event_stream(body), event_stream(sse(DONE)))
    received: list[object] = []
    with pytest.raises(errors.IncompleteStreamError):
        collect(create_run.stream(THREAD, client=serve(handler), body=RUN_BODY), received)
    assert len(received) == 1
    assert seen.count == 1  # delivered events are never sent for again
    assert body.closed


def test_a_connection_that_breaks_mid_stream_is_incomplete(serve: Serve) -> None:
    body = Chunks(sse(run_created()), then=httpx.ReadError("connection reset"))
    handler, seen = scripted(event_stream(body))
    with pytest.raises(errors.IncompleteStreamError, match="ReadError"):
        list(create_run.stream(THREAD, client=serve(handler), body=RUN_BODY))
    assert seen.count == 1


def test_events_split_across_chunks_and_crlf_lines_decode(serve: Serve) -> None:
    text = sse(run_created(), DONE).replace("\n", "\r\n")
    handler, _ = scripted(event_stream(Chunks(*(text[i : i + 7] for i in range(0, len(text), 7)))))
    events = list(create_run.stream(THREAD, client=serve(handler), body=RUN_BODY))
    assert [e.event for e in events] == ["thread.run.created"]


def test_breaking_out_of_the_loop_closes_the_connection(serve: Serve) -> None:
    body = Chunks(*(sse(run_created()) for _ in range(5)), sse(DONE))
    handler, _ = scripted(event_stream(body))
    for _event in create_run.stream(THREAD, client=serve(handler), body=RUN_BODY):
        break
    assert body.closed
    assert body.sent < 6


def test_leaving_the_with_block_closes_the_connection(serve: Serve) -> None:
    body = Chunks(*(sse(run_created()) for _ in range(5)), sse(DONE))
    handler, _ = scripted(event_stream(body))
    with create_run.stream(THREAD, client=serve(handler), body=RUN_BODY) as events:
        assert events.request_id == "req_0002"
        next(iter(events))
    assert body.closed


def test_an_exception_in_the_loop_closes_the_connection(serve: Serve) -> None:
    body = Chunks(*(sse(run_created()) for _ in range(5)), sse(DONE))
    handler, _ = scripted(event_stream(body))

    def caller_with_a_bug() -> None:
        with create_run.stream(THREAD, client=serve(handler), body=RUN_BODY) as events:
            for _event in events:
                raise KeyError("caller's bug")

    with pytest.raises(KeyError):
        caller_with_a_bug()
    assert body.closed


def test_a_stream_is_iterated_once(serve: Serve) -> None:
    handler, _ = scripted(event_stream(sse(run_created(), DONE)))
    stream = create_run.stream(THREAD, client=serve(handler), body=RUN_BODY)
    list(stream)
    with pytest.raises(RuntimeError):
        list(stream)


def test_opening_a_stream_is_retried_and_errors_raise_on_entering(
    serve: Serve, sleeps: list[float]
) -> None:
    handler, seen = scripted(
        json_response(503, error_body("busy", "server_error")),
        event_stream(sse(run_created(), DONE)),
    )
    with create_run.stream(THREAD, client=serve(handler), body=RUN_BODY) as events:
        assert len(list(events)) == 1
    assert seen.count == 2
    assert sleeps == [0.5]

    handler, _ = scripted(json_response(404, error_body("No thread found with id 'thread_x'.")))
    stream = create_run.stream("thread_x", client=serve(handler), body=RUN_BODY)
    with pytest.raises(errors.NotFoundError, match="No thread found"):
        stream.__enter__()


def test_a_json_answer_to_a_stream_request_is_a_validation_error(serve: Serve) -> None:
    handler, _ = scripted(json_response(200, run_example()))
    with pytest.raises(errors.APIResponseValidationError, match="text/event-stream"):
        list(create_run.stream(THREAD, client=serve(handler), body=RUN_BODY))


def test_the_stream_flag_of_the_callers_body_is_left_alone(serve: Serve) -> None:
    handler, seen = scripted(event_stream(sse(DONE)), json_response(200, run_example()))
    body = CreateRunRequest(assistant_id="asst_abc123")
    list(create_run.stream(THREAD, client=serve(handler), body=body))
    create_run.sync(THREAD, client=serve(handler), body=body)
    assert json.loads(seen.requests[1].content) == {"assistant_id": "asst_abc123"}


# ---- async ---------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_async_stream_of_the_transcript(serve: Serve) -> None:
    handler, _ = scripted(event_stream(transcript()))
    async with create_thread_and_run.astream(client=serve(handler), body=BODY) as events:
        assert events.request_id == "req_0002"
        received = [event async for event in events]
    assert received[0].event == "thread.created"
    assert isinstance(received[-1], RunCompletedEvent)


@pytest.mark.anyio
async def test_async_break_and_errors(serve: Serve) -> None:
    body = Chunks(*(sse(run_created()) for _ in range(5)), sse(DONE))
    handler, _ = scripted(event_stream(body))
    async with create_run.astream(THREAD, client=serve(handler), body=RUN_BODY) as events:
        async for _event in events:
            break
    assert body.closed

    handler, _ = scripted(event_stream(sse(("error", {"message": "boom", "type": "server_error"}))))
    with pytest.raises(errors.StreamEventError, match="boom"):
        async for _event in create_run.astream(THREAD, client=serve(handler), body=RUN_BODY):
            pass

    handler, _ = scripted(event_stream(Chunks(sse(run_created()))))
    with pytest.raises(errors.IncompleteStreamError):
        async for _event in create_run.astream(THREAD, client=serve(handler), body=RUN_BODY):
            pass


def test_the_end_marker_ends_the_stream_even_without_its_event_name(serve: Serve) -> None:
    body = sse(run_created()) + "data: [DONE]\n\n" + sse(run_created())
    handler, _ = scripted(event_stream(body))
    events = list(create_run.stream(THREAD, client=serve(handler), body=RUN_BODY))
    assert [e.event for e in events] == ["thread.run.created"]
