"""ReasoningEffort: the values allowed; How hard a reasoning model thinks before it answers; reasoning models only."""

from typing import Literal

ReasoningEffort = Literal["high", "low", "max", "medium", "minimal", "none", "xhigh"]

REASONING_EFFORT_VALUES: frozenset[ReasoningEffort] = frozenset(
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
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in REASONING_EFFORT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(REASONING_EFFORT_VALUES)!r}")
