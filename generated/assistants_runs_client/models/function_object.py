"""FunctionObject: A function's name, purpose and parameters."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "name",
        "description",
        "parameters",
        "strict",
    )
)


@_attrs_define
class FunctionObject:
    """A function's name, purpose and parameters.

    Attributes:
        name (str): The function's name.
        description (str | Unset): What the function does; the model reads this to decide when to call it.
        parameters (dict[str, Any] | Unset): The function's arguments as a JSON Schema object.
        strict (bool | None | Unset): Whether arguments must follow `parameters` exactly.
    """

    name: str
    description: str | Unset = UNSET
    parameters: dict[str, Any] | Unset = UNSET
    strict: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "name": self.name,
        }
        if not isinstance(self.description, Unset):
            field_dict["description"] = self.description
        if not isinstance(self.parameters, Unset):
            field_dict["parameters"] = self.parameters
        if not isinstance(self.strict, Unset):
            field_dict["strict"] = self.strict
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        name = d["name"]
        description = d.get("description", UNSET)
        parameters = d.get("parameters", UNSET)
        strict = d.get("strict", UNSET)
        function_object = cls(
            name=name,
            description=description,
            parameters=parameters,
            strict=strict,
        )
        if len(d) != 1 + (description is not UNSET) + (parameters is not UNSET) + (strict is not UNSET):
            function_object.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return function_object

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
