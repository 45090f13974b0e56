"""MessageDelta: The fields that changed."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.message_delta_role import MessageDeltaRole, check_message_delta_role
from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "role",
        "content",
    )
)


@_attrs_define
class MessageDelta:
    """The fields that changed.

    Attributes:
        role (MessageDeltaRole | Unset):
        content (list[dict[str, Any] | MessageDeltaContentImageFileObject | MessageDeltaContentImageUrlObject |
            MessageDeltaContentRefusalObject | MessageDeltaContentTextObject] | Unset): Parts added or extended.
    """

    role: MessageDeltaRole | Unset = UNSET
    content: (
        list[
            dict[str, Any]
            | MessageDeltaContentImageFileObject
            | MessageDeltaContentImageUrlObject
            | MessageDeltaContentRefusalObject
            | MessageDeltaContentTextObject
        ]
        | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
        }
        if not isinstance(self.role, Unset):
            field_dict["role"] = self.role
        if not isinstance(self.content, Unset):
            field_dict["content"] = [_dump_content_item(item0) for item0 in self.content]
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        role = d.get("role", UNSET)
        if role is not UNSET:
            role = check_message_delta_role(role)
        content = d.get("content", UNSET)
        if content is not UNSET:
            content = [_parse_content_item(item0) for item0 in content]
        message_delta = cls(
            role=role,
            content=content,
        )
        if len(d) != 0 + (role is not UNSET) + (content is not UNSET):
            message_delta.additional_properties = {key: value for key, value in d.items() if key not in _PROPERTY_NAMES}
        return message_delta

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


def _parse_content_item(
    data: object,
) -> (
    dict[str, Any]
    | MessageDeltaContentImageFileObject
    | MessageDeltaContentImageUrlObject
    | MessageDeltaContentRefusalObject
    | MessageDeltaContentTextObject
):
    if isinstance(data, dict):
        parse = _CONTENT_ITEM_BY_TYPE.get(data.get("type"))
        # A tag this client does not know (a newer server's): keep the object as it came.
        return data if parse is None else parse(data)
    raise TypeError(f"content_item: unexpected {type(data).__name__} {data!r:.80}")


def _dump_content_item(
    value: dict[str, Any]
    | MessageDeltaContentImageFileObject
    | MessageDeltaContentImageUrlObject
    | MessageDeltaContentRefusalObject
    | MessageDeltaContentTextObject,
) -> Any:
    if isinstance(
        value,
        (
            MessageDeltaContentImageFileObject,
            MessageDeltaContentImageUrlObject,
            MessageDeltaContentTextObject,
            MessageDeltaContentRefusalObject,
        ),
    ):
        return value.to_dict()
    return value


# The models this one refers to are imported once its own class exists, so that references may
# run in circles and parsing needs no import at call time.
from ..models.message_delta_content_image_file_object import MessageDeltaContentImageFileObject  # noqa: E402
from ..models.message_delta_content_image_url_object import MessageDeltaContentImageUrlObject  # noqa: E402
from ..models.message_delta_content_refusal_object import MessageDeltaContentRefusalObject  # noqa: E402
from ..models.message_delta_content_text_object import MessageDeltaContentTextObject  # noqa: E402

_CONTENT_ITEM_BY_TYPE: dict[
    object,
    Callable[
        [Mapping[str, Any]],
        MessageDeltaContentImageFileObject
        | MessageDeltaContentImageUrlObject
        | MessageDeltaContentTextObject
        | MessageDeltaContentRefusalObject,
    ],
] = {
    "image_file": MessageDeltaContentImageFileObject.from_dict,
    "image_url": MessageDeltaContentImageUrlObject.from_dict,
    "text": MessageDeltaContentTextObject.from_dict,
    "refusal": MessageDeltaContentRefusalObject.from_dict,
}
