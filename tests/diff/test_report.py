"""Reports: a change seen from many places is listed once, most severe changes come first."""

from __future__ import annotations

from runspec.diff import Change, Severity, render
from runspec.diff.report import group_changes


def _change(rule: str, severity: Severity, operation: str, origin: str | None) -> Change:
    return Change(
        rule, severity, operation, "response 200", "status", "enum value `x` added", None, origin
    )


SHARED = [
    _change("response-property-enum-value-added", Severity.WARNING, f"POST /op{i}", "#/c/S:")
    for i in range(12)
]
BREAKING = _change("operation-removed", Severity.BREAKING, "GET /gone", None)


def test_changes_with_one_origin_are_grouped_and_breaking_ones_come_first() -> None:
    groups = group_changes([*SHARED, BREAKING])
    assert [(g.change.rule, len(g.places)) for g in groups] == [
        ("operation-removed", 1),
        ("response-property-enum-value-added", 12),
    ]


def test_changes_without_an_origin_are_kept_apart_by_location() -> None:
    inline = [
        _change("response-property-enum-value-added", Severity.WARNING, f"POST /op{i}", None)
        for i in range(3)
    ]
    assert len(group_changes(inline)) == 3


def test_markdown_lists_a_few_places_then_counts_the_rest() -> None:
    text = render([*SHARED, BREAKING], "markdown")
    assert text.index("### Breaking changes (1)") < text.index("### Warnings (1)")
    assert text.count("  - also ") == 8
    assert "  - and 3 more places" in text


def test_text_summary_counts_changes_and_places() -> None:
    assert render([*SHARED, BREAKING], "text").splitlines()[-1] == (
        "1 breaking, 1 warning, 0 info (seen in 13 places)"
    )


def test_no_changes_is_said_plainly() -> None:
    assert render([], "markdown") == "No changes to the API.\n"
    assert render([], "text") == "no changes\n"
