"""RunStepDetailsToolCall: One tool call of a step."""

from typing import Any, TypeAlias

from .run_step_details_tool_calls_code_object import RunStepDetailsToolCallsCodeObject
from .run_step_details_tool_calls_file_search_object import RunStepDetailsToolCallsFileSearchObject
from .run_step_details_tool_calls_function_object import RunStepDetailsToolCallsFunctionObject

RunStepDetailsToolCall: TypeAlias = (
    RunStepDetailsToolCallsCodeObject
    | RunStepDetailsToolCallsFileSearchObject
    | RunStepDetailsToolCallsFunctionObject
    | dict[str, Any]
)
"""One tool call of a step.

One of the models above, told apart by ``type``; an object with a ``type`` this client
does not know is kept as the ``dict`` it came as."""
