"""The hooks module of the contract suite, shared by the schemathesis CLI and by pytest.

The CLI loads it with ``SCHEMATHESIS_HOOKS=runspec.contract.hooks`` (``scripts/contract.py``
sets that); the in-process runner and the tests import it. Importing it

* registers the domain checks of :mod:`runspec.contract.checks` (``schemathesis.toml`` turns
  every check, built-in or ours, on);
* makes streams common: left alone, schemathesis rarely sends ``"stream": true`` (the field is
  optional, nullable and boolean), so fewer than 1% of the answers would be event streams. In
  the fuzzing and stateful phases, about a third of the valid bodies ask for a stream (the others
  keep the ``stream`` they were generated with). Hypothesis draws the choice, so a seed still
  replays the same cases and a failure still shrinks. Stateful scenarios keep the
  thread-creating call as it was generated, since the spec's link reads ``thread_id`` from a
  JSON answer;
* sends the target's own data (:class:`TargetData`): wherever a case carries the spec's example
  assistant or thread (``asst_abc123``, ``thread_abc123``: every case of the examples phase and
  most of the coverage phase), the hook puts in an assistant and a thread the target has, so that
  those phases test runs, not only the 404 path. The CLI's child process reads them from
  ``ASSISTANT_ID`` and ``THREAD_ID``; in-process runs call :func:`use_target`. A method the
  operation does not declare (the coverage phase tries DELETE, PUT, ...) goes to
  :data:`METHOD_PROBE_THREAD` instead, so a server that routes it somewhere destructive harms
  no thread it has;
* keeps the first call of a stateful scenario (createThreadAndRun) a JSON request: the spec's
  link reads ``thread_id`` from its JSON body, and a stream has none (schemathesis would print
  "Could not resolve parameter 'thread_id'" for every such scenario, which reads like a failure);
* drops false alarms (``filter_failure``): a valid createRun on a thread whose previous run is
  still active is answered 400 "already has an active run" by the API, which is the thread's
  state, not a rejection of valid input; a 404 for valid input is right when it names an
  assistant or thread the request sent and the target was never said to have (its message
  quotes the id; a 404 that names nothing, or names a declared id, still fails
  positive_data_acceptance); other methods on these paths need not answer 405 where the full
  Assistants API serves them (:mod:`.methods`);
* reads every answer under :mod:`.bounded`'s limits (``before_call``): no more than
  ``RUNSPEC_CONTRACT_MAX_RESPONSE_BYTES`` of it (``--max-response-mib``), and a JSON body within
  the request timeout after its headers; an answer past either is an error of its case.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import schemathesis
from hypothesis import strategies as st
from schemathesis import Case, HookContext, Response
from schemathesis.core.failures import Failure

from runspec.contract import bounded, checks
from runspec.contract.command import (
    SKIP_ENVIRONMENT,
    environment_assistants,
    environment_threads,
)
from runspec.contract.examples import spec_example_ids
from runspec.contract.facts import spec_facts
from runspec.contract.methods import full_api_methods

__all__ = [
    "CHECK_NAMES",
    "METHOD_PROBE_THREAD",
    "TargetData",
    "before_add_examples",
    "before_call",
    "filter_failure",
    "flatmap_case",
    "map_case",
    "may_stream",
    "use_target",
    "with_target_data",
]

CHECK_NAMES = checks.CHECK_NAMES
# Where the coverage phase sends the methods an operation does not declare: an id of the hosted
# format that no server has, so that whatever such a method does, it does to nothing.
METHOD_PROBE_THREAD = "thread_runspecMethodProbe000000"

_STREAMED_PHASES = frozenset({"fuzzing", "stateful"})
# Hypothesis favours the simplest choice, so a plain boolean (or a two-element sample) comes out
# lopsided; the parity of a wide integer asks for a stream about a third of the time, and
# shrinks towards 0, a JSON request.
_COIN = st.integers(min_value=0, max_value=2**16).map(lambda n: n % 2 == 1)
_ID_KIND = re.compile(r"\b(assistant|thread)\b", re.IGNORECASE)
_QUOTED = re.compile(r"'([^']*)'")
_ACTIVE_RUN = re.compile(r"^Thread \S+ already has an active run \S+\.$")


@dataclass(frozen=True)
class TargetData:
    """What the target has: assistants and threads that exist there, and whether it streams."""

    assistants: tuple[str, ...] = ()
    threads: tuple[str, ...] = ()
    streaming: bool = True

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> TargetData:
        env = os.environ if environ is None else environ
        skipped = {part.strip() for part in env.get(SKIP_ENVIRONMENT, "").split(",")}
        return cls(
            assistants=tuple(environment_assistants(env)),
            threads=tuple(environment_threads(env)),
            streaming="streaming" not in skipped,
        )


_target = TargetData.from_environment()
_response_limit = bounded.environment_limit()


def use_target(
    assistants: Sequence[str] = (), threads: Sequence[str] = (), *, streaming: bool = True
) -> None:
    """Set what the target has, for the cases generated from now on (in-process runs)."""
    global _target
    _target = TargetData(tuple(assistants), tuple(threads), streaming)
    checks.endless_streams.forget()


def _creates_thread(case: Case[Any]) -> bool:
    facts = spec_facts().find(case.operation.method, case.operation.path)
    return facts is not None and facts.creates_thread


@schemathesis.hook
def before_call(context: HookContext, case: Case[Any], kwargs: dict[str, Any]) -> None:
    # A target gone wrong (a gzip bomb, a body that drips) must not take the suite down with it.
    kwargs["hooks"] = bounded.response_hooks(_response_limit)


@schemathesis.hook
def map_case(context: HookContext, case: Case[Any]) -> Case[Any]:
    return with_target_data(case)


@schemathesis.hook
def before_add_examples(context: HookContext, examples: list[Case[Any]]) -> None:
    # The examples phase sends the spec's examples without passing them through map_case.
    for case in examples:
        with_target_data(case)


def with_target_data(case: Case[Any]) -> Case[Any]:
    """``case`` with the target's assistant and thread in place of the spec's examples."""
    target = _target
    example_assistants, example_threads = spec_example_ids()
    body = case.body
    if isinstance(body, dict):
        assistant = body.get("assistant_id")
        if target.assistants and isinstance(assistant, str) and assistant in example_assistants:
            body["assistant_id"] = target.assistants[0]
        phase = case.meta.phase.name.value if case.meta is not None else None
        stateful_start = phase == "stateful" and _creates_thread(case)
        if body.get("stream") is True and (stateful_start or not target.streaming):
            body["stream"] = False
    parameters = case.path_parameters
    thread = parameters.get("thread_id") if parameters else None
    if parameters and thread is not None and case.method.upper() != case.operation.method.upper():
        # A method the operation does not declare may do anything on a careless server (the
        # openai-responses mock deletes the thread on DELETE /threads/{id}/runs): never on a
        # thread the target has. The probe still shows whether the method answers 405.
        parameters["thread_id"] = METHOD_PROBE_THREAD
    elif target.threads and parameters and isinstance(thread, str) and thread in example_threads:
        parameters["thread_id"] = target.threads[0]
    return case


def may_stream(case: Case[Any]) -> bool:
    """Whether the hook may turn ``case`` into a streaming request (see the module docstring)."""
    meta = case.meta
    if meta is None or not isinstance(case.body, dict) or case.body.get("stream") is True:
        return False
    phase = meta.phase.name.value
    if (
        not _target.streaming
        or checks.endless_streams.enough
        or phase not in _STREAMED_PHASES
        or not meta.generation.mode.is_positive
    ):
        return False
    facts = spec_facts().find(case.operation.method, case.operation.path)
    return facts is not None and not (phase == "stateful" and facts.creates_thread)


def _ask_for_stream(case: Case[Any], stream: bool) -> Case[Any]:
    if stream:
        assert isinstance(case.body, dict)
        case.body["stream"] = True
    return case


@schemathesis.hook
def flatmap_case(context: HookContext, case: Case[Any]) -> st.SearchStrategy[Case[Any]]:
    if not may_stream(case):
        return st.just(case)
    return _COIN.map(partial(_ask_for_stream, case))


@schemathesis.hook
def filter_failure(
    context: HookContext, failure: Failure, case: Case[Any], response: Response
) -> bool:
    if "unsupported_method" in failure.checks:
        # A complete server serves the method (200, 404 for an unknown thread, ...): not a 405.
        served = full_api_methods(case.operation.path)
        method = str(getattr(failure, "method", case.method)).upper()
        return getattr(failure, "failure_reason", None) != "wrong_status" or method not in served
    if "allow_header_conformance" in failure.checks:
        # `Allow` may list what a complete server serves, as long as it lists the spec's methods.
        extra = {str(m).upper() for m in getattr(failure, "undocumented_methods", [])}
        missing = getattr(failure, "missing_methods", [])
        return bool(missing) or not extra <= full_api_methods(case.operation.path)
    if "positive_data_acceptance" not in failure.checks:
        return True
    message = _error_message(response)
    if message is None:
        return True
    if response.status_code == 400:
        return not _ACTIVE_RUN.match(message)
    if response.status_code == 404:
        return not _names_an_unknown_id(message, case)
    return True


def _error_message(response: Response) -> str | None:
    try:
        message = json.loads(response.content)["error"]["message"]
    except (ValueError, KeyError, TypeError):
        return None
    return message if isinstance(message, str) else None


def _names_an_unknown_id(message: str, case: Case[Any]) -> bool:
    """Whether a 404's message names an assistant or thread the target was never said to have.

    It must name one (``No thread found with id '...'``): a 404 that names nothing is a missing
    or shadowed route. The id named is the request's, or any quoted in the message (servers
    escape odd characters differently); a declared id never counts as unknown.
    """
    if not _ID_KIND.search(message):
        return False
    declared = {*_target.assistants, *_target.threads}
    sent: list[str] = []
    assistant = case.body.get("assistant_id") if isinstance(case.body, dict) else None
    if isinstance(assistant, str):
        sent.append(assistant)
    thread = (case.path_parameters or {}).get("thread_id")
    if thread is not None:
        sent.append(str(thread))
    named = [value for value in sent if f"'{value}'" in message or (value and value in message)]
    named += _QUOTED.findall(message)
    return any(value not in declared for value in named)
