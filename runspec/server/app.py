"""The reference server as a Starlette app: :func:`create_app`.

Routes are the spec's operations under the spec's local base path (``/v1``). Every request is
checked in the hosted API's order, and the first failure is the answer:

1. authentication (``Authorization: Bearer KEY``, or basic auth with the key as password);
2. header parameters of the operation (``OpenAI-Beta: assistants=v2``);
3. path and query parameters (their schemas; then ``thread_id`` must begin with ``thread``);
4. the body: media type, size (413 above ``max_body_bytes``), the number of values (400 above
   ``max_body_values``), JSON, then its schema;
5. state: the thread exists, the assistant exists, the thread has no active run.

Every response, errors included, carries ``x-request-id``, ``openai-processing-ms`` and
``openai-version``; unexpected exceptions become the API's 500 body, and nothing else answers
5xx unless fault injection (:mod:`runspec.server.faults`) is on and asked for.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from runspec import SPEC_PATH
from runspec.server import errors
from runspec.server.assistants import DEFAULT_ASSISTANT, Assistant
from runspec.server.checks import Incoming, RequestChecks, compile_spec
from runspec.server.errors import ApiError
from runspec.server.faults import FAULT_HEADER, STREAM_ERROR, FaultInjector
from runspec.server.ids import new_id, new_request_id
from runspec.server.jsonwire import MAX_DEPTH, MAX_VALUES
from runspec.server.objects import thread_tool_resources
from runspec.server.runs import Run, new_run, new_user_messages
from runspec.server.state import Store, StoredMessage, Thread
from runspec.server.stream import stream_body, timed_frames

__all__ = ["DEFAULT_API_KEY", "ServerConfig", "create_app"]

logger = logging.getLogger("runspec.server")

DEFAULT_API_KEY = "sk-local-test"
_NO_CACHE = {"Cache-Control": "no-cache"}
OPENAI_VERSION = b"2020-10-01"


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """Everything :func:`create_app` can be told; see its docstring."""

    api_keys: tuple[str, ...] = (DEFAULT_API_KEY,)
    assistants: tuple[Assistant, ...] = ()
    any_assistant: bool = False
    run_duration: float = 0.0
    max_threads: int = 10_000
    max_body_bytes: int = 2**20
    max_body_values: int = MAX_VALUES
    max_stored_bytes: int = 256 * 2**20
    fault_injection: bool = False
    spec_path: Path = field(default=SPEC_PATH)


def create_app(
    *,
    api_keys: Sequence[str] = (DEFAULT_API_KEY,),
    assistants: Iterable[Assistant] = (),
    any_assistant: bool = False,
    run_duration: float = 0.0,
    max_threads: int = 10_000,
    max_body_bytes: int = 2**20,
    max_body_values: int = MAX_VALUES,
    max_stored_bytes: int = 256 * 2**20,
    fault_injection: bool = False,
    spec_path: str | Path = SPEC_PATH,
) -> Starlette:
    """The reference server's ASGI app.

    ``api_keys``: accepted keys. ``assistants``: added to (or replacing, by id) the seeded
    ``asst_abc123``. ``any_assistant``: accept every well-formed ``asst_...`` id, creating it on
    first use. ``run_duration``: seconds a run stays active (0: terminal at once).
    ``max_threads``: threads kept, least recently used evicted. ``max_body_bytes``: larger
    bodies get 413. ``max_body_values``: bodies holding more JSON values (array items and object
    members at any level; see :func:`~runspec.server.jsonwire.count_values`) get 400, before
    any object is built from them (what a body costs is its values, not its bytes).
    ``max_stored_bytes``: memory the store may take, about (see :mod:`runspec.server.state`).
    ``fault_injection``: honour the ``x-runspec-fault`` header (tests only). ``spec_path``: the
    spec to serve.

    The app's ``state`` holds ``config`` (:class:`ServerConfig`) and ``store``
    (:class:`~runspec.server.state.Store`).
    """
    if not api_keys:
        raise ValueError("at least one API key is needed")
    if run_duration < 0:
        raise ValueError("run_duration must not be negative")
    config = ServerConfig(
        api_keys=tuple(api_keys),
        assistants=tuple(assistants),
        any_assistant=any_assistant,
        run_duration=float(run_duration),
        max_threads=max_threads,
        max_body_bytes=max_body_bytes,
        max_body_values=max_body_values,
        max_stored_bytes=max_stored_bytes,
        fault_injection=fault_injection,
        spec_path=Path(spec_path),
    )
    spec = compile_spec(config.spec_path.resolve())
    store = Store(
        [DEFAULT_ASSISTANT, *config.assistants],
        any_assistant=config.any_assistant,
        max_threads=config.max_threads,
        max_bytes=config.max_stored_bytes,
    )
    service = RunService(config, store)
    handlers: dict[str, Callable[[RunService, Incoming, RequestChecks], Awaitable[ASGIApp]]] = {
        "createThreadAndRun": RunService.create_thread_and_run,
        "createRun": RunService.create_run,
    }
    routes = []
    keys = frozenset(config.api_keys)
    for compiled in spec.operations:
        operation = compiled.operation
        handler = handlers.get(operation.operation_id)
        if handler is None:
            continue
        checks = RequestChecks(
            compiled,
            api_keys=keys,
            max_body_bytes=config.max_body_bytes,
            max_body_values=config.max_body_values,
        )
        routes.append(
            Route(
                spec.base_path + operation.path,
                _Endpoint(service, handler, checks),
                methods=[operation.method],
                name=operation.operation_id,
            )
        )
    faults = FaultInjector() if fault_injection else None
    app = _App(
        routes=routes,
        faults=faults,
        middleware=[Middleware(OpenAIEnvelope, faults=faults)],
        exception_handlers={
            ApiError: _api_error_response,
            HTTPException: _http_error_response,
            RecursionError: _too_deep_response,
        },
    )
    app.router.redirect_slashes = False
    app.state.config = config
    app.state.store = store
    return app


class _App(Starlette):
    """Starlette, with a short way in for the requests that reach an operation.

    A POST whose path matches an operation's route goes straight to :class:`OpenAIEnvelope` and
    the operation's endpoint, without Starlette's middleware stack and router (about a third of
    the time of a whole request); it is answered as the full stack would. Everything else (wrong
    method, unknown path, a ``root_path``) takes the full stack, which has the same envelope.
    """

    def __init__(self, *, routes: list[Route], faults: FaultInjector | None, **kwargs: Any) -> None:
        super().__init__(routes=routes, **kwargs)
        self._fast_routes: tuple[tuple[re.Pattern[str], Route], ...] = tuple(
            (route.path_regex, route) for route in routes if route.methods == {"POST"}
        )
        self._fast = OpenAIEnvelope(_dispatch, faults=faults)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and not scope.get("root_path"):
            path = scope["path"]
            for regex, route in self._fast_routes:
                match = regex.match(path)
                if match is not None:
                    convertors = route.param_convertors
                    scope["app"] = self
                    scope["endpoint"] = route.endpoint
                    scope["path_params"] = {
                        **scope.get("path_params", {}),
                        **{k: convertors[k].convert(v) for k, v in match.groupdict().items()},
                    }
                    await self._fast(scope, receive, send)
                    return
        await super().__call__(scope, receive, send)


async def _dispatch(scope: Scope, receive: Receive, send: Send) -> None:
    """The endpoint that :class:`_App` matched, with the exception handling of the full stack."""
    started = False

    async def send_tracked(message: Message) -> None:
        nonlocal started
        started = True
        await send(message)

    try:
        await scope["endpoint"](scope, receive, send_tracked)
    except RecursionError:
        if started:
            raise RuntimeError("Caught handled exception, but response already started.") from None
        await errors.nesting_too_deep(MAX_DEPTH).response()(scope, receive, send)


class _Endpoint:
    """One operation as a plain ASGI app (Starlette routes to it without wrapping it)."""

    def __init__(
        self,
        service: RunService,
        handler: Callable[[RunService, Incoming, RequestChecks], Awaitable[ASGIApp]],
        checks: RequestChecks,
    ) -> None:
        self.service = service
        self.handler = handler
        self.checks = checks

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response: ASGIApp
        request = Incoming(scope, receive)
        try:
            response = await self.handler(self.service, request, self.checks)
        except ApiError as error:
            response = error.response()
        finally:
            request.done()
        await response(scope, receive, send)


# ---- the two operations ------------------------------------------------------------------------


class RunService:
    """The handlers of createThreadAndRun and createRun over one store."""

    def __init__(self, config: ServerConfig, store: Store) -> None:
        self.config = config
        self.store = store

    def _assistant(self, assistant_id: str) -> Assistant:
        assistant = self.store.find_assistant(assistant_id)
        if assistant is None:
            raise errors.assistant_not_found(assistant_id)
        return assistant

    def _fails(self, request: Incoming) -> bool:
        return (
            self.config.fault_injection
            and (request.header(FAULT_HEADER.encode()) or "").strip() == STREAM_ERROR
        )

    def _start(
        self,
        request: Incoming,
        body: Any,
        assistant: Assistant,
        thread: Thread,
        messages: list[StoredMessage],
    ) -> Run:
        duration, fail = self.config.run_duration, self._fails(request)
        return self.store.start_run(
            thread,
            messages,
            lambda t: new_run(body, assistant, t, duration=duration, fail=fail),
            time.monotonic(),
        )

    async def create_thread_and_run(self, request: Incoming, checks: RequestChecks) -> ASGIApp:
        checks.preamble(request)
        return await checks.json_body(request, partial(self._thread_and_run, request))

    def _thread_and_run(self, request: Incoming, body: Any) -> ASGIApp:
        assistant = self._assistant(body["assistant_id"])
        spec = body.get("thread") or {}
        thread = Thread(
            id=new_id("thread_"),
            created_at=int(time.time()),
            metadata=spec.get("metadata") or {},
            tool_resources=thread_tool_resources(spec.get("tool_resources")),
        )
        messages = new_user_messages(spec.get("messages"), thread_id=thread.id)
        self.store.add_thread(thread)
        run = self._start(request, body, assistant, thread, messages)
        return _run_response(run, body, thread.encoded)

    async def create_run(self, request: Incoming, checks: RequestChecks) -> ASGIApp:
        checks.preamble(request)
        thread_id: str = request.path_params["thread_id"]
        return await checks.json_body(request, partial(self._run, request, thread_id))

    def _run(self, request: Incoming, thread_id: str, body: Any) -> ASGIApp:
        thread = self.store.find_thread(thread_id)
        if thread is None:
            raise errors.thread_not_found(thread_id)
        assistant = self._assistant(body["assistant_id"])
        messages = new_user_messages(body.get("additional_messages"), thread_id=thread.id)
        run = self._start(request, body, assistant, thread, messages)
        return _run_response(run, body, None)


class _Complete:
    """A 200 response with a body known in full: what Starlette's ``Response`` sends (same
    headers, same order), with the header list built once per media type."""

    __slots__ = ("body", "headers")

    JSON = ((b"content-type", b"application/json"),)
    EVENT_STREAM = ((b"content-type", b"text/event-stream; charset=utf-8"),)

    def __init__(self, body: bytes, headers: tuple[tuple[bytes, bytes], ...]) -> None:
        self.body = body
        self.headers = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        length = (b"content-length", str(len(self.body)).encode())
        cache = self.headers is _Complete.EVENT_STREAM
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [_NO_CACHE_HEADER, length, *self.headers]
                if cache
                else [length, *self.headers],
            }
        )
        await send({"type": "http.response.body", "body": self.body})


_NO_CACHE_HEADER = (b"cache-control", b"no-cache")


def _run_response(run: Run, body: Any, thread: bytes | None) -> ASGIApp:
    if not body.get("stream"):
        return _Complete(run.encode(run.state), _Complete.JSON)
    stream = stream_body(run, thread)
    if run.duration <= 0:
        # A run of no duration: the whole stream is due at once, so it goes in one response
        # body (with Content-Length) instead of one chunk per event.
        return _Complete(stream, _Complete.EVENT_STREAM)
    return StreamingResponse(
        _play(timed_frames(stream, run.duration), run.start),
        media_type="text/event-stream",
        headers=_NO_CACHE,
    )


async def _play(frames: Iterable[tuple[float, bytes]], start: float) -> AsyncIterator[bytes]:
    """Send each frame when it is due: ``start`` (monotonic) plus its offset."""
    for offset, frame in frames:
        target = start + offset
        while (delay := target - time.monotonic()) > 0:
            await asyncio.sleep(delay)
        yield frame


# ---- errors and the headers of every response ------------------------------------------------


def _api_error_response(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return exc.response()


def _http_error_response(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    method, path = request.method, request.url.path
    if exc.status_code == 404:
        return errors.invalid_url(method, path).response()
    if exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow", "POST")
        return errors.method_not_allowed(method, path, allowed).response()
    return ApiError(exc.status_code, exc.detail).response()


def _too_deep_response(request: Request, exc: Exception) -> Response:
    return errors.nesting_too_deep(MAX_DEPTH).response()


class OpenAIEnvelope:
    """Pure ASGI middleware: response headers of the API, fault injection, the 500 body."""

    def __init__(self, app: ASGIApp, faults: FaultInjector | None = None) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        request_id = new_request_id().encode()
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                elapsed = int((time.perf_counter() - start) * 1000)
                headers = list(message.get("headers", ()))
                headers += (
                    (b"x-request-id", request_id),
                    (b"openai-processing-ms", str(elapsed).encode()),
                    (b"openai-version", OPENAI_VERSION),
                )
                message = {**message, "headers": headers}
            await send(message)

        try:
            if self.faults is not None:
                fault = self._fault(scope)
                if fault is not None:
                    await fault.response()(scope, receive, send_with_headers)
                    return
            await self.app(scope, receive, send_with_headers)
        except ClientDisconnect:
            return
        except Exception:
            logger.exception("request %s failed", request_id.decode())
            if not started:
                await errors.server_error().response()(scope, receive, send_with_headers)

    def _fault(self, scope: Scope) -> ApiError | None:
        assert self.faults is not None
        wanted = FAULT_HEADER.encode()
        for name, value in scope.get("headers", ()):
            if name.lower() == wanted:
                return self.faults.error_for(value.decode("latin-1"))
        return None
