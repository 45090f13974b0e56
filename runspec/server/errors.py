"""The error answers of the API: ``{"error": {"message", "type", "param", "code"}}``.

Every failure the server reports is an :class:`ApiError`, raised anywhere in a request and turned
into a JSON response in one place. The constructors below hold the exact messages of the hosted
API (see ``api-facts.md``); messages the hosted API never documented (content type, body size,
unknown URL, method) are written in the same style.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.responses import Response

from runspec.server.jsonwire import dumps

__all__ = [
    "ApiError",
    "active_run",
    "assistant_not_found",
    "body_too_large",
    "deprecated_beta",
    "headers_too_large",
    "injected_fault",
    "invalid_api_key",
    "invalid_beta",
    "invalid_json",
    "invalid_thread_id",
    "invalid_url",
    "malformed_request",
    "mask_key",
    "method_not_allowed",
    "missing_api_key",
    "missing_beta",
    "nesting_too_deep",
    "request_line_too_long",
    "request_timeout",
    "server_error",
    "thread_not_found",
    "too_many_connections",
    "too_many_values",
    "unsupported_content_type",
]

INVALID_REQUEST = "invalid_request_error"
_KEYS_URL = "https://platform.openai.com/account/api-keys"
_V2_HINT = "Please try again by setting the header 'OpenAI-Beta: assistants=v2'."


class ApiError(Exception):
    """An error answer: HTTP status, the four body fields and extra response headers."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str = INVALID_REQUEST,
        param: str | None = None,
        code: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type
        self.param = param
        self.code = code
        self.headers: dict[str, str] = dict(headers or {})

    def body(self) -> dict[str, Any]:
        return {
            "error": {
                "message": self.message,
                "type": self.type,
                "param": self.param,
                "code": self.code,
            }
        }

    def response(self) -> Response:
        return Response(
            dumps(self.body()),
            status_code=self.status,
            headers=self.headers,
            media_type="application/json",
        )

    def __repr__(self) -> str:
        return (
            f"ApiError({self.status}, {self.message!r}, type={self.type!r}, "
            f"param={self.param!r}, code={self.code!r})"
        )


def mask_key(key: str) -> str:
    """The key as the hosted API quotes it: first 8 characters, stars, last 4.

    Keys of 12 characters or fewer are all stars, so a short secret is never echoed.
    """
    if len(key) <= 12:
        return "*" * len(key)
    return key[:8] + "*" * (len(key) - 12) + key[-4:]


# ---- authentication and headers -------------------------------------------------------------


def missing_api_key() -> ApiError:
    return ApiError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization "
        "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password "
        "field (with blank username) if you're accessing the API from your browser and are "
        "prompted for a username and password. You can obtain an API key from "
        f"{_KEYS_URL}.",
    )


def invalid_api_key(key: str) -> ApiError:
    return ApiError(
        401,
        f"Incorrect API key provided: {mask_key(key)}. You can find your API key at {_KEYS_URL}.",
        code="invalid_api_key",
    )


def missing_beta() -> ApiError:
    return ApiError(
        400,
        f"You must provide the 'OpenAI-Beta' header to access the Assistants API. {_V2_HINT}",
        code="invalid_beta",
    )


def deprecated_beta() -> ApiError:
    return ApiError(
        400, f"The v1 Assistants API has been deprecated. {_V2_HINT}", code="invalid_beta"
    )


def invalid_beta(value: str) -> ApiError:
    return ApiError(
        400,
        f"Invalid value for the 'OpenAI-Beta' header: '{value}'. {_V2_HINT}",
        code="invalid_beta",
    )


# ---- request shape ------------------------------------------------------------------------------


def unsupported_content_type(value: str | None, expected: str) -> ApiError:
    if value is None:
        message = f"Missing 'Content-Type' header. Send the request body as '{expected}'."
    else:
        message = (
            f"Unsupported 'Content-Type' header: '{value}'. Send the request body as '{expected}'."
        )
    return ApiError(400, message, code="unsupported_content_type")


def body_too_large(limit: int) -> ApiError:
    return ApiError(
        413,
        f"The request body is too large. At most {limit} bytes are accepted.",
        code="request_too_large",
    )


def invalid_json() -> ApiError:
    return ApiError(
        400,
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't "
        "using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was "
        "sent was not valid JSON. If you have trouble figuring out how to fix this, please "
        "contact us through our help center at help.openai.com.)",
    )


def nesting_too_deep(limit: int) -> ApiError:
    return ApiError(
        400, f"The request body is nested too deeply. At most {limit} levels are accepted."
    )


def too_many_values(limit: int) -> ApiError:
    return ApiError(
        400,
        f"The request body holds too many JSON values (array items and object members, at any "
        f"level). At most {limit} are accepted; the server's --max-body-values raises the limit.",
    )


def invalid_url(method: str, path: str) -> ApiError:
    return ApiError(404, f"Invalid URL ({method} {path})")


def method_not_allowed(method: str, path: str, allowed: str) -> ApiError:
    return ApiError(
        405,
        f"Invalid method for URL ({method} {path}). Allowed: {allowed}.",
        code="method_not_allowed",
        headers={"Allow": allowed},
    )


# ---- the HTTP layer (runspec.server.http) -------------------------------------------------------


def malformed_request() -> ApiError:
    return ApiError(400, "Invalid HTTP request received.", code="invalid_http_request")


def request_line_too_long(limit: int) -> ApiError:
    return ApiError(
        414,
        f"Request line too long: at most {limit} bytes of method and URL are accepted.",
        code="request_line_too_long",
    )


def headers_too_large(limit: int) -> ApiError:
    return ApiError(
        431,
        f"Request headers too large: at most {limit} bytes of request line and headers are "
        "accepted.",
        code="headers_too_large",
    )


def request_timeout(part: str, seconds: float) -> ApiError:
    return ApiError(
        408,
        f"Request {part} not received within {seconds:g} seconds.",
        code="request_timeout",
    )


def too_many_connections(limit: int) -> ApiError:
    return ApiError(
        503,
        f"Too many open connections: at most {limit} are served at once. Try again shortly.",
        type="server_error",
        headers={"Retry-After": "1"},
    )


# ---- state ---------------------------------------------------------------------------------------


def invalid_thread_id(value: str) -> ApiError:
    return ApiError(
        400,
        f"Invalid 'thread_id': '{value}'. Expected an ID that begins with 'thread'.",
        param="thread_id",
    )


def thread_not_found(thread_id: str) -> ApiError:
    return ApiError(404, f"No thread found with id '{thread_id}'.")


def assistant_not_found(assistant_id: str) -> ApiError:
    return ApiError(404, f"No assistant found with id '{assistant_id}'.")


def active_run(thread_id: str, run_id: str) -> ApiError:
    return ApiError(400, f"Thread {thread_id} already has an active run {run_id}.")


# ---- server side ---------------------------------------------------------------------------------


def server_error() -> ApiError:
    return ApiError(
        500,
        "The server had an error while processing your request. Sorry about that!",
        type="server_error",
    )


def injected_fault(status: int) -> ApiError:
    """The answer of a deliberately injected fault (test-only, see :mod:`runspec.server.faults`).

    Every one carries ``retry-after-ms: 10`` so that retrying clients come back quickly.
    """
    quick_retry = {"retry-after-ms": "10"}
    if status == 429:
        return ApiError(
            429,
            "Rate limit reached for requests. Please try again in 10ms.",
            type="requests",
            code="rate_limit_exceeded",
            headers={"Retry-After": "0", **quick_retry},
        )
    if status == 500:
        error = server_error()
        error.headers.update(quick_retry)
        return error
    if status == 503:
        return ApiError(
            503,
            "The server is overloaded or not ready yet.",
            type="server_error",
            headers=quick_retry,
        )
    return ApiError(
        status, f"Injected fault: HTTP {status}.", type="server_error", headers=quick_retry
    )
