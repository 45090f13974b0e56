"""Row group "contract": the contract suite's speed and the share of its time spent in the server.

The contract suite (schemathesis against the reference server) has its own budget script, which
measures cases, seconds, cases per second and the server's share; this module runs it (its own
process, bounded in time) and reads its figures, so the two never disagree about how they are
measured. In QUICK mode the script's quick profile is asked for when its ``--help`` offers one.
The figures are read from a JSON object on its output if it prints one, else from its text
(``... cases/s``, ``server ... %``).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from runspec.bench.context import Context
from runspec.bench.formatting import percent
from runspec.bench.stats import summarize
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


def _from_json(output: str) -> tuple[float, float] | None:
    for line in reversed(output.strip().splitlines()):
        try:
            data: Any = json.loads(line)
        except ValueError:
            continue
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


def _quick_args(script: Path, root: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, str(script), "--help"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if "--quick" in done.stdout:
        return ["--quick"]
    if "--profile" in done.stdout:
        return ["--profile", "quick"]
    return []


def measure(ctx: Context) -> list[Row]:
    script = ctx.components.contract_budget_script()
    if script is None:
        return [spec.not_built("contract budget script") for spec in SPECS]
    args = _quick_args(script, ctx.root) if ctx.config.quick else []
    timeout = max(10.0, ctx.time_left()) if ctx.config.quick else FULL_TIMEOUT_SECONDS
    done = subprocess.run(
        [sys.executable, str(script), *args],
        cwd=ctx.root,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{script.name} exited {done.returncode}: {done.stderr[-300:]}")
    rate, share = read_figures(done.stdout)
    note = f"{script.relative_to(ctx.root)} {' '.join(args)}".strip()
    return [
        Row(RATE, ours=f"{summarize([rate]).median:,.1f} cases/s", note=f"from {note}"),
        Row(SHARE, ours=percent(share), goal_value=share),
    ]
