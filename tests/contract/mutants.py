"""Realistic server bugs, each injected as an ASGI wrapper around the reference server.

The contract suite must catch every one of them, for the right reason: each :class:`Mutant` names
the checks that must report it (``caught_by``) and the phases in which the bug shows, so that its
test runs only what it needs. The wrappers change only what the bug is about; everything else is
the reference server's answer, which passes the suite unmodified.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from runspec.contract.facts import spec_facts
from runspec.events import ServerSentEvent, parse_event_stream
from runspec.spec import load_spec, resolve_pointer
from tests.contract.conftest import API_KEY

__all__ = ["MUTANTS", "Answer", "Mutant", "Sent", "Wrapper"]


@dataclass
class Sent:
    """The request as the wrapper received it; ``headers`` with lower-case names."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None


@dataclass
class Answer:
    """The reference server's complete answer, to be rewritten."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()

    def json(self) -> Any:
        return json.loads(self.body)

    def set_json(self, value: Any) -> None:
        self.body = json.dumps(value).encode()

    def events(self) -> list[ServerSentEvent]:
        return parse_event_stream(self.body.decode())

    def set_events(self, events: list[ServerSentEvent]) -> None:
        self.body = "".join(f"event: {e.event}\ndata: {e.data}\n\n" for e in events).encode()


RequestHook = Callable[[Sent], Answer | None]
ResponseHook = Callable[[Sent, Answer], None]


class Wrapper:
    """ASGI middleware: ``on_request`` may edit the request or answer it itself,
    ``on_response`` edits the buffered answer of the wrapped app."""

    def __init__(
        self,
        app: ASGIApp,
        on_request: RequestHook | None = None,
        on_response: ResponseHook | None = None,
    ) -> None:
        self.app = app
        self.on_request = on_request
        self.on_response = on_response

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = Sent(
            method=scope["method"],
            path=scope["path"],
            headers={k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]},
            body=await _read_body(receive),
        )
        answer = self.on_request(sent) if self.on_request else None
        if answer is None:
            answer = await self._call_app(scope, sent)
            if self.on_response is not None:
                self.on_response(sent, answer)
        answer.headers["content-length"] = str(len(answer.body))
        await send(
            {
                "type": "http.response.start",
                "status": answer.status,
                "headers": [
                    (k.encode("latin-1"), v.encode("latin-1")) for k, v in answer.headers.items()
                ],
            }
        )
        await send(
            {"type": "http.response.body", "body": answer.body if sent.method != "HEAD" else b""}
        )

    async def _call_app(self, scope: Scope, sent: Sent) -> Answer:
        headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in sent.headers.items()]
        inner_scope = {**scope, "headers": headers}
        delivered = False

        async def receive() -> Message:
            nonlocal delivered
            if delivered:
                return {"type": "http.disconnect"}
            delivered = True
            return {"type": "http.request", "body": sent.body, "more_body": False}

        answer = Answer(status=500, headers={}, body=b"")
        chunks: list[bytes] = []

        async def send(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer.status = message["status"]
                answer.headers = {
                    k.decode("latin-1").lower(): v.decode("latin-1") for k, v in message["headers"]
                }
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(inner_scope, receive, send)
        answer.body = b"".join(chunks)
        return answer


async def _read_body(receive: Callable[[], Awaitable[Message]]) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


# ---- what the bugs need to know ------------------------------------------------------------------


def _is_run(answer: Answer) -> bool:
    return answer.status == 200 and answer.media_type == "application/json"


def _is_stream(answer: Answer) -> bool:
    return answer.status == 200 and answer.media_type == "text/event-stream"


def _edit_run(change: Callable[[dict[str, Any], Sent], None]) -> ResponseHook:
    """A bug in how the JSON run object is built."""

    def hook(sent: Sent, answer: Answer) -> None:
        if _is_run(answer):
            run = answer.json()
            change(run, sent)
            answer.set_json(run)

    return hook


def _edit_stream(change: Callable[[list[ServerSentEvent]], list[ServerSentEvent]]) -> ResponseHook:
    """A bug in how the event stream is written."""

    def hook(sent: Sent, answer: Answer) -> None:
        if _is_stream(answer):
            answer.set_events(change(answer.events()))

    return hook


def _error(message: str) -> dict[str, Any]:
    return {
        "error": {"message": message, "type": "invalid_request_error", "param": None, "code": None}
    }


def _request_properties() -> frozenset[str]:
    """Every property a request body of the spec declares."""
    document = load_spec()
    names: set[str] = set()
    for operation in spec_facts().operations:
        if operation.request_pointer is not None:
            body = resolve_pointer(document, operation.request_pointer)
            body = resolve_pointer(document, body["$ref"]) if "$ref" in body else body
            names.update(body.get("properties", {}))
    return frozenset(names)


# ---- the bugs -------------------------------------------------------------------------------------


def _created_at_as_text(run: dict[str, Any], sent: Sent) -> None:
    run["created_at"] = str(run["created_at"])


def _status_forgotten(run: dict[str, Any], sent: Sent) -> None:
    del run["status"]


def _model_null(run: dict[str, Any], sent: Sent) -> None:
    run["model"] = None


def _model_from_the_assistant(run: dict[str, Any], sent: Sent) -> None:
    request = sent.json()
    if isinstance(request, Mapping) and isinstance(request.get("model"), str):
        run["model"] = "gpt-4o" if request["model"] != "gpt-4o" else "gpt-4o-mini"


def _created_201(sent: Sent, answer: Answer) -> None:
    if answer.status == 200:
        answer.status = 201


def _crash_on_bad_input(sent: Sent, answer: Answer) -> None:
    if answer.status == 400:
        answer.status = 500
        answer.set_json(
            {
                "error": {
                    "message": "Internal error",
                    "type": "server_error",
                    "param": None,
                    "code": None,
                }
            }
        )


def _framework_validation(sent: Sent, answer: Answer) -> None:
    if answer.status == 400:
        answer.status = 422
        answer.set_json({"detail": [{"loc": ["body"], "msg": "invalid", "type": "value_error"}]})


def _runs_as_text(sent: Sent, answer: Answer) -> None:
    if _is_run(answer):
        answer.headers["content-type"] = "text/plain; charset=utf-8"


def _no_request_id_on_errors(sent: Sent, answer: Answer) -> None:
    if answer.status >= 400:
        answer.headers.pop("x-request-id", None)


def _drop_unknown_properties(sent: Sent) -> Answer | None:
    body = sent.json()
    if isinstance(body, dict):
        known = _request_properties()
        sent.body = json.dumps({k: v for k, v in body.items() if k in known}).encode()
    return None


def _any_key_will_do(sent: Sent) -> Answer | None:
    sent.headers["authorization"] = f"Bearer {API_KEY}"
    return None


def _beta_header_optional(sent: Sent) -> Answer | None:
    sent.headers["openai-beta"] = "assistants=v2"
    return None


def _beta_header_assumed_when_absent(sent: Sent) -> Answer | None:
    sent.headers.setdefault("openai-beta", "assistants=v2")
    return None


def _other_methods_not_found(sent: Sent) -> Answer | None:
    if sent.method == "POST":
        return None
    error = {"message": "Not found.", "type": "invalid_request_error", "param": None, "code": None}
    body = json.dumps({"error": error}).encode()
    return Answer(404, {"content-type": "application/json", "x-request-id": "req_0"}, body)


def _no_done(events: list[ServerSentEvent]) -> list[ServerSentEvent]:
    return [e for e in events if e.event != "done"]


def _delta_first(events: list[ServerSentEvent]) -> list[ServerSentEvent]:
    names = [e.event for e in events]
    if "thread.message.delta" not in names or "thread.message.created" not in names:
        return events
    delta = events.pop(names.index("thread.message.delta"))
    events.insert(names.index("thread.message.created"), delta)
    return events


def _run_created_at_as_text(events: list[ServerSentEvent]) -> list[ServerSentEvent]:
    edited = []
    for event in events:
        if event.event == "thread.run.created":
            run = json.loads(event.data)
            run["created_at"] = str(run["created_at"])
            event = ServerSentEvent(event.event, json.dumps(run))
        edited.append(event)
    return edited


@dataclass
class _ForgetfulStore:
    """Threads made by createThreadAndRun are never stored: running one again answers 404."""

    handed_out: set[str] = field(default_factory=set)

    def on_request(self, sent: Sent) -> Answer | None:
        parts = sent.path.strip("/").split("/")  # v1, threads, {id}, runs
        if len(parts) == 4 and parts[3] == "runs" and parts[2] in self.handed_out:
            headers = {"content-type": "application/json", "x-request-id": "req_" + "0" * 32}
            message = f"No thread found with id '{parts[2]}'."
            return Answer(404, headers, json.dumps(_error(message)).encode())
        return None

    def on_response(self, sent: Sent, answer: Answer) -> None:
        if _is_run(answer):
            self.handed_out.add(answer.json()["thread_id"])
        elif _is_stream(answer):
            for event in answer.events():
                if event.event == "thread.created":
                    self.handed_out.add(json.loads(event.data)["id"])


def _forgetful(app: ASGIApp) -> ASGIApp:
    store = _ForgetfulStore()
    return Wrapper(app, on_request=store.on_request, on_response=store.on_response)


# ---- the list ---------------------------------------------------------------------------------------

EXAMPLES, COVERAGE, FUZZING, STATEFUL = ("examples",), ("coverage",), ("fuzzing",), ("stateful",)


@dataclass(frozen=True)
class Mutant:
    """One bug: how to inject it, which checks must catch it, and where it shows."""

    name: str
    bug: str
    wrap: Callable[[ASGIApp], ASGIApp]
    caught_by: frozenset[str]
    phases: tuple[str, ...]
    max_examples: int = 10
    operation_ids: tuple[str, ...] | None = None

    def __str__(self) -> str:
        return self.name


def _responses(hook: ResponseHook) -> Callable[[ASGIApp], ASGIApp]:
    return lambda app: Wrapper(app, on_response=hook)


def _requests(hook: RequestHook) -> Callable[[ASGIApp], ASGIApp]:
    return lambda app: Wrapper(app, on_request=hook)


MUTANTS: tuple[Mutant, ...] = (
    Mutant(
        "wrong-type",
        "created_at of a run is sent as a string",
        _responses(_edit_run(_created_at_as_text)),
        frozenset({"response_schema_conformance"}),
        EXAMPLES,
    ),
    Mutant(
        "missing-required-field",
        "the run object has no status",
        _responses(_edit_run(_status_forgotten)),
        frozenset({"response_schema_conformance"}),
        EXAMPLES,
    ),
    Mutant(
        "null-not-allowed",
        "the run's model is null",
        _responses(_edit_run(_model_null)),
        frozenset({"response_schema_conformance"}),
        EXAMPLES,
    ),
    Mutant(
        "wrong-status",
        "a new run is answered 201 Created instead of 200",
        _responses(_created_201),
        frozenset({"status_code_conformance", "positive_data_acceptance"}),
        EXAMPLES,
    ),
    Mutant(
        "crash-on-malformed-input",
        "invalid input crashes the server (500) instead of a 400",
        _responses(_crash_on_bad_input),
        frozenset({"not_a_server_error"}),
        FUZZING,
    ),
    Mutant(
        "framework-validation-error",
        "invalid input gets the web framework's 422 {detail: ...} instead of the OpenAI 400",
        _responses(_framework_validation),
        frozenset({"errors_are_openai_errors", "status_code_conformance"}),
        FUZZING,
    ),
    Mutant(
        "accepts-unknown-property",
        "unknown body properties are silently dropped instead of rejected",
        _requests(_drop_unknown_properties),
        frozenset({"negative_data_rejection"}),
        # The coverage phase sends the "unexpected property" case on purpose; fuzzing rarely does.
        COVERAGE,
        operation_ids=("createThreadAndRun",),
    ),
    Mutant(
        "ignores-auth",
        "any Authorization header, or none, is accepted",
        _requests(_any_key_will_do),
        frozenset({"ignored_auth"}),
        EXAMPLES,
    ),
    Mutant(
        "ignores-beta-header",
        "a missing or wrong OpenAI-Beta header is accepted",
        _requests(_beta_header_optional),
        frozenset({"negative_data_rejection"}),
        FUZZING,
    ),
    Mutant(
        "beta-header-assumed",
        "a request without OpenAI-Beta is served as if it said assistants=v2",
        _requests(_beta_header_assumed_when_absent),
        frozenset({"missing_required_header"}),
        COVERAGE,
    ),
    Mutant(
        "other-methods-not-found",
        "GET, PUT, DELETE ... on the two paths answer 404 instead of 405 with Allow",
        _requests(_other_methods_not_found),
        frozenset({"unsupported_method"}),
        COVERAGE,
    ),
    Mutant(
        "wrong-content-type",
        "runs are sent as text/plain",
        _responses(_runs_as_text),
        frozenset({"content_type_conformance"}),
        EXAMPLES,
    ),
    Mutant(
        "no-request-id-on-errors",
        "error answers lack x-request-id",
        _responses(_no_request_id_on_errors),
        frozenset({"errors_are_openai_errors", "response_headers_conformance"}),
        # Not EXAMPLES: the examples now name the target's own thread, so they get no error.
        COVERAGE,
    ),
    Mutant(
        "missing-done",
        "streams end without the done event",
        _responses(_edit_stream(_no_done)),
        frozenset({"event_stream_grammar"}),
        FUZZING,
        max_examples=30,
        operation_ids=("createThreadAndRun",),
    ),
    Mutant(
        "delta-before-created",
        "the first message delta is sent before thread.message.created",
        _responses(_edit_stream(_delta_first)),
        frozenset({"event_stream_grammar"}),
        FUZZING,
        max_examples=30,
        operation_ids=("createThreadAndRun",),
    ),
    Mutant(
        "bad-event-payload",
        "thread.run.created carries created_at as a string",
        _responses(_edit_stream(_run_created_at_as_text)),
        frozenset({"response_schema_conformance"}),
        FUZZING,
        max_examples=30,
        operation_ids=("createThreadAndRun",),
    ),
    Mutant(
        "vanishing-thread",
        "threads made by createThreadAndRun are not kept: running them again answers 404",
        _forgetful,
        frozenset({"thread_ids_stay_found"}),
        STATEFUL,
    ),
    Mutant(
        "override-not-echoed",
        "the run reports the assistant's model, not the requested one",
        _responses(_edit_run(_model_from_the_assistant)),
        frozenset({"run_echoes_request"}),
        EXAMPLES,
    ),
)


# ---- lifecycle and stream bugs (issue 12: lifecycle_*, stream_* checks; any 2xx is judged) --------
# Kept in one block at the end of the list; each names the new check that must catch it.


def _timestamps_in_milliseconds(run: dict[str, Any], sent: Sent) -> None:
    for name, value in run.items():
        if name.endswith("_at") and isinstance(value, int):
            run[name] = value * 1000


def _expires_before_created(run: dict[str, Any], sent: Sent) -> None:
    run["expires_at"] = run["created_at"] - 600


def _queued_but_finished(run: dict[str, Any], sent: Sent) -> None:
    run["completed_at"] = run["created_at"]
    run["last_error"] = {"code": "server_error", "message": "Something went wrong."}


def _edit_events(name: str, change: Callable[[dict[str, Any]], None]) -> ResponseHook:
    """A bug in the payload of every event called ``name``."""

    def rewrite(events: list[ServerSentEvent]) -> list[ServerSentEvent]:
        edited = []
        for event in events:
            if event.event == name:
                payload = json.loads(event.data)
                change(payload)
                event = ServerSentEvent(event.event, json.dumps(payload))
            edited.append(event)
        return edited

    return _edit_stream(rewrite)


def _usage_forgotten(run: dict[str, Any]) -> None:
    run["usage"] = None


def _last_delta_lost(events: list[ServerSentEvent]) -> list[ServerSentEvent]:
    deltas = [i for i, e in enumerate(events) if e.event == "thread.message.delta"]
    return [e for i, e in enumerate(events) if not deltas or i != deltas[-1]]


def _nulls_left_out(events: list[ServerSentEvent]) -> list[ServerSentEvent]:
    edited = []
    for event in events:
        payload = event.json() if event.data.startswith("{") else None
        if isinstance(payload, dict):
            kept = {k: v for k, v in payload.items() if v is not None}
            event = ServerSentEvent(event.event, json.dumps(kept))
        edited.append(event)
    return edited


def _error_types_made_up(sent: Sent, answer: Answer) -> None:
    if answer.status >= 400 and answer.media_type == "application/json" and sent.method != "HEAD":
        body = answer.json()
        body["error"]["type"] = "api_error"
        answer.set_json(body)


def _header_errors_without_code(sent: Sent, answer: Answer) -> None:
    if answer.status == 400 and answer.media_type == "application/json" and sent.method != "HEAD":
        body = answer.json()
        if body["error"]["code"] == "invalid_beta":
            body["error"]["code"] = None
            answer.set_json(body)


@dataclass
class _StreamsAsCreatedRuns:
    """A server whose streaming path is missing: ``stream: true`` gets the JSON run, as 201."""

    asked_for_stream: set[int] = field(default_factory=set)

    def on_request(self, sent: Sent) -> Answer | None:
        body = sent.json()
        if isinstance(body, dict) and body.get("stream") is True:
            sent.body = json.dumps({**body, "stream": False}).encode()
            self.asked_for_stream.add(id(sent))
        return None

    def on_response(self, sent: Sent, answer: Answer) -> None:
        if id(sent) in self.asked_for_stream:
            self.asked_for_stream.discard(id(sent))
            _created_201(sent, answer)


def _created_201_and_ignores_stream(app: ASGIApp) -> ASGIApp:
    server = _StreamsAsCreatedRuns()
    return Wrapper(app, on_request=server.on_request, on_response=server.on_response)


def _created_201_with_the_assistants_model(sent: Sent, answer: Answer) -> None:
    _edit_run(_model_from_the_assistant)(sent, answer)
    _created_201(sent, answer)


def _null_descriptions(run: dict[str, Any], sent: Sent) -> None:
    # What the openai-responses mock does: an unset optional string comes back as null.
    for tool in run.get("tools") or []:
        if tool.get("type") == "function":
            tool["function"]["description"] = None


def _created_201_with_null_descriptions(sent: Sent, answer: Answer) -> None:
    _edit_run(_null_descriptions)(sent, answer)
    _created_201(sent, answer)


MUTANTS += (
    Mutant(
        "timestamps-in-milliseconds",
        "a run's timestamps are Unix milliseconds",
        _responses(_edit_run(_timestamps_in_milliseconds)),
        frozenset({"lifecycle_timestamps"}),
        EXAMPLES,
    ),
    Mutant(
        "expires-before-created",
        "a new run expires ten minutes before it was created",
        _responses(_edit_run(_expires_before_created)),
        frozenset({"lifecycle_timestamps"}),
        EXAMPLES,
    ),
    Mutant(
        "queued-but-finished",
        "a queued run already has completed_at and last_error set",
        _responses(_edit_run(_queued_but_finished)),
        frozenset({"lifecycle_status_fields"}),
        EXAMPLES,
    ),
    Mutant(
        "completed-without-usage",
        "thread.run.completed carries usage: null",
        _responses(_edit_events("thread.run.completed", _usage_forgotten)),
        frozenset({"lifecycle_status_fields"}),
        FUZZING,
        max_examples=30,
        operation_ids=("createThreadAndRun",),
    ),
    Mutant(
        "deltas-do-not-add-up",
        "the last message delta is never sent, the completed message has all the text",
        _responses(_edit_stream(_last_delta_lost)),
        frozenset({"stream_deltas_add_up"}),
        FUZZING,
        max_examples=30,
        operation_ids=("createThreadAndRun",),
    ),
    Mutant(
        "streamed-nulls-left-out",
        "streamed objects leave out their null fields instead of sending null",
        _responses(_edit_stream(_nulls_left_out)),
        frozenset({"stream_objects_complete"}),
        FUZZING,
        max_examples=30,
        operation_ids=("createThreadAndRun",),
    ),
    Mutant(
        "error-type-made-up",
        "every error answer has type api_error, whatever its status",
        _responses(_error_types_made_up),
        frozenset({"lifecycle_error_types"}),
        FUZZING,
    ),
    Mutant(
        "beta-error-without-code",
        "a missing or wrong OpenAI-Beta header is refused with code null, not invalid_beta",
        _responses(_header_errors_without_code),
        frozenset({"lifecycle_error_types"}),
        FUZZING,
        operation_ids=("createThreadAndRun",),
    ),
    Mutant(
        "created-201-ignores-stream",
        '"stream": true gets the JSON run, answered 201',
        _created_201_and_ignores_stream,
        frozenset({"event_stream_grammar"}),
        FUZZING,
        max_examples=30,
        operation_ids=("createThreadAndRun",),
    ),
    Mutant(
        "created-201-null-description",
        "runs are answered 201 and their function tools carry description: null",
        _responses(_created_201_with_null_descriptions),
        frozenset({"undocumented_success_schema"}),
        EXAMPLES,
    ),
    Mutant(
        "created-201-not-echoed",
        "runs are answered 201 and report the assistant's model, not the requested one",
        _responses(_created_201_with_the_assistants_model),
        frozenset({"run_echoes_request"}),
        EXAMPLES,
    ),
)


# ---- i12a: the whole picture, the user's data, 404 only for unknown ids ---------------------------
# Mutants of the runner half of issue 12: they must fail runs that run every phase fully and send
# the target's own ids (the preflight's thread) in the examples and coverage phases.


def _not_found(message: str) -> Answer:
    headers = {"content-type": "application/json", "x-request-id": "req_" + "0" * 32}
    return Answer(404, headers, json.dumps(_error(message)).encode())


def _thread_and_run_shadowed(sent: Sent) -> Answer | None:
    """Another route (say GET/POST /threads/{thread_id}) catches POST /threads/runs first."""
    if sent.method == "POST" and sent.path.rstrip("/").endswith("/threads/runs"):
        return _not_found("Not found.")
    return None


@dataclass
class _FirstThreadOnly:
    """The first thread the server hands out (the preflight's) answers 404 to every later run."""

    first: str | None = None

    def on_request(self, sent: Sent) -> Answer | None:
        parts = sent.path.strip("/").split("/")  # v1, threads, {id}, runs
        if self.first is not None and len(parts) == 4 and parts[2] == self.first:
            return _not_found(f"No thread found with id '{self.first}'.")
        return None

    def on_response(self, sent: Sent, answer: Answer) -> None:
        if self.first is None and _is_run(answer):
            self.first = answer.json()["thread_id"]


def _first_thread_forgotten(app: ASGIApp) -> ASGIApp:
    store = _FirstThreadOnly()
    return Wrapper(app, on_request=store.on_request, on_response=store.on_response)


MUTANTS += (
    Mutant(
        "thread-and-run-shadowed",
        "POST /threads/runs is shadowed by another route: 404 'Not found.' for every body",
        _requests(_thread_and_run_shadowed),
        frozenset({"positive_data_acceptance"}),
        EXAMPLES,
        operation_ids=("createThreadAndRun",),
    ),
    Mutant(
        "handed-out-thread-not-found",
        "the thread the server handed out first answers 404 to later runs on it",
        _first_thread_forgotten,
        frozenset({"positive_data_acceptance"}),
        EXAMPLES,
        operation_ids=("createRun",),
    ),
)
