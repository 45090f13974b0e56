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
* drops one false alarm: a valid createRun on a thread whose previous run is still active is
  answered 400 "already has an active run" by the API, which is the thread's state, not a
  rejection of valid input (positive_data_acceptance).
"""

from __future__ import annotations

import json
import re
from functools import partial
from typing import Any

import schemathesis
from hypothesis import strategies as st
from schemathesis import Case, HookContext, Response
from schemathesis.core.failures import Failure

from runspec.contract import checks
from runspec.contract.facts import spec_facts

__all__ = ["CHECK_NAMES", "filter_failure", "flatmap_case", "may_stream"]

CHECK_NAMES = checks.CHECK_NAMES

_STREAMED_PHASES = frozenset({"fuzzing", "stateful"})
# Hypothesis favours the simplest choice, so a plain boolean (or a two-element sample) comes out
# lopsided; the parity of a wide integer asks for a stream about a third of the time, and
# shrinks towards 0, a JSON request.
_COIN = st.integers(min_value=0, max_value=2**16).map(lambda n: n % 2 == 1)
_ACTIVE_RUN = re.compile(r"^Thread \S+ already has an active run \S+\.$")


def may_stream(case: Case[Any]) -> bool:
    """Whether the hook may turn ``case`` into a streaming request (see the module docstring)."""
    meta = case.meta
    if meta is None or not isinstance(case.body, dict) or case.body.get("stream") is True:
        return False
    phase = meta.phase.name.value
    if phase not in _STREAMED_PHASES or not meta.generation.mode.is_positive:
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
    if response.status_code != 400 or "positive_data_acceptance" not in failure.checks:
        return True
    try:
        message = json.loads(response.content)["error"]["message"]
    except (ValueError, KeyError, TypeError):
        return True
    return not (isinstance(message, str) and _ACTIVE_RUN.match(message))
