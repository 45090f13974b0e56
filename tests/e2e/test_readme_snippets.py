"""Every Python snippet of the README's client section and of ``generated/README.md`` runs as
written against the reference server (as ``make serve`` starts it: key ``sk-local-test``, the
assistant ``asst_abc123``), and type-checks under ``mypy --strict``.

The snippets name ``make serve``'s address, ``http://127.0.0.1:8000/v1``; the test serves on a
free port instead and swaps that address in, nothing else.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from runspec import PROJECT_ROOT
from runspec.server import create_app
from runspec.server.testing import LiveServer, serve_in_thread

MAKE_SERVE_URL = "http://127.0.0.1:8000/v1"
FENCE = re.compile(r"```python\n(.*?)```", re.DOTALL)


def client_section(readme: str) -> str:
    start = readme.index("## The Python client")
    return readme[start : readme.index("\n## ", start + 1)]


def snippets() -> dict[str, str]:
    found: dict[str, str] = {}
    sources = {
        "README": client_section((PROJECT_ROOT / "README.md").read_text()),
        "generated-README": (PROJECT_ROOT / "generated" / "README.md").read_text(),
    }
    for name, text in sources.items():
        for index, code in enumerate(FENCE.findall(text), 1):
            found[f"{name}-{index}"] = code
    return found


SNIPPETS = snippets()


def test_the_readmes_have_snippets_to_check() -> None:
    assert sum(name.startswith("README") for name in SNIPPETS) >= 1
    assert sum(name.startswith("generated") for name in SNIPPETS) >= 6
    assert all(MAKE_SERVE_URL in code for code in SNIPPETS.values())


@pytest.fixture(scope="module")
def live() -> Iterator[LiveServer]:
    with serve_in_thread(create_app()) as server:
        yield server


@pytest.mark.parametrize("name", SNIPPETS)
def test_the_snippet_runs_as_written(live: LiveServer, name: str, tmp_path: Path) -> None:
    script = tmp_path / f"{name.replace('-', '_')}.py"
    script.write_text(SNIPPETS[name].replace(MAKE_SERVE_URL, live.base_url))
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    done = subprocess.run(
        [sys.executable, str(script)], env=environment, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"{name}:\n{SNIPPETS[name]}\n{done.stderr}"


def test_the_snippets_type_check_strictly(tmp_path: Path) -> None:
    for name, code in SNIPPETS.items():
        (tmp_path / f"{name.replace('-', '_')}.py").write_text(code)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--python-version",
            "3.11",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
