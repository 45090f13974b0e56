"""RunStatus: the values allowed; Where the run is in its lifecycle. `requires_action`, `cancelled`, `completed`, `failed`, `expired` and `incomplete` end a stream."""

from typing import Literal

RunStatus = Literal[
    "cancelled",
    "cancelling",
    "completed",
    "expired",
    "failed",
    "in_progress",
    "incomplete",
    "queued",
    "requires_action",
]

RUN_STATUS_VALUES: frozenset[RunStatus] = frozenset(
    (
        "cancelled",
        "cancelling",
        "completed",
        "expired",
        "failed",
        "in_progress",
        "incomplete",
        "queued",
        "requires_action",
    )
)


def check_run_status(value: str) -> RunStatus:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in RUN_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(RUN_STATUS_VALUES)!r}")
