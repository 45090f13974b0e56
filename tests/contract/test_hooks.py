"""The hooks module: what it registers, which failures it drops, how it makes streams common."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from schemathesis import HookContext
from schemathesis.core.failures import Failure
from schemathesis.openapi.checks import RejectedPositiveData

from runspec.contract.hooks import filter_failure
from runspec.contract.runner import run_in_process
from runspec.server import create_app
from tests.contract.conftest import Exchange
from tests.contract.mutants import Answer, Sent, Wrapper


def active_run_answer(exchange: Exchange, message: str) -> Any:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123"}, thread_id="thread_1")
    body = {
        "error": {"message": message, "type": "invalid_request_error", "param": None, "code": None}
    }
    return case, exchange.response(case, status=400, body=body)


def rejected() -> Failure:
    return RejectedPositiveData(
        operation="POST /threads/{thread_id}/runs",
        message="Valid data should have been accepted",
        status_code=400,
        allowed_statuses=["200"],
    )


def test_a_busy_thread_is_not_a_rejection_of_valid_input(exchange: Exchange) -> None:
    case, response = active_run_answer(exchange, "Thread thread_1 already has an active run run_2.")
    context = HookContext(operation=case.operation)
    assert filter_failure(context, rejected(), case, response) is False


@pytest.mark.parametrize(
    "message",
    [
        "Invalid type for 'temperature': expected a decimal, but got a string instead.",
        "Thread thread_1 already has an active run run_2. Also something else.",
    ],
)
def test_other_400s_to_valid_input_still_fail(exchange: Exchange, message: str) -> None:
    case, response = active_run_answer(exchange, message)
    assert filter_failure(HookContext(operation=case.operation), rejected(), case, response) is True


def test_a_failure_of_another_check_is_kept(exchange: Exchange) -> None:
    case, response = active_run_answer(exchange, "Thread thread_1 already has an active run run_2.")
    other = Failure(operation="x", message="m")
    assert filter_failure(HookContext(operation=case.operation), other, case, response) is True


@pytest.mark.slow
def test_a_good_share_of_valid_requests_stream(api_key: str) -> None:
    answers: Counter[str] = Counter()

    def spy(sent: Sent, answer: Answer) -> None:
        if answer.status == 200:
            answers[answer.media_type] += 1

    app = Wrapper(create_app(api_keys=[api_key], any_assistant=True), on_response=spy)
    run_in_process(
        app,
        api_key=api_key,
        profile="quick",
        seed=0,
        phases=("fuzzing",),
        max_examples=20,
        operation_ids=("createThreadAndRun",),
        shrink=False,
    )
    # Left alone, fewer than 1% of the answers are streams; with the hook both kinds are common.
    streams, runs = answers["text/event-stream"], answers["application/json"]
    assert streams >= 0.15 * (streams + runs), answers
    assert runs >= 0.15 * (streams + runs), answers
