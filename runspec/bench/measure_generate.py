"""Row group "generate": wall time of ``make generate``, cold and when nothing changed.

Cold means the target's stamp (``build/generate.stamp``) and cache (``build/codegen-cache``:
compiled templates, checked specs) are removed first, so the generator really runs; unchanged
means the same command again right after, which make should answer from its stamps. Each pair is
repeated ``generate_rounds`` times (cold then unchanged, the pair being the interleaving unit).
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import time
from pathlib import Path

from runspec.bench.context import Context
from runspec.bench.formatting import duration
from runspec.bench.stats import summarize
from runspec.bench.table import Goal, Row, RowSpec

__all__ = ["SPECS", "cold_paths", "measure"]

COLD = RowSpec("generate.cold", "make generate, cold", "—", Goal("≤ 5 s", "<=", 5.0))
UNCHANGED = RowSpec(
    "generate.unchanged", "make generate, nothing changed", "—", Goal("≤ 1 s", "<=", 1.0)
)
SPECS = (COLD, UNCHANGED)
TIMEOUT_SECONDS = 120


def cold_paths(root: Path) -> list[Path]:
    """What lets ``make generate`` skip work: the stamp and the cache of the codegen pipeline."""
    pipeline = importlib.import_module("runspec.codegen.pipeline")
    inputs = pipeline.Inputs()
    paths: list[Path] = [inputs.stamp]
    cache: Path | None = getattr(inputs, "cache", None)
    if cache is not None:
        paths.append(cache)
    return paths


def _make_generate(root: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        ["make", "--no-print-directory", "generate"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"make generate exited {done.returncode}: {done.stderr[-300:]}")
    return elapsed


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def measure(ctx: Context) -> list[Row]:
    if not ctx.components.generate_target():
        return [spec.not_built("make generate") for spec in SPECS]
    stamps = cold_paths(ctx.root)
    if not stamps:
        raise RuntimeError("no stamp to remove for a cold run")
    cold: list[float] = []
    unchanged: list[float] = []
    if not ctx.config.quick:
        _make_generate(ctx.root)  # settle the setup prerequisites, so cold times generation only
    for index in range(ctx.config.generate_rounds):
        if index and ctx.time_left() < 0:
            break
        for path in stamps:
            _remove(path)
        cold.append(_make_generate(ctx.root))
        unchanged.append(_make_generate(ctx.root))
    return [
        Row(
            COLD,
            ours=summarize(cold).format(duration),
            goal_value=summarize(cold).median,
            note="build/generate.stamp and build/codegen-cache removed, so the whole "
            "pipeline runs (spec check, overlay, openapi-python-client, ruff); nothing changed: "
            "the stamp matches",
        ),
        Row(
            UNCHANGED,
            ours=summarize(unchanged).format(duration),
            goal_value=summarize(unchanged).median,
        ),
    ]
