"""RunRequiredAction: Tool outputs the run waits for."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

_PROPERTY_NAMES = frozenset(
    (
        "type",
        "submit_tool_outputs",
    )
)


@_attrs_define
class RunRequiredAction:
    """Tool outputs the run waits for.

    Attributes:
        type_ (Literal['submit_tool_outputs']):  Default: 'submit_tool_outputs'.
        submit_tool_outputs (SubmitToolOutputs): The calls whose outputs must be submitted.
    """

    submit_tool_outputs: SubmitToolOutputs
    type_: Literal["submit_tool_outputs"] = "submit_tool_outputs"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "type": self.type_,
            "submit_tool_outputs": self.submit_tool_outputs.to_dict(),
        }
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        type_ = d["type"]
        if type_ != "submit_tool_outputs":
            raise ValueError(f"type must be 'submit_tool_outputs', got {type_!r}")
        submit_tool_outputs = SubmitToolOutputs.from_dict(d["submit_tool_outputs"])
        run_required_action = cls(
            type_=type_,
            submit_tool_outputs=submit_tool_outputs,
        )
        if len(d) != 2:
            run_required_action.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return run_required_action

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
from ..models.submit_tool_outputs import SubmitToolOutputs  # noqa: E402
