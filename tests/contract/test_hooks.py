"""The hooks module: what it registers, which failures it drops, how it makes streams common."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any, Literal

import pytest
from schemathesis import HookContext
from schemathesis.core.failures import Failure
from schemathesis.openapi.checks import RejectedPositiveData, UnsupportedMethodResponse

from runspec.contract.hooks import (
    METHOD_PROBE_THREAD,
    filter_failure,
    use_target,
    with_target_data,
)
from runspec.contract.methods import full_api_methods
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


# ---- the target's data, 404s that name an unknown id, methods of the full Assistants API ------


@pytest.fixture
def target() -> Iterator[None]:
    """The hooks' target data for one test: a declared assistant and thread, then none again."""
    use_target(["asst_mine"], ["thread_mine"])
    yield
    use_target()


def not_found(exchange: Exchange, message: str, *, thread: str, assistant: str) -> Any:
    case = exchange.case("createRun", {"assistant_id": assistant}, thread_id=thread)
    body = {
        "error": {"message": message, "type": "invalid_request_error", "param": None, "code": None}
    }
    return case, exchange.response(case, status=404, body=body)


@pytest.mark.usefixtures("target")
@pytest.mark.parametrize(
    ("thread", "message", "dropped"),
    [
        # an id the target was never said to have: a right answer to valid input
        ("thread_other", "No thread found with id 'thread_other'.", True),
        # the thread the user declared (or the preflight was handed): a failure
        ("thread_mine", "No thread found with id 'thread_mine'.", False),
        # a 404 that names nothing: a missing or shadowed route
        ("thread_other", "Not found.", False),
    ],
)
def test_a_404_to_valid_input_passes_only_for_an_unknown_id(
    exchange: Exchange, thread: str, message: str, dropped: bool
) -> None:
    case, response = not_found(exchange, message, thread=thread, assistant="asst_mine")
    kept = filter_failure(HookContext(operation=case.operation), rejected(), case, response)
    assert kept is not dropped


@pytest.mark.usefixtures("target")
def test_the_examples_name_the_targets_assistant_and_thread(exchange: Exchange) -> None:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123"}, thread_id="thread_abc123")
    with_target_data(case)
    assert case.body == {"assistant_id": "asst_mine"}
    assert case.path_parameters == {"thread_id": "thread_mine"}
    # Other values are generated on purpose (unknown ids, invalid ones): they stay.
    other = exchange.case("createRun", {"assistant_id": "asst_zz"}, thread_id="thread_zz")
    with_target_data(other)
    assert (other.body, other.path_parameters) == (
        {"assistant_id": "asst_zz"},
        {"thread_id": "thread_zz"},
    )


@pytest.mark.usefixtures("target")
@pytest.mark.parametrize("thread", ["thread_abc123", "thread_mine"])
@pytest.mark.parametrize("method", ["DELETE", "PUT", "PATCH", "GET"])
def test_another_method_never_reaches_a_thread_the_target_has(
    exchange: Exchange, thread: str, method: Literal["DELETE", "PUT", "PATCH", "GET"]
) -> None:
    # Found against the openai-responses mock, whose DELETE /threads/{id}/runs deleted the
    # user's declared thread: every later case on it then failed with 404.
    case = exchange.case("createRun", {"assistant_id": "asst_abc123"}, thread_id=thread)
    case.method = method
    with_target_data(case)
    assert case.path_parameters == {"thread_id": METHOD_PROBE_THREAD}
    own = exchange.case("createRun", {"assistant_id": "asst_abc123"}, thread_id=thread)
    with_target_data(own)
    assert own.path_parameters == {"thread_id": "thread_mine"}


def wrong_status(method: str) -> Failure:
    return UnsupportedMethodResponse(
        operation="POST /threads/{thread_id}/runs",
        method=method,
        status_code=200,
        failure_reason="wrong_status",
        message=f"{method} answered 200",
    )


@pytest.mark.parametrize(
    ("operation_id", "method", "kept"),
    [
        ("createRun", "GET", False),  # list runs
        ("createRun", "DELETE", True),
        ("createThreadAndRun", "GET", False),  # retrieve thread 'runs'
        ("createThreadAndRun", "DELETE", False),  # delete thread 'runs'
        ("createThreadAndRun", "PUT", True),
    ],
)
def test_methods_of_the_full_assistants_api_need_not_answer_405(
    exchange: Exchange, operation_id: str, method: str, kept: bool
) -> None:
    case = exchange.case(operation_id, None)
    response = exchange.response(case, status=200, method=method)
    failure = wrong_status(method)
    assert filter_failure(HookContext(operation=case.operation), failure, case, response) is kept


def test_the_full_api_methods_come_from_openais_paths() -> None:
    assert full_api_methods("/threads/{thread_id}/runs") == {"GET", "POST"}
    assert full_api_methods("/threads/runs") == {"GET", "POST", "DELETE"}
    assert full_api_methods("/assistants") == frozenset()
