"""MessageDeltaRole: the values allowed"""

from typing import Literal

MessageDeltaRole = Literal["assistant", "user"]

MESSAGE_DELTA_ROLE_VALUES: frozenset[MessageDeltaRole] = frozenset(
    (
        "assistant",
        "user",
    )
)


def check_message_delta_role(value: str) -> MessageDeltaRole:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in MESSAGE_DELTA_ROLE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(MESSAGE_DELTA_ROLE_VALUES)!r}")
