"""CreateMessageRequest: A message to add to a thread."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_message_request_role import (
    CreateMessageRequestRole,
    check_create_message_request_role,
)
from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "role",
        "content",
        "attachments",
        "metadata",
    )
)


@_attrs_define
class CreateMessageRequest:
    """A message to add to a thread.

    Attributes:
        role (CreateMessageRequestRole): `user` for what the user says, `assistant` to insert the assistant's own words.
        content (list[dict[str, Any] | MessageContentImageFileObject | MessageContentImageUrlObject |
            MessageRequestContentTextObject] | str): Plain text, or a list of text and image parts.
        attachments (list[MessageAttachment] | None | Unset): Files attached to the message and the tools that may read
            them.
        metadata (dict[str, str] | None | Unset):
    """

    role: CreateMessageRequestRole
    content: (
        list[
            dict[str, Any]
            | MessageContentImageFileObject
            | MessageContentImageUrlObject
            | MessageRequestContentTextObject
        ]
        | str
    )
    attachments: list[MessageAttachment] | None | Unset = UNSET
    metadata: dict[str, str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "role": self.role,
            "content": _dump_content(self.content),
        }
        if not isinstance(self.attachments, Unset):
            field_dict["attachments"] = (
                None if self.attachments is None else [item0.to_dict() for item0 in self.attachments]
            )
        if not isinstance(self.metadata, Unset):
            field_dict["metadata"] = self.metadata
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        role = check_create_message_request_role(d["role"])
        content = _parse_content(d["content"])
        attachments = d.get("attachments", UNSET)
        if attachments is not UNSET:
            attachments = None if attachments is None else [MessageAttachment.from_dict(item0) for item0 in attachments]
        metadata = d.get("metadata", UNSET)
        create_message_request = cls(
            role=role,
            content=content,
            attachments=attachments,
            metadata=metadata,
        )
        if len(d) != 2 + (attachments is not UNSET) + (metadata is not UNSET):
            create_message_request.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return create_message_request

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


def _parse_content(
    data: object,
) -> (
    list[
        dict[str, Any] | MessageContentImageFileObject | MessageContentImageUrlObject | MessageRequestContentTextObject
    ]
    | str
):
    if isinstance(data, list):
        return [_parse_content_type_1_item(item0) for item0 in data]
    if isinstance(data, str):
        return data
    raise TypeError(f"content: unexpected {type(data).__name__} {data!r:.80}")


def _dump_content(
    value: list[
        dict[str, Any] | MessageContentImageFileObject | MessageContentImageUrlObject | MessageRequestContentTextObject
    ]
    | str,
) -> Any:
    if isinstance(value, list):
        return [_dump_content_type_1_item(item0) for item0 in value]
    return value


def _parse_content_type_1_item(
    data: object,
) -> dict[str, Any] | MessageContentImageFileObject | MessageContentImageUrlObject | MessageRequestContentTextObject:
    if isinstance(data, dict):
        parse = _CONTENT_TYPE_1_ITEM_BY_TYPE.get(data.get("type"))
        # A tag this client does not know (a newer server's): keep the object as it came.
        return data if parse is None else parse(data)
    raise TypeError(f"content_type_1_item: unexpected {type(data).__name__} {data!r:.80}")


def _dump_content_type_1_item(
    value: dict[str, Any]
    | MessageContentImageFileObject
    | MessageContentImageUrlObject
    | MessageRequestContentTextObject,
) -> Any:
    if isinstance(
        value,
        (
            MessageContentImageFileObject,
            MessageContentImageUrlObject,
            MessageRequestContentTextObject,
        ),
    ):
        return value.to_dict()
    return value


# The models this one refers to are imported once its own class exists, so that references may
# run in circles and parsing needs no import at call time.
from ..models.message_attachment import MessageAttachment  # noqa: E402
from ..models.message_content_image_file_object import MessageContentImageFileObject  # noqa: E402
from ..models.message_content_image_url_object import MessageContentImageUrlObject  # noqa: E402
from ..models.message_request_content_text_object import MessageRequestContentTextObject  # noqa: E402

_CONTENT_TYPE_1_ITEM_BY_TYPE: dict[
    object,
    Callable[
        [Mapping[str, Any]],
        MessageContentImageFileObject | MessageContentImageUrlObject | MessageRequestContentTextObject,
    ],
] = {
    "image_file": MessageContentImageFileObject.from_dict,
    "image_url": MessageContentImageUrlObject.from_dict,
    "text": MessageRequestContentTextObject.from_dict,
}
