"""Runs every measurement, prints the table, writes ``reports/bench.md`` (and the README section).

Measurements run one group after another (a group interleaves its own peers). A group whose
component is not built yet reports "n/a (not built yet)"; a group that fails reports why in its
rows; a group that would start after the run's deadline reports that it was skipped. The table
always has every row.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, cast

from runspec import PROJECT_ROOT
from runspec.bench.config import FULL, QUICK
from runspec.bench.context import Context
from runspec.bench.report import markdown_report, update_readme
from runspec.bench.table import Row, RowSpec, render_text

__all__ = ["GROUPS", "all_specs", "main", "run"]

# The table's order, and the order they run in: servers first, because it records the reference
# server's stream that the stream rows decode.
GROUPS = (
    "measure_client",
    "measure_parse",
    "measure_stream",
    "measure_servers",
    "measure_hostile",
    "measure_full_store",
    "measure_generate",
    "measure_contract",
)
RUN_ORDER = ("measure_servers", *(name for name in GROUPS if name != "measure_servers"))


class Group(Protocol):
    SPECS: tuple[RowSpec, ...]

    def measure(self, ctx: Context) -> list[Row]: ...


def _group(name: str) -> Group:
    return cast(Group, importlib.import_module(f"runspec.bench.{name}"))


def all_specs() -> list[RowSpec]:
    """Every row of the table, in order."""
    return [spec for name in GROUPS for spec in _group(name).SPECS]


def _guarded(specs: Sequence[RowSpec], measure: Callable[[], list[Row]]) -> list[Row]:
    """The group's rows, one per spec in order; failures and missing rows become "failed" rows."""
    try:
        rows = {row.spec.key: row for row in measure()}
    except Exception as exc:
        reason = (str(exc) or type(exc).__name__).splitlines()[0][:160]
        return [spec.failed(reason) for spec in specs]
    return [rows.get(spec.key) or spec.failed("not measured") for spec in specs]


def run(ctx: Context, *, progress: Callable[[str], None] = print) -> list[Row]:
    measured: dict[str, list[Row]] = {}
    for name in RUN_ORDER:
        group = _group(name)
        if ctx.time_left() < 0:
            measured[name] = [spec.failed("skipped: out of time") for spec in group.SPECS]
            continue
        started = time.monotonic()
        progress(f"bench: {name.removeprefix('measure_')} ...")
        measured[name] = _guarded(group.SPECS, functools.partial(group.measure, ctx))
        progress(
            f"bench: {name.removeprefix('measure_')} done in {time.monotonic() - started:.1f} s"
        )
    return [row for name in GROUPS for row in measured[name]]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench", description="Measure runspec beside its peers.")
    parser.add_argument("--quick", action="store_true", help="a smoke run of under a minute")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "reports" / "bench.md")
    parser.add_argument(
        "--readme", type=Path, help="also replace this README's Performance section"
    )
    args = parser.parse_args(argv)
    config = QUICK if args.quick else FULL
    started = time.monotonic()
    load_average = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="runspec-bench-") as logs:
        ctx = Context(config=config, log_dir=Path(logs))
        rows = run(ctx, progress=lambda line: print(line, file=sys.stderr, flush=True))
    seconds = time.monotonic() - started
    print(render_text(rows))
    for row in rows:
        if row.note:
            print(f"  note: {row.spec.label}: {row.note}")
    report = markdown_report(rows, mode=config.name, seconds=seconds, load_average=load_average)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report)
    print(f"bench: wrote {args.out} ({seconds:.0f} s)")
    if args.readme:
        update_readme(args.readme, report)
        print(f"bench: updated the Performance section of {args.readme}")
    return 0
