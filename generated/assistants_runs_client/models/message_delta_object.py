"""MessageDeltaObject: A change to a message while it is being written."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

_PROPERTY_NAMES = frozenset(
    (
        "id",
        "object",
        "delta",
    )
)


@_attrs_define
class MessageDeltaObject:
    """A change to a message while it is being written.

    Attributes:
        id (str): The message that changes.
        object_ (Literal['thread.message.delta']):  Default: 'thread.message.delta'.
        delta (MessageDelta): The fields that changed.
    """

    id: str
    delta: MessageDelta
    object_: Literal["thread.message.delta"] = "thread.message.delta"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "id": self.id,
            "object": self.object_,
            "delta": self.delta.to_dict(),
        }
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        id = d["id"]
        object_ = d["object"]
        if object_ != "thread.message.delta":
            raise ValueError(f"object must be 'thread.message.delta', got {object_!r}")
        delta = MessageDelta.from_dict(d["delta"])
        message_delta_object = cls(
            id=id,
            object_=object_,
            delta=delta,
        )
        if len(d) != 3:
            message_delta_object.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return message_delta_object

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


# The models this one refers to are imported once its own class exists, so that references may
# run in circles and parsing needs no import at call time.
from ..models.message_delta import MessageDelta  # noqa: E402
