"""RunIncompleteDetailsReason: the values allowed; The token limit that was reached."""

from typing import Literal, TypeAlias

from ..types import UnknownValue, unknown_value

# A value a newer server may add is kept as an UnknownValue (a str); see the `types` module.
RunIncompleteDetailsReason: TypeAlias = Literal["max_completion_tokens", "max_prompt_tokens"] | UnknownValue

RUN_INCOMPLETE_DETAILS_REASON_VALUES: frozenset[Literal["max_completion_tokens", "max_prompt_tokens"]] = frozenset(
    (
        "max_completion_tokens",
        "max_prompt_tokens",
    )
)


def check_run_incomplete_details_reason(value: str) -> RunIncompleteDetailsReason:
    """``value`` if it is one of the allowed values, else an :class:`UnknownValue` (TypeError if
    parsing is strict)."""
    if value in RUN_INCOMPLETE_DETAILS_REASON_VALUES:
        return value
    return unknown_value(value, "RunIncompleteDetailsReason", RUN_INCOMPLETE_DETAILS_REASON_VALUES)
