"""CreateThreadToolResources: Files made available to the new thread's tools."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "code_interpreter",
        "file_search",
    )
)


@_attrs_define
class CreateThreadToolResources:
    """Files made available to the new thread's tools.

    Attributes:
        code_interpreter (CodeInterpreterToolResources | Unset): Files the code interpreter may read.
        file_search (CreateThreadFileSearchToolResources | Unset): An existing vector store to search, or the files of a
            new one; exactly one of the two.
    """

    code_interpreter: CodeInterpreterToolResources | Unset = UNSET
    file_search: CreateThreadFileSearchToolResources | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
        }
        if not isinstance(self.code_interpreter, Unset):
            field_dict["code_interpreter"] = self.code_interpreter.to_dict()
        if not isinstance(self.file_search, Unset):
            field_dict["file_search"] = self.file_search.to_dict()
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        code_interpreter = d.get("code_interpreter", UNSET)
        if code_interpreter is not UNSET:
            code_interpreter = CodeInterpreterToolResources.from_dict(code_interpreter)
        file_search = d.get("file_search", UNSET)
        if file_search is not UNSET:
            file_search = CreateThreadFileSearchToolResources.from_dict(file_search)
        create_thread_tool_resources = cls(
            code_interpreter=code_interpreter,
            file_search=file_search,
        )
        if len(d) != 0 + (code_interpreter is not UNSET) + (file_search is not UNSET):
            create_thread_tool_resources.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return create_thread_tool_resources

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
from ..models.code_interpreter_tool_resources import CodeInterpreterToolResources  # noqa: E402
from ..models.create_thread_file_search_tool_resources import CreateThreadFileSearchToolResources  # noqa: E402
