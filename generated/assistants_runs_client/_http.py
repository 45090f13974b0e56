"""Sending a request: retries with backoff, and every failure turned into a typed error.

The operations in :mod:`assistants_runs_client.api` build the request and parse the answer; this
module is what happens in between. :func:`send` / :func:`asend` return an answer with a 2xx or
3xx status, and raise everything else as an :class:`~assistants_runs_client.errors.APIError`.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
import httpx

from ._retries import is_retryable_status
from .client import AuthenticatedClient, Client
from .errors import APIConnectionError, APIResponseValidationError, APITimeoutError, status_error
from .types import TimeoutTypes, Unset

__all__ = ["asend", "parse_json", "send"]

T = TypeVar("T")

log = logging.getLogger("assistants_runs_client")

# Module attributes, so that tests can stand in for the clock.
_sleep = time.sleep
_asleep = anyio.sleep


# Transport failures worth another attempt: the network, a timeout, a server that broke off.
# Not retried: a request httpx cannot even send (a bad URL scheme, an invalid header).
RETRYABLE_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProxyError)


def _timeout(timeout: TimeoutTypes | Unset) -> Any:
    return httpx.USE_CLIENT_DEFAULT if isinstance(timeout, Unset) else timeout


def _secret(client: AuthenticatedClient | Client) -> str | None:
    return client.token if isinstance(client, AuthenticatedClient) else None


def _transport_error(exc: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(request=request)
    return APIConnectionError(f"Connection error: {type(exc).__name__}.", request=request)


def _log_retry(request: httpx.Request, why: str, delay: float, retry: int, retries: int) -> None:
    log.info(
        "%s %s: %s; retry %d of %d in %.2f s",
        request.method,
        request.url.path,
        why,
        retry,
        retries,
        delay,
    )


def send(
    client: AuthenticatedClient | Client,
    kwargs: dict[str, Any],
    *,
    stream: bool = False,
    max_retries: int | None = None,
    timeout: TimeoutTypes | Unset,
) -> httpx.Response:
    """Send the request ``kwargs`` describes, retrying as the client says; with ``stream`` the
    body is left unread (the caller closes the answer)."""
    http = client.get_httpx_client()
    request = http.build_request(**kwargs, timeout=_timeout(timeout))
    retries = client.max_retries if max_retries is None else max_retries
    retry = 0
    while True:
        try:
            response = http.send(request, stream=stream)
        except httpx.TransportError as exc:
            if retry >= retries or not isinstance(exc, RETRYABLE_ERRORS):
                raise _transport_error(exc, request) from exc
            retry += 1
            delay = client.retry_policy.delay(retry)
            _log_retry(request, type(exc).__name__, delay, retry, retries)
            _sleep(delay)
            continue
        if response.status_code < 400:
            return response
        if retry < retries and is_retryable_status(response.status_code):
            retry += 1
            delay = client.retry_policy.delay(retry, response.headers)
            response.close()
            _log_retry(request, str(response.status_code), delay, retry, retries)
            _sleep(delay)
            continue
        try:
            response.read()
        except httpx.TransportError as exc:
            raise _transport_error(exc, request) from exc
        finally:
            response.close()
        raise status_error(response, secret=_secret(client))


async def asend(
    client: AuthenticatedClient | Client,
    kwargs: dict[str, Any],
    *,
    stream: bool = False,
    max_retries: int | None = None,
    timeout: TimeoutTypes | Unset,
) -> httpx.Response:
    """:func:`send` for asyncio and trio."""
    http = client.get_async_httpx_client()
    request = http.build_request(**kwargs, timeout=_timeout(timeout))
    retries = client.max_retries if max_retries is None else max_retries
    retry = 0
    while True:
        try:
            response = await http.send(request, stream=stream)
        except httpx.TransportError as exc:
            if retry >= retries or not isinstance(exc, RETRYABLE_ERRORS):
                raise _transport_error(exc, request) from exc
            retry += 1
            delay = client.retry_policy.delay(retry)
            _log_retry(request, type(exc).__name__, delay, retry, retries)
            await _asleep(delay)
            continue
        if response.status_code < 400:
            return response
        if retry < retries and is_retryable_status(response.status_code):
            retry += 1
            delay = client.retry_policy.delay(retry, response.headers)
            await response.aclose()
            _log_retry(request, str(response.status_code), delay, retry, retries)
            await _asleep(delay)
            continue
        try:
            await response.aread()
        except httpx.TransportError as exc:
            raise _transport_error(exc, request) from exc
        finally:
            await response.aclose()
        raise status_error(response, secret=_secret(client))


def parse_json(response: httpx.Response, parse: Callable[[Any], T]) -> T:
    """``parse`` (a model's ``from_dict``) applied to the JSON body; a body that is not JSON, or
    does not fit, raises :class:`~assistants_runs_client.errors.APIResponseValidationError`."""
    try:
        data = json.loads(response.content)
    except ValueError as exc:
        content_type = response.headers.get("content-type") or "no content type"
        raise APIResponseValidationError(
            f"expected a JSON answer, got {content_type}: {exc}", response=response
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
