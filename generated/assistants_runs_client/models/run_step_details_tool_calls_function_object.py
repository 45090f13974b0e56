"""RunStepDetailsToolCallsFunctionObject: A function call."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

_PROPERTY_NAMES = frozenset(
    (
        "id",
        "type",
        "function",
    )
)


@_attrs_define
class RunStepDetailsToolCallsFunctionObject:
    """A function call.

    Attributes:
        id (str):
        type_ (Literal['function']):  Default: 'function'.
        function (FunctionCall):
    """

    id: str
    function: FunctionCall
    type_: Literal["function"] = "function"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "id": self.id,
            "type": self.type_,
            "function": self.function.to_dict(),
        }
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        id = d["id"]
        type_ = d["type"]
        if type_ != "function":
            raise ValueError(f"type must be 'function', got {type_!r}")
        function = FunctionCall.from_dict(d["function"])
        run_step_details_tool_calls_function_object = cls(
            id=id,
            type_=type_,
            function=function,
        )
        if len(d) != 3:
            run_step_details_tool_calls_function_object.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return run_step_details_tool_calls_function_object

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
from ..models.function_call import FunctionCall  # noqa: E402
