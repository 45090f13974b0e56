"""RunStepDeltaStepDetailsToolCallsFileSearchObject: A file search call, added."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "index",
        "type",
        "file_search",
        "id",
    )
)


@_attrs_define
class RunStepDeltaStepDetailsToolCallsFileSearchObject:
    """A file search call, added.

    Attributes:
        index (int):
        type_ (Literal['file_search']):  Default: 'file_search'.
        file_search (dict[str, Any]):
        id (str | Unset):
    """

    index: int
    file_search: dict[str, Any]
    type_: Literal["file_search"] = "file_search"
    id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "index": self.index,
            "type": self.type_,
            "file_search": self.file_search,
        }
        if not isinstance(self.id, Unset):
            field_dict["id"] = self.id
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        index = d["index"]
        type_ = d["type"]
        if type_ != "file_search":
            raise ValueError(f"type must be 'file_search', got {type_!r}")
        file_search = d["file_search"]
        id = d.get("id", UNSET)
        run_step_delta_step_details_tool_calls_file_search_object = cls(
            index=index,
            type_=type_,
            file_search=file_search,
            id=id,
        )
        if len(d) != 3 + (id is not UNSET):
            run_step_delta_step_details_tool_calls_file_search_object.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return run_step_delta_step_details_tool_calls_file_search_object

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
