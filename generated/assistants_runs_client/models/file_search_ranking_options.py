"""FileSearchRankingOptions: How search results are ranked and filtered."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.file_search_ranking_options_ranker import (
    FileSearchRankingOptionsRanker,
    check_file_search_ranking_options_ranker,
)
from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "score_threshold",
        "ranker",
    )
)


@_attrs_define
class FileSearchRankingOptions:
    """How search results are ranked and filtered.

    Attributes:
        score_threshold (float): Results scoring below this are dropped.
        ranker (FileSearchRankingOptionsRanker | Unset): The ranker; `auto` picks the newest.
    """

    score_threshold: float
    ranker: FileSearchRankingOptionsRanker | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "score_threshold": self.score_threshold,
        }
        if not isinstance(self.ranker, Unset):
            field_dict["ranker"] = self.ranker
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        score_threshold = d["score_threshold"]
        ranker = d.get("ranker", UNSET)
        if ranker is not UNSET:
            ranker = check_file_search_ranking_options_ranker(ranker)
        file_search_ranking_options = cls(
            score_threshold=score_threshold,
            ranker=ranker,
        )
        if len(d) != 1 + (ranker is not UNSET):
            file_search_ranking_options.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return file_search_ranking_options

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
