"""RunStepDeltaStepDetailsToolCallsObject: Tool calls added or extended."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Literal, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "type",
        "tool_calls",
    )
)


@_attrs_define
class RunStepDeltaStepDetailsToolCallsObject:
    """Tool calls added or extended.

    Attributes:
        type_ (Literal['tool_calls']):  Default: 'tool_calls'.
        tool_calls (list[dict[str, Any] | RunStepDeltaStepDetailsToolCallsCodeObject |
            RunStepDeltaStepDetailsToolCallsFileSearchObject | RunStepDeltaStepDetailsToolCallsFunctionObject] | Unset):
    """

    type_: Literal["tool_calls"] = "tool_calls"
    tool_calls: (
        list[
            dict[str, Any]
            | RunStepDeltaStepDetailsToolCallsCodeObject
            | RunStepDeltaStepDetailsToolCallsFileSearchObject
            | RunStepDeltaStepDetailsToolCallsFunctionObject
        ]
        | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "type": self.type_,
        }
        if not isinstance(self.tool_calls, Unset):
            field_dict["tool_calls"] = [_dump_tool_calls_item(item0) for item0 in self.tool_calls]
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        type_ = d["type"]
        if type_ != "tool_calls":
            raise ValueError(f"type must be 'tool_calls', got {type_!r}")
        tool_calls = d.get("tool_calls", UNSET)
        if tool_calls is not UNSET:
            tool_calls = [_parse_tool_calls_item(item0) for item0 in tool_calls]
        run_step_delta_step_details_tool_calls_object = cls(
            type_=type_,
            tool_calls=tool_calls,
        )
        if len(d) != 1 + (tool_calls is not UNSET):
            run_step_delta_step_details_tool_calls_object.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return run_step_delta_step_details_tool_calls_object

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


def _parse_tool_calls_item(
    data: object,
) -> (
    dict[str, Any]
    | RunStepDeltaStepDetailsToolCallsCodeObject
    | RunStepDeltaStepDetailsToolCallsFileSearchObject
    | RunStepDeltaStepDetailsToolCallsFunctionObject
):
    if isinstance(data, dict):
        parse = _TOOL_CALLS_ITEM_BY_TYPE.get(data.get("type"))
        # A tag this client does not know (a newer server's): keep the object as it came.
        return data if parse is None else parse(data)
    raise TypeError(f"tool_calls_item: unexpected {type(data).__name__} {data!r:.80}")


def _dump_tool_calls_item(
    value: dict[str, Any]
    | RunStepDeltaStepDetailsToolCallsCodeObject
    | RunStepDeltaStepDetailsToolCallsFileSearchObject
    | RunStepDeltaStepDetailsToolCallsFunctionObject,
) -> Any:
    if isinstance(
        value,
        (
            RunStepDeltaStepDetailsToolCallsCodeObject,
            RunStepDeltaStepDetailsToolCallsFileSearchObject,
            RunStepDeltaStepDetailsToolCallsFunctionObject,
        ),
    ):
        return value.to_dict()
    return value


# The models this one refers to are imported once its own class exists, so that references may
# run in circles and parsing needs no import at call time.
from ..models.run_step_delta_step_details_tool_calls_code_object import RunStepDeltaStepDetailsToolCallsCodeObject  # noqa: E402
from ..models.run_step_delta_step_details_tool_calls_file_search_object import (
    RunStepDeltaStepDetailsToolCallsFileSearchObject,  # noqa: E402
)
from ..models.run_step_delta_step_details_tool_calls_function_object import (
    RunStepDeltaStepDetailsToolCallsFunctionObject,  # noqa: E402
)

_TOOL_CALLS_ITEM_BY_TYPE: dict[
    object,
    Callable[
        [Mapping[str, Any]],
        RunStepDeltaStepDetailsToolCallsCodeObject
        | RunStepDeltaStepDetailsToolCallsFileSearchObject
        | RunStepDeltaStepDetailsToolCallsFunctionObject,
    ],
] = {
    "code_interpreter": RunStepDeltaStepDetailsToolCallsCodeObject.from_dict,
    "file_search": RunStepDeltaStepDetailsToolCallsFileSearchObject.from_dict,
    "function": RunStepDeltaStepDetailsToolCallsFunctionObject.from_dict,
}
