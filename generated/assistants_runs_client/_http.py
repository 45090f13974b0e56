"""Sending a request: per-call extras, retries with backoff, a deadline for the whole call, a log
line per request, and every failure turned into a typed error.

The operations in :mod:`assistants_runs_client.api` build the request and parse the answer; this
module is what happens in between. :func:`send` / :func:`asend` return an answer with a 2xx or
3xx status, and raise everything else as an :class:`~assistants_runs_client.errors.APIError`.

Timeouts. ``timeout=t`` (a number) bounds each attempt as a whole: waiting for a free connection,
connecting, sending, waiting for the answer and reading its last byte take t seconds together, not
t each. For a stream, t bounds opening it, and then the time between two events (keep-alive
comments do not count as events). An ``httpx.Timeout`` keeps httpx's per-wait limits, and its
largest value is the bound of the whole. The async functions enforce the bound with a cancel scope.
The sync ones cannot interrupt a wait on a socket, so they shorten each one (connect, TLS, every
write and read) to what is left of the bound (see :mod:`._deadline`), and check the bound as each
piece of the body arrives; with a transport of the user's own, only the latter (and httpx's limit
of each wait). A retry is a new attempt with a new bound.

Speed. Requests are built by httpx (``build_request``) with an absolute URL, which httpx takes as
it is (joining a relative one to its ``base_url`` costs as much as the rest of building), and go
straight to the client's transport (the public interface of httpx transports) unless the client
uses something only ``httpx.Client.send`` provides (see ``client._direct``).

Logging. ``OPENAI_LOG=info`` (or ``debug``) in the environment sends this client's log to stderr:
``info`` a line per request (method, URL, status, request id, retry, milliseconds) and per retry,
``debug`` also the headers of request and answer. The API key is masked in every record, here and
in httpx's and httpcore's own debug records (see :func:`errors.redact`).
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import Any, TypeVar

import anyio
import httpx

from ._deadline import Deadline, current_deadline
from ._retries import is_retryable_status
from .client import AuthenticatedClient, Client
from .errors import APIConnectionError, APIResponseValidationError, APITimeoutError, redact, status_error
from .types import TimeoutTypes, Unset

__all__ = ["IDEMPOTENCY_HEADER", "LOG_ENV", "asend", "parse_json", "send", "total_seconds", "with_extras"]

T = TypeVar("T")

log = logging.getLogger("assistants_runs_client")

LOG_ENV = "OPENAI_LOG"
IDEMPOTENCY_HEADER = "Idempotency-Key"

# Module attributes, so that tests can stand in for the clock.
_sleep = time.sleep
_asleep = anyio.sleep
_now = time.monotonic


def _configure_log(level: str | None) -> None:
    """``OPENAI_LOG=info|debug``: this client's records to stderr, as the official SDK does."""
    levels = {"info": logging.INFO, "debug": logging.DEBUG}
    if level is None or level.lower() not in levels:
        return
    log.setLevel(levels[level.lower()])
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("[%(asctime)s - %(name)s - %(levelname)s] %(message)s"))
        log.addHandler(handler)


_configure_log(os.environ.get(LOG_ENV))


# Transport failures worth another attempt: the network, a timeout, a server that broke off.
# Not retried: a request httpx cannot even send (a bad URL scheme, an invalid header).
RETRYABLE_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProxyError)


def with_extras(
    kwargs: dict[str, Any],
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    extra_body: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> dict[str, Any]:
    """The request ``kwargs`` with one call's extras: headers (over every other header), query
    parameters, top-level body fields (over the body's own), and the ``Idempotency-Key`` header."""
    if extra_headers is None and extra_query is None and extra_body is None and idempotency_key is None:
        return kwargs
    if extra_body:
        body = kwargs.get("json")
        if not isinstance(body, dict):
            raise TypeError("extra_body needs an operation whose request body is a JSON object")
        kwargs["json"] = {**body, **extra_body}
    if extra_query:
        kwargs["params"] = {**kwargs.get("params", {}), **extra_query}
    headers = dict(kwargs.get("headers", {}))
    if idempotency_key is not None:
        headers[IDEMPOTENCY_HEADER] = idempotency_key
    if extra_headers:
        headers.update(extra_headers)
    if headers:
        kwargs["headers"] = headers
    return kwargs


def total_seconds(limit: TimeoutTypes) -> float | None:
    """The bound of a whole attempt: the number itself, or an ``httpx.Timeout``'s largest value."""
    if limit is None or isinstance(limit, int | float):
        return limit
    values = [v for v in (limit.connect, limit.read, limit.write, limit.pool) if v is not None]
    return max(values) if values else None


def _limit(client: AuthenticatedClient | Client, timeout: TimeoutTypes | Unset) -> TimeoutTypes:
    return client.timeout if isinstance(timeout, Unset) else timeout


def _build(
    client: AuthenticatedClient | Client,
    http: httpx.Client | httpx.AsyncClient,
    kwargs: dict[str, Any],
    limit: TimeoutTypes,
) -> httpx.Request:
    """The request; on a user's own httpx client (see ``set_httpx_client``), with this client's
    headers (key, beta header) added to it, as the internal one has them built in.

    The URL is absolute (this client's base URL and the path): httpx takes it as it is, which
    costs half as much as joining a relative one to its ``base_url``."""
    headers = kwargs.get("headers")
    if client.uses_own_httpx_client:
        headers = {**client.request_headers(), **headers} if headers else client.request_headers()
    return http.build_request(
        kwargs["method"],
        client.base_url.rstrip("/") + kwargs["url"],
        json=kwargs.get("json"),
        params=kwargs.get("params"),
        headers=headers,
        timeout=limit,
    )


class _BoundedStream(httpx.SyncByteStream):
    """An answer's body read within a :class:`Deadline`: each read of the socket waits at most
    what is left of it (see :mod:`._deadline`), and the bound is checked as each piece arrives."""

    def __init__(self, stream: Any, deadline: Deadline) -> None:
        self._stream = stream
        self._deadline = deadline

    def __iter__(self) -> Iterator[bytes]:
        deadline = self._deadline
        chunks = iter(self._stream)
        while True:
            # Set around each read only: the caller's code between two pieces runs without it.
            token = current_deadline.set(deadline)
            try:
                chunk = next(chunks, None)
            finally:
                current_deadline.reset(token)
            if chunk is None:
                return
            deadline.check()
            yield chunk

    def close(self) -> None:
        self._stream.close()


class _AsyncBoundedStream(httpx.AsyncByteStream):
    """:class:`_BoundedStream` for asyncio and trio."""

    def __init__(self, stream: Any, deadline: Deadline) -> None:
        self._stream = stream
        self._deadline = deadline

    async def __aiter__(self) -> AsyncIterator[bytes]:
        deadline = self._deadline
        async for chunk in self._stream:
            deadline.check()
            yield chunk

    async def aclose(self) -> None:
        await self._stream.aclose()


def _secret(client: AuthenticatedClient | Client) -> str | None:
    return client.token if isinstance(client, AuthenticatedClient) else None


def _transport_error(exc: Exception, request: httpx.Request) -> APIConnectionError:
    if isinstance(exc, httpx.TimeoutException | TimeoutError):
        return APITimeoutError(request=request)
    return APIConnectionError(f"Connection error: {type(exc).__name__}.", request=request)


def _log_retry(request: httpx.Request, why: str, delay: float, retry: int, retries: int) -> None:
    log.info("%s %s: %s; retry %d of %d in %.2f s", request.method, request.url, why, retry, retries, delay)


def _log_answer(request: httpx.Request, response: httpx.Response, started: float, retry: int) -> None:
    log.info(
        "%s %s -> %d (request id %s, retry %d, %.1f ms)",
        request.method,
        request.url,
        response.status_code,
        response.headers.get("x-request-id"),
        retry,
        (_now() - started) * 1000,
    )
    if log.isEnabledFor(logging.DEBUG):
        log.debug("request headers: %s", redact(repr(dict(request.headers))))
        log.debug("answer headers: %s", redact(repr(dict(response.headers))))


def send(
    client: AuthenticatedClient | Client,
    kwargs: dict[str, Any],
    *,
    stream: bool = False,
    max_retries: int | None = None,
    timeout: TimeoutTypes | Unset,
) -> httpx.Response:
    """Send the request ``kwargs`` describes, retrying as the client says; with ``stream`` the
    body is left unread (the caller closes the answer, and restarts ``response.extensions
    ["deadline"]`` after each event)."""
    http = client.get_httpx_client()
    limit = _limit(client, timeout)
    request = _build(client, http, kwargs, limit)
    retries = client.max_retries if max_retries is None else max_retries
    logging_on = log.isEnabledFor(logging.INFO)
    retry = 0
    while True:
        started = _now()
        deadline = Deadline(total_seconds(limit))
        try:
            token = current_deadline.set(deadline)
            try:
                transport = client.direct_transport
                if transport is not None:
                    response = transport.handle_request(request)
                    response.request = request
                else:
                    response = http.send(request, stream=True)
            finally:
                current_deadline.reset(token)
            response.stream = _BoundedStream(response.stream, deadline)
            response.extensions = {**response.extensions, "deadline": deadline}
            if not stream or response.status_code >= 400:
                try:
                    response.read()
                finally:
                    response.close()
        except httpx.TransportError as exc:
            if retry >= retries or not isinstance(exc, RETRYABLE_ERRORS):
                raise _transport_error(exc, request) from exc
            retry += 1
            delay = client.retry_policy.delay(retry)
            _log_retry(request, type(exc).__name__, delay, retry, retries)
            _sleep(delay)
            continue
        if logging_on:
            _log_answer(request, response, started, retry)
        if response.status_code < 400:
            return response
        if retry < retries and is_retryable_status(response.status_code):
            retry += 1
            delay = client.retry_policy.delay(retry, response.headers)
            _log_retry(request, str(response.status_code), delay, retry, retries)
            _sleep(delay)
            continue
        raise status_error(response, secret=_secret(client))


async def asend(
    client: AuthenticatedClient | Client,
    kwargs: dict[str, Any],
    *,
    stream: bool = False,
    max_retries: int | None = None,
    timeout: TimeoutTypes | Unset,
) -> httpx.Response:
    """:func:`send` for asyncio and trio; the bound of an attempt is exact (a cancel scope)."""
    http = client.get_async_httpx_client()
    limit = _limit(client, timeout)
    request = _build(client, http, kwargs, limit)
    retries = client.max_retries if max_retries is None else max_retries
    logging_on = log.isEnabledFor(logging.INFO)
    retry = 0
    while True:
        started = _now()
        deadline = Deadline(total_seconds(limit))
        try:
            with anyio.fail_after(deadline.seconds):
                atransport = client.direct_async_transport
                if atransport is not None:
                    response = await atransport.handle_async_request(request)
                    response.request = request
                else:
                    response = await http.send(request, stream=True)
                response.stream = _AsyncBoundedStream(response.stream, deadline)
                response.extensions = {**response.extensions, "deadline": deadline}
                if not stream or response.status_code >= 400:
                    try:
                        await response.aread()
                    finally:
                        await response.aclose()
        except (httpx.TransportError, TimeoutError) as exc:
            if retry >= retries or not isinstance(exc, (*RETRYABLE_ERRORS, TimeoutError)):
                raise _transport_error(exc, request) from exc
            retry += 1
            delay = client.retry_policy.delay(retry)
            _log_retry(request, type(exc).__name__, delay, retry, retries)
            await _asleep(delay)
            continue
        if logging_on:
            _log_answer(request, response, started, retry)
        if response.status_code < 400:
            return response
        if retry < retries and is_retryable_status(response.status_code):
            retry += 1
            delay = client.retry_policy.delay(retry, response.headers)
            _log_retry(request, str(response.status_code), delay, retry, retries)
            await _asleep(delay)
            continue
        raise status_error(response, secret=_secret(client))


def parse_json(response: httpx.Response, parse: Callable[[Any], T]) -> T:
    """``parse`` (a model's ``from_dict``) applied to the JSON body; a body that is not JSON, or
    does not fit, raises :class:`~assistants_runs_client.errors.APIResponseValidationError`."""
    try:
        data = json.loads(response.content)
    except ValueError as exc:
        content_type = response.headers.get("content-type") or "no content type"
        raise APIResponseValidationError(
            f"expected a JSON answer, got {content_type}: {exc}", response=response, body=response.text
        ) from exc
    try:
        return parse(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise APIResponseValidationError(
            f"the answer does not match the spec: {_problem(exc)}", response=response, body=data
        ) from exc


def _problem(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}"
    return f"{type(exc).__name__}: {exc}"
