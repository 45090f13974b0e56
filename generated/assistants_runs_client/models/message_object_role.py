"""MessageObjectRole: the values allowed; Who wrote the message."""

from typing import Literal

MessageObjectRole = Literal["assistant", "user"]

MESSAGE_OBJECT_ROLE_VALUES: frozenset[MessageObjectRole] = frozenset(
    (
        "assistant",
        "user",
    )
)


def check_message_object_role(value: str) -> MessageObjectRole:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in MESSAGE_OBJECT_ROLE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(MESSAGE_OBJECT_ROLE_VALUES)!r}")
