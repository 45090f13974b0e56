"""CodeInterpreterOutput: One output of a code interpreter call."""

from typing import Any, TypeAlias

from .run_step_details_tool_calls_code_output_image_object import RunStepDetailsToolCallsCodeOutputImageObject
from .run_step_details_tool_calls_code_output_logs_object import RunStepDetailsToolCallsCodeOutputLogsObject

CodeInterpreterOutput: TypeAlias = (
    RunStepDetailsToolCallsCodeOutputLogsObject | RunStepDetailsToolCallsCodeOutputImageObject | dict[str, Any]
)
"""One output of a code interpreter call.

One of the models above, told apart by ``type``; an object with a ``type`` this client
does not know is kept as the ``dict`` it came as."""
