"""``runspec diff`` never crashes: hypothesis mutates the spec's own document and diffs it.

Mutations are the edits people make to a spec (and some they should not): a key deleted, a node
replaced by another node of the document, a type changed, a keyword added (formats, limits,
nullability, deprecation and sunset, 2020-12 keywords), a schema wrapped in a union, the document
relabelled as OpenAPI 3.0. Whatever comes out, the diff in both directions returns changes of
known rules, renders in every format, and finds the same as without its memo of compared
components; a document it cannot read (a ``$ref`` that no longer resolves) is a
:class:`DiffInputError` with a message, never another exception.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runspec import SPEC_PATH
from runspec.diff import FORMATS, RULES, DiffInputError, diff_documents, load_source, render
from runspec.diff.schemas import SchemaComparer

Doc = dict[str, Any]
Path = tuple[str | int, ...]

SPEC: Doc = copy.deepcopy(dict(load_source(str(SPEC_PATH))))


def _containers(node: Any, path: Path = ()) -> Iterator[Path]:
    if isinstance(node, dict):
        yield path
        for key, value in node.items():
            yield from _containers(value, (*path, key))
    elif isinstance(node, list):
        yield path
        for index, value in enumerate(node):
            yield from _containers(value, (*path, index))


PLACES: list[Path] = list(_containers(SPEC))
SCHEMA_PLACES: list[Path] = [
    path for path in PLACES if len(path) > 2 and path[:2] == ("components", "schemas")
] + [path for path in PLACES if path and path[-1] == "schema"]

_KEYWORDS: list[tuple[str, Any]] = [
    ("type", "string"),
    ("type", ["integer", "null"]),
    ("type", "object"),
    ("nullable", True),
    ("format", "int64"),
    ("format", "uuid"),
    ("maxLength", 3),
    ("minItems", 2),
    ("maximum", 10),
    ("exclusiveMinimum", True),
    ("pattern", "^x"),
    ("enum", ["a", None]),
    ("const", "a"),
    ("default", "b"),
    ("readOnly", True),
    ("writeOnly", True),
    ("deprecated", True),
    ("x-sunset", "2000-01-01"),
    ("x-sunset", "tomorrow"),
    ("x-stability-level", "alpha"),
    ("x-extensible-enum", ["a", "b"]),
    ("required", ["id", "nope"]),
    ("additionalProperties", False),
    ("items", {"type": "string"}),
    ("discriminator", {"propertyName": "type", "mapping": {"x": "#/components/schemas/RunObject"}}),
    ("allOf", [{"$ref": "#/components/schemas/RunObject"}]),
    ("if", {"required": ["a"]}),
    ("prefixItems", [{"type": "string"}]),
    ("contains", {"type": "string"}),
    ("dependentRequired", {"a": ["b"]}),
    ("unevaluatedProperties", False),
    ("propertyNames", {"maxLength": 3}),
    ("patternProperties", {"^a": {}}),
    ("not", {"type": "null"}),
    ("headers", {"X-Id": {"required": True, "schema": {"type": "string"}}}),
    ("webhooks", {"done": {"post": {"responses": {"200": {"description": "ok"}}}}}),
    ("tags", ["runs"]),
    ("operationId", "renamed"),
    ("security", []),
    ("$ref", "#/components/schemas/RunObject"),
]


def _at(document: Doc, path: Path) -> Any:
    node: Any = document
    for part in path:
        node = node[part]
    return node


Mutation = tuple[str, int, int, int]
"""(kind, which place, which key or keyword, which variant): small, so hypothesis shows and
shrinks the list of edits rather than a whole document."""

_KINDS = ["delete", "replace", "keyword", "wrap", "version"]

mutations = st.lists(
    st.tuples(
        st.sampled_from(_KINDS),
        st.integers(0, len(PLACES) - 1),
        st.integers(0, 10_000),
        st.integers(0, 10_000),
    ),
    min_size=1,
    max_size=4,
)


def _mutated(edits: list[Mutation]) -> Doc:
    document = copy.deepcopy(SPEC)
    for kind, place, choice, variant in edits:
        places = SCHEMA_PLACES if kind in ("keyword", "wrap") else PLACES
        try:
            node = _at(document, places[place % len(places)])
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed the place
        if kind == "delete" and isinstance(node, dict) and node:
            del node[sorted(node)[choice % len(node)]]
        elif kind == "delete" and isinstance(node, list) and node:
            node.pop(choice % len(node))
        elif kind == "replace" and isinstance(node, dict) and node:
            node[sorted(node)[choice % len(node)]] = copy.deepcopy(
                _at(SPEC, PLACES[variant % len(PLACES)])
            )
        elif kind == "keyword" and isinstance(node, dict):
            keyword, value = _KEYWORDS[choice % len(_KEYWORDS)]
            node[keyword] = copy.deepcopy(value)
        elif kind == "wrap" and isinstance(node, dict):
            union = ("oneOf", "anyOf", "allOf")[choice % 3]
            inner = dict(node)
            node.clear()
            node[union] = [inner, {"type": "null"}] if union != "allOf" else [inner]
        elif kind == "version":
            document["openapi"] = ("3.0.3", "3.1.0", "3.1.1")[choice % 3]
    return document


def _diff_both_ways(mutated: Doc) -> None:
    for old, new in ((SPEC, mutated), (mutated, SPEC)):
        try:
            changes = diff_documents(old, new)
        except DiffInputError as exc:
            assert "Traceback" not in str(exc), exc  # noqa: PT017 - a message, nothing else
            assert str(exc), "a DiffInputError says what is wrong"  # noqa: PT017
            continue
        assert all(change.rule in RULES for change in changes)
        for format in FORMATS:
            assert render(changes, format)
        if old is SPEC:  # one direction is enough to catch a memo that replays wrongly
            SchemaComparer.memoize = False
            try:
                assert diff_documents(old, new) == changes
            finally:
                SchemaComparer.memoize = True


@settings(max_examples=80, deadline=None)
@given(mutations)
def test_the_diff_never_crashes_on_a_mutated_spec(edits: list[Mutation]) -> None:
    _diff_both_ways(_mutated(edits))


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_the_spec_compared_with_itself_reports_nothing(version: str) -> None:
    relabelled = {**copy.deepcopy(SPEC), "openapi": version}
    assert diff_documents(SPEC, relabelled) == []
