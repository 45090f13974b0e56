"""MessageAttachment: A file attached to a message."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "file_id",
        "tools",
    )
)


@_attrs_define
class MessageAttachment:
    """A file attached to a message.

    Attributes:
        file_id (str | Unset): The attached file.
        tools (list[AssistantToolsCode | AssistantToolsFileSearchTypeOnly | dict[str, Any]] | Unset): Tools that may
            read the file.
    """

    file_id: str | Unset = UNSET
    tools: list[AssistantToolsCode | AssistantToolsFileSearchTypeOnly | dict[str, Any]] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
        }
        if not isinstance(self.file_id, Unset):
            field_dict["file_id"] = self.file_id
        if not isinstance(self.tools, Unset):
            field_dict["tools"] = [_dump_tools_item(item0) for item0 in self.tools]
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        file_id = d.get("file_id", UNSET)
        tools = d.get("tools", UNSET)
        if tools is not UNSET:
            tools = [_parse_tools_item(item0) for item0 in tools]
        message_attachment = cls(
            file_id=file_id,
            tools=tools,
        )
        if len(d) != 0 + (file_id is not UNSET) + (tools is not UNSET):
            message_attachment.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return message_attachment

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


def _parse_tools_item(data: object) -> AssistantToolsCode | AssistantToolsFileSearchTypeOnly | dict[str, Any]:
    if isinstance(data, dict):
        parse = _TOOLS_ITEM_BY_TYPE.get(data.get("type"))
        # A tag this client does not know (a newer server's): keep the object as it came.
        return data if parse is None else parse(data)
    raise TypeError(f"tools_item: unexpected {type(data).__name__} {data!r:.80}")


def _dump_tools_item(value: AssistantToolsCode | AssistantToolsFileSearchTypeOnly | dict[str, Any]) -> Any:
    if isinstance(
        value,
        (
            AssistantToolsCode,
            AssistantToolsFileSearchTypeOnly,
        ),
    ):
        return value.to_dict()
    return value


# The models this one refers to are imported once its own class exists, so that references may
# run in circles and parsing needs no import at call time.
from ..models.assistant_tools_code import AssistantToolsCode  # noqa: E402
from ..models.assistant_tools_file_search_type_only import AssistantToolsFileSearchTypeOnly  # noqa: E402

_TOOLS_ITEM_BY_TYPE: dict[
    object, Callable[[Mapping[str, Any]], AssistantToolsCode | AssistantToolsFileSearchTypeOnly]
] = {
    "code_interpreter": AssistantToolsCode.from_dict,
    "file_search": AssistantToolsFileSearchTypeOnly.from_dict,
}
