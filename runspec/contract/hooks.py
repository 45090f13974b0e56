"""The hooks module of the contract suite, shared by the schemathesis CLI and by pytest.

The CLI loads it with ``SCHEMATHESIS_HOOKS=runspec.contract.hooks`` (``scripts/contract.py``
sets that); the in-process runner and the tests import it. Importing it

* registers the domain checks of :mod:`runspec.contract.checks` (``schemathesis.toml`` turns
  every check, built-in or ours, on);
* makes streams common: left alone, schemathesis rarely sends ``"stream": true`` (the field is
  optional, nullable and boolean), so fewer than 1% of the answers would be event streams. In
  the fuzzing and stateful phases, half of the valid bodies ask for a stream (the others keep
  the ``stream`` they were generated with); the choice is a function of the body, so a seed
  still replays the same cases. Stateful scenarios keep the thread-creating call as it was
  generated, since the spec's link reads ``thread_id`` from a JSON answer;
* drops one false alarm: a valid createRun on a thread whose previous run is still active is
  answered 400 "already has an active run" by the API, which is the thread's state, not a
  rejection of valid input (positive_data_acceptance).
"""

from __future__ import annotations

import json
import re
import zlib
from typing import Any

import schemathesis
from schemathesis import Case, HookContext, Response
from schemathesis.core.failures import Failure

from runspec.contract import checks
from runspec.contract.facts import spec_facts

__all__ = ["CHECK_NAMES", "filter_failure", "map_case", "streams_this"]

CHECK_NAMES = checks.CHECK_NAMES

_STREAMED_PHASES = frozenset({"fuzzing", "stateful"})
_ACTIVE_RUN = re.compile(r"^Thread \S+ already has an active run \S+\.$")


def streams_this(body: dict[str, Any]) -> bool:
    """Whether a valid body should ask for a stream: a stable coin flip on its content."""
    text = json.dumps(body, sort_keys=True, default=str)
    return zlib.crc32(text.encode("utf-8", errors="surrogatepass")) % 2 == 0


@schemathesis.hook
def map_case(context: HookContext, case: Case[Any]) -> Case[Any]:
    meta = case.meta
    if meta is None or not isinstance(case.body, dict) or case.body.get("stream") is True:
        return case
    if meta.phase.name.value not in _STREAMED_PHASES or not meta.generation.mode.is_positive:
        return case
    facts = spec_facts().find(case.operation.method, case.operation.path)
    if facts is None or (meta.phase.name.value == "stateful" and facts.creates_thread):
        return case
    if streams_this(case.body):
        case.body["stream"] = True
    return case


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
