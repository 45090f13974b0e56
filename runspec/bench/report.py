"""The Markdown report (``reports/bench.md``) and the README's "Performance" section.

The report is the table plus when, where and how it was measured. The README keeps the latest full
run: its last section, from ``## Performance`` to the end of the file, is replaced as a whole.
"""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from runspec.bench.table import Row, render_markdown

__all__ = ["README_HEADING", "machine_description", "markdown_report", "update_readme"]

README_HEADING = "## Performance"
README_INTRO = """\
`make bench` measures this project beside its peers (the official `openai` SDK, Prism, a bare
Starlette route, a hand-written pydantic model) and writes `reports/bench.md`; a full run also
rewrites this section. `make bench QUICK=1` is a smoke run of under a minute (`make test` runs it
once, asserting no figure). The harness is our own (`runspec/bench/`), not pytest-benchmark: the
peers run interleaved, round by round or call by call, several of them are other processes
(servers, wrk, `make`), and each figure is a median or a ratio measured side by side in one run.
The servers are loaded by Debian's `wrk` in its own process, on loopback. The latest full run:"""


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_description() -> str:
    """``2 x Intel(R) Xeon(R) ..., Linux 6.1, Python 3.11.7``."""
    return (
        f"{os.cpu_count()} x {_cpu_model()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def markdown_report(
    rows: Sequence[Row],
    *,
    mode: str,
    seconds: float,
    when: datetime | None = None,
    load_average: float | None = None,
) -> str:
    """The report body: a one-paragraph preamble, the table, and the rows' notes."""
    stamp = (when or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    load = f", load average {load_average:.1f}" if load_average is not None else ""
    lines = [
        f"Measured {stamp} on {machine_description()}{load}: `make bench` ({mode} run, "
        f"{seconds:.0f} s).",
        "Every figure is a median over rounds, min-max in parentheses; ratios are ours ÷ peer,",
        "measured side by side in the same run with the peers interleaved. `MISS` marks a missed goal.",
        "",
        render_markdown(rows),
    ]
    notes = [f"- {row.spec.label}: {row.note}" for row in rows if row.note]
    if notes:
        lines += ["", "Notes:", "", *notes]
    return "\n".join(lines) + "\n"


def update_readme(readme: Path, body: str) -> None:
    """Replace (or append) the README's last section, ``## Performance``, with ``body``."""
    text = readme.read_text()
    head, found, _ = text.partition("\n" + README_HEADING + "\n")
    if not found:
        head = text.rstrip("\n") + "\n"
    section = f"{README_HEADING}\n\n{README_INTRO}\n\n{body}"
    readme.write_text(head.rstrip("\n") + "\n\n" + section)
