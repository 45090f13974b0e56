"""MessageIncompleteDetailsReason: the values allowed; What stopped the message."""

from typing import Literal, TypeAlias

from ..types import UnknownValue, unknown_value

# A value a newer server may add is kept as an UnknownValue (a str); see the `types` module.
MessageIncompleteDetailsReason: TypeAlias = (
    Literal["content_filter", "max_tokens", "run_cancelled", "run_expired", "run_failed"] | UnknownValue
)

MESSAGE_INCOMPLETE_DETAILS_REASON_VALUES: frozenset[
    Literal["content_filter", "max_tokens", "run_cancelled", "run_expired", "run_failed"]
] = frozenset(
    (
        "content_filter",
        "max_tokens",
        "run_cancelled",
        "run_expired",
        "run_failed",
    )
)


def check_message_incomplete_details_reason(value: str) -> MessageIncompleteDetailsReason:
    """``value`` if it is one of the allowed values, else an :class:`UnknownValue` (TypeError if
    parsing is strict)."""
    if value in MESSAGE_INCOMPLETE_DETAILS_REASON_VALUES:
        return value
    return unknown_value(value, "MessageIncompleteDetailsReason", MESSAGE_INCOMPLETE_DETAILS_REASON_VALUES)
