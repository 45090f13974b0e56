"""AssistantToolsFileSearch: Searches the files of the thread's and assistant's vector stores."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "type",
        "file_search",
    )
)


@_attrs_define
class AssistantToolsFileSearch:
    """Searches the files of the thread's and assistant's vector stores.

    Attributes:
        type_ (Literal['file_search']):  Default: 'file_search'.
        file_search (FileSearchSettings | Unset): Search settings.
    """

    type_: Literal["file_search"] = "file_search"
    file_search: FileSearchSettings | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "type": self.type_,
        }
        if not isinstance(self.file_search, Unset):
            field_dict["file_search"] = self.file_search.to_dict()
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        type_ = d["type"]
        if type_ != "file_search":
            raise ValueError(f"type must be 'file_search', got {type_!r}")
        file_search = d.get("file_search", UNSET)
        if file_search is not UNSET:
            file_search = FileSearchSettings.from_dict(file_search)
        assistant_tools_file_search = cls(
            type_=type_,
            file_search=file_search,
        )
        if len(d) != 1 + (file_search is not UNSET):
            assistant_tools_file_search.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return assistant_tools_file_search

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
from ..models.file_search_settings import FileSearchSettings  # noqa: E402
