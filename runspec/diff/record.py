"""Collects changes as the comparers find them, attaching the rule's severity and the place.

Comparers never pick severities themselves: they name a rule id and the catalogue in
:mod:`runspec.diff.rules` decides, so one rule always has one severity.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from runspec.diff.model import Change
from runspec.diff.rules import severity_of

__all__ = ["Recorder", "Where"]

Side = Literal["request", "response"]


@dataclass(frozen=True)
class Where:
    """The part of an operation a comparison is about."""

    operation: str
    operation_id: str | None
    where: str
    side: Side = "request"
    prefix: str = "request-property"
    """The rule-id prefix of schema rules here: ``request-property``, ``request-parameter`` or
    ``response-property``."""

    def at(self, where: str, *, side: Side | None = None, prefix: str | None = None) -> Where:
        return Where(
            self.operation,
            self.operation_id,
            where,
            side or self.side,
            prefix or self.prefix,
        )


class Recorder:
    """The list of changes found so far, in the order they were found."""

    def __init__(self) -> None:
        self.changes: list[Change] = []

    def add(
        self, rule: str, at: Where, message: str, *, path: str = "", origin: str | None = None
    ) -> None:
        self.changes.append(
            Change(
                rule=rule,
                severity=severity_of(rule),
                operation=at.operation,
                where=at.where,
                path=path,
                message=message,
                operation_id=at.operation_id,
                origin=origin,
            )
        )
