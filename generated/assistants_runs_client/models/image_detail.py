"""ImageDetail: the values allowed; Image resolution; `low` uses fewer tokens."""

from typing import Literal, TypeAlias

from ..types import UnknownValue, unknown_value

# A value a newer server may add is kept as an UnknownValue (a str); see the `types` module.
ImageDetail: TypeAlias = Literal["auto", "high", "low"] | UnknownValue

IMAGE_DETAIL_VALUES: frozenset[Literal["auto", "high", "low"]] = frozenset(
    (
        "auto",
        "high",
        "low",
    )
)


def check_image_detail(value: str) -> ImageDetail:
    """``value`` if it is one of the allowed values, else an :class:`UnknownValue` (TypeError if
    parsing is strict)."""
    if value in IMAGE_DETAIL_VALUES:
        return value
    return unknown_value(value, "ImageDetail", IMAGE_DETAIL_VALUES)
