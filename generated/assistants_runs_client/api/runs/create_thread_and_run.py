"""``POST /threads/runs`` (createThreadAndRun): Create a thread and run it

Creates a thread, optionally with messages, and starts a run on it in one request.

``sync`` / ``asyncio`` return the parsed answer, ``sync_detailed`` / ``asyncio_detailed`` wrap it
in a :class:`~assistants_runs_client.types.Response` with status and headers, and ``stream`` /
``astream`` send ``"stream": true`` and yield the events as they arrive.
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ..._http import asend, parse_json, send, with_extras
from ...client import AuthenticatedClient, Client
from ...models.create_thread_and_run_request import CreateThreadAndRunRequest
from ...models.run_object import RunObject
from ...streaming import (
    AssistantEventHandler,
    AssistantStream,
    AsyncAssistantEventHandler,
    AsyncAssistantStream,
    decode_assistant_stream_event,
)
from ...types import UNSET, Response, TimeoutTypes, Unset, is_strict, strict_parsing


def _get_kwargs(
    *,
    body: CreateThreadAndRunRequest,
) -> dict[str, Any]:
    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/threads/runs",
        "json": body.to_dict(),
    }
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> RunObject:
    if client.strict:
        with strict_parsing():
            return _parse_answer(response)
    return _parse_answer(response)


def _parse_answer(response: httpx.Response) -> RunObject:
    # Another 2xx (the openai-responses mock answers 201) is read as the one documented success,
    # as the official SDK reads any 2xx; strict parsing refuses it as UnexpectedStatus.
    if response.status_code == 200 or (200 <= response.status_code < 300 and not is_strict()):
        return parse_json(response, RunObject.from_dict)
    # A 2xx or 3xx status the spec does not document for this operation (errors raised earlier).
    raise errors.status_error(response)


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[RunObject]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateThreadAndRunRequest,
    max_retries: int | None = None,
    timeout: TimeoutTypes | Unset = UNSET,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    extra_body: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> Response[RunObject]:
    """Create a thread and run it.

    Args:
        body (CreateThreadAndRunRequest): Creates a thread and starts a run on it. Fields left out
            take the assistant's settings.
        max_retries: Retries for this call (connection errors, 408, 429, 5xx); default: the client's.
        timeout: Timeout for this call, in seconds or as ``httpx.Timeout``; default: the client's.
            A number bounds each attempt as a whole, from connecting to the answer's last byte.
        extra_headers: More headers for this call (over every other header).
        extra_query: More query parameters for this call.
        extra_body: More top-level fields of the JSON body for this call (over the body's own).
        idempotency_key: Sent as the ``Idempotency-Key`` header (the same on every retry).

    Raises:
        errors.APIStatusError: An error status, as its subclass: BadRequestError (400),
            AuthenticationError (401), NotFoundError (404), RateLimitError (429),
            InternalServerError (5xx), ...; after the retries, for 408, 429 and 5xx.
        errors.APIConnectionError: The server could not be reached (APITimeoutError: too slow).
        errors.APIResponseValidationError: The answer does not match the spec.

    Returns:
        Response[RunObject]
    """

    response = send(
        client,
        with_extras(
            _get_kwargs(
                body=body,
            ),
            extra_headers,
            extra_query,
            extra_body,
            idempotency_key,
        ),
        max_retries=max_retries,
        timeout=timeout,
    )
    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CreateThreadAndRunRequest,
    max_retries: int | None = None,
    timeout: TimeoutTypes | Unset = UNSET,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    extra_body: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> RunObject:
    """Create a thread and run it.

    Args:
        body (CreateThreadAndRunRequest): Creates a thread and starts a run on it. Fields left out
            take the assistant's settings.
        max_retries: Retries for this call (connection errors, 408, 429, 5xx); default: the client's.
        timeout: Timeout for this call, in seconds or as ``httpx.Timeout``; default: the client's.
            A number bounds each attempt as a whole, from connecting to the answer's last byte.
        extra_headers: More headers for this call (over every other header).
        extra_query: More query parameters for this call.
        extra_body: More top-level fields of the JSON body for this call (over the body's own).
        idempotency_key: Sent as the ``Idempotency-Key`` header (the same on every retry).

    Raises:
        errors.APIStatusError: An error status, as its subclass: BadRequestError (400),
            AuthenticationError (401), NotFoundError (404), RateLimitError (429),
            InternalServerError (5xx), ...; after the retries, for 408, 429 and 5xx.
        errors.APIConnectionError: The server could not be reached (APITimeoutError: too slow).
        errors.APIResponseValidationError: The answer does not match the spec.

    Returns:
        RunObject
    """

    # sync_detailed(...).parsed, without building the Response this function does not return.
    response = send(
        client,
        with_extras(
            _get_kwargs(
                body=body,
            ),
            extra_headers,
            extra_query,
            extra_body,
            idempotency_key,
        ),
        max_retries=max_retries,
        timeout=timeout,
    )
    return _parse_response(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateThreadAndRunRequest,
    max_retries: int | None = None,
    timeout: TimeoutTypes | Unset = UNSET,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    extra_body: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> Response[RunObject]:
    """Create a thread and run it.

    Args:
        body (CreateThreadAndRunRequest): Creates a thread and starts a run on it. Fields left out
            take the assistant's settings.
        max_retries: Retries for this call (connection errors, 408, 429, 5xx); default: the client's.
        timeout: Timeout for this call, in seconds or as ``httpx.Timeout``; default: the client's.
            A number bounds each attempt as a whole, from connecting to the answer's last byte.
        extra_headers: More headers for this call (over every other header).
        extra_query: More query parameters for this call.
        extra_body: More top-level fields of the JSON body for this call (over the body's own).
        idempotency_key: Sent as the ``Idempotency-Key`` header (the same on every retry).

    Raises:
        errors.APIStatusError: An error status, as its subclass: BadRequestError (400),
            AuthenticationError (401), NotFoundError (404), RateLimitError (429),
            InternalServerError (5xx), ...; after the retries, for 408, 429 and 5xx.
        errors.APIConnectionError: The server could not be reached (APITimeoutError: too slow).
        errors.APIResponseValidationError: The answer does not match the spec.

    Returns:
        Response[RunObject]
    """

    response = await asend(
        client,
        with_extras(
            _get_kwargs(
                body=body,
            ),
            extra_headers,
            extra_query,
            extra_body,
            idempotency_key,
        ),
        max_retries=max_retries,
        timeout=timeout,
    )
    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateThreadAndRunRequest,
    max_retries: int | None = None,
    timeout: TimeoutTypes | Unset = UNSET,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    extra_body: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> RunObject:
    """Create a thread and run it.

    Args:
        body (CreateThreadAndRunRequest): Creates a thread and starts a run on it. Fields left out
            take the assistant's settings.
        max_retries: Retries for this call (connection errors, 408, 429, 5xx); default: the client's.
        timeout: Timeout for this call, in seconds or as ``httpx.Timeout``; default: the client's.
            A number bounds each attempt as a whole, from connecting to the answer's last byte.
        extra_headers: More headers for this call (over every other header).
        extra_query: More query parameters for this call.
        extra_body: More top-level fields of the JSON body for this call (over the body's own).
        idempotency_key: Sent as the ``Idempotency-Key`` header (the same on every retry).

    Raises:
        errors.APIStatusError: An error status, as its subclass: BadRequestError (400),
            AuthenticationError (401), NotFoundError (404), RateLimitError (429),
            InternalServerError (5xx), ...; after the retries, for 408, 429 and 5xx.
        errors.APIConnectionError: The server could not be reached (APITimeoutError: too slow).
        errors.APIResponseValidationError: The answer does not match the spec.

    Returns:
        RunObject
    """

    response = await asend(
        client,
        with_extras(
            _get_kwargs(
                body=body,
            ),
            extra_headers,
            extra_query,
            extra_body,
            idempotency_key,
        ),
        max_retries=max_retries,
        timeout=timeout,
    )
    return _parse_response(client=client, response=response)


def _stream_kwargs(
    *,
    body: CreateThreadAndRunRequest,
) -> dict[str, Any]:
    kwargs = _get_kwargs(
        body=body,
    )
    kwargs["json"]["stream"] = True
    kwargs["headers"] = {**kwargs.get("headers", {}), "Accept": "text/event-stream"}
    return kwargs


def stream(
    *,
    client: AuthenticatedClient,
    body: CreateThreadAndRunRequest,
    max_retries: int | None = None,
    timeout: TimeoutTypes | Unset = UNSET,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    extra_body: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
    event_handler: AssistantEventHandler | None = None,
) -> AssistantStream:
    """Create a thread and run it, streamed.

    Sends ``"stream": true`` and yields the events as they arrive (see :mod:`assistants_runs_client.streaming`);
    the request is sent when the ``with`` block or the iteration starts.

    Args:
        body (CreateThreadAndRunRequest): Creates a thread and starts a run on it. Fields left out
            take the assistant's settings.
        max_retries: Retries for this call (connection errors, 408, 429, 5xx); default: the client's.
        timeout: Timeout for this call, in seconds or as ``httpx.Timeout``; default: the client's.
            A number bounds each attempt as a whole: opening the stream, then the
            time between two events.
        extra_headers: More headers for this call (over every other header).
        extra_query: More query parameters for this call.
        extra_body: More top-level fields of the JSON body for this call (over the body's own).
        idempotency_key: Sent as the ``Idempotency-Key`` header (the same on every retry).
        event_handler: Its ``on_...`` methods are called as the events pass (see ``until_done()``).

    Raises:
        errors.APIStatusError: An error status, as its subclass: BadRequestError (400),
            AuthenticationError (401), NotFoundError (404), RateLimitError (429),
            InternalServerError (5xx), ...; after the retries, for 408, 429 and 5xx.
        errors.APIConnectionError: The server could not be reached (APITimeoutError: too slow).
        errors.APIResponseValidationError: The answer does not match the spec.
        errors.StreamEventError: (While iterating) the server sent an ``error`` event.
        errors.IncompleteStreamError: (While iterating) the stream ended before its end.

    Returns:
        AssistantStream: a context manager and iterator of the events.
    """

    return AssistantStream(
        client,
        with_extras(
            _stream_kwargs(
                body=body,
            ),
            extra_headers,
            extra_query,
            extra_body,
            idempotency_key,
        ),
        decode_assistant_stream_event,
        max_retries=max_retries,
        timeout=timeout,
        event_handler=event_handler,
    )


def astream(
    *,
    client: AuthenticatedClient,
    body: CreateThreadAndRunRequest,
    max_retries: int | None = None,
    timeout: TimeoutTypes | Unset = UNSET,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    extra_body: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
    event_handler: AsyncAssistantEventHandler | None = None,
) -> AsyncAssistantStream:
    """Create a thread and run it, streamed.

    Sends ``"stream": true`` and yields the events as they arrive (see :mod:`assistants_runs_client.streaming`);
    the request is sent when the ``with`` block or the iteration starts.

    Args:
        body (CreateThreadAndRunRequest): Creates a thread and starts a run on it. Fields left out
            take the assistant's settings.
        max_retries: Retries for this call (connection errors, 408, 429, 5xx); default: the client's.
        timeout: Timeout for this call, in seconds or as ``httpx.Timeout``; default: the client's.
            A number bounds each attempt as a whole: opening the stream, then the
            time between two events.
        extra_headers: More headers for this call (over every other header).
        extra_query: More query parameters for this call.
        extra_body: More top-level fields of the JSON body for this call (over the body's own).
        idempotency_key: Sent as the ``Idempotency-Key`` header (the same on every retry).
        event_handler: Its ``on_...`` methods are called as the events pass (see ``until_done()``).

    Raises:
        errors.APIStatusError: An error status, as its subclass: BadRequestError (400),
            AuthenticationError (401), NotFoundError (404), RateLimitError (429),
            InternalServerError (5xx), ...; after the retries, for 408, 429 and 5xx.
        errors.APIConnectionError: The server could not be reached (APITimeoutError: too slow).
        errors.APIResponseValidationError: The answer does not match the spec.
        errors.StreamEventError: (While iterating) the server sent an ``error`` event.
        errors.IncompleteStreamError: (While iterating) the stream ended before its end.

    Returns:
        AsyncAssistantStream: an async context manager and iterator of the events.
    """

    return AsyncAssistantStream(
        client,
        with_extras(
            _stream_kwargs(
                body=body,
            ),
            extra_headers,
            extra_query,
            extra_body,
            idempotency_key,
        ),
        decode_assistant_stream_event,
        max_retries=max_retries,
        timeout=timeout,
        event_handler=event_handler,
    )
