"""The spec checker (`runspec check`, run by `make lint`): the real spec passes, bad edits fail.

Every example in the spec validates against its schema, every schema is valid JSON Schema
2020-12, and typical mistakes in a copy of the spec are reported with the place they happen.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from runspec import SPEC_PATH
from runspec.check import TRANSCRIPTS, check_document
from runspec.check import location as place
from runspec.cli import main
from runspec.events import EventValidator, ServerSentEvent, parse_event_stream
from runspec.spec import SpecSchemas
from runspec.yamlio import dump_document

Spec = dict[str, Any]


def test_the_spec_has_no_problems(spec: Mapping[str, Any]) -> None:
    assert check_document(spec) == []


@pytest.mark.parametrize("name", sorted(SpecSchemas.from_path().document["components"]["schemas"]))
def test_every_schema_is_valid_json_schema_2020_12(spec: Mapping[str, Any], name: str) -> None:
    Draft202012Validator.check_schema(spec["components"]["schemas"][name])


def media_examples(spec: Mapping[str, Any]) -> list[tuple[str, str, str, str]]:
    found = []
    for route, item in spec["paths"].items():
        op = item["post"]
        bodies = {"request": op["requestBody"]} | {
            status: r for status, r in op["responses"].items() if "content" in r
        }
        for where, body in bodies.items():
            for media_type, media in body["content"].items():
                found += [(route, where, media_type, name) for name in media.get("examples", {})]
                found += [(route, where, media_type, name) for name in media.get(TRANSCRIPTS, {})]
    return found


@pytest.mark.parametrize(
    ("route", "where", "media_type", "name"), media_examples(SpecSchemas.from_path().document)
)
def test_every_operation_example_matches_its_schema(
    spec: Mapping[str, Any], route: str, where: str, media_type: str, name: str
) -> None:
    schemas = SpecSchemas(spec)
    op = spec["paths"][route]["post"]
    body = op["requestBody"] if where == "request" else op["responses"][where]
    media = body["content"][media_type]
    value = {**media.get("examples", {}), **media.get(TRANSCRIPTS, {})}[name]["value"]
    if media_type == "text/event-stream" and isinstance(value, str):
        events = parse_event_stream(value)
        assert events[-1].event == "done"
        assert EventValidator(schemas).stream_errors(events) == []
    elif media_type == "text/event-stream":
        event = ServerSentEvent(value["event"], value["data"])
        assert EventValidator(schemas).errors(event) == []
    else:
        assert [
            e.message for e in schemas.schema_validator(media["schema"]).iter_errors(value)
        ] == []


def test_shared_error_responses_have_valid_examples(spec: Mapping[str, Any]) -> None:
    schemas = SpecSchemas(spec)
    for name, response in spec["components"]["responses"].items():
        for example in response["content"]["application/json"]["examples"].values():
            assert schemas.errors(example["value"], "#/components/schemas/ErrorResponse") == [], (
                name
            )


def test_examples_use_the_documented_ids(spec: Mapping[str, Any]) -> None:
    request = spec["paths"]["/threads/{thread_id}/runs"]["post"]["requestBody"]
    minimal = request["content"]["application/json"]["examples"]["minimal"]["value"]
    assert minimal == {"assistant_id": "asst_abc123"}
    run = spec["paths"]["/threads/{thread_id}/runs"]["post"]["responses"]["200"]
    fresh = run["content"]["application/json"]["examples"]["queued"]["value"]
    assert (fresh["thread_id"], fresh["status"]) == ("thread_abc123", "queued")
    assert fresh["expires_at"] == fresh["created_at"] + 600


# ---- Bad edits -------------------------------------------------------------------------------------

RUN_OP = ("paths", "/threads/{thread_id}/runs", "post")
MINIMAL_EXAMPLE = (*RUN_OP, "requestBody", "content", "application/json", "examples", "minimal")


def dangling_ref(spec: Spec) -> None:
    spec["components"]["schemas"]["CreateRunRequest"]["properties"]["tools"] = {
        "$ref": "#/components/schemas/NoSuchTools"
    }


def example_violates_schema(spec: Spec) -> None:
    node = spec
    for key in MINIMAL_EXAMPLE:
        node = node[key]
    node["value"] = {"assistant_id": "asst_abc123", "temperature": 3}


def operation_id_missing(spec: Spec) -> None:
    del spec["paths"]["/threads/{thread_id}/runs"]["post"]["operationId"]


def operation_id_duplicated(spec: Spec) -> None:
    spec["paths"]["/threads/{thread_id}/runs"]["post"]["operationId"] = "createThreadAndRun"


def nullable_keyword(spec: Spec) -> None:
    spec["components"]["schemas"]["RunObject"]["properties"]["model"]["nullable"] = True


def union_member_without_const_tag(spec: Spec) -> None:
    tag = spec["components"]["schemas"]["AssistantToolsCode"]["properties"]["type"]
    tag.pop("const")


def transcript_event_violates_payload_schema(spec: Spec) -> None:
    response = spec["paths"]["/threads/runs"]["post"]["responses"]["200"]
    example = response["content"]["text/event-stream"][TRANSCRIPTS]["transcript"]
    example["value"] = example["value"].replace('"status":"queued"', '"status":"sleeping"', 1)


def event_example_violates_payload_schema(spec: Spec) -> None:
    response = spec["paths"]["/threads/runs"]["post"]["responses"]["200"]
    example = response["content"]["text/event-stream"]["examples"]["threadCreated"]
    example["value"]["data"] = example["value"]["data"].replace('"thread"', '"run"', 1)


def nullable_wrapper_component(spec: Spec) -> None:
    schemas = spec["components"]["schemas"]
    schemas["NullableMetadata"] = {
        "anyOf": [{"$ref": "#/components/schemas/Metadata"}, {"type": "null"}]
    }
    schemas["RunObject"]["properties"]["metadata"] = {
        "$ref": "#/components/schemas/NullableMetadata"
    }


def enum_components_share_a_value(spec: Spec) -> None:
    spec["components"]["schemas"]["ReasoningEffort"].pop("x-enum-varnames")


def invalid_json_schema(spec: Spec) -> None:
    spec["components"]["schemas"]["Metadata"]["maxProperties"] = "sixteen"


BAD_EDITS: list[tuple[Callable[[Spec], None], str, str]] = [
    (
        dangling_ref,
        "components.schemas.CreateRunRequest.properties.tools",
        "'#/components/schemas/NoSuchTools' does not resolve",
    ),
    (example_violates_schema, place(MINIMAL_EXAMPLE), "3 is greater than the maximum of 2"),
    (operation_id_missing, place(RUN_OP), "operation has no operationId"),
    (operation_id_duplicated, place(RUN_OP), "'createThreadAndRun' is also used"),
    (nullable_keyword, "components.schemas.RunObject.properties.model", "uses `nullable`"),
    (
        union_member_without_const_tag,
        "components.schemas.AssistantTool.discriminator.mapping.code_interpreter",
        "must declare type: {const: code_interpreter}",
    ),
    (
        transcript_event_violates_payload_schema,
        '["x-transcripts"].transcript',
        "event 'thread.run.created': data.status: 'sleeping' is not one of",
    ),
    (
        event_example_violates_payload_schema,
        "examples.threadCreated",
        "event 'thread.created': data.object: 'thread' was expected",
    ),
    (
        nullable_wrapper_component,
        "components.schemas.NullableMetadata",
        "a component that only makes another one nullable",
    ),
    (
        enum_components_share_a_value,
        "components.schemas.ImageDetail.enum",
        "value 'low' is also a value of ReasoningEffort",
    ),
    (invalid_json_schema, "components.schemas.Metadata", "not a valid JSON Schema 2020-12"),
]


@pytest.mark.parametrize(
    ("edit", "where", "what"), BAD_EDITS, ids=[edit.__name__ for edit, _, _ in BAD_EDITS]
)
def test_a_bad_edit_is_reported_at_its_place(
    spec: Mapping[str, Any], edit: Callable[[Spec], None], where: str, what: str
) -> None:
    broken = copy.deepcopy(dict(spec))
    edit(broken)
    problems = check_document(broken)
    assert any(where in p.location and what in p.message for p in problems), problems


def nullable_reference_with_its_own_description(spec: Spec) -> None:
    spec["components"]["schemas"]["RunObject"]["properties"]["metadata"] = {
        "description": "Your pairs, or null.",
        "anyOf": [{"$ref": "#/components/schemas/Metadata"}, {"type": "null"}],
    }


def shared_enum_value_with_named_constants(spec: Spec) -> None:
    spec["components"]["schemas"]["ReasoningEffort"].pop("x-enum-varnames")
    spec["components"]["schemas"]["ImageDetail"]["x-enum-varnames"] = ["DETAIL_AUTO"]


@pytest.mark.parametrize(
    "edit", [nullable_reference_with_its_own_description, shared_enum_value_with_named_constants]
)
def test_a_valid_variation_is_accepted(
    spec: Mapping[str, Any], edit: Callable[[Spec], None]
) -> None:
    varied = copy.deepcopy(dict(spec))
    edit(varied)
    assert check_document(varied) == []


def run_checker(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "runspec.cli", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_lint_checker_fails_naming_the_file_and_the_place(
    spec: Mapping[str, Any], tmp_path: Path
) -> None:
    broken = copy.deepcopy(dict(spec))
    dangling_ref(broken)
    path = tmp_path / "openapi.yaml"
    path.write_text(dump_document(broken), encoding="utf-8")
    result = run_checker(path)
    assert result.returncode == 1
    assert f"{path}: components.schemas.CreateRunRequest.properties.tools: $ref" in result.stderr


def test_the_lint_checker_passes_the_real_spec(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SPEC_PATH)]) == 0
    assert capsys.readouterr().out.strip() == f"{SPEC_PATH}: ok"


def test_the_lint_checker_reports_every_problem_of_a_file(
    spec: Mapping[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = copy.deepcopy(dict(spec))
    example_violates_schema(broken)
    operation_id_missing(broken)
    path = tmp_path / "openapi.yaml"
    path.write_text(dump_document(broken), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[-1] == f"{path}: 2 problem(s)"
    assert any(line.startswith(f"{path}: {place(RUN_OP)}: ") for line in lines)


@pytest.mark.parametrize(
    ("content", "message"),
    [("a: [unclosed", "not valid YAML"), (None, "cannot read")],
)
def test_the_lint_checker_exits_2_on_unreadable_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = tmp_path / "openapi.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err
    assert message in err
