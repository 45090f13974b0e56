"""RunStepObjectType: the values allowed; What the step does."""

from typing import Literal, TypeAlias

from ..types import UnknownValue, unknown_value

# A value a newer server may add is kept as an UnknownValue (a str); see the `types` module.
RunStepObjectType: TypeAlias = Literal["message_creation", "tool_calls"] | UnknownValue

RUN_STEP_OBJECT_TYPE_VALUES: frozenset[Literal["message_creation", "tool_calls"]] = frozenset(
    (
        "message_creation",
        "tool_calls",
    )
)


def check_run_step_object_type(value: str) -> RunStepObjectType:
    """``value`` if it is one of the allowed values, else an :class:`UnknownValue` (TypeError if
    parsing is strict)."""
    if value in RUN_STEP_OBJECT_TYPE_VALUES:
        return value
    return unknown_value(value, "RunStepObjectType", RUN_STEP_OBJECT_TYPE_VALUES)
