"""One contract run with the schemathesis CLI: what ``make contract`` does.

:func:`run_contract` writes the effective configuration of the profile, starts the bundled
reference server when there is no target, runs ``st run`` with the hooks module and the reports
switched on, and writes the summary. Everything lands in one directory::

    schemathesis.toml   the configuration this run used (profile applied)
    junit.xml           one test case per operation, failures with curl and `st replay` ids
    html/               schemathesis's HTML report
    events.ndjson       every case, request and response (API key masked)
    cache/              schemathesis's cache of this run: the failures `st replay ID` replays
    summary.md/.json    the score per operation and area; each distinct problem with the
                        smallest request that shows it (curl, replay); seed; findings
    server.log          the bundled server's output, if it ran

Before any fuzzing, :mod:`.preflight` asks the target whether it answers, accepts the key and has
the given assistants and threads; a target that is not ready gets one line per problem in the
summary and exit code 2, and no run. The preflight's ids (the user's, or the thread the target
handed out) are what every phase uses: the configuration's dictionaries for generated cases, and
``ASSISTANT_ID``/``THREAD_ID`` in the CLI's environment for the hooks (examples and coverage).

The API key travels in the ``API_KEY`` environment variable only: ``schemathesis.toml`` reads
it as ``${API_KEY}``, and schemathesis masks the ``Authorization`` header in all its output.
The bundled server is given a throwaway key; a user's key is only ever sent to their TARGET.
"""

from __future__ import annotations

import os
import resource
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from runspec import SPEC_PATH
from runspec.contract.areas import parse_areas
from runspec.contract.bounded import (
    DEFAULT_MAX_RESPONSE_BYTES,
    MAX_RESPONSE_ENVIRONMENT,
    BoundedClient,
)
from runspec.contract.bundled import BundledServer, bundled_server
from runspec.contract.examples import spec_example_ids
from runspec.contract.preflight import Preflight, preflight
from runspec.contract.profiles import Profile, config_document, tailor
from runspec.contract.summary import Tally, tally_ndjson, write_summary
from runspec.contract.tomlout import dumps

__all__ = [
    "DEFAULT_REPORTS",
    "HOOKS_MODULE",
    "PREFLIGHT_EXIT_CODE",
    "SKIP_ENVIRONMENT",
    "ContractResult",
    "ContractRun",
    "effective_config",
    "environment_assistants",
    "environment_key",
    "environment_threads",
    "run_contract",
    "st_command",
]

HOOKS_MODULE = "runspec.contract.hooks"
# The conformance areas a run skips, comma-separated, for the hooks in the CLI's child process.
SKIP_ENVIRONMENT = "RUNSPEC_CONTRACT_SKIP"
PREFLIGHT_EXIT_CODE = 2
# Relative: the reports of a run go under the directory it was started in.
DEFAULT_REPORTS = Path("reports") / "contract"
_REPORT_FILES = (
    "schemathesis.toml",
    "junit.xml",
    "events.ndjson",
    "summary.md",
    "summary.json",
    "server.log",
)


@dataclass(frozen=True)
class ContractRun:
    """What to run: against ``target`` (a base URL such as ``https://host/v1``) or the bundled server."""

    profile: Profile
    target: str | None = None
    api_key: str | None = None
    reports: Path = DEFAULT_REPORTS
    seed: int | None = None
    st_arguments: Sequence[str] = ()
    spec: Path = SPEC_PATH
    assistant_ids: Sequence[str] = ()  # assistants the target has; default: the spec's asst_abc123
    thread_ids: Sequence[str] = ()  # threads the target has (THREAD_ID / --thread-id)
    skip: Sequence[str] = ()  # conformance areas the server knowingly lacks, reported as skipped
    fail_fast: bool = False  # stop each phase at its first failure (schemathesis's old default)
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES  # the suite reads no more of an answer


@dataclass
class ContractResult:
    """How it went: the CLI's exit code, the summary, and where the time went."""

    exit_code: int
    tally: Tally
    wall_seconds: float
    schemathesis_cpu_seconds: float
    server_cpu_seconds: float | None = None
    files: list[Path] = field(default_factory=list)

    @property
    def server_share(self) -> float | None:
        """The bundled server's share of the CPU time of the run (server plus schemathesis)."""
        if self.server_cpu_seconds is None:
            return None
        total = self.server_cpu_seconds + self.schemathesis_cpu_seconds
        return self.server_cpu_seconds / total if total else None


def effective_config(run: ContractRun, checked: Preflight | None = None) -> dict[str, Any]:
    """``schemathesis.toml`` with the run's profile, choices and ids (the preflight's) applied."""
    document = config_document(run.profile)
    # Schemathesis's cache (learned inputs, and the failures `st replay` replays) belongs to this
    # run alone: it starts empty, so that the seed alone decides the cases.
    document["cache"] = {"enabled": True, "directory": str((run.reports / "cache").resolve())}
    return tailor(
        document,
        assistant_ids=checked.assistants if checked else run.assistant_ids,
        thread_ids=checked.threads if checked else run.thread_ids,
        skip=run.skip,
        fail_fast=run.fail_fast,
        stateful=checked.creates_runs if checked else True,
    )


def st_executable() -> Path:
    """Schemathesis's ``st`` of this environment (next to its Python, whether on PATH or not)."""
    return Path(sys.executable).with_name("st")


def st_command(run: ContractRun, base_url: str, config_path: Path) -> list[str]:
    """The ``st run`` command line; it never contains the API key."""
    reports = run.reports
    command = [
        str(st_executable()),
        "--config-file",
        str(config_path),
        "run",
        str(run.spec),
        "--url",
        base_url,
        "--report",
        "junit,ndjson,html",
        "--report-junit-path",
        str(reports / "junit.xml"),
        "--report-ndjson-path",
        str(reports / "events.ndjson"),
        "--report-html-path",
        str(reports / "html"),
    ]
    if run.seed is not None:
        command += ["--seed", str(run.seed)]
    return [*command, *run.st_arguments]


def run_contract(run: ContractRun, *, output: Path | None = None) -> ContractResult:
    """Run the suite; ``output`` receives the CLI's output (default: this process's).

    Raises :class:`~.areas.UnknownAreaError` for a ``skip`` that names no area.
    """
    skipped = parse_areas(run.skip)
    _clean(run.reports)
    config_path = run.reports / "schemathesis.toml"
    # The bundled server gets a throwaway key of its own; API_KEY is only ever sent to TARGET.
    key = run.api_key if run.target else f"sk-local-{secrets.token_hex(12)}"
    if key is None:
        raise ValueError("API_KEY is needed to test a TARGET")
    server_context = (
        nullcontext(None) if run.target else bundled_server(key, run.reports / "server.log")
    )
    with server_context as server:
        base_url = run.target or _base_url(server)
        target = run.target or f"bundled reference server ({base_url})"
        checked = _preflight(run, base_url, key)
        if not checked.ready:
            tally = Tally(preflight_problems=checked.problems, target=target)
            tally.profile = run.profile.name
            write_summary(tally, run.reports)
            return ContractResult(PREFLIGHT_EXIT_CODE, tally, 0.0, 0.0)
        config_path.write_text(
            "# Effective configuration: runspec's schemathesis.toml, profile "
            f"{run.profile.name}.\n" + dumps(effective_config(run, checked)),
            encoding="utf-8",
        )
        command = st_command(run, base_url, config_path)
        environment = {
            **os.environ,
            "API_KEY": key,
            "SCHEMATHESIS_HOOKS": HOOKS_MODULE,
            "ASSISTANT_ID": ",".join(checked.assistants),
            "THREAD_ID": ",".join(checked.threads),
            SKIP_ENVIRONMENT: ",".join(skipped),
            MAX_RESPONSE_ENVIRONMENT: str(run.max_response_bytes),
        }
        before = _children_cpu()
        started = time.perf_counter()
        with _sink(output) as sink:
            exit_code = subprocess.call(command, env=environment, stdout=sink, stderr=sink)
        wall = time.perf_counter() - started
        schemathesis_cpu = _children_cpu() - before
        server_cpu = server.cpu_seconds() if server is not None else None
    events = run.reports / "events.ndjson"
    tally = tally_ndjson(events) if events.exists() else Tally()
    tally.profile = run.profile.name
    tally.target = target
    tally.base_url = base_url
    tally.notes = checked.notes
    tally.skipped_areas = skipped
    tally.replay_prefix = (
        f"{_relative(st_executable())} --config-file {_relative(config_path)} replay"
    )
    write_summary(tally, run.reports)
    return ContractResult(
        exit_code=exit_code,
        tally=tally,
        wall_seconds=wall,
        schemathesis_cpu_seconds=schemathesis_cpu,
        server_cpu_seconds=server_cpu,
        files=[p for p in (run.reports / n for n in (*_REPORT_FILES, "html")) if p.exists()],
    )


_PREFLIGHT_SECONDS = 10.0


def _preflight(run: ContractRun, base_url: str, key: str) -> Preflight:
    example = min(spec_example_ids()[0], default="asst_abc123")
    timeout = httpx.Timeout(_PREFLIGHT_SECONDS, connect=5.0)
    with httpx.Client(base_url=base_url.rstrip("/") + "/", timeout=timeout) as client:
        return preflight(
            BoundedClient(client, run.max_response_bytes, _PREFLIGHT_SECONDS),
            base_url=base_url,
            api_key=key,
            assistant_ids=run.assistant_ids,
            thread_ids=run.thread_ids,
            example_assistant=example,
        )


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _base_url(server: BundledServer | None) -> str:
    assert server is not None
    return server.base_url


def _clean(reports: Path) -> None:
    """Remove the files of an earlier run (only ours), so a report never mixes two runs."""
    reports.mkdir(parents=True, exist_ok=True)
    for name in _REPORT_FILES:
        (reports / name).unlink(missing_ok=True)
    shutil.rmtree(reports / "html", ignore_errors=True)
    shutil.rmtree(reports / "cache", ignore_errors=True)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def _sink(output: Path | None) -> Iterator[int | None]:
    if output is None:
        yield None
        return
    with output.open("w", encoding="utf-8") as file:
        yield file.fileno()


def environment_key(environ: Mapping[str, str] = os.environ) -> str | None:
    """``API_KEY`` from the environment; empty counts as unset (``make`` passes it empty)."""
    value = environ.get("API_KEY", "").strip()
    return value or None


def environment_assistants(environ: Mapping[str, str] = os.environ) -> list[str]:
    """``ASSISTANT_ID`` from the environment: comma-separated ids the target has."""
    return _id_list(environ.get("ASSISTANT_ID", ""))


def environment_threads(environ: Mapping[str, str] = os.environ) -> list[str]:
    """``THREAD_ID`` from the environment: comma-separated ids of threads the target has."""
    return _id_list(environ.get("THREAD_ID", ""))


def _id_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]
