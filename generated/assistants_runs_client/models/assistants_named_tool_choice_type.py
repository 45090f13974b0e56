"""AssistantsNamedToolChoiceType: the values allowed; The kind of tool to call."""

from typing import Literal

AssistantsNamedToolChoiceType = Literal["code_interpreter", "file_search", "function"]

ASSISTANTS_NAMED_TOOL_CHOICE_TYPE_VALUES: frozenset[AssistantsNamedToolChoiceType] = frozenset(
    (
        "code_interpreter",
        "file_search",
        "function",
    )
)


def check_assistants_named_tool_choice_type(value: str) -> AssistantsNamedToolChoiceType:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in ASSISTANTS_NAMED_TOOL_CHOICE_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(ASSISTANTS_NAMED_TOOL_CHOICE_TYPE_VALUES)!r}")
