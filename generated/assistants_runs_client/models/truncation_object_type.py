"""TruncationObjectType: the values allowed; `auto` drops messages from the middle; `last_messages` keeps the newest `last_messages`."""

from typing import Literal

TruncationObjectType = Literal["auto", "last_messages"]

TRUNCATION_OBJECT_TYPE_VALUES: frozenset[TruncationObjectType] = frozenset(
    (
        "auto",
        "last_messages",
    )
)


def check_truncation_object_type(value: str) -> TruncationObjectType:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in TRUNCATION_OBJECT_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(TRUNCATION_OBJECT_TYPE_VALUES)!r}")
