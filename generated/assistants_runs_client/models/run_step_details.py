"""RunStepDetails: What a step did."""

from typing import Any, TypeAlias

from .run_step_details_message_creation_object import RunStepDetailsMessageCreationObject
from .run_step_details_tool_calls_object import RunStepDetailsToolCallsObject

RunStepDetails: TypeAlias = RunStepDetailsMessageCreationObject | RunStepDetailsToolCallsObject | dict[str, Any]
"""What a step did.

One of the models above, told apart by ``type``; an object with a ``type`` this client
does not know is kept as the ``dict`` it came as."""
