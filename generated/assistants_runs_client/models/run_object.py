"""RunObject: A run of an assistant on a thread."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Literal, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus, check_run_status
from ..models.tool_choice_mode import TOOL_CHOICE_MODE_VALUES, ToolChoiceMode, check_tool_choice_mode
from ..types import UNSET, Unset, is_strict

# Required fields that may be null: missing, they read as None unless parsing is strict.
_NULL_WHEN_MISSING: dict[str, None] = {
    "required_action": None,
    "last_error": None,
    "expires_at": None,
    "started_at": None,
    "cancelled_at": None,
    "failed_at": None,
    "completed_at": None,
    "incomplete_details": None,
    "metadata": None,
    "usage": None,
    "max_prompt_tokens": None,
    "max_completion_tokens": None,
    "truncation_strategy": None,
    "tool_choice": None,
    "response_format": None,
}

_PROPERTY_NAMES = frozenset(
    (
        "id",
        "object",
        "created_at",
        "thread_id",
        "assistant_id",
        "status",
        "required_action",
        "last_error",
        "expires_at",
        "started_at",
        "cancelled_at",
        "failed_at",
        "completed_at",
        "incomplete_details",
        "model",
        "instructions",
        "tools",
        "metadata",
        "usage",
        "max_prompt_tokens",
        "max_completion_tokens",
        "truncation_strategy",
        "tool_choice",
        "parallel_tool_calls",
        "response_format",
        "temperature",
        "top_p",
    )
)


@_attrs_define
class RunObject:
    """A run of an assistant on a thread.

    Attributes:
        id (str): The run's id, beginning with `run_`.
        object_ (Literal['thread.run']):  Default: 'thread.run'.
        created_at (int): When the run was created, in Unix seconds.
        thread_id (str): The thread the run executes on.
        assistant_id (str): The assistant that executes the run.
        status (RunStatus): Where the run is in its lifecycle. `requires_action`, `cancelled`, `completed`, `failed`,
            `expired` and `incomplete` end a stream.
        required_action (None | RunRequiredAction): What the caller must do to continue; set only while
            `requires_action`.
        last_error (None | RunLastError): The last error, or null.
        expires_at (int | None): When the run expires, in Unix seconds; null once it has ended.
        started_at (int | None): When the run started, in Unix seconds.
        cancelled_at (int | None): When the run was cancelled, in Unix seconds.
        failed_at (int | None): When the run failed, in Unix seconds.
        completed_at (int | None): When the run completed, in Unix seconds.
        incomplete_details (None | RunIncompleteDetails): Why the run ended `incomplete`, or null.
        model (str): The model the run uses.
        instructions (str): The instructions the run uses, with any `additional_instructions` of the request appended.
        tools (list[AssistantToolsCode | AssistantToolsFileSearch | AssistantToolsFunction | dict[str, Any]]): The tools
            the run may use.
        metadata (dict[str, str] | None):
        usage (None | RunCompletionUsage): Token usage; null until the run has ended.
        max_prompt_tokens (int | None): The prompt token limit of the run.
        max_completion_tokens (int | None): The completion token limit of the run.
        truncation_strategy (None | TruncationObject):
        tool_choice (AssistantsNamedToolChoice | None | ToolChoiceMode):
        parallel_tool_calls (bool): Whether the model may call several functions at once.
        response_format (dict[str, Any] | Literal['auto'] | None | ResponseFormatJsonObject | ResponseFormatJsonSchema |
            ResponseFormatText):
        temperature (float | None | Unset): The sampling temperature used.
        top_p (float | None | Unset): The nucleus sampling value used.
    """

    id: str
    created_at: int
    thread_id: str
    assistant_id: str
    status: RunStatus
    required_action: None | RunRequiredAction
    last_error: None | RunLastError
    expires_at: int | None
    started_at: int | None
    cancelled_at: int | None
    failed_at: int | None
    completed_at: int | None
    incomplete_details: None | RunIncompleteDetails
    model: str
    instructions: str
    tools: list[AssistantToolsCode | AssistantToolsFileSearch | AssistantToolsFunction | dict[str, Any]]
    metadata: dict[str, str] | None
    usage: None | RunCompletionUsage
    max_prompt_tokens: int | None
    max_completion_tokens: int | None
    truncation_strategy: None | TruncationObject
    tool_choice: AssistantsNamedToolChoice | None | ToolChoiceMode
    parallel_tool_calls: bool
    response_format: (
        dict[str, Any]
        | Literal["auto"]
        | None
        | ResponseFormatJsonObject
        | ResponseFormatJsonSchema
        | ResponseFormatText
    )
    object_: Literal["thread.run"] = "thread.run"
    temperature: float | None | Unset = UNSET
    top_p: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "id": self.id,
            "object": self.object_,
            "created_at": self.created_at,
            "thread_id": self.thread_id,
            "assistant_id": self.assistant_id,
            "status": self.status,
            "required_action": None if self.required_action is None else self.required_action.to_dict(),
            "last_error": None if self.last_error is None else self.last_error.to_dict(),
            "expires_at": self.expires_at,
            "started_at": self.started_at,
            "cancelled_at": self.cancelled_at,
            "failed_at": self.failed_at,
            "completed_at": self.completed_at,
            "incomplete_details": None if self.incomplete_details is None else self.incomplete_details.to_dict(),
            "model": self.model,
            "instructions": self.instructions,
            "tools": [_dump_tools_item(item0) for item0 in self.tools],
            "metadata": self.metadata,
            "usage": None if self.usage is None else self.usage.to_dict(),
            "max_prompt_tokens": self.max_prompt_tokens,
            "max_completion_tokens": self.max_completion_tokens,
            "truncation_strategy": None if self.truncation_strategy is None else self.truncation_strategy.to_dict(),
            "tool_choice": _dump_tool_choice(self.tool_choice),
            "parallel_tool_calls": self.parallel_tool_calls,
            "response_format": _dump_response_format(self.response_format),
        }
        if not isinstance(self.temperature, Unset):
            field_dict["temperature"] = self.temperature
        if not isinstance(self.top_p, Unset):
            field_dict["top_p"] = self.top_p
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit.

        A required field that may be null and is missing reads as None, unless parsing is strict
        (see :mod:`assistants_runs_client.types`)."""
        try:
            return cls._from_dict(src_dict)
        except KeyError:
            if is_strict() or _NULL_WHEN_MISSING.keys() <= src_dict.keys():
                raise
            return cls._from_dict({**_NULL_WHEN_MISSING, **src_dict})

    @classmethod
    def _from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        id = d["id"]
        object_ = d["object"]
        if object_ != "thread.run":
            raise ValueError(f"object must be 'thread.run', got {object_!r}")
        created_at = d["created_at"]
        thread_id = d["thread_id"]
        assistant_id = d["assistant_id"]
        status = check_run_status(d["status"])
        required_action = d["required_action"]
        if required_action is not None:
            required_action = RunRequiredAction.from_dict(required_action)
        last_error = d["last_error"]
        if last_error is not None:
            last_error = RunLastError.from_dict(last_error)
        expires_at = d["expires_at"]
        started_at = d["started_at"]
        cancelled_at = d["cancelled_at"]
        failed_at = d["failed_at"]
        completed_at = d["completed_at"]
        incomplete_details = d["incomplete_details"]
        if incomplete_details is not None:
            incomplete_details = RunIncompleteDetails.from_dict(incomplete_details)
        model = d["model"]
        instructions = d["instructions"]
        tools = [_parse_tools_item(item0) for item0 in d["tools"]]
        metadata = d["metadata"]
        usage = d["usage"]
        if usage is not None:
            usage = RunCompletionUsage.from_dict(usage)
        max_prompt_tokens = d["max_prompt_tokens"]
        max_completion_tokens = d["max_completion_tokens"]
        truncation_strategy = d["truncation_strategy"]
        if truncation_strategy is not None:
            truncation_strategy = TruncationObject.from_dict(truncation_strategy)
        tool_choice = _parse_tool_choice(d["tool_choice"])
        parallel_tool_calls = d["parallel_tool_calls"]
        response_format = _parse_response_format(d["response_format"])
        temperature = d.get("temperature", UNSET)
        top_p = d.get("top_p", UNSET)
        run_object = cls(
            id=id,
            object_=object_,
            created_at=created_at,
            thread_id=thread_id,
            assistant_id=assistant_id,
            status=status,
            required_action=required_action,
            last_error=last_error,
            expires_at=expires_at,
            started_at=started_at,
            cancelled_at=cancelled_at,
            failed_at=failed_at,
            completed_at=completed_at,
            incomplete_details=incomplete_details,
            model=model,
            instructions=instructions,
            tools=tools,
            metadata=metadata,
            usage=usage,
            max_prompt_tokens=max_prompt_tokens,
            max_completion_tokens=max_completion_tokens,
            truncation_strategy=truncation_strategy,
            tool_choice=tool_choice,
            parallel_tool_calls=parallel_tool_calls,
            response_format=response_format,
            temperature=temperature,
            top_p=top_p,
        )
        if len(d) != 25 + (temperature is not UNSET) + (top_p is not UNSET):
            run_object.additional_properties = {key: value for key, value in d.items() if key not in _PROPERTY_NAMES}
        return run_object

    def to_json(self) -> str:
        """This object as JSON text: ``to_dict()``, serialized."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """Build from JSON text, like :meth:`from_dict`."""
        return cls.from_dict(json.loads(text))

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


def _parse_tools_item(
    data: object,
) -> AssistantToolsCode | AssistantToolsFileSearch | AssistantToolsFunction | dict[str, Any]:
    if isinstance(data, dict):
        parse = _TOOLS_ITEM_BY_TYPE.get(data.get("type"))
        # A tag this client does not know (a newer server's): keep the object as it came.
        return data if parse is None else parse(data)
    raise TypeError(f"tools_item: unexpected {type(data).__name__} {data!r:.80}")


def _dump_tools_item(
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
from ..models.response_format_json_object import ResponseFormatJsonObject  # noqa: E402
from ..models.response_format_json_schema import ResponseFormatJsonSchema  # noqa: E402
from ..models.response_format_text import ResponseFormatText  # noqa: E402
from ..models.run_completion_usage import RunCompletionUsage  # noqa: E402
from ..models.run_incomplete_details import RunIncompleteDetails  # noqa: E402
from ..models.run_last_error import RunLastError  # noqa: E402
from ..models.run_required_action import RunRequiredAction  # noqa: E402
from ..models.truncation_object import TruncationObject  # noqa: E402

_TOOLS_ITEM_BY_TYPE: dict[
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
