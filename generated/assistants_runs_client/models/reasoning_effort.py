"""ReasoningEffort: the values allowed; How hard a reasoning model thinks before it answers; reasoning models only."""

from typing import Literal, TypeAlias

from ..types import UnknownValue, unknown_value

# A value a newer server may add is kept as an UnknownValue (a str); see the `types` module.
ReasoningEffort: TypeAlias = Literal["high", "low", "max", "medium", "minimal", "none", "xhigh"] | UnknownValue

REASONING_EFFORT_VALUES: frozenset[Literal["high", "low", "max", "medium", "minimal", "none", "xhigh"]] = frozenset(
    (
        "high",
        "low",
        "max",
        "medium",
        "minimal",
        "none",
        "xhigh",
    )
)


def check_reasoning_effort(value: str) -> ReasoningEffort:
    """``value`` if it is one of the allowed values, else an :class:`UnknownValue` (TypeError if
    parsing is strict)."""
    if value in REASONING_EFFORT_VALUES:
        return value
    return unknown_value(value, "ReasoningEffort", REASONING_EFFORT_VALUES)
