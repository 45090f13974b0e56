"""Row group "contract": the contract suite's speed and the share of its time spent in the server.

The contract suite (schemathesis against the reference server) measures its own time: cases,
wall seconds, and the server's share of the CPU time (server plus schemathesis). This module reads
those figures rather than measuring again, so the two never disagree about how they are measured:

- in a full run, from the suite's budget script (``scripts/contract*budget*.py``: profile
  ``default``), run in its own process, bounded in time, its figures read from its ``--json``
  output, else from its text (``cases/s``, ``server ... %``);
- in QUICK mode (and while there is no budget script), from
  :func:`runspec.contract.command.run_contract`, the function that script and ``make contract``
  call (``st`` and the bundled server, each its own process): profile ``quick`` with only the
  examples and fuzzing phases, 5 examples each, so the smoke run stays in seconds.
"""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from runspec.bench.context import Context
from runspec.bench.formatting import percent
from runspec.bench.table import Goal, Row, RowSpec

__all__ = ["SPECS", "measure", "read_figures"]

RATE = RowSpec("contract.rate", "contract suite, cases/s", "—")
SHARE = RowSpec(
    "contract.share", "contract suite, time in the server", "—", Goal("server < 10%", "<", 0.10)
)
SPECS = (RATE, SHARE)
FULL_TIMEOUT_SECONDS = 600

_RATE_TEXT = re.compile(
    r"([\d][\d,]*(?:\.\d+)?)[ \t]*cases/s|cases/s\W+([\d][\d,]*(?:\.\d+)?)", re.I
)
_SHARE_TEXT = re.compile(r"server[^\n%]*?([\d.]+)\s*%", re.I)
_RATE_KEYS = ("cases_per_second", "cases_per_s", "cases/s", "rate")
_SHARE_KEYS = ("server_share", "server_fraction", "server")


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _json_objects(output: str) -> list[Any]:
    """JSON documents on the output: all of it, or from a line that opens one to the end."""
    lines = output.strip().splitlines()
    found = []
    for start in [0, *(i for i, line in enumerate(lines) if line.lstrip().startswith("{"))]:
        try:
            found.append(json.loads("\n".join(lines[start:])))
        except ValueError:
            continue
    return found


def _from_json(output: str) -> tuple[float, float] | None:
    for data in _json_objects(output):
        if not isinstance(data, dict):
            continue
        rate = next((data[k] for k in _RATE_KEYS if isinstance(data.get(k), int | float)), None)
        share = next((data[k] for k in _SHARE_KEYS if isinstance(data.get(k), int | float)), None)
        if rate is not None and share is not None:
            return float(rate), float(share) / 100 if share > 1 else float(share)
    return None


def read_figures(output: str) -> tuple[float, float]:
    """Cases per second and the server's share (0..1) from the budget script's output."""
    found = _from_json(output)
    if found is not None:
        return found
    rate = _RATE_TEXT.search(output)
    share = _SHARE_TEXT.search(output)
    if rate is None or share is None:
        raise RuntimeError(
            f"no cases/s and server share in the budget script's output: {output[-300:]!r}"
        )
    return _number(rate.group(1) or rate.group(2)), _number(share.group(1)) / 100


def _help(script: Path, root: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(script), "--help"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.stdout


QUICK_ST_ARGUMENTS = ("--max-examples", "5", "--phases", "examples,fuzzing")


def _rows(rate: float, share: float, note: str) -> list[Row]:
    return [
        Row(RATE, ours=f"{rate:,.1f} cases/s", note=note),
        Row(SHARE, ours=percent(share), goal_value=share),
    ]


def _run_contract(ctx: Context) -> list[Row]:
    """The suite through its Python entry point, as ``make contract`` runs it."""
    command: Any = importlib.import_module("runspec.contract.command")
    profiles: Any = importlib.import_module("runspec.contract.profiles")
    profile = "quick" if ctx.config.quick else "default"
    arguments = list(QUICK_ST_ARGUMENTS) if ctx.config.quick else []
    run = command.ContractRun(
        profile=profiles.get_profile(profile),
        reports=ctx.log_dir / "contract",
        st_arguments=arguments,
    )
    result = command.run_contract(run, output=ctx.log_dir / "contract.log")
    cases: int = result.tally.cases
    share: float | None = result.server_share
    if share is None or not result.wall_seconds:
        raise RuntimeError("the contract run reported no time")
    how = f"profile {profile}{' ' + ' '.join(arguments) if arguments else ''}"
    note = (
        f"{cases} cases in {result.wall_seconds:.1f} s ({how}, exit {result.exit_code}); "
        "server share = the bundled server's CPU time / (server + schemathesis CPU time), "
        "as runspec.contract measures it"
    )
    return _rows(cases / result.wall_seconds, share, note)


def _has_contract_runner() -> bool:
    try:
        command = importlib.import_module("runspec.contract.command")
    except ImportError:
        return False
    return hasattr(command, "run_contract") and hasattr(command, "ContractRun")


def measure(ctx: Context) -> list[Row]:
    script = ctx.components.contract_budget_script()
    if script is None or ctx.config.quick:
        if _has_contract_runner():
            return _run_contract(ctx)
        if script is None:
            return [spec.not_built("contract suite") for spec in SPECS]
    assert script is not None
    args = ["--json"] if "--json" in _help(script, ctx.root) else []
    done = subprocess.run(
        [sys.executable, str(script), *args],
        cwd=ctx.root,
        capture_output=True,
        text=True,
        timeout=FULL_TIMEOUT_SECONDS,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{script.name} exited {done.returncode}: {done.stderr[-300:]}")
    rate, share = read_figures(done.stdout)
    note = (
        f"from {script.relative_to(ctx.root)} (what make contract runs, profile default); server "
        "share = the server's CPU time / (server + schemathesis CPU time)"
    )
    return _rows(rate, share, note)
