"""Read an Overlay document into checked actions, before anything is applied.

Everything that can be known without the target document is checked here, all at once: the
schema of the declared Overlay version, every ``target`` and ``copy`` being valid RFC 9535
JSONPath, and actions that say two contradictory things.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from runspec.overlay.errors import OverlayProblem
from runspec.overlay.query import Query, QueryError
from runspec.overlay.schema import overlay_version, validate_overlay

__all__ = ["Action", "Kind", "Overlay", "read_overlay"]


class Kind(enum.Enum):
    """What an action does. Exactly one, by the precedence the Overlay text gives."""

    REMOVE = "remove"
    UPDATE = "update"
    COPY = "copy"
    NOTHING = "nothing"
    """Only a target (or ``remove: false``): the action changes nothing."""


@dataclass(frozen=True)
class Action:
    index: int
    target: Query
    kind: Kind
    update: Any = None
    """The ``update`` value (``None`` is a value too: JSON ``null``)."""
    copy: Query | None = None


@dataclass(frozen=True)
class Overlay:
    source: str
    version: str
    """``"1.0"`` or ``"1.1"``; the rules differ (see :mod:`runspec.overlay.engine`)."""
    actions: tuple[Action, ...]


def read_overlay(document: Any, *, source: str) -> tuple[Overlay | None, list[OverlayProblem]]:
    """The overlay's actions, or ``None`` and every problem found in it."""
    problems = validate_overlay(document, source=source)
    if not isinstance(document, Mapping):
        return None, problems
    version = overlay_version(document)
    raw_actions = document.get("actions")
    if version is None or not isinstance(raw_actions, list):
        return None, problems
    actions: list[Action] = []
    for index, raw in enumerate(raw_actions):
        if not isinstance(raw, Mapping) or not isinstance(raw.get("target"), str):
            continue  # already a schema violation
        action, action_problems = _read_action(index, raw, source=source)
        problems.extend(action_problems)
        if action is not None:
            actions.append(action)
    if problems:
        return None, problems
    return Overlay(source=source, version=version, actions=tuple(actions)), []


def _read_action(
    index: int, raw: Mapping[str, Any], *, source: str
) -> tuple[Action | None, list[OverlayProblem]]:
    target_text: str = raw["target"]
    problems: list[OverlayProblem] = []

    def problem(message: str) -> None:
        problems.append(OverlayProblem(source, message, index, target_text))

    target: Query | None = None
    try:
        target = Query(target_text)
    except QueryError as exc:
        problem(str(exc))
    source_query: Query | None = None
    copy_text = raw.get("copy")
    if isinstance(copy_text, str):
        try:
            source_query = Query(copy_text)
        except QueryError as exc:
            problem(f"copy {copy_text!r}: {exc}")

    # The text: `update` "has no impact if the `remove` field ... is `true` or if the `copy`
    # field contains a value", and `copy` "has no impact if the `remove` field ... is `true` or
    # if the `update` field contains a value". So remove wins over both; update and copy
    # together cancel each other out, which no author means, so that is an error.
    if raw.get("remove") is True:
        kind = Kind.REMOVE
    elif "update" in raw and "copy" in raw:
        problem("update and copy exclude each other; use two actions")
        kind = Kind.NOTHING
    elif "copy" in raw:
        kind = Kind.COPY
    elif "update" in raw:
        kind = Kind.UPDATE
    else:
        kind = Kind.NOTHING

    if problems or target is None:
        return None, problems
    action = Action(
        index=index,
        target=target,
        kind=kind,
        update=raw.get("update"),
        copy=source_query if kind is Kind.COPY else None,
    )
    return action, []
