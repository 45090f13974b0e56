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

Issue 12 adds two wall-time rows, both of the default profile in a full run: against the
reference server (at most 30 s) and against a failing one whose error answers lack
``x-request-id``, where every case of every phase still runs (at most 60 s; the budget script's
``--failing``). QUICK mode leaves them out.
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
WALL = RowSpec(
    "contract.wall",
    "contract suite, default profile, wall time",
    "—",
    Goal("≤ 30 s", "<=", 30.0),
)
FAILING = RowSpec(
    "contract.failing",
    "contract suite, default profile, failing server (every case run), wall time",
    "—",
    Goal("≤ 60 s", "<=", 60.0),
)
SPECS = (RATE, SHARE, WALL, FAILING)
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


def _json_run(script: Path, root: Path, *arguments: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(script), "--json", *arguments],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=FULL_TIMEOUT_SECONDS,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{script.name} exited {done.returncode}: {done.stderr[-300:]}")
    for data in _json_objects(done.stdout):
        if isinstance(data, dict) and "wall_seconds" in data:
            return data
    raise RuntimeError(f"no JSON figures in the output of {script.name}: {done.stdout[-300:]!r}")


def _wall_row(spec: RowSpec, data: dict[str, Any]) -> Row:
    wall = float(data["wall_seconds"])
    note = f"{data['cases']} cases, {data.get('distinct_problems', 0)} distinct problems"
    return Row(spec, ours=f"{wall:.1f} s", goal_value=wall, note=note)


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
    skipped = "full runs only (make bench without QUICK)"
    return [
        *_rows(cases / result.wall_seconds, share, note),
        Row(WALL, ours=skipped),
        Row(FAILING, ours=skipped),
    ]


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
    if "--failing" in _help(script, ctx.root):
        reference = _json_run(script, ctx.root)
        failing = _json_run(script, ctx.root, "--failing")
        note = (
            f"from {script.relative_to(ctx.root)} --json (what make contract runs, profile "
            "default); server share = the server's CPU time / (server + schemathesis CPU time)"
        )
        rate = float(reference["cases_per_second"])
        share = float(reference["server_share"])
        return [
            *_rows(rate, share, note),
            _wall_row(WALL, reference),
            _wall_row(FAILING, failing),
        ]
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
    return [*_rows(rate, share, note), WALL.not_built("wall"), FAILING.not_built("wall")]
