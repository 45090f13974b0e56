"""The domain checks schemathesis lacks, registered with ``@schemathesis.check``.

Importing this module registers them (:mod:`runspec.contract.hooks` does, for the CLI and for
pytest). Each is named in reports and in ``schemathesis.toml`` by its snake_case name:

``thread_ids_stay_found``
    a thread id handed out by an earlier answer never answers 404 later in the run;
``run_echoes_request``
    the new run echoes ``assistant_id``, the path's ``thread_id`` and every override given;
``event_stream_grammar``
    a ``stream: true`` request gets an event stream, and the stream is in order;
``errors_are_openai_errors``
    every non-2xx answer is an OpenAI error body with an ``x-request-id``;
``lifecycle_timestamps``
    timestamps are Unix seconds near the answer's time, none before ``created_at``, and
    ``expires_at`` after it;
``lifecycle_status_fields``
    each object's ``*_at`` fields, and a run's ``required_action``, ``last_error``,
    ``incomplete_details``, ``usage``, ``started_at`` and ``expires_at``, fit its status;
``lifecycle_error_types``
    an error's ``type`` (and ``code`` where the API fixed one) fits the HTTP status;
``stream_objects_complete``
    every streamed object carries every field its schema requires (nullable ones as null);
``stream_deltas_add_up``
    a streamed message's text deltas add up to its completed text;
``undocumented_success_schema``
    a JSON answer whose 2xx status the spec does not document (a 201) still has the body of the
    documented success: schemathesis judges bodies of documented statuses only
    (:mod:`.successes`);
``stream_ends``
    a stream closes after ``done``, within the request timeout. After
    :data:`ENDLESS_STREAMS_ENOUGH` streams that did not, the hooks ask for no more (each costs
    the whole timeout).

The checks that read a run (echo, stream, lifecycle) judge answers to POST requests with a
schema-valid body, whatever their 2xx status: a server answering 201, or JSON to
``"stream": true``, must not escape them. An invalid body that was wrongly accepted is the
business of ``negative_data_rejection`` alone, and an answer to another method (a complete
server's "delete thread" on ``/threads/{thread_id}``) is not a run.

The rules live in :mod:`.echo`, :mod:`.grammar`, :mod:`.answers`, :mod:`.lifecycle` and
:mod:`.streamed`; this module only reads the case and response and raises a
:class:`ContractFailure` with the problems found.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping, Sequence
from email.utils import parsedate_to_datetime
from functools import cache
from typing import Any, ClassVar, TypeAlias
from urllib.parse import unquote

import schemathesis
from schemathesis import Case, CheckContext, Response
from schemathesis.core.failures import Failure, Severity
from schemathesis.core.parameters import ParameterLocation
from schemathesis.core.transport import DEFAULT_RESPONSE_TIMEOUT

from runspec.contract.answers import ErrorBodies, error_answer_errors
from runspec.contract.echo import SchemaView, echo_errors
from runspec.contract.facts import RUN_POINTER, OperationFacts, spec_facts
from runspec.contract.grammar import grammar_errors
from runspec.contract.lifecycle import (
    error_code_errors,
    error_type_errors,
    status_errors,
    timestamp_errors,
)
from runspec.contract.responses import (
    is_event_stream,
    media_type,
    request_json,
    run_payloads,
    stream_events,
    thread_ids,
)
from runspec.contract.shapes import object_shapes
from runspec.contract.streamed import (
    delta_errors,
    incomplete_object_errors,
    unended_stream_problem,
)
from runspec.contract.successes import undocumented_success_errors
from runspec.events import EventValidator
from runspec.spec import SpecSchemas, resolve_pointer

__all__ = [
    "CHECK_NAMES",
    "ENDLESS_STREAMS_ENOUGH",
    "ContractFailure",
    "DeltasDoNotAddUp",
    "EndlessStreams",
    "ErrorNotOpenAI",
    "ErrorTypeMismatch",
    "RunNotEchoed",
    "StatusFieldsMismatch",
    "StreamNeverEnds",
    "StreamOutOfOrder",
    "StreamedObjectIncomplete",
    "ThreadIdsStayFound",
    "ThreadVanished",
    "TimestampsWrong",
    "UndocumentedSuccessMismatch",
    "endless_streams",
    "errors_are_openai_errors",
    "event_stream_grammar",
    "lifecycle_error_types",
    "lifecycle_status_fields",
    "lifecycle_timestamps",
    "run_echoes_request",
    "stream_deltas_add_up",
    "stream_ends",
    "stream_objects_complete",
    "undocumented_success_schema",
]

AnyCase: TypeAlias = Case[Any]

# Problems listed in one failure; the rest are counted.
_MAX_LISTED = 8


class ContractFailure(Failure):
    """A domain rule broken by one response; ``checks`` names the check that found it."""

    code: ClassVar[str] = "ST901"

    def __init__(self, *, operation: str, problems: Sequence[str]) -> None:
        unique = list(dict.fromkeys(problems))
        lines = [f"- {p}" for p in unique[:_MAX_LISTED]]
        if len(unique) > _MAX_LISTED:
            lines.append(f"- ... and {len(unique) - _MAX_LISTED} more")
        super().__init__(operation=operation, message="\n".join(lines), severity=Severity.HIGH)


class ThreadVanished(ContractFailure):
    checks = ("thread_ids_stay_found",)
    kind_title = "A thread handed out earlier answers 404"


class RunNotEchoed(ContractFailure):
    checks = ("run_echoes_request",)
    kind_title = "The run does not echo the request"


class StreamOutOfOrder(ContractFailure):
    checks = ("event_stream_grammar",)
    kind_title = "The event stream is out of order"


class ErrorNotOpenAI(ContractFailure):
    checks = ("errors_are_openai_errors",)
    kind_title = "An error answer is not an OpenAI error"


class TimestampsWrong(ContractFailure):
    checks = ("lifecycle_timestamps",)
    kind_title = "A timestamp is not Unix seconds near the answer's time, or out of order"


class StatusFieldsMismatch(ContractFailure):
    checks = ("lifecycle_status_fields",)
    kind_title = "An object's fields do not fit its status"


class ErrorTypeMismatch(ContractFailure):
    checks = ("lifecycle_error_types",)
    kind_title = "An error's type or code does not fit its HTTP status"


class StreamedObjectIncomplete(ContractFailure):
    checks = ("stream_objects_complete",)
    kind_title = "A streamed object lacks a required field"


class DeltasDoNotAddUp(ContractFailure):
    checks = ("stream_deltas_add_up",)
    kind_title = "A message's deltas do not add up to the completed message"


class UndocumentedSuccessMismatch(ContractFailure):
    checks = ("undocumented_success_schema",)
    kind_title = "An answer of an undocumented success status breaks the documented schema"


class StreamNeverEnds(ContractFailure):
    checks = ("stream_ends",)
    kind_title = "The event stream does not end"


# Streams that did not end, after which the hooks stop asking for more: a few show the bug, and
# each costs the whole request timeout (at 10 s, a hundred would add a quarter of an hour).
ENDLESS_STREAMS_ENOUGH = 3


class EndlessStreams:
    """How many streams of this run did not end (:func:`stream_ends` counts, the hooks read)."""

    def __init__(self) -> None:
        self._seen = 0
        self._lock = threading.Lock()

    def add(self) -> None:
        with self._lock:
            self._seen += 1

    @property
    def enough(self) -> bool:
        return self._seen >= ENDLESS_STREAMS_ENOUGH

    def forget(self) -> None:
        """A new run starts (in-process runs share the module)."""
        with self._lock:
            self._seen = 0


endless_streams = EndlessStreams()


@cache
def _schemas() -> SpecSchemas:
    return SpecSchemas.from_path()


@cache
def _error_bodies() -> ErrorBodies:
    return ErrorBodies(_schemas())


def _facts(case: AnyCase) -> OperationFacts | None:
    return spec_facts().find(case.operation.method, case.operation.path)


@cache
def _required_by_event() -> Mapping[str, tuple[str, ...]]:
    """The fields each event's payload schema requires, by event name."""
    document = _schemas().document
    required: dict[str, tuple[str, ...]] = {}
    for name, pointer in EventValidator(_schemas()).payload_pointers.items():
        if pointer is not None:
            schema = resolve_pointer(document, pointer)
            required[name] = tuple(schema.get("required", ()))
    return required


def _judged(case: AnyCase, response: Response) -> OperationFacts | None:
    """The operation, when ``response`` is a 2xx answer to a POST with a schema-valid body."""
    if not 200 <= response.status_code < 300:
        return None
    if (response.request.method or "").upper() != "POST":
        return None
    if case.meta is not None and case.meta.generation.mode.is_negative:
        return None
    return _facts(case)


def _sent_headers(response: Response) -> dict[str, str]:
    """The request's headers as sent, by lower-case name."""
    return {
        name.lower(): value.decode("latin-1") if isinstance(value, bytes) else value
        for name, value in response.request.headers.items()
    }


def _bearer_key_given(headers: Mapping[str, str]) -> bool | None:
    """Whether the request gave a Bearer key; ``None`` for another kind of credentials."""
    value = headers.get("authorization")
    if value is None:
        return False
    scheme, _, key = value.strip().partition(" ")
    return True if scheme.lower() == "bearer" and key.strip() else None


def _only_bad_headers(case: AnyCase, response: Response) -> list[str]:
    """The spec's header parameters the request got wrong, when they are all it got wrong.

    Only a generated case says which of its parts were made invalid; the rest of it (path,
    query, body) must be valid and sent as JSON, or the server may rightly refuse that first.
    """
    facts = _facts(case)
    meta = case.meta
    if facts is None or meta is None or response.request.method != facts.method:
        return []
    if any(
        location != ParameterLocation.HEADER and not info.mode.is_positive
        for location, info in meta.components.items()
    ):
        return []
    sent = _sent_headers(response)
    if "application/json" not in sent.get("content-type", ""):
        return []
    validators = _header_validators(facts.method, facts.path)
    return [
        name
        for name, validator in validators.items()
        if name not in sent or not validator.is_valid(sent[name])
    ]


@cache
def _header_validators(method: str, path: str) -> Mapping[str, Any]:
    """A validator for each required header parameter of the operation, by lower-case name."""
    document = _schemas().document
    item = document["paths"][path]
    operation = item[method.lower()]
    validators: dict[str, Any] = {}
    for parameter in [*item.get("parameters", []), *operation.get("parameters", [])]:
        while "$ref" in parameter:
            parameter = resolve_pointer(document, parameter["$ref"])
        if parameter.get("in") == "header" and parameter.get("required"):
            validators[parameter["name"].lower()] = _schemas().schema_validator(
                parameter.get("schema", {})
            )
    return validators


def _answer_time(response: Response) -> float:
    """When the server answered: its ``Date`` header, or this machine's clock without one."""
    for name, values in response.headers.items():
        if name.lower() == "date" and values:
            try:
                return parsedate_to_datetime(values[0]).timestamp()
            except (TypeError, ValueError):
                break
    return time.time()


def _answer_objects(response: Response) -> list[tuple[str, Mapping[str, Any]]]:
    """Every JSON object of an answer with where it is: the body, or each event's payload."""
    if is_event_stream(response.headers):
        found = []
        for index, event in enumerate(stream_events(response.content)):
            payload = _json_object(event.data)
            if payload is not None:
                found.append((f"#{index} {event.event}", payload))
        return found
    payload = _json_object(response.content)
    return [("body", payload)] if payload is not None else []


def _json_object(text: str | bytes) -> Mapping[str, Any] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, Mapping) else None


def _request_schema(facts: OperationFacts) -> SchemaView | None:
    if facts.request_pointer is None:
        return None
    return SchemaView.at(_schemas().document, facts.request_pointer)


@schemathesis.check
def run_echoes_request(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """A 2xx answer's run (every run event of a stream) echoes what the request set."""
    facts = _judged(case, response)
    request = request_json(response.request)
    if facts is None or request is None:
        return None
    schema = _request_schema(facts)
    run_kind = object_shapes().kind_at(RUN_POINTER)
    problems: list[str] = []
    for where, run in run_payloads(response.headers, response.content):
        kind = run.get("object")
        if run_kind is not None and isinstance(kind, str) and kind != run_kind:
            problems.append(f"{where}: the answer is a {kind!r} object, not a {run_kind!r}")
            continue
        problems.extend(echo_errors(request, run, facts.echoed_fields, label=where, schema=schema))
        for name in facts.echoed_path_parameters:
            sent = case.path_parameters.get(name) if case.path_parameters else None
            # The server reads the path decoded; schemathesis may hold the value percent-encoded.
            if sent is not None and run.get(name) not in (str(sent), unquote(str(sent))):
                problems.append(
                    f"{where}.{name}: {run.get(name)!r}, but the path names {unquote(str(sent))!r}"
                )
    if problems:
        raise RunNotEchoed(operation=case.operation.label, problems=problems)
    return None


@schemathesis.check
def event_stream_grammar(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """``stream: true`` gets an event stream, anything else JSON; the stream is in order."""
    facts = _judged(case, response)
    request = request_json(response.request)
    if facts is None:
        return None
    streamed = is_event_stream(response.headers)
    if request is not None:
        wanted = request.get("stream") is True
        if wanted and not streamed:
            problem = (
                f'"stream": true answered with {media_type(response.headers) or "no content type"}'
            )
            raise StreamOutOfOrder(operation=case.operation.label, problems=[problem])
        if streamed and not wanted:
            problem = f'"stream": {request.get("stream", "absent")!r} answered with an event stream'
            raise StreamOutOfOrder(operation=case.operation.label, problems=[problem])
    if not streamed:
        return None
    problems = grammar_errors(
        stream_events(response.content),
        creates_thread=facts.creates_thread,
        complete=not response.stream_cut_short,
    )
    if problems:
        raise StreamOutOfOrder(operation=case.operation.label, problems=problems)
    return None


@schemathesis.check
def errors_are_openai_errors(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """Every non-2xx answer has the OpenAI error body and an ``x-request-id`` header."""
    problems = error_answer_errors(
        _error_bodies(),
        status=response.status_code,
        headers=response.headers,
        body=response.content,
        method=response.request.method or "POST",
    )
    if problems:
        raise ErrorNotOpenAI(operation=case.operation.label, problems=problems)
    return None


@schemathesis.check
def lifecycle_timestamps(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """Timestamps are Unix seconds near the answer's ``Date``; none before ``created_at``."""
    if _judged(case, response) is None:
        return None
    now = _answer_time(response)
    problems: list[str] = []
    for where, value in _answer_objects(response):
        shape = object_shapes().of(value)
        if shape is not None:
            problems.extend(timestamp_errors(value, shape, now=now, where=where))
    if problems:
        raise TimestampsWrong(operation=case.operation.label, problems=problems)
    return None


@schemathesis.check
def lifecycle_status_fields(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """Every object's status-dependent fields fit its status."""
    if _judged(case, response) is None:
        return None
    problems: list[str] = []
    for where, value in _answer_objects(response):
        shape = object_shapes().of(value)
        if shape is not None:
            problems.extend(status_errors(value, shape, where=where))
    if problems:
        raise StatusFieldsMismatch(operation=case.operation.label, problems=problems)
    return None


@schemathesis.check
def lifecycle_error_types(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """An error answer's ``type`` (and fixed ``code``) fits its status."""
    if 200 <= response.status_code < 300:
        return None
    body = _json_object(response.content)
    problems = error_type_errors(response.status_code, body)
    problems += error_code_errors(
        response.status_code,
        body,
        key_given=_bearer_key_given(_sent_headers(response)),
        bad_headers=_only_bad_headers(case, response),
    )
    if problems:
        raise ErrorTypeMismatch(operation=case.operation.label, problems=problems)
    return None


@schemathesis.check
def undocumented_success_schema(
    ctx: CheckContext, response: Response, case: AnyCase
) -> bool | None:
    """A JSON answer with a 2xx status the spec does not document has the documented body."""
    facts = _judged(case, response)
    if facts is None or facts.success is None:
        return None
    problems = undocumented_success_errors(
        _schemas(),
        facts.success,
        response.status_code,
        media_type(response.headers),
        response.content,
    )
    if problems:
        raise UndocumentedSuccessMismatch(operation=case.operation.label, problems=problems)
    return None


@schemathesis.check
def stream_objects_complete(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """Every streamed object carries all the fields its schema requires."""
    if _judged(case, response) is None or not is_event_stream(response.headers):
        return None
    problems = incomplete_object_errors(stream_events(response.content), _required_by_event())
    if problems:
        raise StreamedObjectIncomplete(operation=case.operation.label, problems=problems)
    return None


@schemathesis.check
def stream_deltas_add_up(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """A streamed message's text deltas, joined per part, equal its completed text."""
    if _judged(case, response) is None or not is_event_stream(response.headers):
        return None
    problems = delta_errors(stream_events(response.content))
    if problems:
        raise DeltasDoNotAddUp(operation=case.operation.label, problems=problems)
    return None


@schemathesis.check
def stream_ends(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """A stream closes after ``done``, within the request timeout."""
    if _judged(case, response) is None or not is_event_stream(response.headers):
        return None
    if not response.stream_cut_short:
        return None
    config = case.operation.schema.config
    events = stream_events(response.content)
    if len(events) >= config.max_stream_events_for(operation=case.operation):
        return None  # stopped at the cap of events: a long stream, not one that never ends
    endless_streams.add()
    timeout = config.request_timeout_for(operation=case.operation) or DEFAULT_RESPONSE_TIMEOUT
    raise StreamNeverEnds(
        operation=case.operation.label, problems=[unended_stream_problem(events, float(timeout))]
    )


class ThreadIdsStayFound:
    """A thread id handed out by a 2xx answer never answers 404 later in the run.

    A 404 can also mean "no such assistant", so it only counts when the request's assistant was
    accepted before. Schemathesis builds one instance per run and calls it under a lock; shrinking
    may replay responses, which only re-adds to the sets.
    """

    def __init__(self) -> None:
        self.handed_out: dict[str, str] = {}  # thread id -> the operation that returned it
        self.accepted_assistants: set[str] = set()
        self._lock = threading.Lock()

    def after_response(self, ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
        facts = _facts(case)
        if facts is None:
            return None
        request = request_json(response.request)
        assistant = request.get("assistant_id") if request is not None else None
        with self._lock:
            if 200 <= response.status_code < 300:
                for thread_id in thread_ids(response.headers, response.content):
                    self.handed_out.setdefault(thread_id, case.operation.label)
                if isinstance(assistant, str):
                    self.accepted_assistants.add(assistant)
                return None
            if response.status_code != 404 or "thread_id" not in facts.echoed_path_parameters:
                return None
            thread_id = str((case.path_parameters or {}).get("thread_id"))
            source = self.handed_out.get(thread_id)
            # A non-string assistant_id (an invalid body) never names an accepted assistant.
            if source is None or not isinstance(assistant, str):
                return None
            if assistant not in self.accepted_assistants:
                return None
        raise ThreadVanished(
            operation=case.operation.label,
            problems=[
                f"thread {thread_id!r} was returned by {source} earlier in this run, "
                f"and now answers 404 (assistant {assistant!r} was accepted before)"
            ],
        )


# Reports and `[checks.<name>]` sections use the same snake_case names for every check.
ThreadIdsStayFound.__name__ = "thread_ids_stay_found"
schemathesis.check(ThreadIdsStayFound)

CHECK_NAMES = (
    "thread_ids_stay_found",
    "run_echoes_request",
    "event_stream_grammar",
    "errors_are_openai_errors",
    "lifecycle_timestamps",
    "lifecycle_status_fields",
    "lifecycle_error_types",
    "stream_objects_complete",
    "stream_deltas_add_up",
    "stream_ends",
    "undocumented_success_schema",
)
