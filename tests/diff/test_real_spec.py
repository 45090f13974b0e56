"""The detector on the project's own spec: silent on rewrites that mean the same, exact on edits.

A spec compared with itself, with its keys reordered, with ``$ref``s inlined, with 3.0 nullability
spellings, with oneOf alternatives reordered or a path parameter renamed reports nothing; real
edits are reported once per place, with readable locations.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from runspec import SPEC_PATH
from runspec.diff import Change, Severity, diff_documents, load_source

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def spec() -> Doc:
    return dict(load_source(str(SPEC_PATH)))


def _edited(spec: Doc, edit: Callable[[Doc], object]) -> Doc:
    new = copy.deepcopy(spec)
    edit(new)
    return new


def _schemas(doc: Doc) -> dict[str, Any]:
    schemas: dict[str, Any] = doc["components"]["schemas"]
    return schemas


# ---- rewrites that change nothing -------------------------------------------------------------
def _reverse_keys(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _reverse_keys(node[key]) for key in reversed(list(node))}
    if isinstance(node, list):
        return [_reverse_keys(item) for item in node]
    return node


def _inline(doc: Doc, name: str) -> None:
    """Replace every ``$ref`` to schema ``name`` with a copy of the schema."""
    pointer = f"#/components/schemas/{name}"
    target = _schemas(doc)[name]

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if node.get("$ref") == pointer:
                return copy.deepcopy(target)
            return {key: walk(value) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    doc["paths"] = walk(doc["paths"])
    doc["components"] = walk(doc["components"])


def _to_30_nullable(node: Any) -> Any:
    """``type: [x, 'null']`` spelled the OpenAPI 3.0 way: ``type: x, nullable: true``."""
    if isinstance(node, dict):
        out = {key: _to_30_nullable(value) for key, value in node.items()}
        declared = node.get("type")
        if isinstance(declared, list) and "null" in declared and len(declared) == 2:
            out["type"] = next(t for t in declared if t != "null")
            out["nullable"] = True
        return out
    if isinstance(node, list):
        return [_to_30_nullable(item) for item in node]
    return node


def _rename_path_parameter(doc: Doc) -> None:
    item = doc["paths"].pop("/threads/{thread_id}/runs")
    parameter = item["post"]["parameters"][0]
    if "$ref" in parameter:
        parameter = doc["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[-1]]
    item["post"]["parameters"][0] = {**parameter, "name": "id"}
    doc["paths"]["/threads/{id}/runs"] = item


def _rename_security_scheme(doc: Doc) -> None:
    schemes = doc["components"]["securitySchemes"]
    schemes["apiToken"] = schemes.pop("bearerAuth")
    doc["security"] = [{"apiToken": []}]


def _reverse_unions(doc: Doc) -> None:
    for name in ("AssistantStreamEvent", "AssistantTool", "MessageContent", "ResponseFormat"):
        _schemas(doc)[name]["oneOf"].reverse()


REWRITES: dict[str, Callable[[Doc], Doc]] = {
    "itself": lambda spec: spec,
    "a deep copy": copy.deepcopy,
    "keys reordered": _reverse_keys,
    "JSON round trip with sorted keys": lambda spec: json.loads(json.dumps(spec, sort_keys=True)),
    "request body $ref inlined": lambda spec: _edited(
        spec, lambda d: _inline(d, "CreateThreadAndRunRequest")
    ),
    "run object $ref inlined": lambda spec: _edited(spec, lambda d: _inline(d, "RunObject")),
    "nullable member $ref inlined": lambda spec: _edited(
        spec, lambda d: _inline(d, "TruncationObject")
    ),
    "union $ref inlined": lambda spec: _edited(spec, lambda d: _inline(d, "AssistantTool")),
    "event $ref inlined": lambda spec: _edited(spec, lambda d: _inline(d, "RunCreatedEvent")),
    "3.0 nullable spelling": lambda spec: {**_to_30_nullable(spec), "openapi": "3.0.3"},
    "path parameter renamed": lambda spec: _edited(spec, _rename_path_parameter),
    "security scheme renamed": lambda spec: _edited(spec, _rename_security_scheme),
    "oneOf alternatives reordered": lambda spec: _edited(spec, _reverse_unions),
    "descriptions and examples edited": lambda spec: _edited(
        spec,
        lambda d: (
            _schemas(d)["RunObject"].update(description="changed"),
            d["info"].update(description="changed"),
            d["paths"]["/threads/runs"]["post"]["requestBody"]["content"]["application/json"].pop(
                "examples"
            ),
        ),
    ),
}


@pytest.mark.parametrize("rewrite", list(REWRITES))
def test_a_rewrite_with_the_same_meaning_reports_nothing(spec: Doc, rewrite: str) -> None:
    assert diff_documents(spec, REWRITES[rewrite](spec)) == []


# ---- real edits ---------------------------------------------------------------------------------
def _only(changes: list[Change], rule: str) -> list[Change]:
    assert {change.rule for change in changes} == {rule}, [c.location for c in changes]
    return changes


def test_a_nested_request_change_is_located_by_operation_and_json_path(spec: Doc) -> None:
    new = _edited(
        spec,
        lambda d: _schemas(d)["CreateMessageRequest"]["properties"]["role"].update(enum=["user"]),
    )
    changes = _only(diff_documents(spec, new), "request-property-enum-value-removed")
    assert [change.location for change in changes] == [
        "POST /threads/runs request body: thread.messages[].role",
        "POST /threads/{thread_id}/runs request body: additional_messages[].role",
    ]
    assert changes[0].operation_id == "createThreadAndRun"
    assert changes[0].message == "enum value `assistant` removed"


def test_a_response_component_change_is_seen_in_every_response_and_event(spec: Doc) -> None:
    new = _edited(spec, lambda d: _schemas(d)["RunStatus"]["enum"].append("paused"))
    changes = _only(diff_documents(spec, new), "response-property-enum-value-added")
    locations = [change.location for change in changes]
    assert "POST /threads/runs response 200: status" in locations
    assert "POST /threads/{thread_id}/runs response 200 event thread.run.completed: status" in (
        locations
    )
    assert {change.origin for change in changes} == {"#/components/schemas/RunStatus:"}
    assert all(change.severity is Severity.WARNING for change in changes)


def test_an_alternative_of_a_discriminated_union_is_named_by_its_tag(spec: Doc) -> None:
    new = _edited(
        spec,
        lambda d: _schemas(d)["FunctionObject"]["properties"]["name"].update(
            pattern="^[a-z_]{1,64}$"
        ),
    )
    changes = diff_documents(spec, new)
    assert {c.rule for c in changes} == {
        "request-property-pattern-changed",
        "response-property-pattern-changed",  # the run echoes its tools
    }
    assert "POST /threads/runs request body: tools[]<function>.function.name" in [
        c.location for c in changes
    ]


def test_removing_a_stream_event_is_breaking_for_both_operations(spec: Doc) -> None:
    def drop_failed(doc: Doc) -> None:
        union = _schemas(doc)["AssistantStreamEvent"]
        union["oneOf"].remove({"$ref": "#/components/schemas/RunFailedEvent"})
        del union["discriminator"]["mapping"]["thread.run.failed"]

    changes = _only(diff_documents(spec, _edited(spec, drop_failed)), "stream-event-removed")
    assert [change.location for change in changes] == [
        "POST /threads/runs response 200 event thread.run.failed",
        "POST /threads/{thread_id}/runs response 200 event thread.run.failed",
    ]


def test_an_event_payload_change_is_located_in_the_event(spec: Doc) -> None:
    new = _edited(spec, lambda d: _schemas(d)["ThreadObject"]["required"].remove("metadata"))
    changes = _only(diff_documents(spec, new), "response-property-became-optional")
    assert [change.location for change in changes] == [
        "POST /threads/runs response 200 event thread.created: metadata",
        "POST /threads/{thread_id}/runs response 200 event thread.created: metadata",
    ]


def test_a_bumped_limit_on_a_shared_request_setting_is_breaking(spec: Doc) -> None:
    new = _edited(spec, lambda d: _schemas(d)["RunToolsOverride"].update(maxItems=10))
    changes = _only(diff_documents(spec, new), "request-property-max-items-decreased")
    assert [change.path for change in changes] == ["tools", "tools"]
    assert changes[0].message == "maxItems changed from 20 to 10"
