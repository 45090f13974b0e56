"""The project's overlays (``overlays/*.overlay.yaml``) against the real spec.

Each must apply to ``openapi/openapi.yaml`` with every target selecting something, and a spec
edit that makes a target vanish must fail, naming the overlay and the action.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from runspec import PROJECT_ROOT, SPEC_PATH
from runspec.overlay import OverlayApplyError, apply_overlay
from runspec.overlay.query import Query, parent_of
from runspec.yamlio import load_document

OVERLAYS = sorted((PROJECT_ROOT / "overlays").glob("*.overlay.yaml"))
NAMES = [path.name for path in OVERLAYS]
OPERATIONS = [("/threads/runs", "post"), ("/threads/{thread_id}/runs", "post")]
REQUESTS = ["CreateRunRequest", "CreateThreadAndRunRequest"]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    document: dict[str, Any] = load_document(SPEC_PATH)
    return document


def variant(spec: dict[str, Any], name: str) -> dict[str, Any]:
    path = PROJECT_ROOT / "overlays" / name
    result = apply_overlay(spec, load_document(path), strict=True, source=f"overlays/{name}")
    assert result.warnings == ()
    return result.document


def follow(spec: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), ref
    node: Any = spec
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def reachable(spec: dict[str, Any], node: Any, seen: set[str] | None = None) -> Iterator[Any]:
    """Every object under ``node``, following ``$ref``s (each referenced schema once)."""
    seen = set() if seen is None else seen
    if isinstance(node, dict):
        yield node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref not in seen:
            seen.add(ref)
            yield from reachable(spec, follow(spec, ref), seen)
        for key, value in node.items():
            if key not in ("example", "examples", "const", "enum"):
                yield from reachable(spec, value, seen)
    elif isinstance(node, list):
        for item in node:
            yield from reachable(spec, item, seen)


def described(spec: dict[str, Any], schema: dict[str, Any]) -> str | None:
    """A field's description: its own, or that of what it refers to (through a nullable anyOf)."""
    while True:
        if "description" in schema:
            return str(schema["description"])
        if "$ref" in schema:
            schema = follow(spec, schema["$ref"])
        elif "anyOf" in schema and "$ref" in schema["anyOf"][0]:
            schema = schema["anyOf"][0]
        else:
            return None


# Every overlay.


def test_there_are_the_four_variants() -> None:
    assert NAMES == [
        "azure.overlay.yaml",
        "python-client.overlay.yaml",
        "typed-events.overlay.yaml",
        "zh-CN.overlay.yaml",
    ]


@pytest.mark.parametrize("name", NAMES)
def test_overlay_applies_cleanly_with_every_target_matching(
    spec: dict[str, Any], name: str
) -> None:
    original = copy.deepcopy(spec)
    document = variant(spec, name)
    assert document != spec
    assert spec == original


@pytest.mark.parametrize("name", NAMES)
def test_overlay_declares_version_info_and_the_spec_it_extends(name: str) -> None:
    overlay = load_document(PROJECT_ROOT / "overlays" / name)
    assert overlay["overlay"] == "1.1.0"
    assert overlay["info"]["title"]
    assert overlay["info"]["version"]
    assert (PROJECT_ROOT / "overlays" / overlay["extends"]).resolve() == SPEC_PATH.resolve()
    assert "#" in (PROJECT_ROOT / "overlays" / name).read_text(encoding="utf-8").split("\n")[0]


def vanishing_cases() -> Iterator[Any]:
    spec: dict[str, Any] = load_document(SPEC_PATH) if SPEC_PATH.is_file() else {}
    for path in OVERLAYS:
        overlay = load_document(path)
        for index, action in enumerate(overlay["actions"]):
            if Query(action["target"]).select(spec):
                yield pytest.param(path.name, index, id=f"{path.name}-{index}")


@pytest.mark.parametrize(("name", "index"), list(vanishing_cases()))
def test_spec_edit_that_makes_a_target_vanish_fails_naming_overlay_and_action(
    spec: dict[str, Any], name: str, index: int
) -> None:
    overlay = load_document(PROJECT_ROOT / "overlays" / name)
    target = overlay["actions"][index]["target"]
    edited = copy.deepcopy(spec)
    for node in reversed(Query(target).select(edited)):
        del parent_of(edited, node.parts)[node.parts[-1]]
    with pytest.raises(OverlayApplyError) as caught:
        apply_overlay(edited, overlay, strict=True, source=f"overlays/{name}")
    lines = [str(problem) for problem in caught.value.problems]
    quoted = target.replace("\\", "\\\\").replace('"', '\\"')
    expected = (
        f'overlays/{name}: actions[{index}] (target "{quoted}"): '
        "target selects no nodes (an error in strict mode)"
    )
    assert expected in lines


def test_dropping_a_default_from_the_spec_is_reported_exactly(spec: dict[str, Any]) -> None:
    edited = copy.deepcopy(spec)
    del edited["components"]["schemas"]["Temperature"]["default"]
    overlay = load_document(PROJECT_ROOT / "overlays" / "python-client.overlay.yaml")
    with pytest.raises(OverlayApplyError) as caught:
        apply_overlay(edited, overlay, strict=True, source="overlays/python-client.overlay.yaml")
    assert str(caught.value) == (
        "overlays/python-client.overlay.yaml: actions[0] "
        '(target "$.components.schemas.Temperature.default"): '
        "target selects no nodes (an error in strict mode)"
    )


# python-client: no defaults on the request side.


def request_defaults(spec: dict[str, Any]) -> list[Any]:
    schemas = spec["components"]["schemas"]
    return [
        node["default"]
        for name in REQUESTS
        for node in reachable(spec, schemas[name])
        if "default" in node
    ]


def test_spec_has_request_defaults_that_the_client_would_send(spec: dict[str, Any]) -> None:
    assert request_defaults(spec)  # otherwise the next test proves nothing


def test_python_client_variant_has_no_default_reachable_from_a_request_body(
    spec: dict[str, Any],
) -> None:
    document = variant(spec, "python-client.overlay.yaml")
    assert request_defaults(document) == []
    # Only `default` keywords go: the schemas are otherwise untouched.
    temperature = document["components"]["schemas"]["Temperature"]
    assert temperature == {
        key: value
        for key, value in spec["components"]["schemas"]["Temperature"].items()
        if key != "default"
    }


# azure: servers, api-key, api-version.


def test_azure_server_variable_is_explained_by_its_server_not_a_variable_description(
    spec: dict[str, Any],
) -> None:
    # swagger-parser's copy of the 3.1 schema rejects `description` on a server variable.
    server = variant(spec, "azure.overlay.yaml")["servers"][0]
    assert server["variables"] == {"resource": {"default": "your-resource-name"}}
    assert "`resource` is its name" in server["description"]


# typed-events: each event's data is its payload's schema.


def test_typed_events_variant_gives_every_event_its_payload_schema(spec: dict[str, Any]) -> None:
    document = variant(spec, "typed-events.overlay.yaml")
    schemas = document["components"]["schemas"]
    mapping = schemas["AssistantStreamEvent"]["discriminator"]["mapping"]
    for name, pointer in mapping.items():
        data = follow(document, pointer)["properties"]["data"]
        original = follow(spec, pointer)["properties"]["data"]
        if "contentSchema" in original:
            assert data == {"$ref": original["contentSchema"]["$ref"]}, name
        else:
            assert data == original, name  # done: data is '[DONE]', not JSON
    for item in document["paths"].values():
        stream = item["post"]["responses"]["200"]["content"]["text/event-stream"]
        assert "examples" not in stream  # the wire form (data as text) is not this schema
        assert stream["x-transcripts"]


def test_typed_events_variant_passes_the_spec_check(spec: dict[str, Any]) -> None:
    from runspec.check import check_document

    assert check_document(variant(spec, "typed-events.overlay.yaml")) == []


def test_typed_events_variant_decodes_data_before_validating_an_event(
    spec: dict[str, Any],
) -> None:
    from runspec.events import EventValidator, ServerSentEvent
    from runspec.spec import SpecSchemas

    events = EventValidator(SpecSchemas(variant(spec, "typed-events.overlay.yaml")))
    good = '{"id":"thread_1","object":"thread","created_at":1,"tool_resources":null,"metadata":{}}'
    assert events.errors(ServerSentEvent("thread.created", good)) == []
    assert events.errors(ServerSentEvent("thread.created", "{oops"))[0].startswith(
        "event 'thread.created': data is not JSON"
    )
    assert events.errors(ServerSentEvent("thread.created", good.replace('"thread"', '"run"', 1)))


def test_azure_variant_talks_to_a_resource_with_an_api_key(spec: dict[str, Any]) -> None:
    document = variant(spec, "azure.overlay.yaml")
    assert [server["url"] for server in document["servers"]] == [
        "https://{resource}.openai.azure.com/openai"
    ]
    assert "resource" in document["servers"][0]["variables"]
    schemes = document["components"]["securitySchemes"]
    assert schemes == {
        "apiKeyAuth": {
            "type": "apiKey",
            "in": "header",
            "name": "api-key",
            "description": schemes["apiKeyAuth"]["description"],
        }
    }
    assert document["security"] == [{"apiKeyAuth": []}]
    assert "bearer" not in str(document["components"]["securitySchemes"]).lower()
    assert list(document) == list(spec)  # servers and security keep their place


def test_azure_variant_requires_api_version_on_both_operations(spec: dict[str, Any]) -> None:
    document = variant(spec, "azure.overlay.yaml")
    for path, method in OPERATIONS:
        parameters = [
            follow(document, parameter["$ref"]) if "$ref" in parameter else parameter
            for parameter in document["paths"][path][method]["parameters"]
        ]
        (api_version,) = [p for p in parameters if p["name"] == "api-version"]
        assert api_version["in"] == "query"
        assert api_version["required"] is True
        assert re.match(api_version["schema"]["pattern"], "2024-05-01-preview")
    assert document["components"]["parameters"]["ApiVersion"]["example"] == "2024-05-01-preview"


# zh-CN: the texts people read, in Chinese.


def test_zh_cn_variant_translates_operations_parameters_and_every_request_field(
    spec: dict[str, Any],
) -> None:
    document = variant(spec, "zh-CN.overlay.yaml")
    texts: dict[str, str | None] = {
        "info.title": document["info"]["title"],
        "info.description": document["info"]["description"],
    }
    for path, method in OPERATIONS:
        operation = document["paths"][path][method]
        texts[f"{path} summary"] = operation["summary"]
        texts[f"{path} description"] = operation["description"]
        for parameter in operation["parameters"]:
            parameter = follow(document, parameter["$ref"]) if "$ref" in parameter else parameter
            texts[f"{path} parameter {parameter['name']}"] = parameter.get("description")
    for name in [*REQUESTS, "CreateThreadRequest", "CreateMessageRequest"]:
        schema = document["components"]["schemas"][name]
        texts[name] = schema["description"]
        for field, property_schema in schema["properties"].items():
            texts[f"{name}.{field}"] = described(document, property_schema)
    untranslated = {where: text for where, text in texts.items() if not CJK.search(text or "")}
    assert untranslated == {}


def test_zh_cn_variant_changes_only_texts(spec: dict[str, Any]) -> None:
    document = variant(spec, "zh-CN.overlay.yaml")

    def skeleton(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: skeleton(value)
                for key, value in node.items()
                if key not in ("description", "summary", "title")
            }
        if isinstance(node, list):
            return [skeleton(item) for item in node]
        return node

    assert skeleton(document) == skeleton(spec)


def test_overlay_files_are_yaml_with_unicode_as_is() -> None:
    text = Path(PROJECT_ROOT / "overlays" / "zh-CN.overlay.yaml").read_text(encoding="utf-8")
    assert "\\u" not in text
    assert "线程" in text
