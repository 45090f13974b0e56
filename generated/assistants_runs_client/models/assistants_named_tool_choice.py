"""AssistantsNamedToolChoice: Forces the model to call this tool."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assistants_named_tool_choice_type import (
    AssistantsNamedToolChoiceType,
    check_assistants_named_tool_choice_type,
)
from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "type",
        "function",
    )
)


@_attrs_define
class AssistantsNamedToolChoice:
    """Forces the model to call this tool.

    Attributes:
        type_ (AssistantsNamedToolChoiceType): The kind of tool to call.
        function (ToolChoiceFunction | Unset): The function to call, when `type` is `function`.
    """

    type_: AssistantsNamedToolChoiceType
    function: ToolChoiceFunction | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "type": self.type_,
        }
        if not isinstance(self.function, Unset):
            field_dict["function"] = self.function.to_dict()
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        type_ = check_assistants_named_tool_choice_type(d["type"])
        function = d.get("function", UNSET)
        if function is not UNSET:
            function = ToolChoiceFunction.from_dict(function)
        assistants_named_tool_choice = cls(
            type_=type_,
            function=function,
        )
        if len(d) != 1 + (function is not UNSET):
            assistants_named_tool_choice.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return assistants_named_tool_choice

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
from ..models.tool_choice_function import ToolChoiceFunction  # noqa: E402
