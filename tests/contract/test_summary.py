"""The short summary of a run: counting the CLI's NDJSON report and writing summary.md/json."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from runspec.contract.summary import (
    Finding,
    Tally,
    curl_command,
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
                "interactions": {
                    cid: {"request": SENT, "response": {"status_code": 200}} for cid in cases
                },
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
    [finding] = tally.findings
    assert finding.check == "run_echoes_request"
    assert finding.case_id == "d"
    assert "Authorization: [Filtered]" in finding.curl


def test_a_case_without_a_response_is_not_counted(tmp_path: Path) -> None:
    event = scenario("fuzzing", "POST /threads/runs", {"a": ("POST", "/threads/runs", PASSED)})
    event["ScenarioFinished"]["recorder"]["interactions"]["a"]["response"] = None
    assert tally_ndjson(write_ndjson(tmp_path / "r.ndjson", [event])).cases == 0


def test_the_same_failure_is_reported_once() -> None:
    tally = Tally()
    finding = Finding("c", "POST /x", "Title", "m", "id1", "curl")
    tally.add_finding(finding)
    tally.add_finding(Finding("c", "POST /x", "Title", "other", "id2", "curl"))
    assert tally.findings == [finding]


def test_curl_commands_are_rebuilt_from_the_report() -> None:
    assert curl_command(SENT) == (
        "curl -X POST -H 'Authorization: [Filtered]' -H 'Content-Type: application/json' "
        '-d \'{"assistant_id": "asst_abc123"}\' http://127.0.0.1:8000/v1/threads/runs'
    )


def test_the_summary_files(tmp_path: Path) -> None:
    tally = Tally(seed=7, seconds=12.0, profile="quick", target="http://x/v1")
    tally.add_case("POST /threads/runs", "examples")
    tally.add_case("POST /threads/runs", "fuzzing", ["run_echoes_request"])
    tally.add_finding(
        Finding("run_echoes_request", "POST /threads/runs", "T", "- detail", "abc", "curl -X POST")
    )
    markdown, data = write_summary(tally, tmp_path / "reports")
    text = markdown.read_text()
    assert text.startswith("# Contract run: FAILED")
    assert "| `POST /threads/runs` | 2 | examples 1, fuzzing 1 | run_echoes_request 1 |" in text
    assert "`st replay abc`" in text
    assert "SEED=7" in text
    document = json.loads(data.read_text())
    assert document["operations"]["POST /threads/runs"]["failures_by_check"] == {
        "run_echoes_request": 1
    }
    assert document["passed"] is False


def test_a_clean_run_passes() -> None:
    tally = Tally()
    tally.add_case("POST /threads/runs", "examples")
    assert tally.passed
    assert render_markdown(tally).startswith("# Contract run: PASSED")
    assert "| none |" in render_markdown(tally)
