"""RunStepObjectStatus: the values allowed; Where the step is in its lifecycle."""

from typing import Literal

RunStepObjectStatus = Literal["cancelled", "completed", "expired", "failed", "in_progress"]

RUN_STEP_OBJECT_STATUS_VALUES: frozenset[RunStepObjectStatus] = frozenset(
    (
        "cancelled",
        "completed",
        "expired",
        "failed",
        "in_progress",
    )
)


def check_run_step_object_status(value: str) -> RunStepObjectStatus:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in RUN_STEP_OBJECT_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(RUN_STEP_OBJECT_STATUS_VALUES)!r}")
