"""ToolChoiceMode: the values allowed; `none` (no tool), `auto` (the model decides) or `required` (at least one tool)."""

from typing import Literal, TypeAlias

from ..types import UnknownValue, unknown_value

# A value a newer server may add is kept as an UnknownValue (a str); see the `types` module.
ToolChoiceMode: TypeAlias = Literal["auto", "none", "required"] | UnknownValue

TOOL_CHOICE_MODE_VALUES: frozenset[Literal["auto", "none", "required"]] = frozenset(
    (
        "auto",
        "none",
        "required",
    )
)


def check_tool_choice_mode(value: str) -> ToolChoiceMode:
    """``value`` if it is one of the allowed values, else an :class:`UnknownValue` (TypeError if
    parsing is strict)."""
    if value in TOOL_CHOICE_MODE_VALUES:
        return value
    return unknown_value(value, "ToolChoiceMode", TOOL_CHOICE_MODE_VALUES)
