"""MessageDeltaRole: the values allowed"""

from typing import Literal, TypeAlias

from ..types import UnknownValue, unknown_value

# A value a newer server may add is kept as an UnknownValue (a str); see the `types` module.
MessageDeltaRole: TypeAlias = Literal["assistant", "user"] | UnknownValue

MESSAGE_DELTA_ROLE_VALUES: frozenset[Literal["assistant", "user"]] = frozenset(
    (
        "assistant",
        "user",
    )
)


def check_message_delta_role(value: str) -> MessageDeltaRole:
    """``value`` if it is one of the allowed values, else an :class:`UnknownValue` (TypeError if
    parsing is strict)."""
    if value in MESSAGE_DELTA_ROLE_VALUES:
        return value
    return unknown_value(value, "MessageDeltaRole", MESSAGE_DELTA_ROLE_VALUES)
