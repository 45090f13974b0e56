"""Helpers for suites that test against the reference server (ours, the contract suite, the
generated client's): run an ASGI app on a loopback port, and check everything it sends.

:func:`serve_in_thread` starts uvicorn in a daemon thread on a free port of 127.0.0.1 and always
stops it. :class:`ConformanceRecorder` wraps an app and checks each response as it leaves the
server — status documented for the operation, the API's headers, JSON bodies against
``RunObject``/``ErrorResponse``, every streamed event against the spec's event schema and in an
order the official SDK accepts — and records the problems for the test to assert on.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import uvicorn
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from runspec.events import EventValidator, ServerSentEvent, parse_event_stream
from runspec.server.faults import FAULT_HEADER
from runspec.server.http import HttpLimits, limited_protocol
from runspec.server.operations import Operation, base_path, load_operations
from runspec.spec import SpecSchemas, resolve_pointer

__all__ = ["ConformanceRecorder", "LiveServer", "check_event_order", "serve_in_thread"]

RUN_POINTER = "#/components/schemas/RunObject"
ERROR_POINTER = "#/components/schemas/ErrorResponse"
_REQUEST_ID = re.compile(r"req_[0-9a-f]{32}")
# Answers the server gives that no operation documents: other methods, oversized bodies.
UNDOCUMENTED_STATUSES = frozenset({405, 413})
_TERMINAL_RUN_EVENTS = frozenset(
    f"thread.run.{s}"
    for s in ("requires_action", "completed", "incomplete", "failed", "cancelled", "expired")
)


@dataclass(frozen=True, slots=True)
class LiveServer:
    """A running server: ``url`` is its root, ``base_url`` the API's (``.../v1``)."""

    url: str
    base_url: str
    port: int


@contextmanager
def serve_in_thread(
    app: ASGIApp,
    *,
    api_base: str = "/v1",
    timeout: float = 10.0,
    limits: HttpLimits | None = None,
) -> Iterator[LiveServer]:
    """Serve ``app`` with uvicorn on a free loopback port for the duration of the block.

    With ``limits``, uvicorn runs the protocol of ``runspec serve`` (:mod:`runspec.server.http`).
    """
    # IPPROTO_TCP so that asyncio sets TCP_NODELAY on connections (see runspec serve).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port: int = sock.getsockname()[1]
    options: dict[str, Any] = {}
    if limits is not None:
        options["http"] = limited_protocol(limits)
        options["timeout_keep_alive"] = limits.keep_alive_timeout
    config = uvicorn.Config(app, lifespan="off", log_level="warning", access_log=False, **options)
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name=f"uvicorn-{port}", daemon=True
    )
    thread.start()
    try:
        deadline = time.monotonic() + timeout
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start on port {port}")
            time.sleep(0.01)
        url = f"http://127.0.0.1:{port}"
        yield LiveServer(url=url, base_url=url + api_base, port=port)
    finally:
        server.should_exit = True
        thread.join(timeout)
        sock.close()


def check_event_order(
    events: list[ServerSentEvent], *, thread_and_run: bool | None = None
) -> list[str]:
    """Problems with the order of a run's stream (see api-facts: "Server-sent events").

    ``thread.created`` comes first exactly for createThreadAndRun (when ``thread_and_run`` is
    given); no message or step delta precedes its ``created``; one terminal run event, then
    ``done`` last — unless an ``error`` event ends the stream.
    """
    problems: list[str] = []
    names = [e.event for e in events]
    if thread_and_run is not None and (names[:1] == ["thread.created"]) != thread_and_run:
        problems.append(f"first event is {names[:1]}, thread_and_run={thread_and_run}")
    created: set[str] = set()
    for position, event in enumerate(events):
        if event.event in ("done",) or event.data == "[DONE]":
            continue
        try:
            payload = json.loads(event.data)
        except json.JSONDecodeError:
            continue
        object_id = payload.get("id") if isinstance(payload, Mapping) else None
        if event.event in ("thread.message.created", "thread.run.step.created"):
            created.add(f"{event.event.rsplit('.', 1)[0]}:{object_id}")
        elif event.event in ("thread.message.delta", "thread.run.step.delta"):
            owner = event.event.rsplit(".", 1)[0]
            if f"{owner}:{object_id}" not in created:
                problems.append(
                    f"#{position} {event.event} for {object_id} before its created event"
                )
    if "error" in names:
        if names[-1] != "error":
            problems.append("events follow the error event")
        return problems
    if names[-1:] != ["done"]:
        problems.append(f"the stream ends with {names[-1:]}, not done")
    terminal = [n for n in names if n in _TERMINAL_RUN_EVENTS]
    if len(terminal) != 1 or names.index(terminal[0]) != len(names) - 2:
        problems.append(f"expected one terminal run event just before done, got {terminal}")
    return problems


class ConformanceRecorder:
    """ASGI middleware for tests: checks every response against the spec, records problems.

    ``problems`` lists what was wrong (empty is good); ``responses`` counts what was checked.
    """

    def __init__(self, app: ASGIApp, schemas: SpecSchemas | None = None) -> None:
        self.app = app
        self.schemas = schemas or SpecSchemas.from_path()
        self.events = EventValidator(self.schemas)
        self.problems: list[str] = []
        self.responses = 0
        self._lock = threading.Lock()
        prefix = base_path(self.schemas.document)
        self._routes: list[tuple[re.Pattern[str], Operation]] = [
            (
                re.compile(
                    re.escape(prefix) + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(op.path)) + "$"
                ),
                op,
            )
            for op in load_operations(self.schemas.document)
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 0
        headers: dict[str, str] = {}
        chunks: list[bytes] = []

        async def spy(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers.update(
                    (k.decode("latin-1").lower(), v.decode("latin-1"))
                    for k, v in message.get("headers", ())
                )
                with self._lock:
                    self.responses += 1
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    # Checked before the last byte leaves: a client that has the whole
                    # response can rely on its problems being recorded.
                    self._record(scope, status, headers, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, spy)

    def _record(self, scope: Scope, status: int, headers: Mapping[str, str], body: bytes) -> None:
        request_headers = {k.decode("latin-1").lower() for k, _ in scope.get("headers", ())}
        problems = self.check(
            method=scope["method"],
            path=scope["path"],
            status=status,
            headers=headers,
            body=body,
            injected=FAULT_HEADER in request_headers,
        )
        with self._lock:
            self.problems.extend(
                f"{scope['method']} {scope['path']} → {status}: {p}" for p in problems
            )

    def _operation(self, method: str, path: str) -> Operation | None:
        for pattern, operation in self._routes:
            if operation.method == method and pattern.match(path):
                return operation
        return None

    def check(
        self,
        *,
        method: str,
        path: str,
        status: int,
        headers: Mapping[str, str],
        body: bytes,
        injected: bool = False,
    ) -> list[str]:
        """Problems with one response (``headers`` with lower-case names)."""
        problems: list[str] = []
        if not _REQUEST_ID.fullmatch(headers.get("x-request-id", "")):
            problems.append(f"x-request-id is {headers.get('x-request-id')!r}")
        if not headers.get("openai-processing-ms", "").isdigit():
            problems.append(f"openai-processing-ms is {headers.get('openai-processing-ms')!r}")
        if headers.get("openai-version") != "2020-10-01":
            problems.append(f"openai-version is {headers.get('openai-version')!r}")
        operation = self._operation(method, path)
        if operation is not None and not injected:
            documented = self._documented(operation)
            if str(status) not in documented and status not in UNDOCUMENTED_STATUSES:
                problems.append(f"status {status} is not documented for {operation.operation_id}")
        if status >= 500 and not injected:
            problems.append("a 5xx answer without fault injection")
        if status == 429 and "retry-after" not in headers:
            problems.append("429 without Retry-After")
        media_type = headers.get("content-type", "").split(";")[0].strip()
        if media_type == "text/event-stream":
            events = parse_event_stream(body.decode("utf-8"))
            problems.extend(self.events.stream_errors(events))
            thread_and_run = (
                None if operation is None else operation.operation_id == "createThreadAndRun"
            )
            problems.extend(check_event_order(events, thread_and_run=thread_and_run))
            return problems
        if media_type != "application/json":
            return [*problems, f"content-type is {headers.get('content-type')!r}"]
        try:
            document: Any = json.loads(body)
        except ValueError as exc:
            return [*problems, f"body is not JSON: {exc}"]
        pointer = RUN_POINTER if status == 200 else ERROR_POINTER
        problems.extend(self.schemas.errors(document, pointer))
        return problems

    def _documented(self, operation: Operation) -> set[str]:
        escaped = operation.path.replace("~", "~0").replace("/", "~1")
        node = resolve_pointer(
            self.schemas.document, f"#/paths/{escaped}/{operation.method.lower()}"
        )
        return set(node.get("responses", {}))
