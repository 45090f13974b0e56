"""VectorStoreToCreate: A vector store made from files."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "file_ids",
        "chunking_strategy",
        "metadata",
    )
)


@_attrs_define
class VectorStoreToCreate:
    """A vector store made from files.

    Attributes:
        file_ids (list[str] | Unset): The files to index.
        chunking_strategy (AutoChunkingStrategy | dict[str, Any] | StaticChunkingStrategyRequestParam | Unset): How
            files are split into chunks.
        metadata (dict[str, str] | None | Unset):
    """

    file_ids: list[str] | Unset = UNSET
    chunking_strategy: AutoChunkingStrategy | dict[str, Any] | StaticChunkingStrategyRequestParam | Unset = UNSET
    metadata: dict[str, str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
        }
        if not isinstance(self.file_ids, Unset):
            field_dict["file_ids"] = self.file_ids
        if not isinstance(self.chunking_strategy, Unset):
            field_dict["chunking_strategy"] = _dump_chunking_strategy(self.chunking_strategy)
        if not isinstance(self.metadata, Unset):
            field_dict["metadata"] = self.metadata
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        file_ids = d.get("file_ids", UNSET)
        chunking_strategy = d.get("chunking_strategy", UNSET)
        if chunking_strategy is not UNSET:
            chunking_strategy = _parse_chunking_strategy(chunking_strategy)
        metadata = d.get("metadata", UNSET)
        vector_store_to_create = cls(
            file_ids=file_ids,
            chunking_strategy=chunking_strategy,
            metadata=metadata,
        )
        if len(d) != 0 + (file_ids is not UNSET) + (chunking_strategy is not UNSET) + (metadata is not UNSET):
            vector_store_to_create.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return vector_store_to_create

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


def _parse_chunking_strategy(
    data: object,
) -> AutoChunkingStrategy | dict[str, Any] | StaticChunkingStrategyRequestParam:
    if isinstance(data, dict):
        parse = _CHUNKING_STRATEGY_BY_TYPE.get(data.get("type"))
        # A tag this client does not know (a newer server's): keep the object as it came.
        return data if parse is None else parse(data)
    raise TypeError(f"chunking_strategy: unexpected {type(data).__name__} {data!r:.80}")


def _dump_chunking_strategy(value: AutoChunkingStrategy | dict[str, Any] | StaticChunkingStrategyRequestParam) -> Any:
    if isinstance(
        value,
        (
            AutoChunkingStrategy,
            StaticChunkingStrategyRequestParam,
        ),
    ):
        return value.to_dict()
    return value


# The models this one refers to are imported once its own class exists, so that references may
# run in circles and parsing needs no import at call time.
from ..models.auto_chunking_strategy import AutoChunkingStrategy  # noqa: E402
from ..models.static_chunking_strategy_request_param import StaticChunkingStrategyRequestParam  # noqa: E402

_CHUNKING_STRATEGY_BY_TYPE: dict[
    object, Callable[[Mapping[str, Any]], AutoChunkingStrategy | StaticChunkingStrategyRequestParam]
] = {
    "auto": AutoChunkingStrategy.from_dict,
    "static": StaticChunkingStrategyRequestParam.from_dict,
}
