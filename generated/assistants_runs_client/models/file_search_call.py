"""FileSearchCall"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "ranking_options",
        "results",
    )
)


@_attrs_define
class FileSearchCall:
    """
    Attributes:
        ranking_options (FileSearchRankingOptions | Unset): How search results are ranked and filtered.
        results (list[FileSearchResult] | Unset): What the search found.
    """

    ranking_options: FileSearchRankingOptions | Unset = UNSET
    results: list[FileSearchResult] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
        }
        if not isinstance(self.ranking_options, Unset):
            field_dict["ranking_options"] = self.ranking_options.to_dict()
        if not isinstance(self.results, Unset):
            field_dict["results"] = [item0.to_dict() for item0 in self.results]
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        ranking_options = d.get("ranking_options", UNSET)
        if ranking_options is not UNSET:
            ranking_options = FileSearchRankingOptions.from_dict(ranking_options)
        results = d.get("results", UNSET)
        if results is not UNSET:
            results = [FileSearchResult.from_dict(item0) for item0 in results]
        file_search_call = cls(
            ranking_options=ranking_options,
            results=results,
        )
        if len(d) != 0 + (ranking_options is not UNSET) + (results is not UNSET):
            file_search_call.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return file_search_call

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
from ..models.file_search_ranking_options import FileSearchRankingOptions  # noqa: E402
from ..models.file_search_result import FileSearchResult  # noqa: E402
