"""Deprecation, sunset and stability of operations: how a removal or a lifecycle edit is judged.

The vocabulary is oasdiff's, which teams publishing OpenAPI already use: ``deprecated: true`` on
an operation, ``x-sunset`` (a date, ``YYYY-MM-DD`` or RFC 3339) after which it may go, and
``x-stability-level`` (``draft`` < ``alpha`` < ``beta`` < ``stable``; none means stable). An
operation removed after its announced sunset, or while draft or alpha, breaks no promise; one
removed before its sunset, or without having been deprecated, does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

__all__ = ["STABILITY_LEVELS", "lifecycle_changes", "removal", "stability_change", "sunset_date"]

STABILITY_LEVELS = ("draft", "alpha", "beta", "stable")
_UNSTABLE = frozenset({"draft", "alpha"})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def sunset_date(value: Any) -> date | None:
    """The date of an ``x-sunset`` value; ``None`` when it is not one."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if _DATE.fullmatch(text):
            return date.fromisoformat(text)
        return datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _stability(operation: Mapping[str, Any]) -> str | None:
    value = operation.get("x-stability-level")
    return value if isinstance(value, str) else None


def removal(operation: Mapping[str, Any], today: date) -> tuple[str, str]:
    """The rule and message for removing ``operation`` (as it was in the old document)."""
    if _stability(operation) in _UNSTABLE:
        return "operation-removed-while-unstable", f"removed ({_stability(operation)})"
    if operation.get("deprecated") is not True:
        return "operation-removed", "operation removed without having been deprecated"
    if "x-sunset" not in operation:
        return "operation-removed-after-deprecation", "deprecated operation removed (no x-sunset)"
    sunset = sunset_date(operation["x-sunset"])
    if sunset is None:
        return "operation-sunset-invalid", f"x-sunset `{operation['x-sunset']}` is not a date"
    if today < sunset:
        return "operation-removed-before-sunset", f"removed before its sunset date {sunset}"
    return "operation-removed-after-sunset", f"removed after its sunset date {sunset}"


def lifecycle_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(rule, message) for each deprecation, sunset or stability change of one operation."""
    found: list[tuple[str, str]] = []
    was, now = old.get("deprecated") is True, new.get("deprecated") is True
    old_sunset, new_sunset = old.get("x-sunset"), new.get("x-sunset")
    if now and not was:
        if new_sunset is None:
            found.append(("operation-deprecated", "deprecated, without an x-sunset date"))
        elif sunset_date(new_sunset) is None:
            found.append(("operation-sunset-invalid", f"x-sunset `{new_sunset}` is not a date"))
        else:
            found.append(("operation-deprecated-with-sunset", f"deprecated, sunset {new_sunset}"))
    elif was and not now:
        found.append(("operation-reactivated", "no longer deprecated"))
    elif now and old_sunset != new_sunset:
        found.extend(_sunset_edit(old_sunset, new_sunset))
    change = stability_change(_stability(old), _stability(new))
    if change is not None:
        direction, message = change
        found.append((f"operation-stability-{direction}", message))
    return found


def _sunset_edit(old: Any, new: Any) -> list[tuple[str, str]]:
    if new is None:
        return [("operation-sunset-deleted", f"x-sunset `{old}` removed")]
    new_date = sunset_date(new)
    if new_date is None:
        return [("operation-sunset-invalid", f"x-sunset `{new}` is not a date")]
    old_date = sunset_date(old)
    if old_date is not None and new_date < old_date:
        return [("operation-sunset-moved-earlier", f"x-sunset moved from {old_date} to {new_date}")]
    return []


def stability_change(old: str | None, new: str | None) -> tuple[str, str] | None:
    """(``decreased``, ``increased`` or ``invalid``, message) for an ``x-stability-level``
    edit (none means stable); ``None`` when the level did not change."""
    if old == new:
        return None
    if new is not None and new not in STABILITY_LEVELS:
        return "invalid", f"x-stability-level `{new}` is not a known level"
    rank = {level: i for i, level in enumerate(STABILITY_LEVELS)}
    before, after = rank.get(old or "stable"), rank[new or "stable"]
    if before is None or before == after:
        return None
    direction = "decreased" if after < before else "increased"
    return direction, f"x-stability-level changed from {old or 'stable'} to {new or 'stable'}"
