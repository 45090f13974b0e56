"""RunStepObjectStatus: the values allowed; Where the step is in its lifecycle."""

from typing import Literal, TypeAlias

from ..types import UnknownValue, unknown_value

# A value a newer server may add is kept as an UnknownValue (a str); see the `types` module.
RunStepObjectStatus: TypeAlias = Literal["cancelled", "completed", "expired", "failed", "in_progress"] | UnknownValue

RUN_STEP_OBJECT_STATUS_VALUES: frozenset[Literal["cancelled", "completed", "expired", "failed", "in_progress"]] = (
    frozenset(
        (
            "cancelled",
            "completed",
            "expired",
            "failed",
            "in_progress",
        )
    )
)


def check_run_step_object_status(value: str) -> RunStepObjectStatus:
    """``value`` if it is one of the allowed values, else an :class:`UnknownValue` (TypeError if
    parsing is strict)."""
    if value in RUN_STEP_OBJECT_STATUS_VALUES:
        return value
    return unknown_value(value, "RunStepObjectStatus", RUN_STEP_OBJECT_STATUS_VALUES)
