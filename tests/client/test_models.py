"""The generated models: JSON in and out, unions told apart by their tag, bad data refused."""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Callable
from typing import Any

import pytest
from assistants_runs_client.models import (
    AssistantToolsCode,
    AssistantToolsFileSearch,
    AssistantToolsFunction,
    CreateRunRequest,
    CreateThreadAndRunRequest,
    CreateThreadRequest,
    FileSearchSettings,
    FunctionObject,
    ImageUrl,
    MessageContentImageUrlObject,
    MessageDeltaObject,
    MessageRequestContentTextObject,
    ResponseFormatJsonSchema,
    RunObject,
    RunStepObject,
    TruncationObject,
)
from assistants_runs_client.models.create_message_request import CreateMessageRequest
from assistants_runs_client.types import UNSET, UnknownValue, strict_parsing

from tests.client.conftest import run_example

TOOLS = [
    {"type": "code_interpreter"},
    {
        "type": "file_search",
        "file_search": {
            "max_num_results": 20,
            "ranking_options": {"ranker": "auto", "score_threshold": 0.5},
        },
    },
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
            "strict": True,
        },
    },
]


def full_run() -> dict[str, Any]:
    run = run_example()
    run.update(
        tools=copy.deepcopy(TOOLS),
        metadata={"ticket": "T-1042"},
        truncation_strategy={"type": "last_messages", "last_messages": 10},
        tool_choice={"type": "function", "function": {"name": "get_weather"}},
        response_format={"type": "json_schema", "json_schema": {"name": "summary", "strict": True}},
    )
    return run


# ---- Responses ------------------------------------------------------------------------------


def test_the_spec_example_run_parses_and_serialises_back_unchanged() -> None:
    data = run_example()
    run = RunObject.from_dict(data)
    assert run.id == data["id"]
    assert run.status == "queued"
    assert run.tools == [AssistantToolsCode()]
    assert run.to_dict() == data


def test_a_full_run_parses_every_union_by_its_tag() -> None:
    run = RunObject.from_dict(full_run())
    assert [type(tool) for tool in run.tools] == [
        AssistantToolsCode,
        AssistantToolsFileSearch,
        AssistantToolsFunction,
    ]
    search = run.tools[1]
    assert isinstance(search, AssistantToolsFileSearch)
    assert isinstance(search.file_search, FileSearchSettings)
    assert search.file_search.max_num_results == 20
    assert run.metadata == {"ticket": "T-1042"}
    assert run.truncation_strategy == TruncationObject(type_="last_messages", last_messages=10)
    assert isinstance(run.response_format, ResponseFormatJsonSchema)
    assert run.response_format.json_schema.name == "summary"
    assert RunObject.from_dict(full_run()).to_dict() == full_run()


def test_string_members_of_a_union_stay_strings() -> None:
    run = RunObject.from_dict(run_example())
    assert run.tool_choice == "auto"
    assert run.response_format == "auto"


def test_an_unknown_tool_type_is_kept_as_the_raw_object_and_the_rest_still_parses() -> None:
    data = run_example()
    newer_tool = {"type": "web_browser", "web_browser": {"max_pages": 3}}
    data["tools"] = [{"type": "code_interpreter"}, newer_tool]
    run = RunObject.from_dict(data)
    assert run.tools == [AssistantToolsCode(), newer_tool]
    assert run.to_dict()["tools"] == [{"type": "code_interpreter"}, newer_tool]


def test_an_unknown_response_format_type_is_kept_as_the_raw_object() -> None:
    data = run_example()
    data["response_format"] = {"type": "yaml"}
    assert RunObject.from_dict(data).response_format == {"type": "yaml"}


def test_fields_the_spec_does_not_know_are_kept_in_additional_properties() -> None:
    data = run_example()
    data["reasoning_summary"] = "short"
    run = RunObject.from_dict(data)
    assert run.additional_properties == {"reasoning_summary": "short"}
    assert run["reasoning_summary"] == "short"
    assert run.to_dict() == data


def test_optional_fields_left_out_are_unset_and_stay_out() -> None:
    data = run_example()
    del data["temperature"], data["top_p"]
    run = RunObject.from_dict(data)
    assert run.temperature is UNSET
    assert "temperature" not in run.to_dict()


def test_stream_payloads_parse_nested_tagged_unions() -> None:
    delta = MessageDeltaObject.from_dict(
        {
            "id": "msg_1",
            "object": "thread.message.delta",
            "delta": {"content": [{"index": 0, "type": "text", "text": {"value": "Hi"}}]},
        }
    )
    assert isinstance(delta.delta.content, list)
    assert delta.delta.content[0].text.value == "Hi"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda run: run.pop("id"), KeyError),
        (lambda run: run.update(status="sleeping"), TypeError),
        (lambda run: run.update(object="thread"), ValueError),
        (lambda run: run.update(tools="code_interpreter"), TypeError),
        (lambda run: run.update(tool_choice=7), TypeError),
    ],
    ids=["missing required field", "unknown enum value", "wrong const", "not a list", "bad union"],
)
def test_data_that_breaks_the_schema_is_refused_when_parsing_strictly(
    change: Any, error: type[Exception]
) -> None:
    data = run_example()
    change(data)
    with strict_parsing(), pytest.raises(error):
        RunObject.from_dict(data)


def test_a_missing_required_field_that_cannot_be_null_is_refused() -> None:
    data = run_example()
    del data["status"]
    with pytest.raises(KeyError, match="status"):
        RunObject.from_dict(data)


def test_a_missing_required_field_that_may_be_null_reads_as_none_unless_strict() -> None:
    data = run_example()
    del data["usage"], data["expires_at"]
    run = RunObject.from_dict(data)
    assert (run.usage, run.expires_at) == (None, None)
    with strict_parsing(), pytest.raises(KeyError, match=r"usage|expires_at"):
        RunObject.from_dict(data)


@pytest.mark.parametrize(
    ("field", "value"),
    [("status", "paused"), ("tool_choice", "sometimes")],
    ids=["enum field", "enum inside a union"],
)
def test_a_value_a_newer_server_added_to_an_enum_is_kept(field: str, value: str) -> None:
    data = run_example()
    data[field] = value
    run = RunObject.from_dict(data)
    kept = getattr(run, field)
    assert kept == value
    assert isinstance(kept, UnknownValue)
    assert run.to_dict()[field] == value
    assert RunObject.from_dict(run.to_dict()) == run


def test_known_enum_values_stay_plain_literals() -> None:
    run = RunObject.from_dict(run_example())
    assert run.status == "queued"
    assert not isinstance(run.status, UnknownValue)


def test_a_nested_unknown_enum_value_is_kept() -> None:
    data = run_example()
    data["truncation_strategy"] = {"type": "smart", "last_messages": None}
    run = RunObject.from_dict(data)
    assert run.truncation_strategy is not None
    assert run.truncation_strategy.type_ == "smart"
    assert isinstance(run.truncation_strategy.type_, UnknownValue)


def test_models_survive_pickle_and_deepcopy_equal_with_unset_kept() -> None:
    data = run_example()
    data["status"] = "paused"
    del data["temperature"]
    run = RunObject.from_dict(data)
    assert run.temperature is UNSET
    for copied in (pickle.loads(pickle.dumps(run)), copy.deepcopy(run), copy.copy(run)):
        assert copied == run
        assert copied.temperature is UNSET
        assert isinstance(copied.status, UnknownValue)
    assert pickle.loads(pickle.dumps(UNSET)) is UNSET


def test_models_round_trip_through_json_text() -> None:
    run = RunObject.from_dict(run_example())
    text = run.to_json()
    assert json.loads(text) == run.to_dict()
    assert RunObject.from_json(text) == run
    assert RunObject.from_json(text.encode()) == run


def test_a_step_with_tool_calls_parses() -> None:
    step = RunStepObject.from_dict(
        {
            "id": "step_1",
            "object": "thread.run.step",
            "created_at": 1,
            "assistant_id": "asst_abc123",
            "thread_id": "thread_abc123",
            "run_id": "run_1",
            "type": "tool_calls",
            "status": "completed",
            "step_details": {
                "type": "tool_calls",
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "f", "arguments": "{}", "output": None},
                    }
                ],
            },
            "last_error": None,
            "expired_at": None,
            "cancelled_at": None,
            "failed_at": None,
            "completed_at": 2,
            "metadata": {},
            "usage": None,
        }
    )
    assert step.step_details.tool_calls[0].function.output is None  # type: ignore[union-attr]


# ---- Requests --------------------------------------------------------------------------------


def test_a_request_sends_only_what_the_caller_set() -> None:
    assert CreateRunRequest(assistant_id="asst_abc123").to_dict() == {"assistant_id": "asst_abc123"}


def test_a_tag_is_filled_in_and_models_nest() -> None:
    body = CreateThreadAndRunRequest(
        assistant_id="asst_abc123",
        thread=CreateThreadRequest(
            messages=[
                CreateMessageRequest(
                    role="user",
                    content=[
                        MessageRequestContentTextObject(text="What is in this chart?"),
                        MessageContentImageUrlObject(
                            image_url=ImageUrl(url="https://x.test/c.png")
                        ),
                    ],
                )
            ]
        ),
        tools=[AssistantToolsCode(), AssistantToolsFunction(function=FunctionObject(name="f"))],
        metadata={"ticket": "T-1"},
        temperature=None,
    )
    assert body.to_dict() == {
        "assistant_id": "asst_abc123",
        "thread": {
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": "What is in this chart?"},
                        {"type": "image_url", "image_url": {"url": "https://x.test/c.png"}},
                    ],
                }
            ]
        },
        "tools": [{"type": "code_interpreter"}, {"type": "function", "function": {"name": "f"}}],
        "metadata": {"ticket": "T-1"},
        "temperature": None,
    }


def test_every_example_request_of_the_spec_round_trips() -> None:
    from runspec.spec import load_spec

    spec = load_spec()
    parsers: dict[str, Callable[[dict[str, Any]], CreateRunRequest | CreateThreadAndRunRequest]] = {
        "/threads/runs": CreateThreadAndRunRequest.from_dict,
        "/threads/{thread_id}/runs": CreateRunRequest.from_dict,
    }
    for path, parse in parsers.items():
        examples = spec["paths"][path]["post"]["requestBody"]["content"]["application/json"]
        for example in examples["examples"].values():
            value = example["value"]
            assert parse(value).to_dict() == value, path


def test_every_schema_of_the_spec_has_a_type_in_models() -> None:
    """Objects are models, enums are Literal types, tagged unions are type aliases (event unions
    live in ``streaming``); only nullable wrappers and plain scalars have none of their own."""
    import assistants_runs_client.models as models

    from runspec.spec import load_spec

    missing = []
    for name, schema in load_spec()["components"]["schemas"].items():
        wrapper = any(m.get("type") == "null" for m in schema.get("anyOf", []))
        scalar = "properties" not in schema and "oneOf" not in schema and "enum" not in schema
        free_form = (
            schema.get("additionalProperties") not in (None, False) and "properties" not in schema
        )
        if wrapper or (scalar and not free_form) or name == "AssistantStreamEvent":
            continue
        if free_form:  # Metadata, FunctionParameters: plain dicts, not models
            continue
        if name == "AssistantsApiToolChoiceOption" or name == "AssistantsApiResponseFormatOption":
            continue  # a string or a model: spelled out where used
        if not hasattr(models, name):
            missing.append(name)
    assert missing == []
