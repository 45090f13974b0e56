"""CreateRunIncludeItem: the values allowed"""

from typing import Literal, TypeAlias

from ..types import UnknownValue, unknown_value

# A value a newer server may add is kept as an UnknownValue (a str); see the `types` module.
CreateRunIncludeItem: TypeAlias = Literal["step_details.tool_calls[*].file_search.results[*].content"] | UnknownValue

CREATE_RUN_INCLUDE_ITEM_VALUES: frozenset[Literal["step_details.tool_calls[*].file_search.results[*].content"]] = (
    frozenset(("step_details.tool_calls[*].file_search.results[*].content",))
)


def check_create_run_include_item(value: str) -> CreateRunIncludeItem:
    """``value`` if it is one of the allowed values, else an :class:`UnknownValue` (TypeError if
    parsing is strict)."""
    if value in CREATE_RUN_INCLUDE_ITEM_VALUES:
        return value
    return unknown_value(value, "CreateRunIncludeItem", CREATE_RUN_INCLUDE_ITEM_VALUES)
