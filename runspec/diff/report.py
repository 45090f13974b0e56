"""Changes as text (terminal), Markdown (CHANGES.md) or JSON (other tools).

Breaking changes come first, then warnings, then deprecations (rules that announce one, see
:attr:`runspec.diff.rules.Rule.deprecation`: the Markdown of CHANGES.md gives them their own
section, so a deprecation reads as such), then the rest, each group in the order found. Text and
Markdown list a change once even when it is seen from several places (a component used by two
operations and eleven stream events): the first place, then the others. JSON lists every change,
ungrouped, with its rule id (and oasdiff's for the same change), severity and location fields.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from runspec.diff.model import Change, Severity
from runspec.diff.rules import RULES

__all__ = ["FORMATS", "Group", "group_changes", "is_deprecation", "render", "summary"]

_HEADINGS = {
    Severity.BREAKING: "Breaking changes",
    Severity.WARNING: "Warnings",
    Severity.INFO: "Other changes",
}
_MAX_PLACES = 8


@dataclass
class Group:
    """One change and every place it was seen."""

    change: Change
    places: list[Change] = field(default_factory=list)


def group_changes(changes: Sequence[Change]) -> list[Group]:
    """Changes with the same rule, message and origin merged; most severe first."""
    groups: dict[tuple[str, str, str], Group] = {}
    for change in changes:
        key = (change.rule, change.message, change.origin or change.location)
        if key in groups:
            groups[key].places.append(change)
        else:
            groups[key] = Group(change, [change])
    return sorted(groups.values(), key=lambda g: -g.change.severity)


def summary(changes: Sequence[Change]) -> dict[str, int]:
    counts = {severity.label: 0 for severity in sorted(Severity, reverse=True)}
    for change in changes:
        counts[change.severity.label] += 1
    return counts


def _summary_line(changes: Sequence[Change]) -> str:
    if not changes:
        return "no changes"
    groups = group_changes(changes)
    counts = summary([group.change for group in groups])
    text = ", ".join(f"{count} {label}" for label, count in counts.items())
    return text if len(groups) == len(changes) else f"{text} (seen in {len(changes)} places)"


def render_text(changes: Sequence[Change]) -> str:
    lines = []
    for group in group_changes(changes):
        change = group.change
        lines.append(
            f"{change.severity.label:<8}  {change.location}: {change.message}  [{change.rule}]"
        )
        lines.extend(f"{'':<8}  also at {place.location}" for place in group.places[1:])
    lines.append(_summary_line(changes))
    return "\n".join(lines) + "\n"


def _md_location(change: Change) -> str:
    parts = [f"`{change.operation}`" if change.operation else "", change.where]
    head = " ".join(part for part in parts if part)
    return f"{head} `{change.path}`" if change.path else head


def is_deprecation(change: Change) -> bool:
    """Whether ``change`` announces a deprecation (an operation, a parameter, a property)."""
    rule = RULES.get(change.rule)
    return rule is not None and rule.deprecation


def _sections(groups: list[Group]) -> list[tuple[str, list[Group]]]:
    """(heading, groups) in report order: breaking, warnings, deprecations, the rest."""
    sections = []
    for severity in sorted(Severity, reverse=True):
        if severity is Severity.INFO:
            deprecations = [g for g in groups if is_deprecation(g.change)]
            sections.append(("Deprecations", deprecations))
        these = [
            g for g in groups if g.change.severity == severity and not is_deprecation(g.change)
        ]
        sections.append((_HEADINGS[severity], these))
    return [(heading, these) for heading, these in sections if these]


def render_markdown(changes: Sequence[Change]) -> str:
    if not changes:
        return "No changes to the API.\n"
    out: list[str] = []
    for heading, these in _sections(group_changes(changes)):
        out.append(f"### {heading} ({len(these)})\n")
        for group in these:
            change = group.change
            out.append(f"- {_md_location(change)}: {change.message} (`{change.rule}`)")
            others = group.places[1:]
            out.extend(f"  - also {_md_location(place)}" for place in others[:_MAX_PLACES])
            if len(others) > _MAX_PLACES:
                out.append(f"  - and {len(others) - _MAX_PLACES} more places")
        out.append("")
    return "\n".join(out)


def render_json(changes: Sequence[Change]) -> str:
    ordered = sorted(changes, key=lambda c: -c.severity)
    document = {
        "summary": summary(changes),
        "changes": [
            {
                "id": change.rule,
                "oasdiffId": RULES[change.rule].oasdiff_id if change.rule in RULES else None,
                "severity": change.severity.label,
                "operation": change.operation,
                "operationId": change.operation_id,
                "where": change.where,
                "path": change.path,
                "location": change.location,
                "message": change.message,
            }
            for change in ordered
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[Sequence[Change]], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}


def render(changes: Sequence[Change], format: str = "text") -> str:
    """The changes in ``format`` (``text``, ``markdown`` or ``json``)."""
    return FORMATS[format](changes)
