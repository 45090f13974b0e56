"""MessageContentTextAnnotationsFilePathObject: A span naming a file the code interpreter wrote."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

_PROPERTY_NAMES = frozenset(
    (
        "type",
        "text",
        "file_path",
        "start_index",
        "end_index",
    )
)


@_attrs_define
class MessageContentTextAnnotationsFilePathObject:
    """A span naming a file the code interpreter wrote.

    Attributes:
        type_ (Literal['file_path']):  Default: 'file_path'.
        text (str): The span of the text that is replaced by the path.
        file_path (FilePath): The written file.
        start_index (int):
        end_index (int):
    """

    text: str
    file_path: FilePath
    start_index: int
    end_index: int
    type_: Literal["file_path"] = "file_path"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "type": self.type_,
            "text": self.text,
            "file_path": self.file_path.to_dict(),
            "start_index": self.start_index,
            "end_index": self.end_index,
        }
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        type_ = d["type"]
        if type_ != "file_path":
            raise ValueError(f"type must be 'file_path', got {type_!r}")
        text = d["text"]
        file_path = FilePath.from_dict(d["file_path"])
        start_index = d["start_index"]
        end_index = d["end_index"]
        message_content_text_annotations_file_path_object = cls(
            type_=type_,
            text=text,
            file_path=file_path,
            start_index=start_index,
            end_index=end_index,
        )
        if len(d) != 5:
            message_content_text_annotations_file_path_object.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return message_content_text_annotations_file_path_object

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
from ..models.file_path import FilePath  # noqa: E402
