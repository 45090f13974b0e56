"""Error: What went wrong."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import is_strict

# Required fields that may be null: missing, they read as None unless parsing is strict.
_NULL_WHEN_MISSING: dict[str, None] = {
    "param": None,
    "code": None,
}

_PROPERTY_NAMES = frozenset(
    (
        "message",
        "type",
        "param",
        "code",
    )
)


@_attrs_define
class Error:
    """What went wrong.

    Attributes:
        message (str): A human-readable explanation.
        type_ (str): The error class, such as `invalid_request_error`.
        param (None | str): The request field at fault, if any.
        code (None | str): A machine-readable code, if any.
    """

    message: str
    type_: str
    param: None | str
    code: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "message": self.message,
            "type": self.type_,
            "param": self.param,
            "code": self.code,
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
        message = d["message"]
        type_ = d["type"]
        param = d["param"]
        code = d["code"]
        error = cls(
            message=message,
            type_=type_,
            param=param,
            code=code,
        )
        if len(d) != 4:
            error.additional_properties = {key: value for key, value in d.items() if key not in _PROPERTY_NAMES}
        return error

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
