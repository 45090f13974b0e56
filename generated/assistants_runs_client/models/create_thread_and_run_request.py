"""CreateThreadAndRunRequest: Creates a thread and starts a run on it. Fields left out take the assistant's settings."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Literal, Self

from attrs import define as _attrs_define

from ..models.tool_choice_mode import TOOL_CHOICE_MODE_VALUES, ToolChoiceMode, check_tool_choice_mode
from ..types import UNSET, Unset


@_attrs_define
class CreateThreadAndRunRequest:
    """Creates a thread and starts a run on it. Fields left out take the assistant's settings.

    Attributes:
        assistant_id (str): The assistant that executes the run.
        thread (CreateThreadRequest | Unset): The thread to create; without it the thread starts empty.
        model (None | str | Unset): A model id, such as `gpt-4o`, used instead of the assistant's model.
        instructions (None | str | Unset): Replaces the assistant's instructions for this run.
        tools (list[AssistantToolsCode | AssistantToolsFileSearch | AssistantToolsFunction | dict[str, Any]] | None |
            Unset): Tools used instead of the assistant's for this run.
        tool_resources (None | ToolResources | Unset): Files the run's tools may use, in place of the assistant's.
        metadata (dict[str, str] | None | Unset):
        temperature (float | None | Unset): Sampling temperature; higher is more random. Change this or `top_p`, not
            both.
        top_p (float | None | Unset): Nucleus sampling; only tokens within this probability mass are considered.
        stream (bool | None | Unset): When true, the response is a stream of server-sent events ending with `data:
            [DONE]`.
        max_prompt_tokens (int | None | Unset): Most prompt tokens the run may use over all its turns; past it the run
            ends `incomplete`.
        max_completion_tokens (int | None | Unset): Most completion tokens the run may use over all its turns; past it
            the run ends `incomplete`.
        truncation_strategy (None | TruncationObject | Unset):
        tool_choice (AssistantsNamedToolChoice | None | ToolChoiceMode | Unset):
        parallel_tool_calls (bool | Unset): Whether the model may call several functions at once.
        response_format (dict[str, Any] | Literal['auto'] | None | ResponseFormatJsonObject | ResponseFormatJsonSchema |
            ResponseFormatText | Unset):
    """

    assistant_id: str
    thread: CreateThreadRequest | Unset = UNSET
    model: None | str | Unset = UNSET
    instructions: None | str | Unset = UNSET
    tools: (
        list[AssistantToolsCode | AssistantToolsFileSearch | AssistantToolsFunction | dict[str, Any]] | None | Unset
    ) = UNSET
    tool_resources: None | ToolResources | Unset = UNSET
    metadata: dict[str, str] | None | Unset = UNSET
    temperature: float | None | Unset = UNSET
    top_p: float | None | Unset = UNSET
    stream: bool | None | Unset = UNSET
    max_prompt_tokens: int | None | Unset = UNSET
    max_completion_tokens: int | None | Unset = UNSET
    truncation_strategy: None | TruncationObject | Unset = UNSET
    tool_choice: AssistantsNamedToolChoice | None | ToolChoiceMode | Unset = UNSET
    parallel_tool_calls: bool | Unset = UNSET
    response_format: (
        dict[str, Any]
        | Literal["auto"]
        | None
        | ResponseFormatJsonObject
        | ResponseFormatJsonSchema
        | ResponseFormatText
        | Unset
    ) = UNSET

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            "assistant_id": self.assistant_id,
        }
        if not isinstance(self.thread, Unset):
            field_dict["thread"] = self.thread.to_dict()
        if not isinstance(self.model, Unset):
            field_dict["model"] = self.model
        if not isinstance(self.instructions, Unset):
            field_dict["instructions"] = self.instructions
        if not isinstance(self.tools, Unset):
            field_dict["tools"] = (
                None
                if self.tools is None
                else [_dump_componentsschemas_run_tools_override_type_0_item(item0) for item0 in self.tools]
            )
        if not isinstance(self.tool_resources, Unset):
            field_dict["tool_resources"] = None if self.tool_resources is None else self.tool_resources.to_dict()
        if not isinstance(self.metadata, Unset):
            field_dict["metadata"] = self.metadata
        if not isinstance(self.temperature, Unset):
            field_dict["temperature"] = self.temperature
        if not isinstance(self.top_p, Unset):
            field_dict["top_p"] = self.top_p
        if not isinstance(self.stream, Unset):
            field_dict["stream"] = self.stream
        if not isinstance(self.max_prompt_tokens, Unset):
            field_dict["max_prompt_tokens"] = self.max_prompt_tokens
        if not isinstance(self.max_completion_tokens, Unset):
            field_dict["max_completion_tokens"] = self.max_completion_tokens
        if not isinstance(self.truncation_strategy, Unset):
            field_dict["truncation_strategy"] = (
                None if self.truncation_strategy is None else self.truncation_strategy.to_dict()
            )
        if not isinstance(self.tool_choice, Unset):
            field_dict["tool_choice"] = _dump_tool_choice(self.tool_choice)
        if not isinstance(self.parallel_tool_calls, Unset):
            field_dict["parallel_tool_calls"] = self.parallel_tool_calls
        if not isinstance(self.response_format, Unset):
            field_dict["response_format"] = _dump_response_format(self.response_format)
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        assistant_id = d["assistant_id"]
        thread = d.get("thread", UNSET)
        if thread is not UNSET:
            thread = CreateThreadRequest.from_dict(thread)
        model = d.get("model", UNSET)
        instructions = d.get("instructions", UNSET)
        tools = d.get("tools", UNSET)
        if tools is not UNSET:
            tools = (
                None
                if tools is None
                else [_parse_componentsschemas_run_tools_override_type_0_item(item0) for item0 in tools]
            )
        tool_resources = d.get("tool_resources", UNSET)
        if tool_resources is not UNSET:
            tool_resources = None if tool_resources is None else ToolResources.from_dict(tool_resources)
        metadata = d.get("metadata", UNSET)
        temperature = d.get("temperature", UNSET)
        top_p = d.get("top_p", UNSET)
        stream = d.get("stream", UNSET)
        max_prompt_tokens = d.get("max_prompt_tokens", UNSET)
        max_completion_tokens = d.get("max_completion_tokens", UNSET)
        truncation_strategy = d.get("truncation_strategy", UNSET)
        if truncation_strategy is not UNSET:
            truncation_strategy = (
                None if truncation_strategy is None else TruncationObject.from_dict(truncation_strategy)
            )
        tool_choice = d.get("tool_choice", UNSET)
        if tool_choice is not UNSET:
            tool_choice = _parse_tool_choice(tool_choice)
        parallel_tool_calls = d.get("parallel_tool_calls", UNSET)
        response_format = d.get("response_format", UNSET)
        if response_format is not UNSET:
            response_format = _parse_response_format(response_format)
        create_thread_and_run_request = cls(
            assistant_id=assistant_id,
            thread=thread,
            model=model,
            instructions=instructions,
            tools=tools,
            tool_resources=tool_resources,
            metadata=metadata,
            temperature=temperature,
            top_p=top_p,
            stream=stream,
            max_prompt_tokens=max_prompt_tokens,
            max_completion_tokens=max_completion_tokens,
            truncation_strategy=truncation_strategy,
            tool_choice=tool_choice,
            parallel_tool_calls=parallel_tool_calls,
            response_format=response_format,
        )
        return create_thread_and_run_request

    def to_json(self) -> str:
        """This object as JSON text: ``to_dict()``, serialized."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """Build from JSON text, like :meth:`from_dict`."""
        return cls.from_dict(json.loads(text))


def _parse_componentsschemas_run_tools_override_type_0_item(
    data: object,
) -> AssistantToolsCode | AssistantToolsFileSearch | AssistantToolsFunction | dict[str, Any]:
    if isinstance(data, dict):
        parse = _COMPONENTSSCHEMAS_RUN_TOOLS_OVERRIDE_TYPE_0_ITEM_BY_TYPE.get(data.get("type"))
        # A tag this client does not know (a newer server's): keep the object as it came.
        return data if parse is None else parse(data)
    raise TypeError(f"/components/schemas/RunToolsOverride_type_0_item: unexpected {type(data).__name__} {data!r:.80}")


def _dump_componentsschemas_run_tools_override_type_0_item(
    value: AssistantToolsCode | AssistantToolsFileSearch | AssistantToolsFunction | dict[str, Any],
) -> Any:
    if isinstance(
        value,
        (
            AssistantToolsCode,
            AssistantToolsFileSearch,
            AssistantToolsFunction,
        ),
    ):
        return value.to_dict()
    return value


def _parse_tool_choice(data: object) -> AssistantsNamedToolChoice | None | ToolChoiceMode:
    if data is None:
        return None
    if isinstance(data, dict):
        return AssistantsNamedToolChoice.from_dict(data)
    if isinstance(data, str) and data in TOOL_CHOICE_MODE_VALUES:
        return data
    if isinstance(data, str):
        # A value a newer server added to the enum: kept (TypeError when parsing strictly).
        return check_tool_choice_mode(data)
    raise TypeError(f"tool_choice: unexpected {type(data).__name__} {data!r:.80}")


def _dump_tool_choice(value: AssistantsNamedToolChoice | None | ToolChoiceMode) -> Any:
    if isinstance(value, AssistantsNamedToolChoice):
        return value.to_dict()
    return value


def _parse_response_format(
    data: object,
) -> dict[str, Any] | Literal["auto"] | None | ResponseFormatJsonObject | ResponseFormatJsonSchema | ResponseFormatText:
    if data is None:
        return None
    if isinstance(data, dict):
        parse = _RESPONSE_FORMAT_BY_TYPE.get(data.get("type"))
        # A tag this client does not know (a newer server's): keep the object as it came.
        return data if parse is None else parse(data)
    if data == "auto":
        return "auto"
    raise TypeError(f"response_format: unexpected {type(data).__name__} {data!r:.80}")


def _dump_response_format(
    value: dict[str, Any]
    | Literal["auto"]
    | None
    | ResponseFormatJsonObject
    | ResponseFormatJsonSchema
    | ResponseFormatText,
) -> Any:
    if isinstance(
        value,
        (
            ResponseFormatText,
            ResponseFormatJsonObject,
            ResponseFormatJsonSchema,
        ),
    ):
        return value.to_dict()
    return value


# The models this one refers to are imported once its own class exists, so that references may
# run in circles and parsing needs no import at call time.
from ..models.assistant_tools_code import AssistantToolsCode  # noqa: E402
from ..models.assistant_tools_file_search import AssistantToolsFileSearch  # noqa: E402
from ..models.assistant_tools_function import AssistantToolsFunction  # noqa: E402
from ..models.assistants_named_tool_choice import AssistantsNamedToolChoice  # noqa: E402
from ..models.create_thread_request import CreateThreadRequest  # noqa: E402
from ..models.response_format_json_object import ResponseFormatJsonObject  # noqa: E402
from ..models.response_format_json_schema import ResponseFormatJsonSchema  # noqa: E402
from ..models.response_format_text import ResponseFormatText  # noqa: E402
from ..models.tool_resources import ToolResources  # noqa: E402
from ..models.truncation_object import TruncationObject  # noqa: E402

_COMPONENTSSCHEMAS_RUN_TOOLS_OVERRIDE_TYPE_0_ITEM_BY_TYPE: dict[
    object, Callable[[Mapping[str, Any]], AssistantToolsCode | AssistantToolsFileSearch | AssistantToolsFunction]
] = {
    "code_interpreter": AssistantToolsCode.from_dict,
    "file_search": AssistantToolsFileSearch.from_dict,
    "function": AssistantToolsFunction.from_dict,
}
_RESPONSE_FORMAT_BY_TYPE: dict[
    object, Callable[[Mapping[str, Any]], ResponseFormatText | ResponseFormatJsonObject | ResponseFormatJsonSchema]
] = {
    "text": ResponseFormatText.from_dict,
    "json_object": ResponseFormatJsonObject.from_dict,
    "json_schema": ResponseFormatJsonSchema.from_dict,
}
