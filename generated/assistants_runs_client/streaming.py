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
- ``timeout`` bounds opening the stream, then the time between two events (keep-alive comments
  are no events): past it, :class:`~assistants_runs_client.errors.APITimeoutError`.

Type narrowing works on ``event.event == "..."``, on ``isinstance`` and on ``match``: every event
model's ``event`` is a ``Literal``, and so is :class:`UnknownEvent`'s (``"unknown"``; the name the
server sent is its ``name``).

The streams of operations that run an assistant have the official SDK's helpers (same names):
``until_done()``, ``get_final_run()``, ``get_final_messages()``, ``text_deltas``, and an
``event_handler=`` whose ``on_...`` methods are called as the events pass.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, Generic, Literal, Self, TypeAlias, TypeVar

import anyio
import httpx
from attrs import define, field
from httpx_sse import EventSource, ServerSentEvent

from ._deadline import Deadline
from ._http import asend, send
from .client import AuthenticatedClient, Client
from .errors import (
    APIResponseValidationError,
    APITimeoutError,
    IncompleteStreamError,
    StreamEventError,
    error_fields,
)
from .models import MessageDeltaContentTextObject
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
from .types import TimeoutTypes, Unset, strict_parsing

__all__ = [
    "AsyncStream",
    "Stream",
    "UnknownEvent",
    "AssistantStreamEvent",
    "decode_assistant_stream_event",
    "AssistantStream",
    "AsyncAssistantStream",
    "AssistantEventHandler",
    "AsyncAssistantEventHandler",
]

EventT = TypeVar("EventT")

EVENT_STREAM = "text/event-stream"


@define(frozen=True)
class UnknownEvent:
    """An event this client does not know (sent by a newer server), passed on as it came.

    ``event`` is always ``"unknown"``, so that ``event.event == ...`` narrows the union of events;
    ``name`` is the event name the server sent.
    """

    name: str
    data: str
    event: Literal["unknown"] = field(default="unknown", init=False)

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
    return UnknownEvent(name=sse.event, data=sse.data)


def _check_event_stream(response: httpx.Response) -> None:
    content_type = response.headers.get("content-type", "")
    if EVENT_STREAM not in content_type:
        raise APIResponseValidationError(
            f"expected {EVENT_STREAM}, got {content_type or 'no content type'}", response=response
        )


def _strictly(
    decode: Callable[[ServerSentEvent, httpx.Response], EventT | None],
) -> Callable[[ServerSentEvent, httpx.Response], EventT | None]:
    def decode_strictly(sse: ServerSentEvent, response: httpx.Response) -> EventT | None:
        with strict_parsing():
            return decode(sse, response)

    return decode_strictly


def _deadline(response: httpx.Response) -> Deadline:
    deadline = response.extensions.get("deadline")
    return deadline if isinstance(deadline, Deadline) else Deadline(None)


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
        self._decode = _strictly(decode) if client.strict else decode
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

    def _seen(self, event: EventT) -> None:
        """Called with each event before it is handed out (the helpers of subclasses)."""

    def _ended(self) -> None:
        """Called once the end-of-stream event has arrived."""

    def __iter__(self) -> Iterator[EventT]:
        if self._iterated:
            raise RuntimeError("a stream can be iterated only once")
        self._iterated = True
        response = self._open()
        decode = self._decode
        deadline = _deadline(response)
        try:
            for sse in EventSource(response).iter_sse():
                event = decode(sse, response)
                if event is None:
                    self._ended()
                    return
                self._seen(event)
                yield event
                deadline.restart()
        except httpx.TimeoutException as exc:
            raise APITimeoutError(f"no event within {deadline.seconds} s (timeout)", request=response.request) from exc
        except httpx.TransportError as exc:
            raise IncompleteStreamError(
                f"the connection broke in the middle of the stream ({type(exc).__name__})", response=response
            ) from exc
        finally:
            self.close()
        raise IncompleteStreamError("the stream ended before its end-of-stream event", response=response)

    def until_done(self) -> None:
        """Read the stream to its end (handing each event to the event handler, if any); nothing
        if it has been read already."""
        if self._iterated:
            return
        for _ in self:
            pass

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
        self._decode = _strictly(decode) if client.strict else decode
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

    async def _seen(self, event: EventT) -> None:
        """Called with each event before it is handed out (the helpers of subclasses)."""

    async def _ended(self) -> None:
        """Called once the end-of-stream event has arrived."""

    async def __aiter__(self) -> AsyncIterator[EventT]:
        if self._iterated:
            raise RuntimeError("a stream can be iterated only once")
        self._iterated = True
        response = await self._open()
        decode = self._decode
        deadline = _deadline(response)
        events = EventSource(response).aiter_sse()
        try:
            while True:
                # The wait for the next event is bounded exactly (keep-alive comments do not count).
                with anyio.fail_after(deadline.seconds and deadline.remaining()):
                    try:
                        sse = await events.__anext__()
                    except StopAsyncIteration:
                        break
                event = decode(sse, response)
                if event is None:
                    await self._ended()
                    return
                await self._seen(event)
                yield event
                deadline.restart()
        except (httpx.TimeoutException, TimeoutError) as exc:
            raise APITimeoutError(f"no event within {deadline.seconds} s (timeout)", request=response.request) from exc
        except httpx.TransportError as exc:
            raise IncompleteStreamError(
                f"the connection broke in the middle of the stream ({type(exc).__name__})", response=response
            ) from exc
        finally:
            await events.aclose()
            await self.aclose()
        raise IncompleteStreamError("the stream ended before its end-of-stream event", response=response)

    async def until_done(self) -> None:
        """Read the stream to its end (handing each event to the event handler, if any); nothing
        if it has been read already."""
        if self._iterated:
            return
        async for _ in self:
            pass

    async def aclose(self) -> None:
        """Close the connection; further iteration is an error."""
        self._closed = True
        if self._response is not None:
            await self._response.aclose()


class AssistantEventHandler:
    """Subclass this and override the ``on_...`` methods you need; pass an instance as
    ``event_handler=`` to ``stream()``, then call ``stream.until_done()``.

    Each event calls :meth:`on_event`, then the method named after it (``thread.run.completed``
    -> ``on_run_completed``) with its payload, and for a ``.completed`` event also the official
    SDK's name (``on_message_done``, ``on_run_step_done``); text pieces also call
    :meth:`on_text_delta`, and the end of the stream :meth:`on_end`. An exception raised while reading calls
    :meth:`on_exception` before it propagates.
    """

    def on_event(self, event: AssistantStreamEvent) -> None:
        """Every event, before its own method."""

    def on_text_delta(self, text: str) -> None:
        """A piece of a message's text, as it is written."""

    def on_end(self) -> None:
        """The stream has ended (after its last event)."""

    def on_exception(self, exception: Exception) -> None:
        """Reading the stream failed; the exception propagates after this returns."""

    def on_thread_created(self, data: ThreadObject) -> None:
        """``thread.created``."""

    def on_run_created(self, data: RunObject) -> None:
        """``thread.run.created``."""

    def on_run_queued(self, data: RunObject) -> None:
        """``thread.run.queued``."""

    def on_run_in_progress(self, data: RunObject) -> None:
        """``thread.run.in_progress``."""

    def on_run_requires_action(self, data: RunObject) -> None:
        """``thread.run.requires_action``."""

    def on_run_completed(self, data: RunObject) -> None:
        """``thread.run.completed``."""

    def on_run_done(self, data: RunObject) -> None:
        """``thread.run.completed``."""

    def on_run_incomplete(self, data: RunObject) -> None:
        """``thread.run.incomplete``."""

    def on_run_failed(self, data: RunObject) -> None:
        """``thread.run.failed``."""

    def on_run_cancelling(self, data: RunObject) -> None:
        """``thread.run.cancelling``."""

    def on_run_cancelled(self, data: RunObject) -> None:
        """``thread.run.cancelled``."""

    def on_run_expired(self, data: RunObject) -> None:
        """``thread.run.expired``."""

    def on_run_step_created(self, data: RunStepObject) -> None:
        """``thread.run.step.created``."""

    def on_run_step_in_progress(self, data: RunStepObject) -> None:
        """``thread.run.step.in_progress``."""

    def on_run_step_delta(self, data: RunStepDeltaObject) -> None:
        """``thread.run.step.delta``."""

    def on_run_step_completed(self, data: RunStepObject) -> None:
        """``thread.run.step.completed``."""

    def on_run_step_done(self, data: RunStepObject) -> None:
        """``thread.run.step.completed``."""

    def on_run_step_failed(self, data: RunStepObject) -> None:
        """``thread.run.step.failed``."""

    def on_run_step_cancelled(self, data: RunStepObject) -> None:
        """``thread.run.step.cancelled``."""

    def on_run_step_expired(self, data: RunStepObject) -> None:
        """``thread.run.step.expired``."""

    def on_message_created(self, data: MessageObject) -> None:
        """``thread.message.created``."""

    def on_message_in_progress(self, data: MessageObject) -> None:
        """``thread.message.in_progress``."""

    def on_message_delta(self, data: MessageDeltaObject) -> None:
        """``thread.message.delta``."""

    def on_message_completed(self, data: MessageObject) -> None:
        """``thread.message.completed``."""

    def on_message_done(self, data: MessageObject) -> None:
        """``thread.message.completed``."""

    def on_message_incomplete(self, data: MessageObject) -> None:
        """``thread.message.incomplete``."""


class AssistantStream(Stream[AssistantStreamEvent]):
    """A stream of run events with the official SDK's helpers: :meth:`until_done`,
    :meth:`get_final_run`, :meth:`get_final_messages`, :attr:`text_deltas`, and an event handler."""

    def __init__(
        self,
        client: AuthenticatedClient | Client,
        kwargs: dict[str, Any],
        decode: Callable[[ServerSentEvent, httpx.Response], AssistantStreamEvent | None],
        *,
        max_retries: int | None = None,
        timeout: TimeoutTypes | Unset,
        event_handler: AssistantEventHandler | None = None,
    ) -> None:
        super().__init__(client, kwargs, decode, max_retries=max_retries, timeout=timeout)
        self.event_handler = event_handler
        self.current_run: RunObject | None = None
        self._messages: dict[str, MessageObject] = {}

    def _seen(self, event: AssistantStreamEvent) -> None:
        data = event.data
        if isinstance(data, RunObject):
            self.current_run = data
        elif event.event == "thread.message.completed" and isinstance(data, MessageObject):
            self._messages[data.id] = data
        handler = self.event_handler
        if handler is not None:
            handler.on_event(event)
            for hook in _ASSISTANT_EVENT_HANDLER_HOOKS.get(event.event, ()):
                getattr(handler, hook)(data)
            if isinstance(data, MessageDeltaObject):
                for text in _text_pieces(data):
                    handler.on_text_delta(text)

    def _ended(self) -> None:
        if self.event_handler is not None:
            self.event_handler.on_end()

    def __iter__(self) -> Iterator[AssistantStreamEvent]:
        try:
            yield from super().__iter__()
        except Exception as exc:
            if self.event_handler is not None:
                self.event_handler.on_exception(exc)
            raise

    def get_final_run(self) -> RunObject:
        """Read the stream to its end; the run as its last run event left it."""
        self.until_done()
        if self.current_run is None:
            raise RuntimeError("the stream ended without a run event")
        return self.current_run

    def get_final_messages(self) -> list[MessageObject]:
        """Read the stream to its end; the messages completed in it, in the order they completed."""
        self.until_done()
        return list(self._messages.values())

    @property
    def text_deltas(self) -> Iterator[str]:
        """The pieces of the messages' text, as they arrive (reads the stream)."""
        for event in self:
            if isinstance(event.data, MessageDeltaObject):
                yield from _text_pieces(event.data)


class AsyncAssistantEventHandler:
    """Subclass this and override the ``on_...`` methods you need; pass an instance as
    ``event_handler=`` to ``astream()``, then call ``await stream.until_done()``.

    Each event calls :meth:`on_event`, then the method named after it (``thread.run.completed``
    -> ``on_run_completed``) with its payload, and for a ``.completed`` event also the official
    SDK's name (``on_message_done``, ``on_run_step_done``); text pieces also call
    :meth:`on_text_delta`, and the end of the stream :meth:`on_end`. An exception raised while reading calls
    :meth:`on_exception` before it propagates.
    """

    async def on_event(self, event: AssistantStreamEvent) -> None:
        """Every event, before its own method."""

    async def on_text_delta(self, text: str) -> None:
        """A piece of a message's text, as it is written."""

    async def on_end(self) -> None:
        """The stream has ended (after its last event)."""

    async def on_exception(self, exception: Exception) -> None:
        """Reading the stream failed; the exception propagates after this returns."""

    async def on_thread_created(self, data: ThreadObject) -> None:
        """``thread.created``."""

    async def on_run_created(self, data: RunObject) -> None:
        """``thread.run.created``."""

    async def on_run_queued(self, data: RunObject) -> None:
        """``thread.run.queued``."""

    async def on_run_in_progress(self, data: RunObject) -> None:
        """``thread.run.in_progress``."""

    async def on_run_requires_action(self, data: RunObject) -> None:
        """``thread.run.requires_action``."""

    async def on_run_completed(self, data: RunObject) -> None:
        """``thread.run.completed``."""

    async def on_run_done(self, data: RunObject) -> None:
        """``thread.run.completed``."""

    async def on_run_incomplete(self, data: RunObject) -> None:
        """``thread.run.incomplete``."""

    async def on_run_failed(self, data: RunObject) -> None:
        """``thread.run.failed``."""

    async def on_run_cancelling(self, data: RunObject) -> None:
        """``thread.run.cancelling``."""

    async def on_run_cancelled(self, data: RunObject) -> None:
        """``thread.run.cancelled``."""

    async def on_run_expired(self, data: RunObject) -> None:
        """``thread.run.expired``."""

    async def on_run_step_created(self, data: RunStepObject) -> None:
        """``thread.run.step.created``."""

    async def on_run_step_in_progress(self, data: RunStepObject) -> None:
        """``thread.run.step.in_progress``."""

    async def on_run_step_delta(self, data: RunStepDeltaObject) -> None:
        """``thread.run.step.delta``."""

    async def on_run_step_completed(self, data: RunStepObject) -> None:
        """``thread.run.step.completed``."""

    async def on_run_step_done(self, data: RunStepObject) -> None:
        """``thread.run.step.completed``."""

    async def on_run_step_failed(self, data: RunStepObject) -> None:
        """``thread.run.step.failed``."""

    async def on_run_step_cancelled(self, data: RunStepObject) -> None:
        """``thread.run.step.cancelled``."""

    async def on_run_step_expired(self, data: RunStepObject) -> None:
        """``thread.run.step.expired``."""

    async def on_message_created(self, data: MessageObject) -> None:
        """``thread.message.created``."""

    async def on_message_in_progress(self, data: MessageObject) -> None:
        """``thread.message.in_progress``."""

    async def on_message_delta(self, data: MessageDeltaObject) -> None:
        """``thread.message.delta``."""

    async def on_message_completed(self, data: MessageObject) -> None:
        """``thread.message.completed``."""

    async def on_message_done(self, data: MessageObject) -> None:
        """``thread.message.completed``."""

    async def on_message_incomplete(self, data: MessageObject) -> None:
        """``thread.message.incomplete``."""


class AsyncAssistantStream(AsyncStream[AssistantStreamEvent]):
    """A stream of run events with the official SDK's helpers: :meth:`until_done`,
    :meth:`get_final_run`, :meth:`get_final_messages`, :attr:`text_deltas`, and an event handler."""

    def __init__(
        self,
        client: AuthenticatedClient | Client,
        kwargs: dict[str, Any],
        decode: Callable[[ServerSentEvent, httpx.Response], AssistantStreamEvent | None],
        *,
        max_retries: int | None = None,
        timeout: TimeoutTypes | Unset,
        event_handler: AsyncAssistantEventHandler | None = None,
    ) -> None:
        super().__init__(client, kwargs, decode, max_retries=max_retries, timeout=timeout)
        self.event_handler = event_handler
        self.current_run: RunObject | None = None
        self._messages: dict[str, MessageObject] = {}

    async def _seen(self, event: AssistantStreamEvent) -> None:
        data = event.data
        if isinstance(data, RunObject):
            self.current_run = data
        elif event.event == "thread.message.completed" and isinstance(data, MessageObject):
            self._messages[data.id] = data
        handler = self.event_handler
        if handler is not None:
            await handler.on_event(event)
            for hook in _ASSISTANT_EVENT_HANDLER_HOOKS.get(event.event, ()):
                await getattr(handler, hook)(data)
            if isinstance(data, MessageDeltaObject):
                for text in _text_pieces(data):
                    await handler.on_text_delta(text)

    async def _ended(self) -> None:
        if self.event_handler is not None:
            await self.event_handler.on_end()

    async def __aiter__(self) -> AsyncIterator[AssistantStreamEvent]:
        try:
            async for event in super().__aiter__():
                yield event
        except Exception as exc:
            if self.event_handler is not None:
                await self.event_handler.on_exception(exc)
            raise

    async def get_final_run(self) -> RunObject:
        """Read the stream to its end; the run as its last run event left it."""
        await self.until_done()
        if self.current_run is None:
            raise RuntimeError("the stream ended without a run event")
        return self.current_run

    async def get_final_messages(self) -> list[MessageObject]:
        """Read the stream to its end; the messages completed in it, in the order they completed."""
        await self.until_done()
        return list(self._messages.values())

    @property
    async def text_deltas(self) -> AsyncIterator[str]:
        """The pieces of the messages' text, as they arrive (reads the stream)."""
        async for event in self:
            if isinstance(event.data, MessageDeltaObject):
                for text in _text_pieces(event.data):
                    yield text


def _text_pieces(delta: MessageDeltaObject) -> Iterator[str]:
    for part in delta.delta.content if not isinstance(delta.delta.content, Unset) else ():
        if isinstance(part, MessageDeltaContentTextObject) and not isinstance(part.text, Unset):
            if isinstance(part.text.value, str) and part.text.value:
                yield part.text.value


# Event name -> the handler methods its payload goes to.
_ASSISTANT_EVENT_HANDLER_HOOKS: dict[str, tuple[str, ...]] = {
    "thread.created": ("on_thread_created",),
    "thread.message.completed": (
        "on_message_completed",
        "on_message_done",
    ),
    "thread.message.created": ("on_message_created",),
    "thread.message.delta": ("on_message_delta",),
    "thread.message.in_progress": ("on_message_in_progress",),
    "thread.message.incomplete": ("on_message_incomplete",),
    "thread.run.cancelled": ("on_run_cancelled",),
    "thread.run.cancelling": ("on_run_cancelling",),
    "thread.run.completed": (
        "on_run_completed",
        "on_run_done",
    ),
    "thread.run.created": ("on_run_created",),
    "thread.run.expired": ("on_run_expired",),
    "thread.run.failed": ("on_run_failed",),
    "thread.run.in_progress": ("on_run_in_progress",),
    "thread.run.incomplete": ("on_run_incomplete",),
    "thread.run.queued": ("on_run_queued",),
    "thread.run.requires_action": ("on_run_requires_action",),
    "thread.run.step.cancelled": ("on_run_step_cancelled",),
    "thread.run.step.completed": (
        "on_run_step_completed",
        "on_run_step_done",
    ),
    "thread.run.step.created": ("on_run_step_created",),
    "thread.run.step.delta": ("on_run_step_delta",),
    "thread.run.step.expired": ("on_run_step_expired",),
    "thread.run.step.failed": ("on_run_step_failed",),
    "thread.run.step.in_progress": ("on_run_step_in_progress",),
}
