"""FileSearchSettings: Search settings."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "max_num_results",
        "ranking_options",
    )
)


@_attrs_define
class FileSearchSettings:
    """Search settings.

    Attributes:
        max_num_results (int | Unset): Most results the tool returns.
        ranking_options (FileSearchRankingOptions | Unset): How search results are ranked and filtered.
    """

    max_num_results: int | Unset = UNSET
    ranking_options: FileSearchRankingOptions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
        }
        if not isinstance(self.max_num_results, Unset):
            field_dict["max_num_results"] = self.max_num_results
        if not isinstance(self.ranking_options, Unset):
            field_dict["ranking_options"] = self.ranking_options.to_dict()
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        max_num_results = d.get("max_num_results", UNSET)
        ranking_options = d.get("ranking_options", UNSET)
        if ranking_options is not UNSET:
            ranking_options = FileSearchRankingOptions.from_dict(ranking_options)
        file_search_settings = cls(
            max_num_results=max_num_results,
            ranking_options=ranking_options,
        )
        if len(d) != 0 + (max_num_results is not UNSET) + (ranking_options is not UNSET):
            file_search_settings.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return file_search_settings

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
