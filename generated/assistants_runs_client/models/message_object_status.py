"""MessageObjectStatus: the values allowed; Whether the message is still being written."""

from typing import Literal

MessageObjectStatus = Literal["completed", "in_progress", "incomplete"]

MESSAGE_OBJECT_STATUS_VALUES: frozenset[MessageObjectStatus] = frozenset(
    (
        "completed",
        "in_progress",
        "incomplete",
    )
)


def check_message_object_status(value: str) -> MessageObjectStatus:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in MESSAGE_OBJECT_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(MESSAGE_OBJECT_STATUS_VALUES)!r}")
