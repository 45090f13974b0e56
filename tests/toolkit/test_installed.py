"""The toolkit as a user gets it: both wheels in a fresh virtualenv, far from any checkout.

The toolkit's and the client's wheels are built the way ``make publish`` builds them
(:func:`runspec.publish.build_toolkit`, :func:`~runspec.publish.build_client`) and installed with
``uv pip install`` into a virtualenv in a temporary directory, with the official ``openai`` SDK
and pytest; dependencies come at the versions of ``uv.lock``, from uv's cache when it has them
all (no network needed), else from the registry. Every command then runs in another temporary directory, with no checkout on
``PYTHONPATH`` or above the working directory, so the package's own data is all there is:

- ``runspec serve --port 0`` answers the official SDK;
- the README's GitHub Actions job (its wait and ``runspec contract`` steps, as written) passes
  against that server and leaves the reports the job keeps; ``runspec contract`` fails with exit 1
  against a server with a bug;
- ``runspec generate`` makes, byte for byte, the committed client from the bundled spec, and on a
  copy of the spec with one more field a client that has it;
- the README's example test file, using the ``assistants_server`` fixture, passes under pytest.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openai
import pytest
import yaml

from runspec import PROJECT_ROOT, publish
from runspec.server import create_app
from runspec.server.testing import serve_in_thread
from runspec.yamlio import dump_document, load_document
from tests.contract.mutants import MUTANTS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings(
        "ignore:The Assistants API is deprecated in favor of the Responses API:DeprecationWarning"
    ),
]

README = PROJECT_ROOT / "README.md"
KEY = "sk-installed-test-7c1d"


def _uv() -> str:
    for candidate in (os.environ.get("UV"), shutil.which("uv"), PROJECT_ROOT / ".bootstrap/bin/uv"):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    pytest.fail("uv not found: run `make setup`")


@dataclass(frozen=True)
class Installed:
    """A virtualenv with the wheels installed, and a directory to work in."""

    venv: Path
    workdir: Path
    toolkit_wheel: Path

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    def environment(self, **extra: str) -> dict[str, str]:
        """This process's environment without anything pointing at the checkout."""
        drop = {"PYTHONPATH", "VIRTUAL_ENV", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "OPENAI_API_KEY"}
        environment = {k: v for k, v in os.environ.items() if k not in drop}
        environment["PATH"] = f"{self.bin}{os.pathsep}{environment.get('PATH', '')}"
        environment["XDG_CACHE_HOME"] = str(self.workdir.parent / "cache")
        return {**environment, **extra}

    def run(
        self, *command: str, timeout: float = 300, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(command),
            cwd=self.workdir,
            env=self.environment(**(env or {})),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("outside")
    assert PROJECT_ROOT not in base.parents
    uv = _uv()
    wheels, work = base / "wheels", base / "build-work"
    work.mkdir()
    toolkit_wheel, _ = publish.build_toolkit(PROJECT_ROOT, wheels, lambda _: None)
    client_version = str(load_document(PROJECT_ROOT / "openapi/openapi.yaml")["info"]["version"])
    client_wheel, _ = publish.build_client(
        PROJECT_ROOT, wheels, work, client_version, lambda _: None
    )
    constraints = base / "constraints.txt"
    exported = subprocess.run(
        [uv, "export", "--frozen", "--no-hashes", "--no-emit-project", "--no-emit-workspace"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    constraints.write_text(exported.stdout, encoding="utf-8")
    venv = base / "venv"
    subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
    install = [
        *(uv, "pip", "install", "--quiet", "--python", str(venv / "bin" / "python")),
        *("--constraints", str(constraints), str(toolkit_wheel), str(client_wheel)),
        *("openai", "pytest"),
    ]
    # From uv's cache alone when it holds everything (no network needed), else from the registry.
    for offline in (["--offline"], []):
        done = subprocess.run(
            [*install, *offline], capture_output=True, text=True, check=False, timeout=600
        )
        if done.returncode == 0:
            break
    assert done.returncode == 0, done.stderr
    workdir = base / "project"
    workdir.mkdir()
    return Installed(venv, workdir, toolkit_wheel)


def test_the_installed_package_uses_its_own_data(installed: Installed) -> None:
    done = installed.run(
        "python",
        "-c",
        "import runspec, runspec.resources as r; print(runspec.__file__, r.IN_CHECKOUT, r.SPEC_PATH)",
    )
    assert done.returncode == 0, done.stderr
    module, in_checkout, spec = done.stdout.split()
    assert Path(module).is_relative_to(installed.venv)
    assert in_checkout == "False"
    assert Path(spec).is_relative_to(installed.venv)
    assert Path(spec).is_file()
    variant = installed.run("runspec", "spec", "--variant", "zh-CN", "-o", "zh-CN.yaml")
    assert variant.returncode == 0, variant.stderr
    assert "openapi: 3.1" in (installed.workdir / "zh-CN.yaml").read_text(encoding="utf-8")
    version = installed.run("runspec", "--version")
    assert version.stdout.strip() == f"runspec {publish._toolkit_version(PROJECT_ROOT)}"


@dataclass(frozen=True)
class Served:
    base_url: str
    port: int


@pytest.fixture(scope="module")
def served(installed: Installed) -> Iterator[Served]:
    """``runspec serve --port 0`` of the installed toolkit, as the README's job starts a server."""
    process = subprocess.Popen(
        [str(installed.bin / "runspec"), "serve", "--port", "0", "--api-key", KEY],
        cwd=installed.workdir,
        env=installed.environment(PYTHONUNBUFFERED="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            lines.append(line)
            if match := re.search(r"base URL:\s+(http://127\.0\.0\.1:(\d+)/v1)", line):
                yield Served(match.group(1), int(match.group(2)))
                break
        else:
            pytest.fail("runspec serve did not start:\n" + "".join(lines))
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_runspec_serve_answers_the_official_sdk(served: Served) -> None:
    client = openai.OpenAI(base_url=served.base_url, api_key=KEY, max_retries=0)
    run = client.beta.threads.create_and_run(assistant_id="asst_abc123")
    assert run.status == "queued"
    again = client.beta.threads.runs.create(run.thread_id, assistant_id="asst_abc123")
    assert again.thread_id == run.thread_id


def _readme_block(language: str, after: str) -> str:
    """The first ``language`` code block of the README after the line ``after``."""
    text = README.read_text(encoding="utf-8")
    start = text.index(after)
    match = re.search(rf"^```{language}\n(.*?)^```$", text[start:], flags=re.DOTALL | re.MULTILINE)
    assert match, f"README: no {language} block after {after!r}"
    return match.group(1)


def _ci_steps() -> dict[str, dict[str, Any]]:
    job = yaml.safe_load(_readme_block("yaml", "### In CI (GitHub Actions)"))["jobs"]["contract"]
    return {step.get("name", step.get("uses", "")): step for step in job["steps"]}


def test_the_readme_ci_job_passes_against_the_reference_server(
    installed: Installed, served: Served
) -> None:
    steps = _ci_steps()
    # The install step is `pip install "$RUNSPEC"`, done above with uv pip from the same wheel.
    assert steps["Install the toolkit"]["run"].strip() == 'pip install "$RUNSPEC"'
    # The team's server listens on 8080 in the job; here the reference server on a free port.
    assert "8080" in steps["Start the server under test"]["run"]
    for name in ("Wait for it", "Contract test"):
        step = steps[name]
        command = step["run"].replace("127.0.0.1:8080", f"127.0.0.1:{served.port}")
        command += " --profile quick" if name == "Contract test" else ""
        secrets = {key: KEY for key in step.get("env", {})}
        done = installed.run("bash", "-c", command, env=secrets)
        assert done.returncode == 0, f"{name}: {command}\n{done.stdout[-3000:]}{done.stderr}"
    assert "PASSED" in done.stdout
    kept = steps["Keep the reports"]["with"]["path"].split()
    for path in kept:
        assert (installed.workdir / path).exists(), path
    assert KEY not in (installed.workdir / "reports/contract/junit.xml").read_text()


def test_runspec_contract_fails_with_exit_1_against_a_broken_server(
    installed: Installed,
) -> None:
    mutant = next(m for m in MUTANTS if m.name == "override-not-echoed")
    with serve_in_thread(mutant.wrap(create_app(api_keys=[KEY], any_assistant=True))) as server:
        done = installed.run(
            "runspec",
            "contract",
            server.base_url,
            "--profile",
            "quick",
            "--reports",
            "broken-reports",
            "--",
            "--phases",
            "examples",
            env={"OPENAI_API_KEY": KEY},
        )
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr
    assert "run_echoes_request" in (installed.workdir / "broken-reports/summary.md").read_text()


def test_runspec_generate_makes_the_committed_client_from_the_bundled_spec(
    installed: Installed,
) -> None:
    done = installed.run("runspec", "generate", "-o", "client-of-the-bundled-spec/", timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    made = _tree(installed.workdir / "client-of-the-bundled-spec")
    assert made == _tree(PROJECT_ROOT / "generated"), "not byte for byte what make generate makes"


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_runspec_generate_makes_a_client_for_an_extended_spec(installed: Installed) -> None:
    spec = load_document(PROJECT_ROOT / "openapi/openapi.yaml")
    properties = spec["components"]["schemas"]["CreateRunRequest"]["properties"]
    properties["team_priority"] = {
        "type": "integer",
        "description": "How urgent the run is for our team (an extension of the spec).",
    }
    (installed.workdir / "our-openapi.yaml").write_text(dump_document(spec), encoding="utf-8")
    done = installed.run(
        "runspec", "generate", "--spec", "our-openapi.yaml", "-o", "client", timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    probe = installed.run(
        "python",
        "-c",
        "import sys; sys.path.insert(0, 'client'); import attrs, assistants_runs_client.models as m; "
        "print([f.name for f in attrs.fields(m.CreateRunRequest)]);"
        "print(m.CreateRunRequest(assistant_id='asst_abc123', team_priority=2).to_dict())",
    )
    assert probe.returncode == 0, probe.stderr
    assert "'team_priority'" in probe.stdout.splitlines()[0]
    assert "'team_priority': 2" in probe.stdout.splitlines()[1]
    again = installed.run("runspec", "generate", "--spec", "our-openapi.yaml", "-o", "client")
    assert "up to date" in again.stdout


def test_the_readme_example_test_file_passes_with_the_fixture(installed: Installed) -> None:
    tests = installed.workdir / "app-tests"
    tests.mkdir()
    example = _readme_block("python", "### In your test suite: the `assistants_server` fixture")
    (tests / "test_my_app.py").write_text(example, encoding="utf-8")
    done = installed.run(
        "python",
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-W",
        "ignore::DeprecationWarning",
        "app-tests",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout
