"""TruncationObject: How the thread is cut down to fit the run's context window."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.truncation_object_type import (
    TruncationObjectType,
    check_truncation_object_type,
)
from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "type",
        "last_messages",
    )
)


@_attrs_define
class TruncationObject:
    """How the thread is cut down to fit the run's context window.

    Attributes:
        type_ (TruncationObjectType): `auto` drops messages from the middle; `last_messages` keeps the newest
            `last_messages`.
        last_messages (int | None | Unset): How many of the newest messages to keep.
    """

    type_: TruncationObjectType
    last_messages: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "type": self.type_,
        }
        if not isinstance(self.last_messages, Unset):
            field_dict["last_messages"] = self.last_messages
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        type_ = check_truncation_object_type(d["type"])
        last_messages = d.get("last_messages", UNSET)
        truncation_object = cls(
            type_=type_,
            last_messages=last_messages,
        )
        if len(d) != 1 + (last_messages is not UNSET):
            truncation_object.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return truncation_object

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
