"""Five small programs, each written twice, with our client and with the official ``openai`` SDK
(``programs/ours_*.py`` and ``programs/sdk_*.py``): both versions run as written against the
reference server and print the same kind of answer, and ours take no more lines in all.

The programs read ``OPENAI_BASE_URL`` and ``OPENAI_API_KEY`` as both clients do; ``mypy
--strict`` checks them with the rest of ``tests/`` (``make lint``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from runspec.server import create_app
from runspec.server.testing import LiveServer, serve_in_thread

PROGRAMS = Path(__file__).parent / "programs"
NAMES = ("thread_and_run", "stream_text", "errors", "async", "function_call")
# What each program prints, whichever client it uses.
EXPECTED = {
    "thread_and_run": r"run_\S+ thread_\S+ queued\nrun_\S+ queued\n",
    "stream_text": r"Hello! .+\n",
    "errors": r"404: .+\n400: .+temperature.*\n",
    "async": r"run_\S+ run_\S+ queued\n",
    "function_call": r"call_\S+ get_weather \{\}\n",
}


@pytest.fixture(scope="module")
def live() -> Iterator[LiveServer]:
    with serve_in_thread(create_app()) as server:
        yield server


def run_program(path: Path, live: LiveServer) -> str:
    env = {
        **os.environ,
        "OPENAI_BASE_URL": live.base_url,
        "OPENAI_API_KEY": "sk-local-test",
        "PYTHONWARNINGS": "ignore::DeprecationWarning",
    }
    done = subprocess.run(
        [sys.executable, str(path)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"{path.name} failed:\n{done.stderr}"
    return done.stdout


@pytest.mark.parametrize("client", ["ours", "sdk"])
@pytest.mark.parametrize("name", NAMES)
def test_the_program_runs_as_written(live: LiveServer, name: str, client: str) -> None:
    output = run_program(PROGRAMS / f"{client}_{name}.py", live)
    assert re.fullmatch(EXPECTED[name], output), output


def code_lines(path: Path) -> int:
    """Lines that are neither blank nor comments, as ruff formats them (100 columns)."""
    lines = path.read_text().splitlines()
    return sum(1 for line in lines if line.strip() and not line.strip().startswith("#"))


def test_ours_take_no_more_lines_than_the_sdk() -> None:
    ours = {name: code_lines(PROGRAMS / f"ours_{name}.py") for name in NAMES}
    sdk = {name: code_lines(PROGRAMS / f"sdk_{name}.py") for name in NAMES}
    assert sum(ours.values()) <= sum(sdk.values()), (ours, sdk)
