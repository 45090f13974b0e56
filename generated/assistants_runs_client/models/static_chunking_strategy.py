"""StaticChunkingStrategy: Chunk size and overlap in tokens."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

_PROPERTY_NAMES = frozenset(
    (
        "max_chunk_size_tokens",
        "chunk_overlap_tokens",
    )
)


@_attrs_define
class StaticChunkingStrategy:
    """Chunk size and overlap in tokens.

    Attributes:
        max_chunk_size_tokens (int): Largest chunk, in tokens.
        chunk_overlap_tokens (int): Tokens shared by neighbouring chunks; at most half of `max_chunk_size_tokens`.
    """

    max_chunk_size_tokens: int
    chunk_overlap_tokens: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "max_chunk_size_tokens": self.max_chunk_size_tokens,
            "chunk_overlap_tokens": self.chunk_overlap_tokens,
        }
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        max_chunk_size_tokens = d["max_chunk_size_tokens"]
        chunk_overlap_tokens = d["chunk_overlap_tokens"]
        static_chunking_strategy = cls(
            max_chunk_size_tokens=max_chunk_size_tokens,
            chunk_overlap_tokens=chunk_overlap_tokens,
        )
        if len(d) != 2:
            static_chunking_strategy.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return static_chunking_strategy

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
