"""CreateRunIncludeItem: the values allowed"""

from typing import Literal

CreateRunIncludeItem = Literal["step_details.tool_calls[*].file_search.results[*].content"]

CREATE_RUN_INCLUDE_ITEM_VALUES: frozenset[CreateRunIncludeItem] = frozenset(
    ("step_details.tool_calls[*].file_search.results[*].content",)
)


def check_create_run_include_item(value: str) -> CreateRunIncludeItem:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in CREATE_RUN_INCLUDE_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(CREATE_RUN_INCLUDE_ITEM_VALUES)!r}")
