"""RunIncompleteDetailsReason: the values allowed; The token limit that was reached."""

from typing import Literal

RunIncompleteDetailsReason = Literal["max_completion_tokens", "max_prompt_tokens"]

RUN_INCOMPLETE_DETAILS_REASON_VALUES: frozenset[RunIncompleteDetailsReason] = frozenset(
    (
        "max_completion_tokens",
        "max_prompt_tokens",
    )
)


def check_run_incomplete_details_reason(value: str) -> RunIncompleteDetailsReason:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in RUN_INCOMPLETE_DETAILS_REASON_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(RUN_INCOMPLETE_DETAILS_REASON_VALUES)!r}")
