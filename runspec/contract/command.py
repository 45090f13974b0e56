"""One contract run with the schemathesis CLI: what ``make contract`` does.

:func:`run_contract` writes the effective configuration of the profile, starts the bundled
reference server when there is no target, runs ``st run`` with the hooks module and the reports
switched on, and writes the summary. Everything lands in one directory::

    schemathesis.toml   the configuration this run used (profile applied)
    junit.xml           one test case per operation, failures with curl and `st replay` ids
    html/               schemathesis's HTML report
    events.ndjson       every case, request and response (API key masked)
    cache/              schemathesis's cache of this run: the failures `st replay ID` replays
    summary.md/.json    per operation: cases by phase, failures by check; seed; findings
    server.log          the bundled server's output, if it ran

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

from runspec import SPEC_PATH
from runspec.contract.bundled import BundledServer, bundled_server
from runspec.contract.profiles import Profile, config_document
from runspec.contract.summary import Tally, tally_ndjson, write_summary
from runspec.contract.tomlout import dumps

__all__ = [
    "DEFAULT_REPORTS",
    "HOOKS_MODULE",
    "ContractResult",
    "ContractRun",
    "effective_config",
    "environment_assistants",
    "environment_key",
    "run_contract",
    "st_command",
]

HOOKS_MODULE = "runspec.contract.hooks"
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


def effective_config(run: ContractRun) -> dict[str, Any]:
    """``schemathesis.toml`` with the run's profile and assistants applied."""
    document = config_document(run.profile)
    # Schemathesis's cache (learned inputs, and the failures `st replay` replays) belongs to this
    # run alone: it starts empty, so that the seed alone decides the cases.
    document["cache"] = {"enabled": True, "directory": str((run.reports / "cache").resolve())}
    if run.assistant_ids:
        document["dictionaries"]["assistants"]["values"] = list(run.assistant_ids)
    return document


def st_command(run: ContractRun, base_url: str, config_path: Path) -> list[str]:
    """The ``st run`` command line; it never contains the API key."""
    reports = run.reports
    command = [
        str(Path(sys.executable).with_name("st")),
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
    """Run the suite; ``output`` receives the CLI's output (default: this process's)."""
    _clean(run.reports)
    config_path = run.reports / "schemathesis.toml"
    config_path.write_text(
        "# Effective configuration: runspec's schemathesis.toml, profile "
        f"{run.profile.name}.\n" + dumps(effective_config(run)),
        encoding="utf-8",
    )
    # The bundled server gets a throwaway key of its own; API_KEY is only ever sent to TARGET.
    key = run.api_key if run.target else f"sk-local-{secrets.token_hex(12)}"
    if key is None:
        raise ValueError("API_KEY is needed to test a TARGET")
    server_context = (
        nullcontext(None) if run.target else bundled_server(key, run.reports / "server.log")
    )
    with server_context as server:
        base_url = run.target or _base_url(server)
        command = st_command(run, base_url, config_path)
        environment = {**os.environ, "API_KEY": key, "SCHEMATHESIS_HOOKS": HOOKS_MODULE}
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
    tally.target = run.target or f"bundled reference server ({base_url})"
    tally.config_path = _relative(config_path)
    write_summary(tally, run.reports)
    return ContractResult(
        exit_code=exit_code,
        tally=tally,
        wall_seconds=wall,
        schemathesis_cpu_seconds=schemathesis_cpu,
        server_cpu_seconds=server_cpu,
        files=[p for p in (run.reports / n for n in (*_REPORT_FILES, "html")) if p.exists()],
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
    return [part.strip() for part in environ.get("ASSISTANT_ID", "").split(",") if part.strip()]
