"""MessageObjectStatus: the values allowed; Whether the message is still being written."""

from typing import Literal, TypeAlias

from ..types import UnknownValue, unknown_value

# A value a newer server may add is kept as an UnknownValue (a str); see the `types` module.
MessageObjectStatus: TypeAlias = Literal["completed", "in_progress", "incomplete"] | UnknownValue

MESSAGE_OBJECT_STATUS_VALUES: frozenset[Literal["completed", "in_progress", "incomplete"]] = frozenset(
    (
        "completed",
        "in_progress",
        "incomplete",
    )
)


def check_message_object_status(value: str) -> MessageObjectStatus:
    """``value`` if it is one of the allowed values, else an :class:`UnknownValue` (TypeError if
    parsing is strict)."""
    if value in MESSAGE_OBJECT_STATUS_VALUES:
        return value
    return unknown_value(value, "MessageObjectStatus", MESSAGE_OBJECT_STATUS_VALUES)
