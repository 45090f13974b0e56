"""MessageIncompleteDetailsReason: the values allowed; What stopped the message."""

from typing import Literal

MessageIncompleteDetailsReason = Literal["content_filter", "max_tokens", "run_cancelled", "run_expired", "run_failed"]

MESSAGE_INCOMPLETE_DETAILS_REASON_VALUES: frozenset[MessageIncompleteDetailsReason] = frozenset(
    (
        "content_filter",
        "max_tokens",
        "run_cancelled",
        "run_expired",
        "run_failed",
    )
)


def check_message_incomplete_details_reason(value: str) -> MessageIncompleteDetailsReason:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in MESSAGE_INCOMPLETE_DETAILS_REASON_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(MESSAGE_INCOMPLETE_DETAILS_REASON_VALUES)!r}")
