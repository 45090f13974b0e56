"""SubmitToolOutputs: The calls whose outputs must be submitted."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

_PROPERTY_NAMES = frozenset(("tool_calls",))


@_attrs_define
class SubmitToolOutputs:
    """The calls whose outputs must be submitted.

    Attributes:
        tool_calls (list[RunToolCallObject]): The function calls to answer.
    """

    tool_calls: list[RunToolCallObject]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "tool_calls": [item0.to_dict() for item0 in self.tool_calls],
        }
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        tool_calls = [RunToolCallObject.from_dict(item0) for item0 in d["tool_calls"]]
        submit_tool_outputs = cls(
            tool_calls=tool_calls,
        )
        if len(d) != 1:
            submit_tool_outputs.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return submit_tool_outputs

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
from ..models.run_tool_call_object import RunToolCallObject  # noqa: E402
