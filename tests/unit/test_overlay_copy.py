"""``copy`` (Overlay 1.1): the one node its query selects is merged into each target node."""

from __future__ import annotations

from typing import Any

import pytest

from runspec.overlay import OverlayApplyError, OverlayDocumentError, apply_overlay

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "paths": {
        "/items": {"get": {"responses": {"200": {"description": "OK"}}}},
        "/some-items": {"delete": {"responses": {"200": {"description": "OK"}}}},
    },
}


def overlay(*actions: dict[str, Any], version: str = "1.1.0") -> dict[str, Any]:
    return {"overlay": version, "info": {"title": "test", "version": "1"}, "actions": list(actions)}


def apply(document: dict[str, Any], *actions: dict[str, Any]) -> dict[str, Any]:
    return apply_overlay(document, overlay(*actions), strict=True, source="t.yaml").document


def errors(document: dict[str, Any], *actions: dict[str, Any]) -> list[str]:
    with pytest.raises(OverlayApplyError) as caught:
        apply_overlay(document, overlay(*actions), strict=True, source="t.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_copy_merges_into_an_existing_object() -> None:
    # "Simple Copy" from the specification.
    result = apply(SPEC, {"target": '$.paths["/some-items"]', "copy": '$.paths["/items"]'})
    assert result["paths"]["/some-items"] == {
        "delete": {"responses": {"200": {"description": "OK"}}},
        "get": {"responses": {"200": {"description": "OK"}}},
    }
    assert result["paths"]["/items"] == SPEC["paths"]["/items"]


def test_move_is_update_then_copy_then_remove() -> None:
    # "Move Example" from the specification.
    result = apply(
        SPEC,
        {"target": "$.paths", "update": {"/new-items": {}}},
        {"target": '$.paths["/new-items"]', "copy": '$.paths["/items"]'},
        {"target": '$.paths["/items"]', "remove": True},
    )
    assert result["paths"] == {
        "/some-items": SPEC["paths"]["/some-items"],
        "/new-items": SPEC["paths"]["/items"],
    }


def test_copy_merges_with_update_rules_rather_than_replacing() -> None:
    doc = {"src": {"tags": ["b"], "title": "new"}, "dst": {"tags": ["a"], "title": "old", "k": 1}}
    assert apply(doc, {"target": "$.dst", "copy": "$.src"})["dst"] == {
        "tags": ["a", "b"],
        "title": "new",
        "k": 1,
    }


def test_copy_concatenates_arrays_and_replaces_primitives() -> None:
    doc = {"a": [1], "b": [2, 3], "s": "x", "t": "y"}
    result = apply(doc, {"target": "$.a", "copy": "$.b"}, {"target": "$.s", "copy": "$.t"})
    assert result == {"a": [1, 2, 3], "b": [2, 3], "s": "y", "t": "y"}


def test_copy_into_several_targets_gives_independent_copies() -> None:
    doc = {"src": {"k": {"v": 1}}, "d": {"x": {}, "y": {}}}
    result = apply(doc, {"target": "$.d.*", "copy": "$.src"})
    assert result["d"]["x"] == result["d"]["y"] == {"k": {"v": 1}}
    assert result["d"]["x"]["k"] is not result["d"]["y"]["k"]
    assert result["d"]["x"]["k"] is not result["src"]["k"]


def test_copy_reads_the_document_as_left_by_the_previous_action() -> None:
    doc: dict[str, Any] = {"a": {}, "b": {}}
    result = apply(doc, {"target": "$.a", "update": {"k": 1}}, {"target": "$.b", "copy": "$.a"})
    assert result == {"a": {"k": 1}, "b": {"k": 1}}


def test_copy_of_an_ancestor_into_its_descendant_works_on_a_snapshot() -> None:
    doc = {"a": {"k": 1, "inner": {}}}
    result = apply(doc, {"target": "$.a.inner", "copy": "$.a"})
    assert result == {"a": {"k": 1, "inner": {"k": 1, "inner": {}}}}


@pytest.mark.parametrize(
    ("source", "count"), [("$.nothing", 0), ("$.paths.*", 2)], ids=["none", "two"]
)
def test_copy_source_must_select_exactly_one_node(source: str, count: int) -> None:
    assert errors(SPEC, {"target": "$.paths", "copy": source}) == [
        f't.yaml: actions[0] (target "$.paths"): copy {source!r} selects {count} nodes; '
        "it must select exactly one"
    ]


def test_copy_source_of_an_incompatible_type_is_an_error() -> None:
    doc = {"a": {"k": 1}, "s": "text"}
    assert errors(doc, {"target": "$.a", "copy": "$.s"}) == [
        't.yaml: actions[0] (target "$.a"): cannot merge a string into an object'
    ]


def test_copy_source_must_be_valid_jsonpath() -> None:
    with pytest.raises(OverlayDocumentError) as caught:
        apply_overlay(SPEC, overlay({"target": "$.paths", "copy": "$.paths.~"}), source="t.yaml")
    (problem,) = caught.value.problems
    assert str(problem).startswith(
        "t.yaml: actions[0] (target \"$.paths\"): copy '$.paths.~': invalid JSONPath:"
    )


def test_copy_with_update_in_the_same_action_is_an_error() -> None:
    # The text says each "has no impact" if the other has a value: together they cancel out.
    with pytest.raises(OverlayDocumentError) as caught:
        apply_overlay(
            SPEC,
            overlay({"target": "$.paths", "copy": "$.paths['/items']", "update": {}}),
            source="t.yaml",
        )
    assert [str(problem) for problem in caught.value.problems] == [
        't.yaml: actions[0] (target "$.paths"): update and copy exclude each other; use two actions'
    ]


def test_copy_with_no_target_match_changes_nothing_even_with_a_bad_source() -> None:
    # "If the target JSONPath expression selects zero nodes, the action succeeds."
    result = apply_overlay(SPEC, overlay({"target": "$.nothing", "copy": "$.nothing.either"}))
    assert result.document == SPEC
    assert len(result.warnings) == 1
