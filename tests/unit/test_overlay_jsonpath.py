"""Targets are RFC 9535 JSONPath, and only that: library extensions are invalid."""

from __future__ import annotations

import json
from typing import Any

import pytest

from runspec.overlay import OverlayDocumentError, apply_overlay

DOC: dict[str, Any] = {
    "paths": {
        "/a": {"get": {"tags": ["paged"], "parameters": [{"name": "x", "in": "query"}]}},
        "/b": {"get": {"tags": []}},
    }
}


def overlay(target: str) -> dict[str, Any]:
    return {
        "overlay": "1.1.0",
        "info": {"title": "test", "version": "1"},
        "actions": [{"target": target, "update": {"x-hit": True}}],
    }


@pytest.mark.parametrize(
    "target",
    [
        "$.paths['/a'].get",
        '$.paths["/a"].get',
        "$.paths[?@.get.tags[?@ == 'paged']].get",
        "$.paths[?(@.get['tags'][?(@ == 'paged')])].get",
        "$.paths[?length(@.get.tags) == 1].get",
        "$.paths[?match(@.get.tags[0], 'pag.*')].get",
        "$.paths[?count(@.get.parameters[?@.in == 'query']) > 0].get",
        "$..parameters[?@.name == 'x' && @.in == 'query']",
        "$.paths.*.get.parameters[0]",
        "$.paths[ '/a' ].get",
    ],
)
def test_rfc9535_queries_are_accepted(target: str) -> None:
    result = apply_overlay(DOC, overlay(target), strict=True)
    assert "x-hit" in str(result.document)


@pytest.mark.parametrize(
    "target",
    [
        "$..*~",  # python-jsonpath: keys selector
        "$.paths.~",
        "$.paths[?#  == '/a']",  # current key
        "^.paths",  # pseudo root
        "$.paths | $.info",  # union of queries
        "$.paths & $.info",  # intersection
        "$.paths[?_.x]",  # filter context
        "$.paths[?@.get.tags in ['a']]",  # membership operator
        "$.paths[?@.get and @.get]",  # word operators
        "$.paths[?isinstance(@.get, 'object')]",  # non-standard function
        "$.paths[?@.x =~ /a/]",  # regex literal
        "$.paths[?@.x == nil]",
        "$.paths ",  # trailing whitespace
        "$.paths[",
        "$.paths[?length(@.get)]",  # not well-typed: ValueType as a test
    ],
)
def test_extensions_and_malformed_queries_are_rejected(target: str) -> None:
    with pytest.raises(OverlayDocumentError) as caught:
        apply_overlay(DOC, overlay(target), source="t.yaml")
    messages = [str(problem) for problem in caught.value.problems]
    prefix = f"t.yaml: actions[0] (target {json.dumps(target)}): invalid JSONPath: "
    assert any(message.startswith(prefix) for message in messages), messages
    assert all("\n" not in message for message in messages)


def test_invalid_query_message_says_where() -> None:
    with pytest.raises(OverlayDocumentError) as caught:
        apply_overlay(DOC, overlay("$.paths.~"), source="t.yaml")
    assert str(caught.value) == (
        't.yaml: actions[0] (target "$.paths.~"): invalid JSONPath: '
        "unexpected token '~' at character 9"
    )


def test_target_without_root_is_rejected_by_the_schema_and_as_jsonpath() -> None:
    with pytest.raises(OverlayDocumentError) as caught:
        apply_overlay(DOC, overlay("paths.a"), source="t.yaml")
    messages = [problem.message for problem in caught.value.problems]
    assert messages[0] == "schema violation at target: 'paths.a' does not match '^\\\\$'"
    assert messages[1].startswith("invalid JSONPath:")


def test_all_invalid_targets_are_reported_at_once() -> None:
    document = {
        "overlay": "1.1.0",
        "info": {"title": "test", "version": "1"},
        "actions": [
            {"target": "$.a~", "remove": True},
            {"target": "$.ok", "remove": True},
            {"target": "$.b[", "remove": True},
        ],
    }
    with pytest.raises(OverlayDocumentError) as caught:
        apply_overlay(DOC, document, source="t.yaml")
    assert [problem.action for problem in caught.value.problems] == [0, 2]


@pytest.mark.parametrize(
    ("pattern", "selected"),
    [
        ("[a-z]+", ["$['x']"]),
        # Not I-Regexp (RFC 9485): RFC 9535 makes match() false, not a Python regex match.
        ("(?P<name>[a-z]+)", []),
        ("[a-z]+?", []),
    ],
)
def test_match_patterns_must_be_i_regexp(pattern: str, selected: list[str]) -> None:
    from runspec.overlay.query import Query

    nodes = Query(f'$[?match(@.a, "{pattern}")]').select({"x": {"a": "abc"}})
    assert [node.path for node in nodes] == selected


@pytest.mark.parametrize(
    ("target", "bracket_form"),
    [
        ("$.info.x-logo", "$.info['x-logo']"),
        ("$..x-logo", "$..['x-logo']"),
        ("$.paths.x-a.x-b", "$.paths['x-a']['x-b']"),
        ("$.paths[?@.x-hit == 'a-b']", "$.paths[?@['x-hit'] == 'a-b']"),
    ],
)
def test_hyphenated_shorthand_is_rejected_with_its_bracket_form(
    target: str, bracket_form: str
) -> None:
    # RFC 9535 2.5.1.1: a shorthand name is ALPHA / "_" / non-ASCII, then those or DIGIT; no "-".
    with pytest.raises(OverlayDocumentError) as caught:
        apply_overlay(DOC, overlay(target), source="t.yaml")
    message = str(caught.value)
    assert message.startswith(
        f"t.yaml: actions[0] (target {json.dumps(target)}): invalid JSONPath: "
    )
    assert "cannot contain '-'" in message
    assert message.endswith(f"write it in bracket form: {bracket_form}")


def test_hyphenated_shorthand_message_names_the_segment_and_where() -> None:
    from runspec.overlay.query import Query, QueryError

    with pytest.raises(QueryError) as caught:
        Query("$.info.x-logo")
    assert str(caught.value) == (
        "invalid JSONPath: member-name shorthand '.x-logo' at character 7 cannot contain '-' "
        "(RFC 9535 section 2.5.1.1); write it in bracket form: $.info['x-logo']"
    )


@pytest.mark.parametrize(
    "target",
    [
        "$.info['x-logo']",
        '$.info["x-logo"]',
        "$..['x-logo']",
        "$.paths[?@['x-hit'] == 'a-b']",
        "$.info.x_logo",
        "$.info.logo2",
        "$.info.é",
        "$.info.\U0001f600",  # outside the Basic Multilingual Plane, allowed by the RFC
    ],
)
def test_bracket_form_and_rfc_shorthand_names_are_accepted(target: str) -> None:
    from runspec.overlay.query import Query

    Query(target)
