"""AssistantsApiToolChoiceOptionType0: the values allowed; `none` (no tool), `auto` (the model decides) or `required` (at least one tool)."""

from typing import Literal

AssistantsApiToolChoiceOptionType0 = Literal["auto", "none", "required"]

ASSISTANTS_API_TOOL_CHOICE_OPTION_TYPE_0_VALUES: frozenset[AssistantsApiToolChoiceOptionType0] = frozenset(
    (
        "auto",
        "none",
        "required",
    )
)


def check_assistants_api_tool_choice_option_type_0(value: str) -> AssistantsApiToolChoiceOptionType0:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in ASSISTANTS_API_TOOL_CHOICE_OPTION_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {sorted(ASSISTANTS_API_TOOL_CHOICE_OPTION_TYPE_0_VALUES)!r}"
    )
