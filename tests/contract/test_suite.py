"""The contract suite against the reference server, in-process: it keeps the contract.

This is the suite ``make contract`` runs (same configuration, phases, checks and hooks), with
the quick profile and a fixed seed, through schemathesis's engine instead of its CLI.
"""

from __future__ import annotations

import pytest
from starlette.types import ASGIApp

from runspec.contract.checks import CHECK_NAMES
from runspec.contract.profiles import PHASES
from runspec.contract.runner import run_in_process
from runspec.contract.summary import Tally, render_markdown
from runspec.server import create_app
from tests.contract.conftest import PATHS

pytestmark = pytest.mark.slow


def reference_server(api_key: str) -> ASGIApp:
    """The server as ``make contract`` starts it: any well-formed assistant id is accepted."""
    return create_app(api_keys=[api_key], any_assistant=True, max_threads=1_000_000)


@pytest.fixture(scope="module")
def clean_run(api_key: str) -> Tally:
    return run_in_process(reference_server(api_key), api_key=api_key, profile="quick", seed=0)


def test_the_reference_server_keeps_the_contract(clean_run: Tally) -> None:
    assert clean_run.passed, render_markdown(clean_run)


def test_every_phase_tests_every_operation(clean_run: Tally) -> None:
    labels = {f"POST {path}" for path in PATHS.values()}
    assert set(clean_run.operations) == labels
    for label in labels:
        cases = clean_run.operations[label].cases
        assert all(cases[phase] > 0 for phase in PHASES), (label, dict(cases))
    assert clean_run.stateful_steps >= 20


def test_the_domain_checks_are_registered_for_the_run() -> None:
    from schemathesis.checks import CHECKS

    assert set(CHECK_NAMES) <= set(CHECKS.get_all_names())
