"""The benchmark's one table: rows, goals, and how the table is written for a terminal and Markdown.

Every row names a figure of ours, the peer it was measured against, the ratio and the goal. Only a
missed goal is marked (``MISS``); a row whose component has not been built yet says so instead of
holding a figure, so the table always has the same rows.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

__all__ = ["COLUMNS", "Goal", "Row", "RowSpec", "render_markdown", "render_text"]

COLUMNS = ("measurement", "ours", "peer", "peer's figure", "ours ÷ peer", "goal", "")
NOT_BUILT = "n/a (not built yet)"

_OPS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
    ">": operator.gt,
}


@dataclass(frozen=True)
class Goal:
    """A bound on one number of a row: ``value <op> limit``, written for people as ``text``."""

    text: str
    op: str
    limit: float

    def met(self, value: float) -> bool:
        return _OPS[self.op](value, self.limit)


@dataclass(frozen=True)
class RowSpec:
    """What a row measures, against whom, and its goal; fixed before anything is measured."""

    key: str
    what: str
    peer: str
    goal: Goal | None = None

    @property
    def label(self) -> str:
        """The measurement and its peer, for notes: ``what vs peer``."""
        return self.what if self.peer == "—" else f"{self.what} vs {self.peer}"

    def not_built(self, component: str) -> Row:
        return Row(self, ours=NOT_BUILT)

    def failed(self, reason: str) -> Row:
        return Row(self, ours=f"failed: {reason}")


@dataclass(frozen=True)
class Row:
    """One measured (or unmeasurable) row; ``goal_value`` is the number the goal is checked on."""

    spec: RowSpec
    ours: str
    peers: str = "—"
    ratio: str = "—"
    goal_value: float | None = None
    note: str = ""
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def missed(self) -> bool:
        goal = self.spec.goal
        return goal is not None and self.goal_value is not None and not goal.met(self.goal_value)

    def cells(self) -> tuple[str, ...]:
        goal = self.spec.goal.text if self.spec.goal else "—"
        return (
            self.spec.what,
            self.ours,
            self.spec.peer,
            self.peers,
            self.ratio,
            goal,
            "MISS" if self.missed else "",
        )

    def with_note(self, note: str) -> Row:
        return replace(self, note=note)


def render_text(rows: Sequence[Row]) -> str:
    """An aligned plain-text table for the terminal."""
    table = [COLUMNS, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    lines = []
    for index, line in enumerate(table):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths).rstrip())
    return "\n".join(lines)


def _md(cell: str) -> str:
    return cell.replace("|", "\\|")


def render_markdown(rows: Sequence[Row]) -> str:
    """A GitHub Markdown table of the same cells."""
    header = "| " + " | ".join(COLUMNS) + " |"
    rule = "|" + "|".join("---" for _ in COLUMNS) + "|"
    body = ["| " + " | ".join(_md(cell) for cell in row.cells()) + " |" for row in rows]
    return "\n".join([header, rule, *body])
