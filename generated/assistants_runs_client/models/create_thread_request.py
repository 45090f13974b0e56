"""CreateThreadRequest: The thread to create; without it the thread starts empty."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define

from ..types import UNSET, Unset


@_attrs_define
class CreateThreadRequest:
    """The thread to create; without it the thread starts empty.

    Attributes:
        messages (list[CreateMessageRequest] | Unset): Messages the thread starts with.
        tool_resources (CreateThreadToolResources | None | Unset): Files the thread's tools may use.
        metadata (dict[str, str] | None | Unset):
    """

    messages: list[CreateMessageRequest] | Unset = UNSET
    tool_resources: CreateThreadToolResources | None | Unset = UNSET
    metadata: dict[str, str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {}
        if not isinstance(self.messages, Unset):
            field_dict["messages"] = [item0.to_dict() for item0 in self.messages]
        if not isinstance(self.tool_resources, Unset):
            field_dict["tool_resources"] = None if self.tool_resources is None else self.tool_resources.to_dict()
        if not isinstance(self.metadata, Unset):
            field_dict["metadata"] = self.metadata
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        messages = d.get("messages", UNSET)
        if messages is not UNSET:
            messages = [CreateMessageRequest.from_dict(item0) for item0 in messages]
        tool_resources = d.get("tool_resources", UNSET)
        if tool_resources is not UNSET:
            tool_resources = None if tool_resources is None else CreateThreadToolResources.from_dict(tool_resources)
        metadata = d.get("metadata", UNSET)
        create_thread_request = cls(
            messages=messages,
            tool_resources=tool_resources,
            metadata=metadata,
        )
        return create_thread_request

    def to_json(self) -> str:
        """This object as JSON text: ``to_dict()``, serialized."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """Build from JSON text, like :meth:`from_dict`."""
        return cls.from_dict(json.loads(text))


# The models this one refers to are imported once its own class exists, so that references may
# run in circles and parsing needs no import at call time.
from ..models.create_message_request import CreateMessageRequest  # noqa: E402
from ..models.create_thread_tool_resources import CreateThreadToolResources  # noqa: E402
