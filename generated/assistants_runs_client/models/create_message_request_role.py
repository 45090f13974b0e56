"""CreateMessageRequestRole: the values allowed; `user` for what the user says, `assistant` to insert the assistant's own words."""

from typing import Literal

CreateMessageRequestRole = Literal["assistant", "user"]

CREATE_MESSAGE_REQUEST_ROLE_VALUES: frozenset[CreateMessageRequestRole] = frozenset(
    (
        "assistant",
        "user",
    )
)


def check_create_message_request_role(value: str) -> CreateMessageRequestRole:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in CREATE_MESSAGE_REQUEST_ROLE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(CREATE_MESSAGE_REQUEST_ROLE_VALUES)!r}")
