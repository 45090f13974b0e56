"""ImageUrl: The address and how closely to look at it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_detail import ImageDetail, check_image_detail
from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "url",
        "detail",
    )
)


@_attrs_define
class ImageUrl:
    """The address and how closely to look at it.

    Attributes:
        url (str): The image's address.
        detail (ImageDetail | Unset): Image resolution; `low` uses fewer tokens.
    """

    url: str
    detail: ImageDetail | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "url": self.url,
        }
        if not isinstance(self.detail, Unset):
            field_dict["detail"] = self.detail
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        url = d["url"]
        detail = d.get("detail", UNSET)
        if detail is not UNSET:
            detail = check_image_detail(detail)
        image_url = cls(
            url=url,
            detail=detail,
        )
        if len(d) != 1 + (detail is not UNSET):
            image_url.additional_properties = {key: value for key, value in d.items() if key not in _PROPERTY_NAMES}
        return image_url

    def to_json(self) -> str:
        """This object as JSON text: ``to_dict()``, serialized."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """Build from JSON text, like :meth:`from_dict`."""
        return cls.from_dict(json.loads(text))

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
