"""What every request goes through before its handler: steps 1 to 4 of :mod:`runspec.server.app`.

The schema side is compiled once per spec file (:func:`compile_spec`, cached): for each
operation, a :class:`~runspec.server.validation.SchemaCheck` per header, path and query
parameter and for the JSON body, and the accepted media types. :class:`RequestChecks` adds what
one app is configured with (API keys, body limit) and runs the checks on a request.

A big body (:data:`_BIG_BODY_BYTES` or more, or :data:`_BIG_BODY_VALUES` values) is parsed and
validated, and its request handled, on a worker thread (:func:`off_the_loop`), one at a time, with
the garbage collector paused until its handler is done (:class:`CollectorPause`): small requests
arriving meanwhile are served by the event loop between the worker's GIL slices.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import concurrent.futures
import gc
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qsl

from starlette.requests import ClientDisconnect
from starlette.types import Receive, Scope

from runspec.server import errors
from runspec.server.errors import ApiError
from runspec.server.jsonwire import (
    MAX_DEPTH,
    MAX_VALUES,
    InvalidJsonError,
    TooDeepError,
    TooManyValuesError,
    most_values,
    parse_body,
)
from runspec.server.operations import Operation, Parameter, base_path, load_operations
from runspec.server.validation import SchemaCheck
from runspec.spec import SpecSchemas, resolve_pointer

__all__ = [
    "COLLECTOR_PAUSE",
    "CollectorPause",
    "CompiledOperation",
    "CompiledSpec",
    "Incoming",
    "RequestChecks",
    "compile_spec",
    "off_the_loop",
]

T = TypeVar("T")

# Bodies above the limit are still read (and dropped) up to this size, so that the client,
# still sending, gets the 413 instead of a reset connection.
_DRAIN_LIMIT = 16 * 2**20

# Bodies of this size and more are parsed and validated off the event loop, one at a time, so
# that a big body (up to tens of milliseconds of work) does not hold up the small requests
# arriving meanwhile; smaller ones take less than the hop to a thread would cost them.
_BIG_BODY_BYTES = 64 * 2**10
# What a body costs is mostly its values (up to ~1.5 µs each, for messages to create): more than
# this many would hold up the loop for a millisecond or more, however few bytes they take.
_BIG_BODY_VALUES = 1_000
_BIG_BODIES = concurrent.futures.ThreadPoolExecutor(
    max_workers=1, thread_name_prefix="runspec-big-body"
)


class CollectorPause:
    """Python's cyclic garbage collector, off while any request with a big body is handled.

    A big body is up to hundreds of thousands of new containers, and so are the objects made
    from it: were the collector on, it would run dozens of times meanwhile, and each full
    collection walks the whole heap (the store included): seconds for a megabyte of tiny parts.
    Nothing a request makes needs the collector (the body and what is built from it are freed by
    reference counting when the handler returns), and the pause lasts one request. Held and
    released on the event loop's thread only.
    """

    def __init__(self) -> None:
        self._holders = 0
        self._was_enabled = False

    def hold(self) -> None:
        if self._holders == 0:
            self._was_enabled = gc.isenabled()
            gc.disable()
        self._holders += 1

    def release(self) -> None:
        self._holders -= 1
        if self._holders == 0 and self._was_enabled:
            gc.enable()


COLLECTOR_PAUSE = CollectorPause()


class Incoming:
    """What the checks and handlers read of a request, taken from the ASGI scope directly.

    Cheaper than Starlette's ``Request`` on the hot path: the headers become one dict (ASGI
    servers send names in lower case), the query string is parsed only when there is one, and
    the body is read straight from ``receive``.
    """

    __slots__ = ("collector_paused", "headers", "path_params", "receive", "scope")

    def __init__(self, scope: Scope, receive: Receive) -> None:
        self.scope = scope
        self.receive = receive
        self.headers: dict[bytes, bytes] = dict(scope["headers"])
        self.path_params: dict[str, Any] = scope.get("path_params", {})
        self.collector_paused = False

    def pause_collector(self) -> None:
        """Keep the garbage collector off until :meth:`done` (see :class:`CollectorPause`)."""
        if not self.collector_paused:
            COLLECTOR_PAUSE.hold()
            self.collector_paused = True

    def done(self) -> None:
        """The request's handler is over: what it held is released."""
        if self.collector_paused:
            self.collector_paused = False
            COLLECTOR_PAUSE.release()

    def header(self, name: bytes) -> str | None:
        """A header's value by its lower-case name."""
        value = self.headers.get(name)
        return None if value is None else value.decode("latin-1")

    def query(self, name: str) -> list[str]:
        """Every value of a query parameter."""
        raw: bytes = self.scope.get("query_string", b"")
        if not raw:
            return []
        return [v for k, v in parse_qsl(raw.decode("latin-1"), keep_blank_values=True) if k == name]

    async def body(self, limit: int) -> bytes:
        """The body; :func:`errors.body_too_large` past ``limit`` bytes."""
        declared = self.headers.get(b"content-length")
        too_large = declared is not None and declared.isdigit() and int(declared) > limit
        if too_large and int(declared or b"0") > _DRAIN_LIMIT:
            raise errors.body_too_large(limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await self.receive()
            if message["type"] == "http.disconnect":
                raise ClientDisconnect()
            chunk: bytes = message.get("body", b"")
            total += len(chunk)
            if total > limit:
                too_large = True
                if total > _DRAIN_LIMIT:
                    break
            elif chunk:
                chunks.append(chunk)
            if not message.get("more_body", False):
                break
        if too_large:
            raise errors.body_too_large(limit)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)


@dataclass(frozen=True, slots=True)
class ParameterCheck:
    parameter: Parameter
    check: SchemaCheck
    is_array: bool
    key: bytes  # the lower-case header name, for headers


@dataclass(frozen=True, slots=True)
class CompiledOperation:
    """The spec's rules for one operation's requests, compiled."""

    operation: Operation
    headers: tuple[ParameterCheck, ...]
    path: tuple[ParameterCheck, ...]
    query: tuple[ParameterCheck, ...]
    body: SchemaCheck | None
    media_types: frozenset[str]
    media_type: str  # the one to name in messages


@dataclass(frozen=True, slots=True)
class CompiledSpec:
    schemas: SpecSchemas
    base_path: str
    operations: tuple[CompiledOperation, ...]


@cache
def compile_spec(spec_path: Path) -> CompiledSpec:
    """The compiled checks of every operation of the spec at ``spec_path`` (once per path)."""
    schemas = SpecSchemas.from_path(spec_path)
    document = schemas.document

    def parameters(operation: Operation, location: str) -> tuple[ParameterCheck, ...]:
        found = []
        for param in operation.parameter(location):
            schema = resolve_pointer(document, param.schema_pointer)
            is_array = isinstance(schema, dict) and schema.get("type") == "array"
            check = SchemaCheck(schemas, param.schema_pointer, root=(param.name,))
            found.append(ParameterCheck(param, check, is_array, param.name.lower().encode()))
        return tuple(found)

    compiled = tuple(
        CompiledOperation(
            operation=operation,
            headers=parameters(operation, "header"),
            path=parameters(operation, "path"),
            query=parameters(operation, "query"),
            body=SchemaCheck(schemas, operation.body_pointer) if operation.body_pointer else None,
            media_types=frozenset(m.lower() for m in operation.media_types),
            media_type=operation.media_types[0] if operation.media_types else "application/json",
        )
        for operation in load_operations(document)
    )
    return CompiledSpec(schemas=schemas, base_path=base_path(document), operations=compiled)


async def off_the_loop(work: Callable[[], T]) -> T:
    """``work()`` on the worker thread of big bodies (the store is safe to use from it)."""
    return await asyncio.get_running_loop().run_in_executor(_BIG_BODIES, work)


class RequestChecks:
    """One operation's checks with one app's keys and body limits."""

    def __init__(
        self,
        compiled: CompiledOperation,
        *,
        api_keys: frozenset[str],
        max_body_bytes: int,
        max_body_values: int = MAX_VALUES,
    ) -> None:
        self.compiled = compiled
        self.api_keys = api_keys
        self.max_body_bytes = max_body_bytes
        self.max_body_values = max_body_values

    def preamble(self, request: Incoming) -> None:
        """Steps 1 to 3: key, header parameters, path and query parameters."""
        key = _api_key(request.header(b"authorization"))
        if key is None:
            raise errors.missing_api_key()
        if key not in self.api_keys:
            raise errors.invalid_api_key(key)
        for header in self.compiled.headers:
            value = request.header(header.key)
            if value is None:
                if header.parameter.required:
                    raise _header_error(header.parameter, None)
            elif header.check.error(value) is not None:
                raise _header_error(header.parameter, value)
        for path in self.compiled.path:
            value = request.path_params.get(path.parameter.name)
            error = path.check.error(value)
            if error is not None:
                raise _path_error(path.parameter, value, error)
        for query in self.compiled.query:
            name = query.parameter.name
            values = request.query(name)
            if not values:
                if query.parameter.required:
                    raise ApiError(400, f"Missing required parameter: '{name}'.", param=name)
                continue
            error = query.check.error(values if query.is_array else values[-1])
            if error is not None:
                raise error

    async def json_body(self, request: Incoming, then: Callable[[Any], T]) -> T:
        """Step 4, the validated JSON body, handed to ``then``; what ``then`` returns.

        A small body is decoded and handed over on the event loop; a big one on the worker
        thread (:func:`off_the_loop`), with the collector paused, both steps in one hop, so that
        nothing but the answer comes back (a future would hold on to the body).
        """
        content_type = request.header(b"content-type")
        media_type = content_type.split(";", 1)[0].strip().lower() if content_type else None
        if media_type not in self.compiled.media_types:
            raise errors.unsupported_content_type(content_type, self.compiled.media_type)
        raw = await request.body(self.max_body_bytes)
        if len(raw) < _BIG_BODY_BYTES and most_values(raw) < _BIG_BODY_VALUES:
            return then(self._decode(raw))
        request.pause_collector()
        return await off_the_loop(lambda: then(self._decode(raw)))

    def _decode(self, raw: bytes) -> Any:
        """The parsed body, valid against the spec's schema; or the :class:`ApiError` to answer."""
        try:
            body = parse_body(raw, max_values=self.max_body_values)
        except InvalidJsonError:
            raise errors.invalid_json() from None
        except TooDeepError:
            raise errors.nesting_too_deep(MAX_DEPTH) from None
        except TooManyValuesError:
            raise errors.too_many_values(self.max_body_values) from None
        error = None if self.compiled.body is None else self.compiled.body.error(body)
        if error is not None:
            del body  # not kept alive by the traceback until the next full collection
            raise error
        return body


def _api_key(header: str | None) -> str | None:
    """The key of a ``Bearer`` header, or the password of ``Basic`` auth with no user."""
    if not header:
        return None
    scheme, _, credentials = header.strip().partition(" ")
    scheme = scheme.lower()
    credentials = credentials.strip()
    if scheme == "bearer":
        return credentials or None
    if scheme == "basic":
        try:
            decoded = base64.b64decode(credentials, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        user, _, password = decoded.partition(":")
        if user or not password:
            return None
        return password
    return None


def _path_error(param: Parameter, value: Any, error: ApiError) -> ApiError:
    """A thread id against the spec's schema fails with the hosted API's own message."""
    if param.name == "thread_id" and isinstance(value, str):
        return errors.invalid_thread_id(value)
    return error


def _header_error(param: Parameter, value: str | None) -> ApiError:
    if param.name.lower() == "openai-beta":
        if value is None:
            return errors.missing_beta()
        if "assistants=v1" in value.replace(" ", ""):
            return errors.deprecated_beta()
        return errors.invalid_beta(value)
    if value is None:
        return ApiError(400, f"Missing required header: '{param.name}'.", param=param.name)
    return ApiError(400, f"Invalid value for header '{param.name}': '{value}'.", param=param.name)
