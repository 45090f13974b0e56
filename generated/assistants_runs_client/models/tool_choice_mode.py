"""ToolChoiceMode: the values allowed; `none` (no tool), `auto` (the model decides) or `required` (at least one tool)."""

from typing import Literal

ToolChoiceMode = Literal["auto", "none", "required"]

TOOL_CHOICE_MODE_VALUES: frozenset[ToolChoiceMode] = frozenset(
    (
        "auto",
        "none",
        "required",
    )
)


def check_tool_choice_mode(value: str) -> ToolChoiceMode:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in TOOL_CHOICE_MODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(TOOL_CHOICE_MODE_VALUES)!r}")
