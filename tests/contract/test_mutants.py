"""Proof that the suite tests something: every injected server bug fails it, for its reason.

Each mutant runs the quick profile narrowed to the phases (and operations) where its bug shows,
with a fixed seed and without shrinking (finding the bug is the point, not minimising it);
test_suite.py shows the unmodified server passes the same suite.
"""

from __future__ import annotations

import pytest

from runspec.contract.runner import run_in_process
from runspec.contract.summary import render_markdown
from runspec.server import create_app
from tests.contract.mutants import MUTANTS, Mutant

# The kinds of bug the suite must catch, as the issue lists them, and the mutant of each.
REQUIRED_KINDS = {
    "a field with the wrong type": "wrong-type",
    "a missing required field": "missing-required-field",
    "null where not allowed": "null-not-allowed",
    "a wrong status code": "wrong-status",
    "500 on malformed input": "crash-on-malformed-input",
    "accepting an unknown property": "accepts-unknown-property",
    "ignoring auth": "ignores-auth",
    "a wrong content type": "wrong-content-type",
    "a missing done": "missing-done",
    "a delta before its created": "delta-before-created",
    "a thread that vanishes": "vanishing-thread",
    "an override not echoed": "override-not-echoed",
}


def test_every_kind_of_bug_has_a_mutant() -> None:
    names = [mutant.name for mutant in MUTANTS]
    assert len(names) == len(set(names)) >= 12
    assert set(REQUIRED_KINDS.values()) <= set(names)


@pytest.mark.slow
@pytest.mark.parametrize("mutant", MUTANTS, ids=str)
def test_the_suite_catches_the_bug(mutant: Mutant, api_key: str) -> None:
    app = mutant.wrap(create_app(api_keys=[api_key], any_assistant=True))
    tally = run_in_process(
        app,
        api_key=api_key,
        profile="quick",
        seed=0,
        phases=mutant.phases,
        max_examples=mutant.max_examples,
        operation_ids=mutant.operation_ids,
        shrink=False,
    )
    failed = set(tally.failed_checks)
    assert mutant.caught_by <= failed, f"{mutant.bug}: not caught\n{render_markdown(tally)}"
    assert not tally.errors, tally.errors
