"""What the breaking-change detector reports: a severity and one :class:`Change` per finding.

A change names the rule that found it (a stable id such as ``request-property-became-required``,
see :mod:`runspec.diff.rules`), where it is (the operation, the part of the operation, and the
JSON path inside the schema) and a short message. Severities are ordered, so
``change.severity >= Severity.WARNING`` is how ``--fail-on warning`` decides.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["Change", "Severity"]


class Severity(enum.IntEnum):
    """How much a change can hurt an existing client, least first."""

    INFO = 0
    WARNING = 1
    BREAKING = 2

    @property
    def label(self) -> str:
        """``info``, ``warning`` or ``breaking``: the spelling used in reports and on the CLI."""
        return self.name.lower()

    @classmethod
    def parse(cls, label: str) -> Severity:
        try:
            return cls[label.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {label!r}") from None


@dataclass(frozen=True)
class Change:
    """One difference between the old and the new document, classified by a rule."""

    rule: str
    """The rule's stable id, e.g. ``request-property-became-required``."""
    severity: Severity
    operation: str
    """``METHOD /path`` of the operation (the new path when both exist), or ``""``."""
    where: str
    """The part of the operation: ``request body``, ``response 200``, ``parameter query x``, ..."""
    path: str
    """The JSON path inside the schema (``thread.messages[].role``); ``""`` for the schema itself."""
    message: str
    operation_id: str | None = None
    origin: str | None = None
    """The component the change is in and the path inside it (``#/components/schemas/X:a.b``),
    when the schema was reached through a ``$ref``: the same change seen from several operations
    shares its origin, which reports use to list it once."""

    @property
    def location(self) -> str:
        """``POST /threads/runs request body: thread.messages[].role``."""
        head = " ".join(part for part in (self.operation, self.where) if part)
        return f"{head}: {self.path}" if self.path else head
