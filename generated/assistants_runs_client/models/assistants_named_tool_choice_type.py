"""AssistantsNamedToolChoiceType: the values allowed; The kind of tool to call."""

from typing import Literal, TypeAlias

from ..types import UnknownValue, unknown_value

# A value a newer server may add is kept as an UnknownValue (a str); see the `types` module.
AssistantsNamedToolChoiceType: TypeAlias = Literal["code_interpreter", "file_search", "function"] | UnknownValue

ASSISTANTS_NAMED_TOOL_CHOICE_TYPE_VALUES: frozenset[Literal["code_interpreter", "file_search", "function"]] = frozenset(
    (
        "code_interpreter",
        "file_search",
        "function",
    )
)


def check_assistants_named_tool_choice_type(value: str) -> AssistantsNamedToolChoiceType:
    """``value`` if it is one of the allowed values, else an :class:`UnknownValue` (TypeError if
    parsing is strict)."""
    if value in ASSISTANTS_NAMED_TOOL_CHOICE_TYPE_VALUES:
        return value
    return unknown_value(value, "AssistantsNamedToolChoiceType", ASSISTANTS_NAMED_TOOL_CHOICE_TYPE_VALUES)
