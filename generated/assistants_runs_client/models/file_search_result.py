"""FileSearchResult: One file search result."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "file_id",
        "file_name",
        "score",
        "content",
    )
)


@_attrs_define
class FileSearchResult:
    """One file search result.

    Attributes:
        file_id (str):
        file_name (str):
        score (float):
        content (list[FileSearchResultContent] | Unset): The matching text; only with
            `include[]=step_details.tool_calls[*].file_search.results[*].content`.
    """

    file_id: str
    file_name: str
    score: float
    content: list[FileSearchResultContent] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "file_id": self.file_id,
            "file_name": self.file_name,
            "score": self.score,
        }
        if not isinstance(self.content, Unset):
            field_dict["content"] = [item0.to_dict() for item0 in self.content]
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        file_id = d["file_id"]
        file_name = d["file_name"]
        score = d["score"]
        content = d.get("content", UNSET)
        if content is not UNSET:
            content = [FileSearchResultContent.from_dict(item0) for item0 in content]
        file_search_result = cls(
            file_id=file_id,
            file_name=file_name,
            score=score,
            content=content,
        )
        if len(d) != 3 + (content is not UNSET):
            file_search_result.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return file_search_result

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
from ..models.file_search_result_content import FileSearchResultContent  # noqa: E402
