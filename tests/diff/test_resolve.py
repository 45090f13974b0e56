"""Schemas are compared by meaning: $ref, allOf, nullability spellings and recursion.

These go through :func:`diff_documents` on small specs, so they specify what a reader of the
report sees, not how the resolver is built.
"""

from __future__ import annotations

from typing import Any

import pytest

from runspec.diff import DiffInputError, diff_documents
from tests.diff.specs import STRING, body, prop, response

NODE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "name": STRING,
        "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
    },
}


def _node(**changes: Any) -> dict[str, Any]:
    node = {**NODE, "properties": {**NODE["properties"], **changes}}
    return node


def test_a_recursive_schema_compared_with_itself_ends_and_reports_nothing() -> None:
    doc = body({"$ref": "#/components/schemas/Node"}, Node=NODE)
    assert diff_documents(doc, doc) == []


def test_a_change_inside_a_recursive_schema_is_reported_once_per_place() -> None:
    old = body({"$ref": "#/components/schemas/Node"}, Node=NODE)
    new = body({"$ref": "#/components/schemas/Node"}, Node=_node(name={"type": "integer"}))
    assert [(c.rule, c.path) for c in diff_documents(old, new)] == [
        ("request-property-type-changed", "name"),
    ]


def test_mutually_recursive_schemas_that_differ_in_shape_still_end() -> None:
    a = {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}}}
    b = {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/A"}}}
    old = response({"$ref": "#/components/schemas/A"}, A=a, B=b)
    new = response({"$ref": "#/components/schemas/B"}, A=a, B=b)
    changes = diff_documents(old, new)
    assert {(c.rule, c.path) for c in changes} == {
        ("response-property-added", "a"),
        ("response-optional-property-removed", "b"),
    }


def test_allof_members_are_merged_before_comparing() -> None:
    split = {
        "allOf": [
            {"type": "object", "properties": {"a": STRING}, "required": ["a"]},
            {"properties": {"b": STRING}},
        ]
    }
    whole = {"type": "object", "properties": {"a": STRING, "b": STRING}, "required": ["a"]}
    assert diff_documents(body(split), body(whole)) == []
    required_b = {**whole, "required": ["a", "b"]}
    assert [c.rule for c in diff_documents(body(split), body(required_b))] == [
        "request-property-became-required"
    ]


def test_ref_siblings_apply_in_31() -> None:
    old = prop({"$ref": "#/components/schemas/Name"}, Name=STRING)
    new = prop({"$ref": "#/components/schemas/Name", "maxLength": 8}, Name=STRING)
    assert [c.rule for c in diff_documents(old, new)] == ["request-property-max-length-decreased"]


@pytest.mark.parametrize(
    ("spelling", "without_null"),
    [
        ({"type": ["string", "null"]}, STRING),
        ({"type": "string", "nullable": True}, STRING),
        ({"anyOf": [STRING, {"type": "null"}]}, STRING),
        ({"oneOf": [{"type": "null"}, STRING]}, STRING),
        (
            {"type": ["string", "null"], "enum": ["a", "b", None]},
            {"type": "string", "enum": ["a", "b"]},
        ),
    ],
    ids=["3.1 type list", "3.0 nullable", "anyOf null", "oneOf null first", "enum with null"],
)
def test_every_nullability_spelling_accepts_null(spelling: Any, without_null: Any) -> None:
    changes = diff_documents(prop(spelling), prop(without_null))
    assert [c.rule for c in changes] == ["request-property-became-not-nullable"]
    same = {"anyOf": [without_null, {"type": "null"}]}
    assert diff_documents(prop(spelling), prop(same)) == []


def test_the_30_nullable_allof_idiom_means_this_or_null() -> None:
    thing = {"type": "object", "properties": {"a": STRING}}
    spelled_30 = prop({"nullable": True, "allOf": [{"$ref": "#/components/schemas/T"}]}, T=thing)
    spelled_31 = prop({"anyOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}]}, T=thing)
    assert diff_documents(spelled_30, spelled_31) == []
    not_nullable = prop({"$ref": "#/components/schemas/T"}, T=thing)
    assert [c.rule for c in diff_documents(spelled_30, not_nullable)] == [
        "request-property-became-not-nullable"
    ]


def test_media_type_parameters_and_case_do_not_make_a_new_media_type() -> None:
    json_body = body({"type": "object"})
    with_charset = body({"type": "object"}, media_type="Application/JSON; charset=utf-8")
    assert diff_documents(json_body, with_charset) == []


def test_an_enum_without_null_is_not_nullable_even_if_the_type_list_says_so() -> None:
    strict = {"type": ["string", "null"], "enum": ["a"]}
    assert diff_documents(prop(strict), prop({"type": "string", "enum": ["a"]})) == []


def test_an_external_ref_in_a_document_given_as_data_says_how_to_read_it_whole() -> None:
    doc = prop({"$ref": "other.yaml#/Thing"})
    with pytest.raises(DiffInputError, match="load_source, which follows references"):
        diff_documents(doc, doc)


def test_a_dangling_ref_is_an_input_error() -> None:
    doc = prop({"$ref": "#/components/schemas/Missing"})
    with pytest.raises(DiffInputError, match="unresolvable"):
        diff_documents(doc, doc)


def test_a_ref_loop_is_an_input_error_not_a_hang() -> None:
    doc = prop(
        {"$ref": "#/components/schemas/A"},
        A={"$ref": "#/components/schemas/B"},
        B={"$ref": "#/components/schemas/A"},
    )
    with pytest.raises(DiffInputError, match="circular"):
        diff_documents(doc, doc)
