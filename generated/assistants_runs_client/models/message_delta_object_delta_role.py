"""MessageDeltaObjectDeltaRole: the values allowed"""

from typing import Literal

MessageDeltaObjectDeltaRole = Literal["assistant", "user"]

MESSAGE_DELTA_OBJECT_DELTA_ROLE_VALUES: frozenset[MessageDeltaObjectDeltaRole] = frozenset(
    (
        "assistant",
        "user",
    )
)


def check_message_delta_object_delta_role(value: str) -> MessageDeltaObjectDeltaRole:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in MESSAGE_DELTA_OBJECT_DELTA_ROLE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(MESSAGE_DELTA_OBJECT_DELTA_ROLE_VALUES)!r}")
