"""MessageObject: A message in a thread."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Literal, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.message_object_role import MessageObjectRole, check_message_object_role
from ..models.message_object_status import (
    MessageObjectStatus,
    check_message_object_status,
)
from ..types import is_strict

# Required fields that may be null: missing, they read as None unless parsing is strict.
_NULL_WHEN_MISSING: dict[str, None] = {
    "incomplete_details": None,
    "completed_at": None,
    "incomplete_at": None,
    "assistant_id": None,
    "run_id": None,
    "attachments": None,
    "metadata": None,
}

_PROPERTY_NAMES = frozenset(
    (
        "id",
        "object",
        "created_at",
        "thread_id",
        "status",
        "incomplete_details",
        "completed_at",
        "incomplete_at",
        "role",
        "content",
        "assistant_id",
        "run_id",
        "attachments",
        "metadata",
    )
)


@_attrs_define
class MessageObject:
    """A message in a thread.

    Attributes:
        id (str): The message's id, beginning with `msg_`.
        object_ (Literal['thread.message']):  Default: 'thread.message'.
        created_at (int): When the message was created, in Unix seconds.
        thread_id (str): The thread the message belongs to.
        status (MessageObjectStatus): Whether the message is still being written.
        incomplete_details (MessageIncompleteDetails | None): Why the message is incomplete, or null.
        completed_at (int | None): When the message was completed, in Unix seconds.
        incomplete_at (int | None): When the message was marked incomplete, in Unix seconds.
        role (MessageObjectRole): Who wrote the message.
        content (list[dict[str, Any] | MessageContentImageFileObject | MessageContentImageUrlObject |
            MessageContentRefusalObject | MessageContentTextObject]): The message's parts.
        assistant_id (None | str): The assistant that wrote the message, if any.
        run_id (None | str): The run that wrote the message, if any.
        attachments (list[MessageAttachment] | None): Files attached to the message.
        metadata (dict[str, str] | None):
    """

    id: str
    created_at: int
    thread_id: str
    status: MessageObjectStatus
    incomplete_details: MessageIncompleteDetails | None
    completed_at: int | None
    incomplete_at: int | None
    role: MessageObjectRole
    content: list[
        dict[str, Any]
        | MessageContentImageFileObject
        | MessageContentImageUrlObject
        | MessageContentRefusalObject
        | MessageContentTextObject
    ]
    assistant_id: None | str
    run_id: None | str
    attachments: list[MessageAttachment] | None
    metadata: dict[str, str] | None
    object_: Literal["thread.message"] = "thread.message"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "id": self.id,
            "object": self.object_,
            "created_at": self.created_at,
            "thread_id": self.thread_id,
            "status": self.status,
            "incomplete_details": None if self.incomplete_details is None else self.incomplete_details.to_dict(),
            "completed_at": self.completed_at,
            "incomplete_at": self.incomplete_at,
            "role": self.role,
            "content": [_dump_content_item(item0) for item0 in self.content],
            "assistant_id": self.assistant_id,
            "run_id": self.run_id,
            "attachments": None if self.attachments is None else [item0.to_dict() for item0 in self.attachments],
            "metadata": self.metadata,
        }
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit.

        A required field that may be null and is missing reads as None, unless parsing is strict
        (see :mod:`assistants_runs_client.types`)."""
        try:
            return cls._from_dict(src_dict)
        except KeyError:
            if is_strict() or _NULL_WHEN_MISSING.keys() <= src_dict.keys():
                raise
            return cls._from_dict({**_NULL_WHEN_MISSING, **src_dict})

    @classmethod
    def _from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        id = d["id"]
        object_ = d["object"]
        if object_ != "thread.message":
            raise ValueError(f"object must be 'thread.message', got {object_!r}")
        created_at = d["created_at"]
        thread_id = d["thread_id"]
        status = check_message_object_status(d["status"])
        incomplete_details = d["incomplete_details"]
        if incomplete_details is not None:
            incomplete_details = MessageIncompleteDetails.from_dict(incomplete_details)
        completed_at = d["completed_at"]
        incomplete_at = d["incomplete_at"]
        role = check_message_object_role(d["role"])
        content = [_parse_content_item(item0) for item0 in d["content"]]
        assistant_id = d["assistant_id"]
        run_id = d["run_id"]
        attachments = d["attachments"]
        if attachments is not None:
            attachments = [MessageAttachment.from_dict(item0) for item0 in attachments]
        metadata = d["metadata"]
        message_object = cls(
            id=id,
            object_=object_,
            created_at=created_at,
            thread_id=thread_id,
            status=status,
            incomplete_details=incomplete_details,
            completed_at=completed_at,
            incomplete_at=incomplete_at,
            role=role,
            content=content,
            assistant_id=assistant_id,
            run_id=run_id,
            attachments=attachments,
            metadata=metadata,
        )
        if len(d) != 14:
            message_object.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return message_object

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
    | MessageContentImageFileObject
    | MessageContentImageUrlObject
    | MessageContentRefusalObject
    | MessageContentTextObject
):
    if isinstance(data, dict):
        parse = _CONTENT_ITEM_BY_TYPE.get(data.get("type"))
        # A tag this client does not know (a newer server's): keep the object as it came.
        return data if parse is None else parse(data)
    raise TypeError(f"content_item: unexpected {type(data).__name__} {data!r:.80}")


def _dump_content_item(
    value: dict[str, Any]
    | MessageContentImageFileObject
    | MessageContentImageUrlObject
    | MessageContentRefusalObject
    | MessageContentTextObject,
) -> Any:
    if isinstance(
        value,
        (
            MessageContentImageFileObject,
            MessageContentImageUrlObject,
            MessageContentTextObject,
            MessageContentRefusalObject,
        ),
    ):
        return value.to_dict()
    return value


# The models this one refers to are imported once its own class exists, so that references may
# run in circles and parsing needs no import at call time.
from ..models.message_attachment import MessageAttachment  # noqa: E402
from ..models.message_content_image_file_object import MessageContentImageFileObject  # noqa: E402
from ..models.message_content_image_url_object import MessageContentImageUrlObject  # noqa: E402
from ..models.message_content_refusal_object import MessageContentRefusalObject  # noqa: E402
from ..models.message_content_text_object import MessageContentTextObject  # noqa: E402
from ..models.message_incomplete_details import MessageIncompleteDetails  # noqa: E402

_CONTENT_ITEM_BY_TYPE: dict[
    object,
    Callable[
        [Mapping[str, Any]],
        MessageContentImageFileObject
        | MessageContentImageUrlObject
        | MessageContentTextObject
        | MessageContentRefusalObject,
    ],
] = {
    "image_file": MessageContentImageFileObject.from_dict,
    "image_url": MessageContentImageUrlObject.from_dict,
    "text": MessageContentTextObject.from_dict,
    "refusal": MessageContentRefusalObject.from_dict,
}
