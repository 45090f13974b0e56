"""A hand-written pydantic v2 model of ``RunObject``: the "pydantic" peer of the parse benchmark.

It is not part of the product. It is what a careful developer would write by hand for the same
schema (discriminated tool union, nullable fields, nested ranking options, truncation strategy,
the ``auto``-or-object unions), so ``RunModel.model_validate`` is a fair yardstick for how fast a
typed, validating parse of a run object can be in Python.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

__all__ = ["RunModel"]


class RankingOptions(BaseModel):
    ranker: Literal["auto", "default_2024_08_21"] | None = None
    score_threshold: float


class FileSearchSettings(BaseModel):
    max_num_results: int | None = None
    ranking_options: RankingOptions | None = None


class CodeInterpreterTool(BaseModel):
    type: Literal["code_interpreter"]


class FileSearchTool(BaseModel):
    type: Literal["file_search"]
    file_search: FileSearchSettings | None = None


class FunctionDefinition(BaseModel):
    name: str
    description: str | None = None
    parameters: dict[str, Any] | None = None
    strict: bool | None = None


class FunctionTool(BaseModel):
    type: Literal["function"]
    function: FunctionDefinition


Tool = Annotated[CodeInterpreterTool | FileSearchTool | FunctionTool, Field(discriminator="type")]


class ToolCallFunction(BaseModel):
    name: str
    arguments: str


class ToolCall(BaseModel):
    id: str
    type: Literal["function"]
    function: ToolCallFunction


class SubmitToolOutputs(BaseModel):
    tool_calls: list[ToolCall]


class RequiredAction(BaseModel):
    type: Literal["submit_tool_outputs"]
    submit_tool_outputs: SubmitToolOutputs


class LastError(BaseModel):
    code: Literal["server_error", "rate_limit_exceeded", "invalid_prompt"]
    message: str


class IncompleteDetails(BaseModel):
    reason: Literal["max_completion_tokens", "max_prompt_tokens"] | None = None


class Usage(BaseModel):
    completion_tokens: int
    prompt_tokens: int
    total_tokens: int


class TruncationStrategy(BaseModel):
    type: Literal["auto", "last_messages"]
    last_messages: int | None = None


class NamedToolFunction(BaseModel):
    name: str


class NamedToolChoice(BaseModel):
    type: Literal["function", "code_interpreter", "file_search"]
    function: NamedToolFunction | None = None


class JsonSchemaFormat(BaseModel):
    name: str
    description: str | None = None
    schema_: dict[str, Any] | None = Field(default=None, alias="schema")
    strict: bool | None = None


class TextFormat(BaseModel):
    type: Literal["text"]


class JsonObjectFormat(BaseModel):
    type: Literal["json_object"]


class JsonSchemaResponseFormat(BaseModel):
    type: Literal["json_schema"]
    json_schema: JsonSchemaFormat


ResponseFormat = Annotated[
    TextFormat | JsonObjectFormat | JsonSchemaResponseFormat, Field(discriminator="type")
]

RunStatus = Literal[
    "queued",
    "in_progress",
    "requires_action",
    "cancelling",
    "cancelled",
    "failed",
    "completed",
    "incomplete",
    "expired",
]


class RunModel(BaseModel):
    id: str
    object: Literal["thread.run"]
    created_at: int
    thread_id: str
    assistant_id: str
    status: RunStatus
    required_action: RequiredAction | None
    last_error: LastError | None
    expires_at: int | None
    started_at: int | None
    cancelled_at: int | None
    failed_at: int | None
    completed_at: int | None
    incomplete_details: IncompleteDetails | None
    model: str
    instructions: str
    tools: list[Tool]
    metadata: dict[str, str] | None
    usage: Usage | None
    temperature: float | None = None
    top_p: float | None = None
    max_prompt_tokens: int | None
    max_completion_tokens: int | None
    truncation_strategy: TruncationStrategy | None
    tool_choice: Literal["none", "auto", "required"] | NamedToolChoice | None
    parallel_tool_calls: bool
    response_format: Literal["auto"] | ResponseFormat | None
