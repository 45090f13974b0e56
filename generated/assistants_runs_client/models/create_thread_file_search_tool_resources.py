"""CreateThreadFileSearchToolResources: An existing vector store to search, or the files of a new one; exactly one of the two."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "vector_store_ids",
        "vector_stores",
    )
)


@_attrs_define
class CreateThreadFileSearchToolResources:
    """An existing vector store to search, or the files of a new one; exactly one of the two.

    Attributes:
        vector_store_ids (list[str] | Unset): Vector store ids.
        vector_stores (list[VectorStoreToCreate] | Unset): A vector store to create for the thread.
    """

    vector_store_ids: list[str] | Unset = UNSET
    vector_stores: list[VectorStoreToCreate] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
        }
        if not isinstance(self.vector_store_ids, Unset):
            field_dict["vector_store_ids"] = self.vector_store_ids
        if not isinstance(self.vector_stores, Unset):
            field_dict["vector_stores"] = [item0.to_dict() for item0 in self.vector_stores]
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        vector_store_ids = d.get("vector_store_ids", UNSET)
        vector_stores = d.get("vector_stores", UNSET)
        if vector_stores is not UNSET:
            vector_stores = [VectorStoreToCreate.from_dict(item0) for item0 in vector_stores]
        create_thread_file_search_tool_resources = cls(
            vector_store_ids=vector_store_ids,
            vector_stores=vector_stores,
        )
        if len(d) != 0 + (vector_store_ids is not UNSET) + (vector_stores is not UNSET):
            create_thread_file_search_tool_resources.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return create_thread_file_search_tool_resources

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
from ..models.vector_store_to_create import VectorStoreToCreate  # noqa: E402
