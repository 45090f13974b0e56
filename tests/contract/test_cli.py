"""``runspec contract`` (what ``make contract`` runs) end to end: ``st run`` against a live server.

The target is the reference server with a bug (so that failures, curl commands and reports are
produced), served on a loopback port, and a secret key that must not appear anywhere.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from runspec.contract.areas import UnknownAreaError
from runspec.contract.bounded import MAX_RESPONSE_ENVIRONMENT, environment_limit
from runspec.contract.bundled import bundled_server
from runspec.contract.command import (
    ContractRun,
    effective_config,
    environment_assistants,
    environment_key,
    environment_threads,
    run_contract,
    st_command,
)
from runspec.contract.profiles import get_profile
from runspec.server import create_app
from runspec.server.testing import LiveServer, serve_in_thread
from tests.contract.conftest import contract_cli
from tests.contract.mutants import MUTANTS

SECRET = "sk-secret-contract-key-9f8e7d6c5b4a"


@pytest.fixture(scope="module")
def buggy_server() -> Iterator[LiveServer]:
    """The reference server that reports the assistant's model instead of the requested one."""
    mutant = next(m for m in MUTANTS if m.name == "override-not-echoed")
    with serve_in_thread(mutant.wrap(create_app(api_keys=[SECRET], any_assistant=True))) as server:
        yield server


@pytest.mark.slow
def test_a_failing_server_gets_reports_and_reproductions(
    buggy_server: LiveServer, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    done = contract_cli(
        buggy_server.base_url,
        "--profile",
        "quick",
        "--reports",
        str(reports),
        "--seed",
        "1",
        "--",
        "--phases",
        "examples",
        api_key=SECRET,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    for name in ("junit.xml", "events.ndjson", "summary.md", "summary.json", "schemathesis.toml"):
        assert (reports / name).is_file(), name
    assert (reports / "html" / "index.html").is_file()
    summary = (reports / "summary.md").read_text()
    assert "POST /threads/runs answered 200 application/json: The run does not echo" in summary
    assert '-H "Authorization: Bearer $API_KEY"' in summary
    assert (reports / "cache").is_dir()
    assert "seed 1" in summary
    # The printed replay command runs as printed (st need not be on PATH) and finds the bug again.
    [problem, *_] = json.loads((reports / "summary.json").read_text())["problems"]
    replay = subprocess.run(
        shlex.split(problem["replay"]),
        env={**os.environ, "API_KEY": SECRET},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=Path.cwd(),
    )
    assert "The run does not echo the request" in replay.stdout, replay.stdout + replay.stderr
    junit = (reports / "junit.xml").read_text()
    assert "The run does not echo the request" in junit
    assert "curl -X POST" in junit
    # The key is never printed: not on the terminal, not in any report.
    assert SECRET not in done.stdout + done.stderr
    for path in reports.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(errors="replace"), path


def test_a_target_needs_a_key(tmp_path: Path) -> None:
    done = contract_cli("http://127.0.0.1:9/v1", "--reports", str(tmp_path), api_key="")
    assert done.returncode == 2
    assert "needs the API key it accepts, in the environment variable API_KEY" in done.stderr


@pytest.mark.parametrize("limit", ["0", "-1", "1.5", "lots"])
def test_a_response_limit_must_be_a_whole_number_of_mib(limit: str, tmp_path: Path) -> None:
    done = contract_cli("--max-response-mib", limit, "--reports", str(tmp_path), api_key=SECRET)
    assert done.returncode == 2
    assert f"--max-response-mib: must be a whole number above 0, got {limit!r}" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_suites_process_reads_the_response_limit_from_its_environment() -> None:
    # run_contract sets it (test_bounded_answers runs the whole CLI with a limit of 8 MiB).
    assert environment_limit({MAX_RESPONSE_ENVIRONMENT: str(3 << 20)}) == 3 << 20
    assert environment_limit({}) == 64 << 20  # started without it (st replay): the default
    assert environment_limit({MAX_RESPONSE_ENVIRONMENT: "junk"}) == 64 << 20


def test_the_st_command_line_never_holds_the_key(tmp_path: Path) -> None:
    run = ContractRun(profile=get_profile("quick"), api_key=SECRET, reports=tmp_path, seed=5)
    command = st_command(run, "http://127.0.0.1:1/v1", tmp_path / "schemathesis.toml")
    assert SECRET not in " ".join(command)
    assert command[command.index("--seed") + 1] == "5"
    assert "junit,ndjson,html" in command


def test_the_bundled_server_starts_on_a_free_port_and_stops(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    with bundled_server(SECRET, log) as server:
        assert server.base_url.startswith("http://127.0.0.1:")
        assert server.base_url.endswith("/v1")
        assert server.cpu_seconds() is not None
        pid = server.pid
    assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
    assert SECRET not in log.read_text()
    assert "(from RUNSPEC_API_KEY)" in log.read_text()  # masked by the server itself


def test_assistants_and_key_from_the_environment() -> None:
    assert environment_assistants({"ASSISTANT_ID": "asst_a, asst_b,"}) == ["asst_a", "asst_b"]
    assert environment_assistants({}) == []
    assert environment_key({"API_KEY": "  "}) is None
    assert environment_key({"API_KEY": "sk-1"}) == "sk-1"
    run = ContractRun(profile=get_profile("quick"), assistant_ids=["asst_mine"])
    assert effective_config(run)["dictionaries"]["assistants"]["values"] == ["asst_mine"]
    default = effective_config(ContractRun(profile=get_profile("quick")))
    assert default["dictionaries"]["assistants"]["values"] == ["asst_abc123"]


def test_threads_from_the_environment_become_most_generated_thread_ids() -> None:
    assert environment_threads({"THREAD_ID": "thread_a,b-uuid"}) == ["thread_a", "b-uuid"]
    assert environment_threads({}) == []
    config = effective_config(ContractRun(profile=get_profile("quick"), thread_ids=["t1"]))
    assert config["dictionaries"]["threads"]["values"] == ["t1"]
    assert config["parameters"]["path.thread_id"]["dictionary"] == "threads"
    assert (
        "threads" not in effective_config(ContractRun(profile=get_profile("quick")))["dictionaries"]
    )


def test_every_phase_runs_every_case_unless_told_to_stop_at_the_first_failure() -> None:
    assert effective_config(ContractRun(profile=get_profile("quick")))["continue-on-failure"]
    stop = ContractRun(profile=get_profile("quick"), fail_fast=True)
    assert effective_config(stop)["continue-on-failure"] is False


def test_a_skipped_area_switches_its_checks_off() -> None:
    run = ContractRun(profile=get_profile("quick"), skip=["streaming"])
    checks = effective_config(run)["checks"]
    assert checks["event_stream_grammar"] == {"enabled": False}
    assert "not_a_server_error" not in checks


def test_an_unknown_area_is_refused_with_the_areas_there_are(tmp_path: Path) -> None:
    run = ContractRun(profile=get_profile("quick"), skip=["streamin"], reports=tmp_path)
    with pytest.raises(UnknownAreaError, match=r"'streamin'.*choose from: auth, headers"):
        run_contract(run)
