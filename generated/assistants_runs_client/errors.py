"""Everything this client raises on purpose, as one hierarchy.

::

    ClientError
    ├── ConfigurationError            no API key, ...
    └── APIError                      a request that did not give a usable answer
        ├── APIConnectionError        the server could not be reached, or the connection broke
        │   ├── APITimeoutError
        │   └── IncompleteStreamError a stream ended before its end-of-stream event
        ├── APIResponseValidationError a success answer that does not match the spec
        ├── StreamEventError          the server reported a failure with an `error` event
        └── APIStatusError            a 4xx or 5xx answer (or any other unexpected status)
            ├── BadRequestError (400), AuthenticationError (401), PermissionDeniedError (403),
            │   NotFoundError (404), ConflictError (409), UnprocessableEntityError (422),
            │   RateLimitError (429), InternalServerError (5xx)
            └── UnexpectedStatus      a status the spec does not document for the operation

Errors with a server answer carry ``status_code``, ``request_id`` (from ``x-request-id``) and the
parsed ``message``, ``type``, ``param`` and ``code`` of the error body; a body that is not JSON
still gives a typed error, with its text as the message.

The API key of every client made in this process is masked (``sk-****...abcd``) wherever a server
could echo it into an error: ``str()``, ``repr()``, ``args``, ``message``, ``body`` and
``content``; and in the records of this client's, httpx's and httpcore's loggers (httpcore's debug
log shows the answer's headers). The raw answer stays in ``response``, as received.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientError",
    "ConfigurationError",
    "ConflictError",
    "IncompleteStreamError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestTooLargeError",
    "StreamEventError",
    "UnexpectedStatus",
    "UnprocessableEntityError",
    "redact",
    "register_secret",
    "status_error",
]

# The API keys of the clients made in this process, masked by redact().
_SECRETS: set[str] = set()
# Loggers whose records may carry what a server sent (httpcore logs the answer's headers).
REDACTED_LOGGERS = (
    "assistants_runs_client",
    "httpx",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.connection",
    "httpcore.proxy",
)


def redact(text: str) -> str:
    """``text`` with every registered API key masked."""
    for secret in tuple(_SECRETS):  # a copy: another thread may register a key meanwhile
        if secret in text:
            text = text.replace(secret, mask(secret))
    return text


def _redact_value(value: Any) -> Any:
    """A decoded JSON body (or text) with every registered key masked, in strings at any depth."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {_redact_value(key): _redact_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_redact_value(item) for item in value]
    return value


class _RedactingFilter(logging.Filter):
    """Masks registered keys in a record's message (formatted with its arguments first)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _SECRETS:
            message = record.getMessage()
            masked = redact(message)
            if masked != message:
                record.msg, record.args = masked, ()
        return True


_FILTER = _RedactingFilter()


def register_secret(secret: str) -> None:
    """Mask ``secret`` from now on in errors and in the records of :data:`REDACTED_LOGGERS`."""
    if secret and secret not in _SECRETS:
        _SECRETS.add(secret)
        for name in REDACTED_LOGGERS:
            logger = logging.getLogger(name)
            if _FILTER not in logger.filters:
                logger.addFilter(_FILTER)


class ClientError(Exception):
    """The base of every error this client raises on purpose."""


class ConfigurationError(ClientError):
    """The client was set up in a way that cannot work (for example, without an API key)."""


class APIError(ClientError):
    """A request that did not give a usable answer.

    Attributes:
        message: What went wrong, in words.
        request: The request that failed.
        type, param, code: From the error body (``{"error": {...}}``) when the server sent one.
        body: The decoded JSON body of the answer, or its text, or None.
    """

    message: str
    request: httpx.Request | None
    body: object | None
    type: str | None
    param: str | None
    code: str | None

    def __init__(
        self,
        message: str,
        *,
        request: httpx.Request | None = None,
        body: object | None = None,
        type: str | None = None,  # noqa: A002 - the field's name in the API
        param: str | None = None,
        code: str | None = None,
    ) -> None:
        if _SECRETS:
            message, body = redact(message), _redact_value(body)
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body
        self.type = type
        self.param = param
        self.code = code


class APIConnectionError(APIError):
    """The server could not be reached, or the connection broke before the answer was complete."""

    def __init__(self, message: str = "Connection error.", *, request: httpx.Request | None = None) -> None:
        super().__init__(message, request=request)


class APITimeoutError(APIConnectionError):
    """The request took longer than its timeout (a stream: no event within it)."""

    def __init__(self, message: str = "Request timed out.", *, request: httpx.Request | None = None) -> None:
        super().__init__(message, request=request)


class IncompleteStreamError(APIConnectionError):
    """A stream ended (the connection closed) before its end-of-stream event."""

    def __init__(self, message: str, *, response: httpx.Response) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.request_id: str | None = response.headers.get("x-request-id")


class APIResponseValidationError(APIError):
    """A success answer whose body (or a streamed event) does not match the spec."""

    def __init__(self, message: str, *, response: httpx.Response, body: object | None = None) -> None:
        super().__init__(message, request=response.request, body=body)
        self.response = response
        self.status_code = response.status_code
        self.request_id: str | None = response.headers.get("x-request-id")


class StreamEventError(APIError):
    """The server reported a failure in the middle of a stream, with an ``error`` event."""

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object | None = None,
        type: str | None = None,  # noqa: A002
        param: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message, request=response.request, body=body, type=type, param=param, code=code)
        self.response = response
        self.request_id: str | None = response.headers.get("x-request-id")


class APIStatusError(APIError):
    """The server answered with an error status. ``str()`` gives status, message and request id.

    Attributes:
        status_code: The HTTP status.
        request_id: The server's id of the request (``x-request-id``), to quote in bug reports.
        response: The answer, already read.
    """

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object | None = None,
        type: str | None = None,  # noqa: A002
        param: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message, request=response.request, body=body, type=type, param=param, code=code)
        self.response = response
        self.status_code: int = response.status_code
        self.request_id: str | None = response.headers.get("x-request-id")

    def __str__(self) -> str:
        text = f"{self.status_code} {self.response.reason_phrase}: {self.message}"
        return f"{text} (request id {self.request_id})" if self.request_id else text

    @property
    def content(self) -> bytes:
        """The body of the answer, any API key masked (``response.content`` is as received)."""
        content = self.response.content
        if not _SECRETS:
            return content
        try:
            return redact(content.decode()).encode()
        except UnicodeDecodeError:
            return content


class BadRequestError(APIStatusError):
    """400: the request is malformed, fails validation or conflicts with the thread's state."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing or not valid."""


class PermissionDeniedError(APIStatusError):
    """403: the key may not do this."""


class NotFoundError(APIStatusError):
    """404: the assistant or thread does not exist."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the current state."""


class RequestTooLargeError(APIStatusError):
    """413: the request body is larger than the server accepts."""


class UnprocessableEntityError(APIStatusError):
    """422: the request is well-formed but cannot be processed."""


class RateLimitError(APIStatusError):
    """429: too many requests; retried automatically, honouring ``Retry-After``."""


class InternalServerError(APIStatusError):
    """5xx: the server failed; retried automatically."""


class UnexpectedStatus(APIStatusError):
    """A status the spec does not document for the operation (a 2xx other than the success one,
    a redirect, ...)."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: RequestTooLargeError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error(response: httpx.Response, *, secret: str | None = None) -> APIStatusError:
    """The typed error for an answer with an error status; ``response`` must have been read.

    ``secret`` (the API key) is masked wherever it would appear in the message.
    """
    status = response.status_code
    if status in _BY_STATUS:
        cls = _BY_STATUS[status]
    elif status >= 500:
        cls = InternalServerError
    elif status >= 400:
        cls = APIStatusError
    else:
        cls = UnexpectedStatus
    body, fields = _error_body(response)
    message = fields.get("message") or _text_excerpt(response) or "(empty body)"
    if secret:
        message = message.replace(secret, mask(secret))
    return cls(
        message,
        response=response,
        body=body,
        type=fields.get("type"),
        param=fields.get("param"),
        code=fields.get("code"),
    )


def error_fields(data: object) -> dict[str, str]:
    """``message``, ``type``, ``param`` and ``code`` of an error object, where they are strings."""
    if not isinstance(data, dict):
        return {}
    return {key: value for key in ("message", "type", "param", "code") if isinstance(value := data.get(key), str)}


def _error_body(response: httpx.Response) -> tuple[object | None, dict[str, str]]:
    """The decoded body (JSON, else text) and the fields of its ``error`` object."""
    try:
        body: Any = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return (response.text or None), {}
    return body, error_fields(body.get("error") if isinstance(body, dict) else None)


def _text_excerpt(response: httpx.Response, limit: int = 200) -> str:
    text = " ".join(response.text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def mask(secret: str) -> str:
    """A key shown the way the API shows it: first characters, stars, last four."""
    if len(secret) <= 8:
        return "*" * len(secret)
    return f"{secret[:3]}{'*' * (len(secret) - 7)}{secret[-4:]}"
