"""The contract suite against the reference server, in-process: it keeps the contract.

This is the suite ``make contract`` runs (same configuration, phases, checks and hooks), with
the quick profile and a fixed seed, through schemathesis's engine instead of its CLI. Then the
runner's promises: a failing server still gets every case, each problem is listed once, a
complete Assistants server is not told to answer 405, and a skipped area is neither tested nor
passed.
"""

from __future__ import annotations

import json

import pytest
from starlette.types import ASGIApp

from runspec.contract.checks import CHECK_NAMES
from runspec.contract.profiles import PHASES
from runspec.contract.report import curl_command
from runspec.contract.runner import run_in_process
from runspec.contract.summary import Tally, render_markdown
from runspec.server import create_app
from tests.contract.conftest import PATHS
from tests.contract.mutants import MUTANTS, Answer, Sent, Wrapper

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


def test_the_reference_server_scores_full_marks(clean_run: Tally) -> None:
    assert clean_run.score == 1.0
    assert clean_run.notes == []
    assert not clean_run.distinct_problems()


@pytest.fixture(scope="module")
def broken_error_shape(api_key: str) -> Tally:
    mutant = next(m for m in MUTANTS if m.name == "no-request-id-on-errors")
    return run_in_process(mutant.wrap(reference_server(api_key)), api_key=api_key, seed=0)


def test_a_failing_server_still_gets_every_case_of_every_phase(broken_error_shape: Tally) -> None:
    assert broken_error_shape.cases >= 1000
    assert broken_error_shape.cases_in("coverage") >= 1000
    for phase in PHASES:
        assert broken_error_shape.cases_in(phase) > 0, phase


def test_each_distinct_problem_is_listed_once_with_its_answer_and_a_short_curl(
    broken_error_shape: Tally,
) -> None:
    problems = broken_error_shape.distinct_problems()
    # One bug, shown by each error status of each operation (400, 401, 404, 405).
    assert 2 <= len(problems) <= 10, render_markdown(broken_error_shape)
    keys = {(p.operation, p.status, p.media_type) for p in problems}
    assert len(keys) == len(problems)
    assert sum(p.cases for p in problems) >= 500
    for problem in problems:
        assert "errors_are_openai_errors" in problem.checks
        assert problem.status >= 400
        assert problem.example.body.startswith(b'{"error"')
        assert len(curl_command(problem.example.request)) < 600


def test_fail_fast_stops_each_phase_at_its_first_failure(api_key: str) -> None:
    mutant = next(m for m in MUTANTS if m.name == "no-request-id-on-errors")
    app = mutant.wrap(reference_server(api_key))
    tally = run_in_process(app, api_key=api_key, seed=0, phases=("coverage",), fail_fast=True)
    assert 0 < tally.cases_in("coverage") < 50


def _complete_assistants_server(app: ASGIApp) -> ASGIApp:
    """The reference server plus what the full Assistants API serves on the same URLs."""

    def other_routes(sent: Sent) -> Answer | None:
        parts = sent.path.strip("/").split("/")  # v1, threads, {id}[, runs]
        headers = {"content-type": "application/json", "x-request-id": "req_" + "1" * 32}
        if sent.method == "GET" and len(parts) == 4 and parts[3] == "runs":
            listing: dict[str, object] = {"object": "list", "data": [], "has_more": False}
            return Answer(200, headers, json.dumps(listing).encode())
        if sent.method in ("GET", "DELETE") and len(parts) == 3 and parts[2] == "runs":
            thread: dict[str, object] = {"id": "runs", "object": "thread", "metadata": {}}
            if sent.method == "DELETE":
                thread = {"id": "runs", "object": "thread.deleted", "deleted": True}
            return Answer(200, headers, json.dumps(thread).encode())
        return None

    return Wrapper(app, on_request=other_routes)


def test_a_complete_assistants_server_is_not_told_to_answer_405(api_key: str) -> None:
    app = _complete_assistants_server(reference_server(api_key))
    tally = run_in_process(app, api_key=api_key, seed=0, phases=("coverage",))
    method_checks = {"unsupported_method", "allow_header_conformance"}
    assert not method_checks & set(tally.failed_checks), render_markdown(tally)
    assert tally.cases_in("coverage") >= 1000


def test_a_skipped_area_is_not_tested_and_not_passed(api_key: str) -> None:
    streams: list[str] = []

    def spy(sent: Sent, answer: Answer) -> None:
        if answer.media_type == "text/event-stream":
            streams.append(sent.path)

    app = Wrapper(reference_server(api_key), on_response=spy)
    tally = run_in_process(
        app, api_key=api_key, seed=0, phases=("fuzzing",), max_examples=20, skip=["streaming"]
    )
    assert tally.passed, render_markdown(tally)
    assert streams == []
    assert "streaming" not in tally.area_results()
    assert tally.as_json()["score"]["areas"]["streaming"] == {"status": "skipped"}
