"""RunStatus: the values allowed; Where the run is in its lifecycle. `requires_action`, `cancelled`, `completed`, `failed`, `expired` and `incomplete` end a stream."""

from typing import Literal, TypeAlias

from ..types import UnknownValue, unknown_value

# A value a newer server may add is kept as an UnknownValue (a str); see the `types` module.
RunStatus: TypeAlias = (
    Literal[
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
    | UnknownValue
)

RUN_STATUS_VALUES: frozenset[
    Literal[
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
] = frozenset(
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
    """``value`` if it is one of the allowed values, else an :class:`UnknownValue` (TypeError if
    parsing is strict)."""
    if value in RUN_STATUS_VALUES:
        return value
    return unknown_value(value, "RunStatus", RUN_STATUS_VALUES)
