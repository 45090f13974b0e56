"""``make contract`` end to end: scripts/contract.py runs ``st run`` against a live server.

The target is the reference server with a bug (so that failures, curl commands and reports are
produced), served on a loopback port, and a secret key that must not appear anywhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from runspec import PROJECT_ROOT
from runspec.contract.bundled import bundled_server
from runspec.contract.command import (
    ContractRun,
    effective_config,
    environment_assistants,
    environment_key,
    st_command,
)
from runspec.contract.profiles import get_profile
from runspec.server import create_app
from runspec.server.testing import LiveServer, serve_in_thread
from tests.contract.mutants import MUTANTS

SECRET = "sk-secret-contract-key-9f8e7d6c5b4a"
SCRIPT = PROJECT_ROOT / "scripts" / "contract.py"


@pytest.fixture(scope="module")
def buggy_server() -> Iterator[LiveServer]:
    """The reference server that reports the assistant's model instead of the requested one."""
    mutant = next(m for m in MUTANTS if m.name == "override-not-echoed")
    with serve_in_thread(mutant.wrap(create_app(api_keys=[SECRET], any_assistant=True))) as server:
        yield server


def contract(*arguments: str, api_key: str | None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "API_KEY"}
    if api_key is not None:
        environment["API_KEY"] = api_key
    return subprocess.run(
        [sys.executable, str(SCRIPT), *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.slow
def test_a_failing_server_gets_reports_and_reproductions(
    buggy_server: LiveServer, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    done = contract(
        "--target",
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
    assert "**run_echoes_request** on `POST /threads/runs`" in summary
    assert " replay " in summary
    assert (reports / "cache").is_dir()
    assert "SEED=1" in summary
    assert "Authorization: [Filtered]" in summary
    junit = (reports / "junit.xml").read_text()
    assert "The run does not echo the request" in junit
    assert "curl -X POST" in junit
    # The key is never printed: not on the terminal, not in any report.
    assert SECRET not in done.stdout + done.stderr
    for path in reports.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(errors="replace"), path


def test_a_target_needs_a_key(tmp_path: Path) -> None:
    done = contract("--target", "http://127.0.0.1:9/v1", "--reports", str(tmp_path), api_key="")
    assert done.returncode == 2
    assert "TARGET needs API_KEY" in done.stderr


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
