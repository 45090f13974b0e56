"""RunStepObjectType: the values allowed; What the step does."""

from typing import Literal

RunStepObjectType = Literal["message_creation", "tool_calls"]

RUN_STEP_OBJECT_TYPE_VALUES: frozenset[RunStepObjectType] = frozenset(
    (
        "message_creation",
        "tool_calls",
    )
)


def check_run_step_object_type(value: str) -> RunStepObjectType:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in RUN_STEP_OBJECT_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(RUN_STEP_OBJECT_TYPE_VALUES)!r}")
