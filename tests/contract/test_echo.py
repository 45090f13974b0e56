"""A new run echoes its request (runspec.contract.echo), read through the spec's schemas."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

import pytest

from runspec.contract.echo import SchemaView, echo_errors, mismatches
from runspec.contract.facts import SpecFacts, spec_facts
from runspec.spec import load_spec

CREATE_RUN = spec_facts().by_id("createRun")
FULL_REQUEST: Mapping[str, Any] = load_spec()["paths"]["/threads/{thread_id}/runs"]["post"][
    "requestBody"
]["content"]["application/json"]["examples"]["full"]["value"]


@pytest.fixture
def schema() -> SchemaView:
    assert CREATE_RUN.request_pointer is not None
    return SchemaView.at(load_spec(), CREATE_RUN.request_pointer)


def faithful_run(request: Mapping[str, Any]) -> dict[str, Any]:
    """A run as a faithful server returns it for ``request`` (no additional_instructions)."""
    run: dict[str, Any] = {
        "id": "run_abc123",
        "object": "thread.run",
        "thread_id": "thread_abc123",
        "model": "gpt-4o",
        "instructions": "You are a helpful assistant.",
        "tools": [],
        "metadata": {},
        "truncation_strategy": {"type": "auto", "last_messages": None},
        "tool_choice": "auto",
        "parallel_tool_calls": True,
        "response_format": "auto",
    }
    for name in CREATE_RUN.echoed_fields:
        if request.get(name) is not None:
            run[name] = copy.deepcopy(request[name])
    return run


def full_request() -> dict[str, Any]:
    request = copy.deepcopy(dict(FULL_REQUEST))
    request.pop("additional_instructions")
    return request


def test_the_echoed_fields_come_from_the_spec() -> None:
    assert CREATE_RUN.echoed_fields == (
        "assistant_id",
        "model",
        "instructions",
        "tools",
        "metadata",
        "temperature",
        "top_p",
        "max_prompt_tokens",
        "max_completion_tokens",
        "truncation_strategy",
        "tool_choice",
        "parallel_tool_calls",
        "response_format",
    )
    assert CREATE_RUN.echoed_path_parameters == ("thread_id",)


def test_echoed_fields_follow_the_spec_not_a_list() -> None:
    document = copy.deepcopy(dict(load_spec()))
    schemas = document["components"]["schemas"]
    schemas["CreateRunRequest"]["properties"]["seed"] = {"type": "integer"}
    schemas["RunObject"]["properties"]["seed"] = {"type": "integer"}
    del schemas["RunObject"]["properties"]["top_p"]
    facts = SpecFacts.from_document(json.loads(json.dumps(document))).by_id("createRun")
    assert "seed" in facts.echoed_fields
    assert "top_p" not in facts.echoed_fields
    assert "top_p" in spec_facts().by_id("createRun").echoed_fields


def test_a_faithful_run_echoes_the_full_example(schema: SchemaView) -> None:
    request = full_request()
    assert (
        echo_errors(request, faithful_run(request), CREATE_RUN.echoed_fields, schema=schema) == []
    )


@pytest.mark.parametrize(
    ("field", "served", "problem"),
    [
        ("model", "gpt-4o", "run.model: expected 'o3-mini', got 'gpt-4o'"),
        ("temperature", 1, "run.temperature: expected 0.2, got 1"),
        ("parallel_tool_calls", True, "run.parallel_tool_calls: expected False, got True"),
        ("tool_choice", "auto", "run.tool_choice: expected an object containing"),
        ("response_format", {"type": "text"}, "run.response_format.type: expected 'json_object'"),
        ("metadata", {}, "run.metadata.user: missing, the request sent 'u-42'"),
        ("tools", [], "run.tools: expected [{'type': 'function'"),
    ],
)
def test_an_override_not_echoed(field: str, served: Any, problem: str, schema: SchemaView) -> None:
    request = full_request()
    run = faithful_run(request)
    run[field] = served
    problems = echo_errors(request, run, CREATE_RUN.echoed_fields, schema=schema)
    assert len(problems) == 1
    assert problems[0].startswith(problem)


def test_an_override_missing_from_the_run() -> None:
    run = faithful_run(full_request())
    del run["top_p"]
    assert echo_errors(full_request(), run, ["top_p"]) == [
        "run.top_p: missing, the request sent 0.9"
    ]


def test_null_and_absent_fields_take_the_assistants_settings() -> None:
    request = {"assistant_id": "asst_abc123", "model": None, "metadata": None}
    run = faithful_run({"assistant_id": "asst_abc123"})
    assert echo_errors(request, run, CREATE_RUN.echoed_fields) == []


def test_numbers_compare_by_value_but_booleans_are_not_numbers() -> None:
    assert list(mismatches(1, 1.0, "x")) == []
    assert list(mismatches(0.7, 0.7000000000000001, "x")) == []
    assert list(mismatches(True, 1, "x")) == ["x: expected True, got 1"]
    assert list(mismatches(1, True, "x")) == ["x: expected 1, got True"]
    assert list(mismatches("1", 1, "x")) == ["x: expected '1', got 1"]


def test_the_server_may_add_keys_but_not_drop_or_change_them() -> None:
    assert list(mismatches({"type": "auto"}, {"type": "auto", "last_messages": None}, "t")) == []
    assert list(mismatches({"type": "auto", "last_messages": None}, {"type": "auto"}, "t")) == []
    assert list(mismatches({"type": "auto", "last_messages": 3}, {"type": "auto"}, "t")) == [
        "t.last_messages: missing, the request sent 3"
    ]
    assert list(mismatches([{"a": 1}], [{"a": 1}, {"a": 2}], "l")) == [
        "l: expected [{'a': 1}], got [{'a': 1}, {'a': 2}]"
    ]


def test_keys_the_schema_does_not_describe_are_not_compared(schema: SchemaView) -> None:
    request = {
        "assistant_id": "asst_abc123",
        "truncation_strategy": {"type": "auto", "x-vendor": {"anything": True}},
    }
    run = faithful_run(request)
    run["truncation_strategy"] = {"type": "auto", "last_messages": None}
    assert echo_errors(request, run, CREATE_RUN.echoed_fields, schema=schema) == []
    # Without the schema every key counts.
    assert echo_errors(request, run, CREATE_RUN.echoed_fields) != []


def test_free_form_content_the_schema_declares_is_compared(schema: SchemaView) -> None:
    request = full_request()
    run = faithful_run(request)
    run["tools"][0]["function"]["parameters"] = {"type": "object"}
    run["metadata"] = {"user": "u-42", "extra": "added by the server is fine"}
    problems = echo_errors(request, run, CREATE_RUN.echoed_fields, schema=schema)
    assert problems == [
        "run.tools[0].function.parameters.properties: missing, the request sent "
        "{'from': {'type': 'string'}, 'to': {'type': 'string'}}",
        "run.tools[0].function.parameters.required: missing, the request sent ['from', 'to']",
    ]


def test_additional_instructions_are_appended_to_the_instructions() -> None:
    request = {"instructions": "Be brief.", "additional_instructions": "Use French."}
    good = {"instructions": "Be brief.\nUse French."}
    assert echo_errors(request, good, ["instructions"]) == []
    for bad in ("Be brief.", "Use French.", "Something else.\nUse French."):
        assert echo_errors(request, {"instructions": bad}, ["instructions"]) != []


def test_the_label_says_which_run_object() -> None:
    problems = echo_errors({"model": "a"}, {"model": "b"}, ["model"], label="#3 thread.run.queued")
    assert problems == ["#3 thread.run.queued.model: expected 'a', got 'b'"]


def test_a_key_that_is_not_a_plain_name_is_quoted_in_the_path() -> None:
    # Found against Prism: a fuzzed metadata key with a newline split the report's line.
    sent = {"metadata": {" \n\x0f": "O", "team-a_1": "x"}}
    assert list(mismatches(sent, {"metadata": {}}, "run")) == [
        "run.metadata[' \\n\\x0f']: missing, the request sent 'O'",
        "run.metadata.team-a_1: missing, the request sent 'x'",
    ]
