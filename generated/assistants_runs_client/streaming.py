"""Streamed answers: server-sent events, decoded into typed events as they arrive.

The ``stream()`` / ``astream()`` functions of an operation send ``"stream": true`` and return a
:class:`Stream` / :class:`AsyncStream`::

    with create_run.stream(thread_id, client=client, body=body) as events:
        for event in events:
            if event.event == "thread.message.delta":
                ...

- Each event is the model of its schema in the spec, its payload decoded (``RunCreatedEvent``:
  ``event == "thread.run.created"``, ``data: RunObject``). Which event carries which payload is
  read from the spec's event union (its discriminator mapping and each ``contentSchema``).
- The end-of-stream event ends the iteration; an ``error`` event raises
  :class:`~assistants_runs_client.errors.StreamEventError`; an event this client does not know is
  passed on as :class:`UnknownEvent`; a connection that ends before the end-of-stream event
  raises :class:`~assistants_runs_client.errors.IncompleteStreamError`.
- The request is sent when the ``with`` block (or the iteration) starts; failing to open is
  retried like any request, but a stream that has delivered events is never sent again.
- Leaving the ``with`` block, breaking out of the loop, or an exception closes the connection.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, Generic, Self, TypeAlias, TypeVar

import httpx
from attrs import define
from httpx_sse import EventSource, ServerSentEvent

from ._http import asend, send
from .client import AuthenticatedClient, Client
from .errors import APIResponseValidationError, IncompleteStreamError, StreamEventError, error_fields
from .models.message_completed_event import MessageCompletedEvent
from .models.message_created_event import MessageCreatedEvent
from .models.message_delta_event import MessageDeltaEvent
from .models.message_delta_object import MessageDeltaObject
from .models.message_in_progress_event import MessageInProgressEvent
from .models.message_incomplete_event import MessageIncompleteEvent
from .models.message_object import MessageObject
from .models.run_cancelled_event import RunCancelledEvent
from .models.run_cancelling_event import RunCancellingEvent
from .models.run_completed_event import RunCompletedEvent
from .models.run_created_event import RunCreatedEvent
from .models.run_expired_event import RunExpiredEvent
from .models.run_failed_event import RunFailedEvent
from .models.run_in_progress_event import RunInProgressEvent
from .models.run_incomplete_event import RunIncompleteEvent
from .models.run_object import RunObject
from .models.run_queued_event import RunQueuedEvent
from .models.run_requires_action_event import RunRequiresActionEvent
from .models.run_step_cancelled_event import RunStepCancelledEvent
from .models.run_step_completed_event import RunStepCompletedEvent
from .models.run_step_created_event import RunStepCreatedEvent
from .models.run_step_delta_event import RunStepDeltaEvent
from .models.run_step_delta_object import RunStepDeltaObject
from .models.run_step_expired_event import RunStepExpiredEvent
from .models.run_step_failed_event import RunStepFailedEvent
from .models.run_step_in_progress_event import RunStepInProgressEvent
from .models.run_step_object import RunStepObject
from .models.thread_created_event import ThreadCreatedEvent
from .models.thread_object import ThreadObject
from .types import TimeoutTypes, Unset

__all__ = [
    "AsyncStream",
    "Stream",
    "UnknownEvent",
    "AssistantStreamEvent",
    "decode_assistant_stream_event",
]

EventT = TypeVar("EventT")

EVENT_STREAM = "text/event-stream"


@define(frozen=True)
class UnknownEvent:
    """An event this client does not know (sent by a newer server), passed on as it came."""

    event: str
    data: str

    def json(self) -> Any:
        """The data decoded as JSON."""
        return json.loads(self.data)


def _error_event(sse: ServerSentEvent, response: httpx.Response) -> StreamEventError:
    try:
        body: Any = json.loads(sse.data)
    except ValueError:
        return StreamEventError(sse.data or "the server reported an error", response=response, body=sse.data)
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        body = body["error"]
    fields = error_fields(body)
    return StreamEventError(
        fields.get("message", "the server reported an error"),
        response=response,
        body=body,
        type=fields.get("type"),
        param=fields.get("param"),
        code=fields.get("code"),
    )


AssistantStreamEvent: TypeAlias = (
    ThreadCreatedEvent
    | RunCreatedEvent
    | RunQueuedEvent
    | RunInProgressEvent
    | RunRequiresActionEvent
    | RunCompletedEvent
    | RunIncompleteEvent
    | RunFailedEvent
    | RunCancellingEvent
    | RunCancelledEvent
    | RunExpiredEvent
    | RunStepCreatedEvent
    | RunStepInProgressEvent
    | RunStepDeltaEvent
    | RunStepCompletedEvent
    | RunStepFailedEvent
    | RunStepCancelledEvent
    | RunStepExpiredEvent
    | MessageCreatedEvent
    | MessageInProgressEvent
    | MessageDeltaEvent
    | MessageCompletedEvent
    | MessageIncompleteEvent
    | UnknownEvent
)
"""One server-sent event of a run's stream. Clients ignore events they do not know.

One of the event models, told apart by ``event``; :class:`UnknownEvent` for any other name."""

# Event name -> (event model, payload parser), from the spec's `AssistantStreamEvent` union.
_ASSISTANT_STREAM_EVENT_TYPES: dict[str, tuple[Callable[..., AssistantStreamEvent], Callable[[Any], Any]]] = {
    "thread.created": (ThreadCreatedEvent, ThreadObject.from_dict),
    "thread.run.created": (RunCreatedEvent, RunObject.from_dict),
    "thread.run.queued": (RunQueuedEvent, RunObject.from_dict),
    "thread.run.in_progress": (RunInProgressEvent, RunObject.from_dict),
    "thread.run.requires_action": (RunRequiresActionEvent, RunObject.from_dict),
    "thread.run.completed": (RunCompletedEvent, RunObject.from_dict),
    "thread.run.incomplete": (RunIncompleteEvent, RunObject.from_dict),
    "thread.run.failed": (RunFailedEvent, RunObject.from_dict),
    "thread.run.cancelling": (RunCancellingEvent, RunObject.from_dict),
    "thread.run.cancelled": (RunCancelledEvent, RunObject.from_dict),
    "thread.run.expired": (RunExpiredEvent, RunObject.from_dict),
    "thread.run.step.created": (RunStepCreatedEvent, RunStepObject.from_dict),
    "thread.run.step.in_progress": (RunStepInProgressEvent, RunStepObject.from_dict),
    "thread.run.step.delta": (RunStepDeltaEvent, RunStepDeltaObject.from_dict),
    "thread.run.step.completed": (RunStepCompletedEvent, RunStepObject.from_dict),
    "thread.run.step.failed": (RunStepFailedEvent, RunStepObject.from_dict),
    "thread.run.step.cancelled": (RunStepCancelledEvent, RunStepObject.from_dict),
    "thread.run.step.expired": (RunStepExpiredEvent, RunStepObject.from_dict),
    "thread.message.created": (MessageCreatedEvent, MessageObject.from_dict),
    "thread.message.in_progress": (MessageInProgressEvent, MessageObject.from_dict),
    "thread.message.delta": (MessageDeltaEvent, MessageDeltaObject.from_dict),
    "thread.message.completed": (MessageCompletedEvent, MessageObject.from_dict),
    "thread.message.incomplete": (MessageIncompleteEvent, MessageObject.from_dict),
}
# Events that end the stream (`done: [DONE]`).
_ASSISTANT_STREAM_EVENT_END = frozenset(
    {
        "done",
    }
)
# ... and their fixed data, which also ends a stream whose server left out the event name.
_ASSISTANT_STREAM_EVENT_END_DATA = frozenset(
    {
        "[DONE]",
    }
)
_ASSISTANT_STREAM_EVENT_ERROR = "error"


def decode_assistant_stream_event(sse: ServerSentEvent, response: httpx.Response) -> AssistantStreamEvent | None:
    """The typed event for one server-sent event of a `AssistantStreamEvent` stream; None at its end.

    Raises StreamEventError for an error event, APIResponseValidationError for data that does not
    fit the event's payload schema.
    """
    entry = _ASSISTANT_STREAM_EVENT_TYPES.get(sse.event)
    if entry is not None:
        make, parse = entry
        try:
            return make(event=sse.event, data=parse(json.loads(sse.data)))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise APIResponseValidationError(
                f"event {sse.event!r}: the data does not fit its schema: {type(exc).__name__}: {exc}",
                response=response,
                body=sse.data,
            ) from exc
    if sse.event in _ASSISTANT_STREAM_EVENT_END or sse.data in _ASSISTANT_STREAM_EVENT_END_DATA:
        return None
    if sse.event == _ASSISTANT_STREAM_EVENT_ERROR:
        raise _error_event(sse, response)
    return UnknownEvent(event=sse.event, data=sse.data)


def _check_event_stream(response: httpx.Response) -> None:
    content_type = response.headers.get("content-type", "")
    if EVENT_STREAM not in content_type:
        raise APIResponseValidationError(
            f"expected {EVENT_STREAM}, got {content_type or 'no content type'}", response=response
        )


class Stream(Generic[EventT]):
    """The events of one streamed answer; iterate it once, best in a ``with`` block."""

    def __init__(
        self,
        client: AuthenticatedClient | Client,
        kwargs: dict[str, Any],
        decode: Callable[[ServerSentEvent, httpx.Response], EventT | None],
        *,
        max_retries: int | None = None,
        timeout: TimeoutTypes | Unset,
    ) -> None:
        self._client = client
        self._kwargs = kwargs
        self._decode = decode
        self._max_retries = max_retries
        self._timeout = timeout
        self._response: httpx.Response | None = None
        self._iterated = False
        self._closed = False

    @property
    def response(self) -> httpx.Response:
        """The answer (status and headers), sending the request if that has not happened yet."""
        return self._open()

    @property
    def request_id(self) -> str | None:
        """The server's id of the request (``x-request-id``)."""
        request_id: str | None = self.response.headers.get("x-request-id")
        return request_id

    def _open(self) -> httpx.Response:
        if self._response is None:
            if self._closed:
                raise RuntimeError("this stream is closed")
            response = send(
                self._client, self._kwargs, stream=True, max_retries=self._max_retries, timeout=self._timeout
            )
            self._response = response
            try:
                _check_event_stream(response)
            except APIResponseValidationError:
                self.close()
                raise
        return self._response

    def __enter__(self) -> Self:
        self._open()
        return self

    def __exit__(self, *args: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[EventT]:
        if self._iterated:
            raise RuntimeError("a stream can be iterated only once")
        self._iterated = True
        response = self._open()
        decode = self._decode
        try:
            for sse in EventSource(response).iter_sse():
                event = decode(sse, response)
                if event is None:
                    return
                yield event
        except httpx.TransportError as exc:
            raise IncompleteStreamError(
                f"the connection broke in the middle of the stream ({type(exc).__name__})", response=response
            ) from exc
        finally:
            self.close()
        raise IncompleteStreamError("the stream ended before its end-of-stream event", response=response)

    def close(self) -> None:
        """Close the connection; further iteration is an error."""
        self._closed = True
        if self._response is not None:
            self._response.close()


class AsyncStream(Generic[EventT]):
    """:class:`Stream` for asyncio and trio: ``async with`` and ``async for``."""

    def __init__(
        self,
        client: AuthenticatedClient | Client,
        kwargs: dict[str, Any],
        decode: Callable[[ServerSentEvent, httpx.Response], EventT | None],
        *,
        max_retries: int | None = None,
        timeout: TimeoutTypes | Unset,
    ) -> None:
        self._client = client
        self._kwargs = kwargs
        self._decode = decode
        self._max_retries = max_retries
        self._timeout = timeout
        self._response: httpx.Response | None = None
        self._iterated = False
        self._closed = False

    @property
    def response(self) -> httpx.Response:
        """The answer (status and headers); only after ``async with`` or the first event."""
        if self._response is None:
            raise RuntimeError("the stream is not open yet: use `async with` or iterate it")
        return self._response

    @property
    def request_id(self) -> str | None:
        """The server's id of the request (``x-request-id``)."""
        request_id: str | None = self.response.headers.get("x-request-id")
        return request_id

    async def _open(self) -> httpx.Response:
        if self._response is None:
            if self._closed:
                raise RuntimeError("this stream is closed")
            response = await asend(
                self._client, self._kwargs, stream=True, max_retries=self._max_retries, timeout=self._timeout
            )
            self._response = response
            try:
                _check_event_stream(response)
            except APIResponseValidationError:
                await self.aclose()
                raise
        return self._response

    async def __aenter__(self) -> Self:
        await self._open()
        return self

    async def __aexit__(self, *args: object) -> None:
        await self.aclose()

    async def __aiter__(self) -> AsyncIterator[EventT]:
        if self._iterated:
            raise RuntimeError("a stream can be iterated only once")
        self._iterated = True
        response = await self._open()
        decode = self._decode
        events = EventSource(response).aiter_sse()
        try:
            async for sse in events:
                event = decode(sse, response)
                if event is None:
                    return
                yield event
        except httpx.TransportError as exc:
            raise IncompleteStreamError(
                f"the connection broke in the middle of the stream ({type(exc).__name__})", response=response
            ) from exc
        finally:
            await events.aclose()
            await self.aclose()
        raise IncompleteStreamError("the stream ended before its end-of-stream event", response=response)

    async def aclose(self) -> None:
        """Close the connection; further iteration is an error."""
        self._closed = True
        if self._response is not None:
            await self._response.aclose()
