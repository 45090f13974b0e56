"""Overlays are validated against the official Overlay JSON Schema before anything is applied."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from runspec import PROJECT_ROOT
from runspec.overlay import OverlayDocumentError, apply_overlay
from runspec.overlay.schema import SCHEMA_RESOURCE, load_schema
from runspec.yamlio import load_document

SHARED_SCHEMA = PROJECT_ROOT.parent / "shared" / "vectors" / "overlay-1.1" / "schema.yaml"
BUNDLED_SCHEMA = PROJECT_ROOT / "runspec" / SCHEMA_RESOURCE

VALID: dict[str, Any] = {
    "overlay": "1.1.0",
    "info": {"title": "test", "version": "1", "description": "what it is for", "x-team": "a"},
    "extends": "../openapi/openapi.yaml",
    "x-anything": {"at": "the top"},
    "actions": [
        {"target": "$.info", "description": "why", "update": {"x-a": 1}, "x-note": "ok"},
        {"target": "$.info", "remove": False},
    ],
}


def messages(document: Any) -> list[str]:
    with pytest.raises(OverlayDocumentError) as caught:
        apply_overlay({"info": {}}, document, source="t.yaml")
    return [str(problem) for problem in caught.value.problems]


def changed(**changes: Any) -> dict[str, Any]:
    document = copy.deepcopy(VALID)
    for key, value in changes.items():
        if value is None:
            del document[key]
        else:
            document[key] = value
    return document


@pytest.mark.skipif(not SHARED_SCHEMA.is_file(), reason=f"no {SHARED_SCHEMA}")
def test_bundled_schema_is_an_unchanged_copy_of_the_official_one() -> None:
    assert load_document(BUNDLED_SCHEMA) == load_document(SHARED_SCHEMA)
    bundled = BUNDLED_SCHEMA.read_text(encoding="utf-8")
    body = "".join(line for line in bundled.splitlines(keepends=True) if not line.startswith("#"))
    assert body == SHARED_SCHEMA.read_text(encoding="utf-8")


def test_bundled_schema_names_its_source_and_licence() -> None:
    header = BUNDLED_SCHEMA.read_text(encoding="utf-8").split("$id:")[0]
    assert "OAI/Overlay-Specification" in header
    assert "Apache-2.0" in header


def test_schema_1_0_is_1_1_without_copy_and_info_description() -> None:
    one_one, one_zero = load_schema("1.1"), load_schema("1.0")
    assert "copy" in one_one["$defs"]["action-object"]["properties"]
    assert "copy" not in one_zero["$defs"]["action-object"]["properties"]
    assert "description" not in one_zero["$defs"]["info-object"]["properties"]
    assert one_zero["properties"]["overlay"]["pattern"] == r"^1\.0\.\d+$"


def test_a_valid_overlay_with_extensions_applies() -> None:
    assert apply_overlay({"info": {}}, VALID).document == {"info": {"x-a": 1}}


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        pytest.param(
            changed(info=None),
            ["t.yaml: schema violation: 'info' is a required property"],
            id="no-info",
        ),
        pytest.param(
            changed(info={"title": "t"}),
            ["t.yaml: schema violation at info: 'version' is a required property"],
            id="no-info-version",
        ),
        pytest.param(
            changed(actions=[]),
            ["t.yaml: schema violation at actions: [] should be non-empty"],
            id="no-actions",
        ),
        pytest.param(
            changed(overlay=1.1),
            ["t.yaml: schema violation at overlay: 1.1 is not of type 'string'"],
            id="version-not-a-string",
        ),
        pytest.param(
            changed(extra=1),
            [
                "t.yaml: schema violation: Unevaluated properties are not allowed "
                "('extra' was unexpected)"
            ],
            id="unknown-field",
        ),
        pytest.param(
            changed(actions=[{"target": "$.a", "remove": "yes"}]),
            [
                't.yaml: actions[0] (target "$.a"): schema violation at remove: '
                "'yes' is not of type 'boolean'"
            ],
            id="remove-not-boolean",
        ),
        pytest.param(
            changed(actions=[{"target": "$.a", "copy": 3}]),
            [
                't.yaml: actions[0] (target "$.a"): schema violation at copy: '
                "3 is not of type 'string'"
            ],
            id="copy-not-a-string",
        ),
        pytest.param(
            changed(actions=[{"target": "$.a", "remove": True, "delete": True}]),
            [
                't.yaml: actions[0] (target "$.a"): schema violation: Unevaluated properties '
                "are not allowed ('delete' was unexpected)"
            ],
            id="unknown-action-field",
        ),
        pytest.param(
            changed(actions=[{"update": {}}]),
            ["t.yaml: actions[0]: schema violation: 'target' is a required property"],
            id="no-target",
        ),
        pytest.param(
            changed(actions=[{"target": "$.a", "remove": True}] * 2),
            [
                "t.yaml: schema violation at actions: actions must be unique: "
                "actions[1] repeats actions[0]"
            ],
            id="duplicate-actions",
        ),
        pytest.param(
            changed(extends="not a uri reference"),
            ["t.yaml: schema violation at extends: 'not a uri reference' is not a 'uri-reference'"],
            id="extends-not-a-uri-reference",
        ),
        pytest.param(
            ["overlay", "1.1.0"],
            ["t.yaml: not an Overlay document: expected an object, got list"],
            id="not-an-object",
        ),
        pytest.param(
            None, ["t.yaml: not an Overlay document: expected an object, got empty"], id="empty"
        ),
    ],
)
def test_schema_violations_are_reported_one_line_each(document: Any, expected: list[str]) -> None:
    assert messages(document) == expected


def test_all_violations_are_reported_and_nothing_is_applied() -> None:
    document = changed(
        info={"title": 1, "version": "1"},
        actions=[
            {"target": "$.info", "update": {"applied": True}},
            {"target": "$.b", "remove": "no"},
            {"target": "$.c", "update": 1, "bogus": 2},
        ],
    )
    assert messages(document) == [
        't.yaml: actions[1] (target "$.b"): schema violation at remove: '
        "'no' is not of type 'boolean'",
        't.yaml: actions[2] (target "$.c"): schema violation: Unevaluated properties are not '
        "allowed ('bogus' was unexpected)",
        "t.yaml: schema violation at info/title: 1 is not of type 'string'",
    ]
