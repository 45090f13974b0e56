"""``overlay: 1.0.x`` documents are applied with the 1.0 rules where the texts differ."""

from __future__ import annotations

from typing import Any

import pytest

from runspec.overlay import OverlayApplyError, OverlayDocumentError, apply_overlay


def overlay(version: str, *actions: dict[str, Any]) -> dict[str, Any]:
    return {"overlay": version, "info": {"title": "test", "version": "1"}, "actions": list(actions)}


def apply(version: str, document: dict[str, Any], *actions: dict[str, Any]) -> dict[str, Any]:
    return apply_overlay(document, overlay(version, *actions), strict=True).document


def problems(error: type[Exception], version: str, *actions: dict[str, Any]) -> list[str]:
    doc = {"info": {"title": "a", "description": "d"}, "tags": ["x", "y"], "list": [1]}
    with pytest.raises(error) as caught:
        apply_overlay(doc, overlay(version, *actions), source="t.yaml")
    assert isinstance(caught.value, OverlayDocumentError | OverlayApplyError)
    return [str(problem) for problem in caught.value.problems]


# The same in both versions.


@pytest.mark.parametrize("version", ["1.0.0", "1.1.0"])
def test_object_merge_is_the_same(version: str) -> None:
    doc = {"info": {"title": "a", "x": {"k": 1}}}
    result = apply(version, doc, {"target": "$.info", "update": {"title": "b", "x": {"j": 2}}})
    assert result == {"info": {"title": "b", "x": {"k": 1, "j": 2}}}


@pytest.mark.parametrize("version", ["1.0.0", "1.1.0"])
def test_object_is_appended_to_an_array_in_both(version: str) -> None:
    doc = {"params": [{"name": "a"}]}
    result = apply(version, doc, {"target": "$.params", "update": {"name": "b"}})
    assert result == {"params": [{"name": "a"}, {"name": "b"}]}


@pytest.mark.parametrize("version", ["1.0.0", "1.0.1", "1.1.0", "1.1.7"])
def test_patch_version_is_ignored(version: str) -> None:
    assert apply(version, {"a": {}}, {"target": "$.a", "update": {"k": 1}}) == {"a": {"k": 1}}


# Where they differ.


def test_array_value_for_an_array_node_is_one_entry_in_1_0_but_concatenated_in_1_1() -> None:
    # 1.0: "If the target selects an array, the value of this field MUST be an entry to append".
    # 1.1: "an array to concatenate with each selected array".
    doc = {"list": [1]}
    action = {"target": "$.list", "update": [2, 3]}
    assert apply("1.0.0", doc, action) == {"list": [1, [2, 3]]}
    assert apply("1.1.0", doc, action) == {"list": [1, 2, 3]}


def test_primitive_target_is_updated_in_1_1_only() -> None:
    # 1.0: "The result of the target JSONPath expression MUST be zero or more objects or arrays".
    action = {"target": "$.info.title", "update": "b"}
    assert apply("1.1.0", {"info": {"title": "a"}}, action) == {"info": {"title": "b"}}
    assert problems(OverlayApplyError, "1.0.0", action) == [
        't.yaml: actions[0] (target "$.info.title"): cannot update a string: Overlay 1.0 '
        "targets must be objects or arrays (select the containing object, or declare "
        "overlay: 1.1.0)"
    ]


def test_primitive_array_item_is_removed_in_1_1_only() -> None:
    # 1.0: "Primitive-valued items of an array cannot be replaced or removed individually".
    action = {"target": "$.tags[?@ == 'x']", "remove": True}
    assert apply("1.1.0", {"tags": ["x", "y"]}, action) == {"tags": ["y"]}
    assert problems(OverlayApplyError, "1.0.0", action) == [
        "t.yaml: actions[0] (target \"$.tags[?@ == 'x']\"): cannot remove a string array item "
        "at $['tags'][0]: Overlay 1.0 cannot remove primitive array items (declare "
        "overlay: 1.1.0)"
    ]


def test_primitive_object_member_is_removed_in_1_0_too() -> None:
    # As the specification's 1.0 compliant set "remove-example" does.
    doc = {"schema": {"type": "string", "example": "house"}}
    assert apply("1.0.0", doc, {"target": "$.schema.example", "remove": True}) == {
        "schema": {"type": "string"}
    }


def test_object_array_item_is_removed_in_1_0() -> None:
    doc = {"servers": [{"url": "a"}, {"url": "b"}]}
    action = {"target": "$.servers[?@.url == 'a']", "remove": True}
    assert apply("1.0.0", doc, action) == {"servers": [{"url": "b"}]}


def test_copy_does_not_exist_in_1_0() -> None:
    assert problems(OverlayDocumentError, "1.0.0", {"target": "$.info", "copy": "$.info"}) == [
        't.yaml: actions[0] (target "$.info"): schema violation: Unevaluated properties are '
        "not allowed ('copy' was unexpected)"
    ]


def test_info_description_does_not_exist_in_1_0() -> None:
    document = overlay("1.0.0", {"target": "$.info", "remove": True})
    document["info"]["description"] = "added in 1.1"
    with pytest.raises(OverlayDocumentError) as caught:
        apply_overlay({"info": {}}, document, source="t.yaml")
    assert str(caught.value) == (
        "t.yaml: schema violation at info: Unevaluated properties are not allowed "
        "('description' was unexpected)"
    )
    document["overlay"] = "1.1.0"
    assert apply_overlay({"info": {}}, document).document == {}


@pytest.mark.parametrize("version", ["1.2.0", "2.0.0", "0.9.0"])
def test_other_versions_are_refused(version: str) -> None:
    assert problems(OverlayDocumentError, version, {"target": "$", "remove": True}) == [
        f"t.yaml: unsupported Overlay version '{version}': this tool applies 1.0.x and 1.1.x"
    ]
