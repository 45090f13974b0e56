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
    every non-2xx answer is an OpenAI error body with an ``x-request-id``.

The rules live in :mod:`.echo`, :mod:`.grammar` and :mod:`.answers`; this module only reads the
case and response and raises a :class:`ContractFailure` with the problems found.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import cache
from typing import Any, ClassVar, TypeAlias

import schemathesis
from schemathesis import Case, CheckContext, Response
from schemathesis.core.failures import Failure, Severity

from runspec.contract.answers import ErrorBodies, error_answer_errors
from runspec.contract.echo import SchemaView, echo_errors
from runspec.contract.facts import OperationFacts, spec_facts
from runspec.contract.grammar import grammar_errors
from runspec.contract.responses import (
    is_event_stream,
    media_type,
    request_json,
    run_payloads,
    stream_events,
    thread_ids,
)
from runspec.spec import SpecSchemas

__all__ = [
    "CHECK_NAMES",
    "ContractFailure",
    "ErrorNotOpenAI",
    "RunNotEchoed",
    "StreamOutOfOrder",
    "ThreadIdsStayFound",
    "ThreadVanished",
    "errors_are_openai_errors",
    "event_stream_grammar",
    "run_echoes_request",
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


@cache
def _schemas() -> SpecSchemas:
    return SpecSchemas.from_path()


@cache
def _error_bodies() -> ErrorBodies:
    return ErrorBodies(_schemas())


def _facts(case: AnyCase) -> OperationFacts | None:
    return spec_facts().find(case.operation.method, case.operation.path)


def _request_schema(facts: OperationFacts) -> SchemaView | None:
    if facts.request_pointer is None:
        return None
    return SchemaView.at(_schemas().document, facts.request_pointer)


@schemathesis.check
def run_echoes_request(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """A 200 answer's run (every run event of a stream) echoes what the request set."""
    facts = _facts(case)
    request = request_json(response.request)
    if response.status_code != 200 or facts is None or request is None:
        return None
    schema = _request_schema(facts)
    problems: list[str] = []
    for where, run in run_payloads(response.headers, response.content):
        problems.extend(echo_errors(request, run, facts.echoed_fields, label=where, schema=schema))
        for name in facts.echoed_path_parameters:
            sent = case.path_parameters.get(name) if case.path_parameters else None
            if sent is not None and run.get(name) != str(sent):
                problems.append(
                    f"{where}.{name}: {run.get(name)!r}, but the path names {str(sent)!r}"
                )
    if problems:
        raise RunNotEchoed(operation=case.operation.label, problems=problems)
    return None


@schemathesis.check
def event_stream_grammar(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """``stream: true`` gets an event stream, anything else JSON; the stream is in order."""
    facts = _facts(case)
    request = request_json(response.request)
    if response.status_code != 200 or facts is None:
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


class ThreadIdsStayFound:
    """A thread id handed out by a 200 answer never answers 404 later in the run.

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
            if response.status_code == 200:
                for thread_id in thread_ids(response.headers, response.content):
                    self.handed_out.setdefault(thread_id, case.operation.label)
                if isinstance(assistant, str):
                    self.accepted_assistants.add(assistant)
                return None
            if response.status_code != 404 or "thread_id" not in facts.echoed_path_parameters:
                return None
            thread_id = str((case.path_parameters or {}).get("thread_id"))
            source = self.handed_out.get(thread_id)
            if source is None or assistant not in self.accepted_assistants:
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
)
