"""ResponseFormatJsonSchema: JSON that matches the given schema (structured outputs)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

_PROPERTY_NAMES = frozenset(
    (
        "type",
        "json_schema",
    )
)


@_attrs_define
class ResponseFormatJsonSchema:
    """JSON that matches the given schema (structured outputs).

    Attributes:
        type_ (Literal['json_schema']):  Default: 'json_schema'.
        json_schema (JsonSchemaFormat): The schema the answer must match.
    """

    json_schema: JsonSchemaFormat
    type_: Literal["json_schema"] = "json_schema"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "type": self.type_,
            "json_schema": self.json_schema.to_dict(),
        }
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        type_ = d["type"]
        if type_ != "json_schema":
            raise ValueError(f"type must be 'json_schema', got {type_!r}")
        json_schema = JsonSchemaFormat.from_dict(d["json_schema"])
        response_format_json_schema = cls(
            type_=type_,
            json_schema=json_schema,
        )
        if len(d) != 2:
            response_format_json_schema.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return response_format_json_schema

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
from ..models.json_schema_format import JsonSchemaFormat  # noqa: E402
