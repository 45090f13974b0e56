"""``update``: how a value is merged into each selected node (Overlay 1.1 rules)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from runspec.overlay import OverlayApplyError, apply_overlay


def overlay(*actions: dict[str, Any], version: str = "1.1.0") -> dict[str, Any]:
    return {"overlay": version, "info": {"title": "test", "version": "1"}, "actions": list(actions)}


def apply(document: dict[str, Any], *actions: dict[str, Any]) -> dict[str, Any]:
    return apply_overlay(document, overlay(*actions), strict=True, source="t.yaml").document


def errors(document: dict[str, Any], *actions: dict[str, Any]) -> list[str]:
    with pytest.raises(OverlayApplyError) as caught:
        apply_overlay(document, overlay(*actions), strict=True, source="t.yaml")
    return [str(problem) for problem in caught.value.problems]


# Object nodes: recursive merge.


def test_object_merge_keeps_inserts_and_replaces_properties() -> None:
    doc = {"info": {"title": "Old", "version": "1", "contact": {"name": "a"}}}
    result = apply(
        doc,
        {
            "target": "$.info",
            "update": {"title": "New", "x-new": 1, "contact": {"email": "b@example.com"}},
        },
    )
    assert result["info"] == {
        "title": "New",
        "version": "1",
        "contact": {"name": "a", "email": "b@example.com"},
        "x-new": 1,
    }


def test_new_properties_are_appended_after_existing_ones() -> None:
    result = apply({"a": {"z": 1, "y": 2}}, {"target": "$.a", "update": {"x": 3, "z": 0}})
    assert list(result["a"]) == ["z", "y", "x"]


def test_array_property_is_concatenated_not_replaced() -> None:
    doc = {"op": {"tags": ["a", "b"]}}
    assert apply(doc, {"target": "$.op", "update": {"tags": ["c"]}})["op"]["tags"] == [
        "a",
        "b",
        "c",
    ]


def test_primitive_property_replaces_primitive_of_another_type() -> None:
    doc = {"s": {"a": "text", "b": 1, "c": None, "d": True}}
    result = apply(doc, {"target": "$.s", "update": {"a": 2, "b": None, "c": "x", "d": "no"}})
    assert result["s"] == {"a": 2, "b": None, "c": "x", "d": "no"}


@pytest.mark.parametrize(
    ("existing", "new", "message"),
    [
        ("text", {"k": 1}, "cannot merge an object into a string at $['s']['p']"),
        ({"k": 1}, "text", "cannot merge a string into an object at $['s']['p']"),
        ([1], {"k": 1}, "cannot merge an object into an array at $['s']['p']"),
        ({"k": 1}, [1], "cannot merge an array into an object at $['s']['p']"),
        ([1], 2, "cannot merge a number into an array at $['s']['p']"),
        (None, [1], "cannot merge an array into null at $['s']['p']"),
        ({"k": 1}, None, "cannot merge null into an object at $['s']['p']"),
    ],
)
def test_other_property_pairings_are_errors(existing: Any, new: Any, message: str) -> None:
    doc = {"s": {"p": existing}}
    assert errors(doc, {"target": "$.s", "update": {"p": new}}) == [
        f't.yaml: actions[0] (target "$.s"): {message}'
    ]


def test_nested_mismatch_is_found_deep_down_and_nothing_is_half_merged() -> None:
    doc = {"a": {"b": {"c": "text"}, "keep": 1}}
    update = {"new": 1, "b": {"c": {"d": 1}}}
    assert errors(doc, {"target": "$.a", "update": update}) == [
        't.yaml: actions[0] (target "$.a"): '
        "cannot merge an object into a string at $['a']['b']['c']"
    ]


def test_non_object_value_for_an_object_node_is_an_error() -> None:
    assert errors({"info": {}}, {"target": "$.info", "update": "text"}) == [
        't.yaml: actions[0] (target "$.info"): cannot merge a string into an object'
    ]


# Array nodes: concatenate an array, append anything else.


def test_array_value_is_concatenated_to_array_node() -> None:
    doc = {"servers": [{"url": "a"}]}
    result = apply(doc, {"target": "$.servers", "update": [{"url": "b"}, {"url": "c"}]})
    assert result["servers"] == [{"url": "a"}, {"url": "b"}, {"url": "c"}]


@pytest.mark.parametrize("value", [{"url": "b"}, "b", 3, None, True])
def test_object_or_primitive_value_is_appended_to_array_node(value: Any) -> None:
    result = apply({"list": ["a"]}, {"target": "$.list", "update": value})
    assert result["list"] == ["a", value]


# Primitive nodes: replaced by a primitive.


def test_primitive_node_is_replaced() -> None:
    doc = {"info": {"title": "Old", "version": "1"}}
    assert apply(doc, {"target": "$.info.title", "update": "New"})["info"]["title"] == "New"


def test_primitive_node_can_become_null_or_another_type() -> None:
    doc = {"a": {"b": "x", "c": 1}}
    result = apply(doc, {"target": "$.a.b", "update": None}, {"target": "$.a.c", "update": "one"})
    assert result == {"a": {"b": None, "c": "one"}}


def test_primitive_array_items_are_replaced_each() -> None:
    doc = {"tags": ["old", "keep", "old"]}
    assert apply(doc, {"target": "$.tags[?@ == 'old']", "update": "new"})["tags"] == [
        "new",
        "keep",
        "new",
    ]


@pytest.mark.parametrize(
    ("value", "kind"), [({"k": 1}, "an object"), ([1], "an array")], ids=["object", "array"]
)
def test_object_or_array_value_for_a_primitive_node_is_an_error(value: Any, kind: str) -> None:
    doc = {"info": {"title": "Old"}}
    assert errors(doc, {"target": "$.info.title", "update": value}) == [
        f't.yaml: actions[0] (target "$.info.title"): cannot merge {kind} into a string'
    ]


# Several nodes, several actions, the root.


def test_every_selected_node_is_updated() -> None:
    doc: dict[str, Any] = {"paths": {"/a": {"get": {}}, "/b": {"get": {}}, "/c": {"post": {}}}}
    result = apply(doc, {"target": "$.paths.*.get", "update": {"x-safe": True}})
    assert result["paths"] == {
        "/a": {"get": {"x-safe": True}},
        "/b": {"get": {"x-safe": True}},
        "/c": {"post": {}},
    }


def test_nodes_of_mixed_kinds_are_an_error() -> None:
    doc = {"a": {"x": {}, "y": [], "z": "s"}}
    assert errors(doc, {"target": "$.a.*", "update": {"k": 1}}) == [
        't.yaml: actions[0] (target "$.a.*"): target selects 3 nodes of mixed kinds '
        "(array, object, primitive); update and copy need all objects, all arrays or all "
        "primitives"
    ]


def test_mismatch_in_one_of_several_nodes_names_that_node() -> None:
    doc = {"a": {"x": {"p": 1}, "y": {"p": {}}}}
    assert errors(doc, {"target": "$.a.*", "update": {"p": 2}}) == [
        't.yaml: actions[0] (target "$.a.*"): '
        "cannot merge a number into an object at $['a']['y']['p']"
    ]


def test_actions_apply_in_order_each_on_the_previous_result() -> None:
    doc = {"info": {"title": "a"}}
    result = apply(
        doc,
        {"target": "$.info", "remove": True},
        {"target": "$", "update": {"info": {"title": "b"}}},
        {"target": "$.info.title", "update": "c"},
    )
    assert result == {"info": {"title": "c"}}


def test_root_target_merges_into_the_document() -> None:
    doc = {"openapi": "3.1.0", "info": {"title": "a"}}
    result = apply(doc, {"target": "$", "update": {"info": {"x-overlaid": True}, "tags": []}})
    assert result == {"openapi": "3.1.0", "info": {"title": "a", "x-overlaid": True}, "tags": []}


def test_root_target_needs_an_object() -> None:
    assert errors({"a": 1}, {"target": "$", "update": ["x"]}) == [
        't.yaml: actions[0] (target "$"): cannot merge an array into an object'
    ]


def test_update_null_is_a_value_not_nothing() -> None:
    assert errors({"a": {}}, {"target": "$.a", "update": None}) == [
        't.yaml: actions[0] (target "$.a"): cannot merge null into an object'
    ]


def test_inserted_values_are_copies_not_shared() -> None:
    value = {"schema": {"type": "string"}}
    doc: dict[str, Any] = {"p": {"a": {}, "b": {}}}
    result = apply(doc, {"target": "$.p.*", "update": value})
    assert result["p"]["a"] == result["p"]["b"] == value
    assert result["p"]["a"]["schema"] is not result["p"]["b"]["schema"]
    assert result["p"]["a"]["schema"] is not value["schema"]


def test_input_document_and_overlay_are_not_changed() -> None:
    doc = {"info": {"title": "a", "tags": ["x"]}}
    before = copy.deepcopy(doc)
    ov = overlay({"target": "$.info", "update": {"title": "b", "tags": ["y"]}})
    ov_before = copy.deepcopy(ov)
    result = apply_overlay(doc, ov)
    assert doc == before
    assert ov == ov_before
    assert result.document["info"] == {"title": "b", "tags": ["x", "y"]}


def test_numeric_yaml_keys_are_treated_as_json_strings() -> None:
    doc = {"responses": {200: {"description": "OK"}}}
    result = apply(doc, {"target": "$.responses['200']", "update": {"description": "Fine"}})
    assert result == {"responses": {"200": {"description": "Fine"}}}


def test_failed_action_leaves_document_unchanged_and_later_problems_are_reported_too() -> None:
    doc = {"a": {"b": "s"}, "c": {"d": 1}}
    assert errors(
        doc,
        {"target": "$.a", "update": {"new": 1, "b": {}}},
        {"target": "$.c.d", "update": [1]},
    ) == [
        "t.yaml: actions[0] (target \"$.a\"): cannot merge an object into a string at $['a']['b']",
        't.yaml: actions[1] (target "$.c.d"): cannot merge an array into a number',
    ]


def test_clash_created_by_an_earlier_node_of_the_same_action_is_reported() -> None:
    # $..[?@.x] selects `a` and its descendant `a.b`; merging into `a` first gives `a.b.k` a
    # string, into which the second merge would put an object.
    doc = {"a": {"x": 1, "b": {"x": 1}}}
    update = {"b": {"k": "text"}, "k": {"deep": 1}}
    assert errors(doc, {"target": "$..[?@.x]", "update": update}) == [
        't.yaml: actions[0] (target "$..[?@.x]"): cannot merge an object into a string at '
        "$['a']['b']['k'] (as changed by an earlier node of this action)"
    ]
