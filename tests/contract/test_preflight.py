"""The preflight: a target that cannot be tested gets one line per problem, not a flood."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import httpx
from starlette.testclient import TestClient
from starlette.types import ASGIApp

from runspec.contract.command import PREFLIGHT_EXIT_CODE, ContractRun, run_contract
from runspec.contract.preflight import NO_SCENARIO_NOTE, Preflight, preflight
from runspec.contract.profiles import get_profile
from runspec.contract.runner import run_in_process
from runspec.contract.summary import render_markdown
from runspec.server import create_app
from tests.contract.conftest import API_KEY
from tests.contract.mutants import Answer, Sent, Wrapper

BASE_URL = "http://localhost/v1"


def check(
    app: ASGIApp, *, key: str = API_KEY, example: str = "asst_abc123", **ids: list[str]
) -> Preflight:
    with TestClient(app, base_url=BASE_URL + "/") as client:
        return preflight(client, base_url=BASE_URL, api_key=key, example_assistant=example, **ids)


def server(*, any_assistant: bool = True) -> ASGIApp:
    return create_app(api_keys=[API_KEY], any_assistant=any_assistant)


def test_a_ready_target_hands_out_the_thread_the_suite_uses() -> None:
    result = check(server())
    assert result.ready
    assert result.assistants == ("asst_abc123",)
    [thread] = result.threads
    assert thread.startswith("thread_")
    assert result.notes == []


def test_a_refused_key_is_one_line() -> None:
    [problem] = check(server(), key="sk-wrong").problems
    assert problem.startswith("the target refuses the API key: POST /threads/runs answered 401")
    assert problem.endswith("; set API_KEY")


def test_a_declared_assistant_the_target_lacks_stops_the_run() -> None:
    result = check(server(any_assistant=False), assistant_ids=["asst_missing"])
    [problem] = result.problems
    assert problem.startswith("assistant 'asst_missing' (ASSISTANT_ID) is not on the target")


def test_without_an_assistant_the_spec_example_must_exist() -> None:
    [problem] = check(server(any_assistant=False), example="asst_not_seeded").problems
    assert problem.startswith("the target has no assistant 'asst_not_seeded' (the spec's example)")
    assert problem.endswith("set ASSISTANT_ID to an assistant it has")


def test_a_declared_thread_the_target_lacks_stops_the_run() -> None:
    [problem] = check(server(), thread_ids=["thread_gone"]).problems
    assert problem.startswith("thread 'thread_gone' (THREAD_ID) is not on the target")


def test_ids_without_the_hosted_prefixes_are_one_finding_and_the_run_goes_on() -> None:
    def plain_ids(sent: Sent, answer: Answer) -> None:
        if answer.status == 200 and answer.media_type == "application/json":
            run = answer.json()
            run["id"], run["thread_id"] = "7f3c", "b2a1"
            answer.set_json(run)

    result = check(Wrapper(server(), on_response=plain_ids))
    assert result.ready
    assert result.threads == ("b2a1",)
    [note] = result.notes
    assert "thread 'b2a1' (hosted: thread_…)" in note
    assert "run '7f3c' (hosted: run_…)" in note


def test_a_shadowed_operation_is_a_finding_not_a_stop() -> None:
    def shadowed(sent: Sent) -> Answer | None:
        return Answer(404, {"content-type": "text/plain"}, b"Not Found")

    result = check(Wrapper(server(), on_request=shadowed))
    assert result.ready
    shadow, no_thread, no_scenario = result.notes
    assert "answered 404 to a minimal valid request, naming no assistant or thread" in shadow
    assert no_thread.endswith("set THREAD_ID to a thread it has")
    assert no_scenario == NO_SCENARIO_NOTE


def test_an_in_process_run_that_is_not_ready_sends_no_case() -> None:
    tally = run_in_process(server(), api_key="sk-wrong", profile="quick")
    assert tally.cases == 0
    assert len(tally.preflight_problems) == 1
    assert render_markdown(tally).startswith("# Contract run: NOT STARTED")


def test_a_target_that_is_down_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a free port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    run = ContractRun(
        profile=get_profile("quick"),
        target=f"http://127.0.0.1:{port}/v1",
        api_key="sk-test",
        reports=tmp_path,
    )
    result = run_contract(run, output=tmp_path / "out.txt")
    assert result.exit_code == PREFLIGHT_EXIT_CODE
    [problem] = result.tally.preflight_problems
    assert problem.startswith(f"the target does not answer at http://127.0.0.1:{port}/v1/threads")
    summary = (tmp_path / "summary.md").read_text()
    assert summary.count("\n- ") == 1
    assert not (tmp_path / "events.ndjson").exists()


def test_a_timeout_is_one_line() -> None:
    def never(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with httpx.Client(base_url=BASE_URL + "/", transport=httpx.MockTransport(never)) as client:
        result = preflight(client, base_url=BASE_URL, api_key=API_KEY)
    assert result.problems == [f"the target did not answer POST {BASE_URL}/threads/runs in time"]


def test_a_created_201_still_hands_out_its_thread() -> None:
    def created(sent: Sent, answer: Answer) -> None:
        if answer.status == 200:
            answer.status = 201

    result = check(Wrapper(server(), on_response=created))
    [thread] = result.threads
    assert thread.startswith("thread_")


def test_no_thread_handed_out_is_a_finding() -> None:
    def refuse(sent: Sent) -> Answer | None:
        return Answer(500, {"content-type": "text/plain"}, b"Internal Server Error")

    result = check(Wrapper(server(), on_request=refuse))
    assert result.ready
    assert result.threads == ()
    assert not result.creates_runs
    assert result.notes[0].endswith("set THREAD_ID to a thread it has")


def test_a_target_that_creates_no_run_gets_no_stateful_phase_and_no_engine_error() -> None:
    def not_allowed(sent: Sent) -> Answer | None:
        if sent.path.rstrip("/").endswith("/threads/runs"):
            error = {"message": "Not allowed.", "type": "invalid_request_error", "param": None}
            body = json.dumps({"error": {**error, "code": None}}).encode()
            headers = {"content-type": "application/json", "x-request-id": "req_1", "allow": "GET"}
            return Answer(405, headers, body)
        return None

    app = Wrapper(server(), on_request=not_allowed)
    tally = run_in_process(app, api_key=API_KEY, profile="quick", phases=("coverage", "stateful"))
    assert NO_SCENARIO_NOTE in tally.notes
    assert tally.stateful_steps == 0
    assert tally.errors == []
