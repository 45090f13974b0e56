"""CreateMessageRequestRole: the values allowed; `user` for what the user says, `assistant` to insert the assistant's own words."""

from typing import Literal, TypeAlias

from ..types import UnknownValue, unknown_value

# A value a newer server may add is kept as an UnknownValue (a str); see the `types` module.
CreateMessageRequestRole: TypeAlias = Literal["assistant", "user"] | UnknownValue

CREATE_MESSAGE_REQUEST_ROLE_VALUES: frozenset[Literal["assistant", "user"]] = frozenset(
    (
        "assistant",
        "user",
    )
)


def check_create_message_request_role(value: str) -> CreateMessageRequestRole:
    """``value`` if it is one of the allowed values, else an :class:`UnknownValue` (TypeError if
    parsing is strict)."""
    if value in CREATE_MESSAGE_REQUEST_ROLE_VALUES:
        return value
    return unknown_value(value, "CreateMessageRequestRole", CREATE_MESSAGE_REQUEST_ROLE_VALUES)
