"""What every consumer shares: its verdict, its workspace, and running a tool with a time limit.

A consumer is a function ``(Workspace, spec file) -> Outcome``. A tool that is not installed gives
``Outcome.missing`` (the table shows it as not run, never as passed). Commands run with a time
limit and their output is kept short: the table needs a verdict and the first lines of why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from runspec.consumers.samples import samples
from runspec.yamlio import load_document

__all__ = ["Consumer", "Outcome", "Workspace", "call", "fresh", "samples_file", "then", "tsc"]

TIMEOUT = 600
_TSCONFIG = {
    "compilerOptions": {
        "strict": True,
        "noEmit": True,
        "target": "ES2022",
        "module": "ESNext",
        "moduleResolution": "Bundler",
        "lib": ["ES2022", "DOM", "DOM.Iterable"],
        "types": [],
    }
}


@dataclass(frozen=True)
class Outcome:
    """``ok`` True (accepted), False (failed, ``detail`` says why) or None (tool not installed)."""

    ok: bool | None
    detail: str = ""

    @classmethod
    def missing(cls, what: str) -> Outcome:
        return cls(None, f"{what} is not installed")


@dataclass(frozen=True)
class Workspace:
    """Where a consumer may write (``work``) and where the project's tools are."""

    root: Path
    work: Path

    def node_bin(self, name: str) -> Path | None:
        path = self.root / "node_modules" / ".bin" / name
        return path if path.exists() else None

    def python_bin(self, name: str) -> Path | None:
        path = Path(sys.executable).parent / name
        return path if path.exists() else None


@dataclass(frozen=True)
class Consumer:
    name: str
    tier: str  # "fast" runs in make test; "slow" only in make consumers
    run: Callable[[Workspace, Path], Outcome]


def call(argv: Sequence[str | Path], cwd: Path, env: dict[str, str] | None = None) -> Outcome:
    try:
        done = subprocess.run(
            [str(a) for a in argv],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env={**os.environ, "NO_COLOR": "1", **(env or {})},
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Outcome(False, f"{Path(str(argv[0])).name}: no answer in {TIMEOUT} s")
    if done.returncode == 0:
        return Outcome(True)
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    return Outcome(False, " | ".join(lines[:6])[:600])


def fresh(work: Path, name: str) -> Path:
    path = work / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def then(*steps: Callable[[], Outcome]) -> Outcome:
    for step in steps:
        outcome = step()
        if outcome.ok is not True:
            return outcome
    return Outcome(True)


def tsc(ws: Workspace, out: Path) -> Outcome:
    tool = ws.node_bin("tsc")
    if tool is None:
        return Outcome.missing("typescript")
    (out / "tsconfig.json").write_text(json.dumps(_TSCONFIG), encoding="utf-8")
    return call([tool, "-p", "tsconfig.json"], out)


def samples_file(out: Path, spec: Path) -> Path:
    path = out / "samples.json"
    found = [
        {"where": s.where, "model": s.model, "json": json.dumps(s.value)}
        for s in samples(load_document(spec))
    ]
    path.write_text(json.dumps(found), encoding="utf-8")
    return path
