"""``remove``: each selected node leaves the object or array holding it."""

from __future__ import annotations

from typing import Any

import pytest

from runspec.overlay import OverlayApplyError, apply_overlay


def overlay(*actions: dict[str, Any], version: str = "1.1.0") -> dict[str, Any]:
    return {"overlay": version, "info": {"title": "test", "version": "1"}, "actions": list(actions)}


def apply(document: dict[str, Any], *actions: dict[str, Any]) -> dict[str, Any]:
    return apply_overlay(document, overlay(*actions), strict=True, source="t.yaml").document


def test_object_member_is_removed() -> None:
    doc = {"info": {"title": "a", "x-internal": 1}}
    assert apply(doc, {"target": "$.info['x-internal']", "remove": True}) == {
        "info": {"title": "a"}
    }


def test_primitive_object_member_is_removed() -> None:
    doc = {"schema": {"type": "string", "default": "x"}}
    assert apply(doc, {"target": "$.schema.default", "remove": True}) == {
        "schema": {"type": "string"}
    }


def test_array_item_is_removed() -> None:
    doc = {"servers": [{"url": "a", "description": "Dev"}, {"url": "b"}]}
    result = apply(doc, {"target": "$.servers[?@.description == 'Dev']", "remove": True})
    assert result == {"servers": [{"url": "b"}]}


def test_several_items_of_one_array_are_all_removed_and_only_those() -> None:
    doc = {"list": ["a", "x", "b", "x", "x", "c"]}
    assert apply(doc, {"target": "$.list[?@ == 'x']", "remove": True}) == {"list": ["a", "b", "c"]}


def test_items_selected_by_index_in_any_order_are_the_ones_removed() -> None:
    doc = {"list": [0, 1, 2, 3, 4]}
    assert apply(doc, {"target": "$.list[3,1,-1]", "remove": True}) == {"list": [0, 2]}


def test_the_same_item_selected_twice_is_removed_once() -> None:
    doc = {"list": ["a", "b", "c"]}
    assert apply(doc, {"target": "$.list[0,0]", "remove": True}) == {"list": ["b", "c"]}


def test_nodes_inside_removed_nodes_do_not_disturb_removal() -> None:
    doc = {"a": {"x": {"x": 1}, "y": [{"x": 2}, {"x": 3}]}, "b": 2}
    assert apply(doc, {"target": "$..x", "remove": True}) == {"a": {"y": [{}, {}]}, "b": 2}


def test_items_in_nested_arrays_are_removed_with_the_right_indexes() -> None:
    doc = {"rows": [["k", "d", "k"], ["d", "d"], "d"]}
    assert apply(doc, {"target": "$..[?@ == 'd']", "remove": True}) == {"rows": [["k", "k"], []]}


def test_remove_false_does_nothing() -> None:
    doc = {"info": {"title": "a"}}
    assert apply(doc, {"target": "$.info", "remove": False}) == doc


def test_remove_false_with_update_updates() -> None:
    doc = {"info": {"title": "a"}}
    assert apply(doc, {"target": "$.info", "remove": False, "update": {"title": "b"}}) == {
        "info": {"title": "b"}
    }


def test_remove_true_wins_over_update() -> None:
    # The text: update "has no impact if the remove field of this action object is true".
    doc = {"info": {"title": "a"}, "tags": []}
    assert apply(doc, {"target": "$.info", "remove": True, "update": {"title": "b"}}) == {
        "tags": []
    }


def test_remove_true_wins_over_copy() -> None:
    doc = {"a": {"k": 1}, "b": {"k": 2}}
    assert apply(doc, {"target": "$.a", "remove": True, "copy": "$.b"}) == {"b": {"k": 2}}


def test_root_cannot_be_removed() -> None:
    with pytest.raises(OverlayApplyError) as caught:
        apply({"a": 1}, {"target": "$", "remove": True})
    assert [str(problem) for problem in caught.value.problems] == [
        't.yaml: actions[0] (target "$"): cannot remove the root node: it is not contained in '
        "anything"
    ]


def test_removed_node_can_be_recreated_by_a_later_action() -> None:
    doc = {"servers": [{"url": "https://prod"}]}
    result = apply(
        doc,
        {"target": "$.servers", "remove": True},
        {"target": "$", "update": {"servers": [{"url": "http://local"}]}},
    )
    assert result == {"servers": [{"url": "http://local"}]}
