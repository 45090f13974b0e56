"""The summary of a run: counting the CLI's NDJSON report, the score by area, each distinct
problem once with its smallest request, and writing summary.md/json."""

from __future__ import annotations

import base64
import json
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

from runspec.contract.report import CheckFailure, FailedCase, RecordedRequest, curl_command
from runspec.contract.summary import (
    Tally,
    check_title,
    explain_error,
    render_markdown,
    tally_ndjson,
    write_summary,
)

SENT = {
    "method": "POST",
    "uri": "http://127.0.0.1:8000/v1/threads/runs",
    "headers": {"Authorization": ["[Filtered]"], "Content-Type": ["application/json"]},
    "body": {"$base64": base64.b64encode(b'{"assistant_id": "asst_abc123"}').decode()},
}
ANSWER = {
    "status_code": 200,
    "headers": {"content-type": ["application/json"]},
    "content": {"$base64": base64.b64encode(b'{"model": "gpt-4o"}').decode()},
}
PASSED = [{"name": "not_a_server_error", "status": "success"}]
ECHO_FAILED = {
    "name": "run_echoes_request",
    "status": "failure",
    "failure_info": {
        "failure": {
            "type": "RunNotEchoed",
            "title": "The run does not echo the request",
            "message": "- run.model: expected 'o3-mini', got 'gpt-4o'",
        }
    },
}


def case(case_id: str, method: str, path: str) -> dict[str, Any]:
    return {"value": {"id": case_id, "method": method, "path": path}}


def scenario(
    phase: str, label: str, cases: dict[str, tuple[str, str, list[Any]]]
) -> dict[str, Any]:
    return {
        "ScenarioFinished": {
            "phase": phase,
            "recorder": {
                "label": label,
                "cases": {cid: case(cid, m, p) for cid, (m, p, _) in cases.items()},
                "checks": {cid: checks for cid, (_, _, checks) in cases.items()},
                "interactions": {cid: {"request": SENT, "response": ANSWER} for cid in cases},
            },
        }
    }


def write_ndjson(path: Path, events: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(e) + "\n" for e in events))
    return path


def test_cases_are_counted_per_operation_and_phase(tmp_path: Path) -> None:
    report = write_ndjson(
        tmp_path / "run.ndjson",
        [
            {"Initialize": {"seed": 42}},
            scenario(
                "coverage",
                "POST /threads/runs",
                {"a": ("POST", "/threads/runs", PASSED), "b": ("GET", "/threads/runs", PASSED)},
            ),
            scenario(
                "stateful",
                "Stateful tests",
                {
                    "c": ("POST", "/threads/runs", PASSED),
                    "d": ("POST", "/threads/{thread_id}/runs", [ECHO_FAILED]),
                },
            ),
            {"EngineFinished": {"running_time": 1.5}},
        ],
    )
    tally = tally_ndjson(report)
    assert (tally.seed, tally.seconds, tally.cases, tally.stateful_steps) == (42, 1.5, 4, 2)
    runs, run = (
        tally.operations["POST /threads/runs"],
        tally.operations["POST /threads/{thread_id}/runs"],
    )
    assert dict(runs.cases) == {"coverage": 2, "stateful": 1}
    assert dict(run.failures) == {"run_echoes_request": 1}
    assert not tally.passed
    [problem] = tally.distinct_problems()
    assert problem.checks == ("run_echoes_request",)
    assert (problem.status, problem.media_type, problem.example.case_id) == (
        200,
        "application/json",
        "d",
    )
    assert problem.example.body == b'{"model": "gpt-4o"}'
    assert '"Authorization: Bearer $API_KEY"' in curl_command(problem.example.request)


def test_a_case_without_a_response_is_not_counted(tmp_path: Path) -> None:
    event = scenario("fuzzing", "POST /threads/runs", {"a": ("POST", "/threads/runs", PASSED)})
    event["ScenarioFinished"]["recorder"]["interactions"]["a"]["response"] = None
    assert tally_ndjson(write_ndjson(tmp_path / "r.ndjson", [event])).cases == 0


def timed_out(label: str, case_value: dict[str, Any], answered: str = "") -> list[Any]:
    """What the CLI reports when a case gets no answer: the error, then its scenario."""
    error = {"type": "ResponseTooSlow", "message": "the body did not arrive in whole within 2 s"}
    cases = {case_value["id"]: {"value": case_value}}
    if answered:
        cases = {answered: case(answered, "POST", "/threads/runs"), **cases}
    interactions = {answered: {"request": SENT, "response": ANSWER}} if answered else {}
    return [
        {"NonFatalError": {"value": error, "phase": "fuzzing", "label": label}},
        {
            "ScenarioFinished": {
                "phase": "fuzzing",
                "status": "error",
                "recorder": {"label": label, "cases": cases, "interactions": interactions},
            }
        },
    ]


def test_an_error_names_the_case_it_stopped_as_a_curl_command(tmp_path: Path) -> None:
    stopped = {
        "id": "Zq3",
        "method": "POST",
        "path": "/threads/{thread_id}/runs",
        "path_parameters": {"thread_id": "thread a/b"},
        "query": {"include[]": ["x"]},
        "headers": {"OpenAI-Beta": "assistants=v2", "Authorization": "[Filtered]"},
        "body": {"assistant_id": "asst_abc123", "stream": False},
        "media_type": "application/json",
    }
    label = "POST /threads/{thread_id}/runs"
    events = timed_out(label, stopped, answered="ok1") + timed_out(label, {**stopped, "id": "Zq4"})
    tally = tally_ndjson(write_ndjson(tmp_path / "r.ndjson", events))
    tally.base_url = "http://127.0.0.1:8000/v1/"
    error = f"{label}: ResponseTooSlow: the body did not arrive in whole within 2 s"
    assert tally.errors == [error, error]
    assert tally.errored_cases[error].case_id == "Zq3"  # the first case, not the answered one
    curl = curl_command(tally.errored_cases[error].request(tally.base_url))
    assert curl.endswith(
        '--data-raw \'{"assistant_id": "asst_abc123", "stream": false}\' '
        "'http://127.0.0.1:8000/v1/threads/thread%20a%2Fb/runs?include%5B%5D=x'"
    )
    assert '-H "Authorization: Bearer $API_KEY"' in curl
    assert "-H 'Content-Type: application/json'" in curl
    text = render_markdown(tally)
    assert f"- {error} (2 times)\n  the first case it stopped:\n\n  ```sh\n  {curl}\n  ```" in text
    assert tally.as_json()["errored_cases"] == {error: curl}


def test_an_error_outside_any_case_has_no_reproduction(tmp_path: Path) -> None:
    fatal = {"FatalError": {"value": {"type": "SchemaError", "message": "broken"}}}
    tally = tally_ndjson(write_ndjson(tmp_path / "r.ndjson", [fatal]))
    assert tally.errors == ["SchemaError: broken"]
    assert tally.errored_cases == {}
    assert "the first case it stopped" not in render_markdown(tally)


NO_REQUEST_ID = CheckFailure(
    "errors_are_openai_errors",
    "An error answer is not an OpenAI error",
    "- 400 answer without an x-request-id header",
)
HEADER_MISSING = CheckFailure(
    "response_headers_conformance",
    "Missing required response headers",
    "The following required headers are missing from the response:\n  - `x-request-id`",
)


def failed(
    case_id: str,
    body: bytes,
    *failures: CheckFailure,
    status: int = 400,
    operation: str = "POST /threads/runs",
) -> FailedCase:
    request = RecordedRequest(
        "POST",
        "http://localhost/v1/threads/runs",
        {
            "Authorization": ["Bearer sk-secret"],
            "User-Agent": ["schemathesis/4"],
            "OpenAI-Beta": ["assistants=v2"],
            "Content-Type": ["application/json"],
        },
        body,
    )
    return FailedCase(
        operation, "coverage", case_id, failures, request, status, "application/json", b"{}"
    )


def test_one_cause_over_many_cases_and_checks_is_one_problem_with_its_smallest_case() -> None:
    tally = Tally()
    for n in range(10):
        body = json.dumps({"model": n, **({"assistant_id": 1} if n else {})}).encode()
        tally.add_failure(failed(f"case{n}", body, NO_REQUEST_ID, HEADER_MISSING))
    # The same bug on a case the header check did not judge: still the same problem.
    tally.add_failure(failed("fewer", b"{}", NO_REQUEST_ID))
    [problem] = tally.distinct_problems()
    assert problem.cases == 11
    assert problem.checks == ("errors_are_openai_errors", "response_headers_conformance")
    # The smallest case that shows both complaints.
    assert problem.example.case_id == "case0"


def test_complaints_on_different_cases_are_different_problems() -> None:
    accepted = CheckFailure(
        "negative_data_rejection", "Schema-violating request accepted", "Invalid data"
    )
    tally = Tally()
    for n in range(10):
        tally.add_failure(failed(f"a{n}", b"{}", HEADER_MISSING, status=200))
    for n in range(4):
        tally.add_failure(failed(f"b{n}", b"{}", HEADER_MISSING, accepted, status=200))
    assert [p.checks for p in tally.distinct_problems()] == [
        ("response_headers_conformance",),
        ("negative_data_rejection",),
    ]


def test_another_status_or_another_operation_is_another_problem() -> None:
    tally = Tally()
    tally.add_failure(failed("a", b"{}", NO_REQUEST_ID))
    tally.add_failure(failed("b", b"{}", NO_REQUEST_ID, status=401))
    tally.add_failure(failed("c", b"{}", NO_REQUEST_ID, operation="POST /threads/{thread_id}/runs"))
    assert len(tally.distinct_problems()) == 3


def test_a_curl_command_reads_the_key_from_the_environment_and_drops_noise() -> None:
    command = curl_command(failed("a", b'{"model": "o3"}', NO_REQUEST_ID).request)
    assert command == (
        'curl -sS -i -X POST -H "Authorization: Bearer $API_KEY" '
        "-H 'OpenAI-Beta: assistants=v2' -H 'Content-Type: application/json' "
        '--data-raw \'{"model": "o3"}\' http://localhost/v1/threads/runs'
    )


def bytes_curl_would_send(command: str, shell: str = "bash") -> bytes:
    """Run ``command`` with ``curl`` replaced by a function that writes out what it was given:
    its stdin when the body comes from there, else its --data-raw argument."""
    fake_curl = (
        'curl() { while [ $# -gt 0 ]; do case "$1" in --data-raw) printf %s "$2"; return;; '
        "--data-binary) cat; return;; esac; shift; done; }; "
    )
    done = subprocess.run([shell, "-c", fake_curl + command], capture_output=True, check=True)
    return done.stdout


def test_a_body_a_shell_argument_cannot_hold_is_piped_in_from_printf() -> None:
    # A NUL, other control bytes, broken UTF-8 and the characters printf and the quotes treat
    # specially: what negative cases send. A shell argument cannot carry a NUL at all.
    hostile = b'\x00\x0b{"a": "\xff\xfe 100% \\\\n it\'s"}\r\n|\x1b[31m'
    command = curl_command(failed("a", hostile, NO_REQUEST_ID).request)
    assert command.startswith("printf '")
    assert "| curl " in command
    assert "--data-binary @-" in command
    assert "--data-raw" not in command
    assert command.isprintable()
    assert bytes_curl_would_send(command) == hostile
    assert bytes_curl_would_send(command, shell="dash") == hostile


def test_a_printable_body_stays_a_data_raw_argument() -> None:
    body = '{"instructions": "100% it\'s \\\\ fine, ünïcode"}'.encode()
    command = curl_command(failed("a", body, NO_REQUEST_ID).request)
    assert command.startswith("curl ")
    assert "--data-raw" in command
    assert bytes_curl_would_send(command) == body


def test_a_header_value_with_control_characters_is_written_in_ansi_c_quotes() -> None:
    case = failed("a", b"{}", NO_REQUEST_ID)
    headers = {**case.request.headers, "OpenAI-Beta": ["assistants=v2\x1b[0m\x85"]}
    request = RecordedRequest("POST", case.request.uri, headers, b"{}")
    command = curl_command(request)
    assert "$'OpenAI-Beta: assistants=v2\\x1b[0m\\x85'" in command
    assert command.isprintable()


def test_what_a_server_sent_cannot_break_the_page_or_reach_the_terminal() -> None:
    tally = Tally()
    hostile = CheckFailure(
        "run_echoes_request",
        "The run does not echo the request",
        "- run.model: expected 'a\x1b]0;owned\x07', got 'b'\n- second\x0bline\u2028same line",
    )
    case = failed("a", b"\x00", hostile, status=200)
    tally.add_failure(replace(case, body='{"model": "\x1b[2J\u202e"}'.encode()))
    page = render_markdown(tally)
    assert all(line.isprintable() for line in page.splitlines())
    assert "\\x1b]0;owned\\x07" in page
    assert "- second\\x0bline\\u2028same line" in page  # one line, as the check wrote it
    assert '`{"model": "\\x1b[2J\\u202e"}`' in page


def test_a_valid_request_answered_with_another_success_status_is_not_called_rejected() -> None:
    rejected = "Schema-valid request rejected"
    assert check_title("positive_data_acceptance", rejected, 201) == (
        "Schema-valid request accepted with an undocumented success status"
    )
    assert check_title("positive_data_acceptance", rejected, 400) == rejected
    assert check_title("not_a_server_error", "Server error", 201) == "Server error"


def test_the_score_counts_each_case_once_per_area() -> None:
    tally = Tally()
    tally.add_case("POST /threads/runs", "examples", [("ignored_auth", False)])
    tally.add_case(
        "POST /threads/runs",
        "coverage",
        [
            ("errors_are_openai_errors", True),
            ("not_a_server_error", False),
            ("ignored_auth", False),
        ],
    )
    areas = tally.area_results()
    assert dict(areas["auth"]) == {"passed": 2}
    assert dict(areas["errors"]) == {"failed": 1}
    assert tally.score == 2 / 3


def test_a_skipped_area_is_shown_as_skipped_never_as_passed(tmp_path: Path) -> None:
    tally = Tally(skipped_areas=("streaming",))
    tally.add_case("POST /threads/runs", "examples", [("not_a_server_error", False)])
    _, data = write_summary(tally, tmp_path)
    score = json.loads(data.read_text())["score"]
    assert score["areas"]["streaming"] == {"status": "skipped"}
    assert score["areas"]["errors"]["status"] == "passed"
    assert score["areas"]["lifecycle"] == {"status": "not run"}
    assert "| skipped |" in render_markdown(tally)


def test_the_summary_files(tmp_path: Path) -> None:
    tally = Tally(seed=7, seconds=12.0, profile="quick", target="http://x/v1")
    tally.replay_prefix = ".venv/bin/st --config-file reports/schemathesis.toml replay"
    tally.add_case("POST /threads/runs", "examples", [("run_echoes_request", False)])
    tally.add_case("POST /threads/runs", "fuzzing", [("errors_are_openai_errors", True)])
    tally.add_failure(failed("abc", b"{}", NO_REQUEST_ID))
    markdown, data = write_summary(tally, tmp_path / "reports")
    text = markdown.read_text()
    assert text.startswith("# Contract run: FAILED")
    assert "| `POST /threads/runs` | 2 | examples 1, fuzzing 1 |" in text
    assert "### 1. POST /threads/runs answered 400 application/json" in text
    assert "`.venv/bin/st --config-file reports/schemathesis.toml replay abc`" in text
    assert "seed 7" in text
    assert "sk-secret" not in text
    document = json.loads(data.read_text())
    assert document["operations"]["POST /threads/runs"]["failures_by_check"] == {
        "errors_are_openai_errors": 1
    }
    [problem] = document["problems"]
    assert (problem["status"], problem["cases"]) == (400, 1)
    assert problem["replay"].endswith("replay abc")
    assert document["passed"] is False


def test_a_clean_run_passes() -> None:
    tally = Tally()
    tally.add_case("POST /threads/runs", "examples", [("not_a_server_error", False)])
    assert tally.passed
    assert render_markdown(tally).startswith("# Contract run: PASSED")
    assert "## Problems" not in render_markdown(tally)


def test_errored_cases_are_counted_beside_the_score_they_are_not_part_of() -> None:
    tally = Tally(errors=["POST /threads/runs: ResponseTooLarge: larger than 64 MiB"] * 2)
    tally.add_case("POST /threads/{thread_id}/runs", "examples", [("not_a_server_error", False)])
    text = render_markdown(tally)
    assert "- score: 100.0% of area results passed\n- errors: 2, not in the score" in text
    assert text.startswith("# Contract run: FAILED")
    assert "- errors:" not in render_markdown(Tally())


def test_a_target_that_is_not_ready_gets_its_problems_only() -> None:
    tally = Tally(preflight_problems=["the target does not answer at http://x/v1/threads/runs"])
    text = render_markdown(tally)
    assert text.startswith("# Contract run: NOT STARTED")
    assert "- the target does not answer" in text
    assert not tally.passed


def test_a_known_engine_error_is_explained() -> None:
    hypothesis = (
        "Runtime Error: No progress can be made from state _InstrumentedStateMachine({}), "
        "because no available rule had a True precondition. rules: ..."
    )
    assert explain_error(hypothesis).startswith("stateful phase: no scenario could start")
    assert explain_error("Network Error: refused") == "Network Error: refused"


def test_a_refused_request_keeps_its_key_masked_in_the_curl_command() -> None:
    tally = Tally()
    tally.add_failure(failed("a", b"{}", NO_REQUEST_ID, status=401))
    [problem] = tally.distinct_problems()
    assert "-H 'Authorization: [Filtered]'" in problem.curl
    assert "$API_KEY" not in problem.curl


def test_a_problem_says_which_other_methods_its_cases_were_sent_with() -> None:
    tally = Tally()
    for method in ("PUT", "TRACE"):
        case = failed(method, b"{}", NO_REQUEST_ID, status=405)
        request = RecordedRequest(method, case.request.uri, case.request.headers, None)
        tally.add_failure(replace(case, request=request))
    [problem] = tally.distinct_problems()
    assert problem.methods == {"PUT", "TRACE"}
    assert "(coverage; sent as PUT, TRACE)" in render_markdown(tally)
    # The headline says what was sent, not the operation's own method.
    assert "### 1. PUT, TRACE /threads/runs answered 405 application/json" in render_markdown(tally)


def test_a_problem_sent_with_the_operations_own_method_is_headed_by_the_operation() -> None:
    tally = Tally()
    for method in ("POST", "TRACE"):
        case = failed(method, b"{}", NO_REQUEST_ID, status=405)
        request = RecordedRequest(method, case.request.uri, case.request.headers, None)
        tally.add_failure(replace(case, request=request))
    [problem] = tally.distinct_problems()
    assert problem.headline.startswith("POST /threads/runs answered 405")
