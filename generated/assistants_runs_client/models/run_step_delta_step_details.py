"""RunStepDeltaStepDetails: What changed in a step's details."""

from typing import Any, TypeAlias

from .run_step_delta_step_details_message_creation_object import RunStepDeltaStepDetailsMessageCreationObject
from .run_step_delta_step_details_tool_calls_object import RunStepDeltaStepDetailsToolCallsObject

RunStepDeltaStepDetails: TypeAlias = (
    RunStepDeltaStepDetailsMessageCreationObject | RunStepDeltaStepDetailsToolCallsObject | dict[str, Any]
)
"""What changed in a step's details.

One of the models above, told apart by ``type``; an object with a ``type`` this client
does not know is kept as the ``dict`` it came as."""
