"""The hooks module: what it registers, which failures it drops, how it makes streams common."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from schemathesis import HookContext
from schemathesis.core.failures import Failure
from schemathesis.openapi.checks import RejectedPositiveData

from runspec.contract.hooks import filter_failure, streams_this
from tests.contract.conftest import Exchange


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


def test_the_stream_coin_is_stable_and_fair() -> None:
    bodies = [{"assistant_id": f"asst_{i}", "temperature": i / 100} for i in range(400)]
    flips = [streams_this(body) for body in bodies]
    assert flips == [streams_this(copy.deepcopy(body)) for body in bodies]
    assert 150 < sum(flips) < 250
    assert streams_this({"b": 1, "a": 2}) == streams_this({"a": 2, "b": 1})
    assert isinstance(streams_this({"text": "\ud800 lone surrogate"}), bool)
