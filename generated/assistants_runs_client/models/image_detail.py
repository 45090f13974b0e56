"""ImageDetail: the values allowed; Image resolution; `low` uses fewer tokens."""

from typing import Literal

ImageDetail = Literal["auto", "high", "low"]

IMAGE_DETAIL_VALUES: frozenset[ImageDetail] = frozenset(
    (
        "auto",
        "high",
        "low",
    )
)


def check_image_detail(value: str) -> ImageDetail:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in IMAGE_DETAIL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(IMAGE_DETAIL_VALUES)!r}")
