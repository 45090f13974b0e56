"""ThreadObject: A conversation between a user and assistants."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import is_strict

# Required fields that may be null: missing, they read as None unless parsing is strict.
_NULL_WHEN_MISSING: dict[str, None] = {
    "tool_resources": None,
    "metadata": None,
}

_PROPERTY_NAMES = frozenset(
    (
        "id",
        "object",
        "created_at",
        "tool_resources",
        "metadata",
    )
)


@_attrs_define
class ThreadObject:
    """A conversation between a user and assistants.

    Attributes:
        id (str): The thread's id, beginning with `thread_`.
        object_ (Literal['thread']):  Default: 'thread'.
        created_at (int): When the thread was created, in Unix seconds.
        tool_resources (None | ToolResources): Files the thread's tools may use.
        metadata (dict[str, str] | None):
    """

    id: str
    created_at: int
    tool_resources: None | ToolResources
    metadata: dict[str, str] | None
    object_: Literal["thread"] = "thread"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "id": self.id,
            "object": self.object_,
            "created_at": self.created_at,
            "tool_resources": None if self.tool_resources is None else self.tool_resources.to_dict(),
            "metadata": self.metadata,
        }
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit.

        A required field that may be null and is missing reads as None, unless parsing is strict
        (see :mod:`assistants_runs_client.types`)."""
        try:
            return cls._from_dict(src_dict)
        except KeyError:
            if is_strict() or _NULL_WHEN_MISSING.keys() <= src_dict.keys():
                raise
            return cls._from_dict({**_NULL_WHEN_MISSING, **src_dict})

    @classmethod
    def _from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        id = d["id"]
        object_ = d["object"]
        if object_ != "thread":
            raise ValueError(f"object must be 'thread', got {object_!r}")
        created_at = d["created_at"]
        tool_resources = d["tool_resources"]
        if tool_resources is not None:
            tool_resources = ToolResources.from_dict(tool_resources)
        metadata = d["metadata"]
        thread_object = cls(
            id=id,
            object_=object_,
            created_at=created_at,
            tool_resources=tool_resources,
            metadata=metadata,
        )
        if len(d) != 5:
            thread_object.additional_properties = {key: value for key, value in d.items() if key not in _PROPERTY_NAMES}
        return thread_object

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
from ..models.tool_resources import ToolResources  # noqa: E402
