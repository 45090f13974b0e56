"""RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject: Printed text, added."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "index",
        "type",
        "logs",
    )
)


@_attrs_define
class RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject:
    """Printed text, added.

    Attributes:
        index (int):
        type_ (Literal['logs']):  Default: 'logs'.
        logs (str | Unset):
    """

    index: int
    type_: Literal["logs"] = "logs"
    logs: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "index": self.index,
            "type": self.type_,
        }
        if not isinstance(self.logs, Unset):
            field_dict["logs"] = self.logs
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        index = d["index"]
        type_ = d["type"]
        if type_ != "logs":
            raise ValueError(f"type must be 'logs', got {type_!r}")
        logs = d.get("logs", UNSET)
        run_step_delta_step_details_tool_calls_code_output_logs_object = cls(
            index=index,
            type_=type_,
            logs=logs,
        )
        if len(d) != 2 + (logs is not UNSET):
            run_step_delta_step_details_tool_calls_code_output_logs_object.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return run_step_delta_step_details_tool_calls_code_output_logs_object

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
