"""What can go wrong when applying an Overlay, as data.

Every problem names the overlay file, the action and its target, so that one line is enough to
find and fix it, e.g. (on one line)::

    overlays/x.overlay.yaml: actions[3] (target "$.info.title"):
    cannot merge an object into a string

The engine collects all the problems it can find before failing, so the exceptions carry a list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "OverlayApplyError",
    "OverlayDocumentError",
    "OverlayError",
    "OverlayProblem",
    "OverlayWarning",
]


@dataclass(frozen=True)
class OverlayProblem:
    """One problem (or warning) with one overlay, or with the document it applies to."""

    source: str
    """The overlay (or spec) file, or the ``source`` name given to :func:`apply_overlay`."""
    message: str
    """What is wrong, in one line."""
    action: int | None = None
    """The index in ``actions`` of the action concerned, if any."""
    target: str | None = None
    """That action's ``target``, if it is a string."""

    @property
    def location(self) -> str:
        """``source: actions[i] (target "...")``, as much of it as is known."""
        where = self.source
        if self.action is not None:
            where += f": actions[{self.action}]"
            if self.target is not None:
                where += f" (target {json.dumps(self.target, ensure_ascii=False)})"
        return where

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class OverlayError(Exception):
    """Applying overlays failed; ``problems`` lists every problem found, one line each."""

    def __init__(self, problems: Iterable[OverlayProblem]) -> None:
        self.problems: tuple[OverlayProblem, ...] = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class OverlayDocumentError(OverlayError):
    """An overlay or the target document could not be read or is invalid; nothing was applied."""


class OverlayApplyError(OverlayError):
    """One or more actions could not be applied (type mismatch, bad copy source, ...)."""


class OverlayWarning(UserWarning):
    """Something worth knowing that did not stop the overlay, e.g. a target selecting nothing."""

    def __init__(self, problem: OverlayProblem) -> None:
        self.problem = problem
        super().__init__(str(problem))
