"""CodeInterpreterOutputDelta: A code interpreter output, added."""

from typing import Any, TypeAlias

from .run_step_delta_step_details_tool_calls_code_output_image_object import (
    RunStepDeltaStepDetailsToolCallsCodeOutputImageObject,
)
from .run_step_delta_step_details_tool_calls_code_output_logs_object import (
    RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject,
)

CodeInterpreterOutputDelta: TypeAlias = (
    RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject
    | RunStepDeltaStepDetailsToolCallsCodeOutputImageObject
    | dict[str, Any]
)
"""A code interpreter output, added.

One of the models above, told apart by ``type``; an object with a ``type`` this client
does not know is kept as the ``dict`` it came as."""
