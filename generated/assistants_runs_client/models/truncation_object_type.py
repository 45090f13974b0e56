"""TruncationObjectType: the values allowed; `auto` drops messages from the middle; `last_messages` keeps the newest `last_messages`."""

from typing import Literal, TypeAlias

from ..types import UnknownValue, unknown_value

# A value a newer server may add is kept as an UnknownValue (a str); see the `types` module.
TruncationObjectType: TypeAlias = Literal["auto", "last_messages"] | UnknownValue

TRUNCATION_OBJECT_TYPE_VALUES: frozenset[Literal["auto", "last_messages"]] = frozenset(
    (
        "auto",
        "last_messages",
    )
)


def check_truncation_object_type(value: str) -> TruncationObjectType:
    """``value`` if it is one of the allowed values, else an :class:`UnknownValue` (TypeError if
    parsing is strict)."""
    if value in TRUNCATION_OBJECT_TYPE_VALUES:
        return value
    return unknown_value(value, "TruncationObjectType", TRUNCATION_OBJECT_TYPE_VALUES)
