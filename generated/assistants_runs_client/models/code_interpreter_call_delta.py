"""CodeInterpreterCallDelta"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "input",
        "outputs",
    )
)


@_attrs_define
class CodeInterpreterCallDelta:
    """
    Attributes:
        input_ (str | Unset):
        outputs (list[dict[str, Any] | RunStepDeltaStepDetailsToolCallsCodeOutputImageObject |
            RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject] | Unset):
    """

    input_: str | Unset = UNSET
    outputs: (
        list[
            dict[str, Any]
            | RunStepDeltaStepDetailsToolCallsCodeOutputImageObject
            | RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject
        ]
        | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
        }
        if not isinstance(self.input_, Unset):
            field_dict["input"] = self.input_
        if not isinstance(self.outputs, Unset):
            field_dict["outputs"] = [_dump_outputs_item(item0) for item0 in self.outputs]
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        input_ = d.get("input", UNSET)
        outputs = d.get("outputs", UNSET)
        if outputs is not UNSET:
            outputs = [_parse_outputs_item(item0) for item0 in outputs]
        code_interpreter_call_delta = cls(
            input_=input_,
            outputs=outputs,
        )
        if len(d) != 0 + (input_ is not UNSET) + (outputs is not UNSET):
            code_interpreter_call_delta.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return code_interpreter_call_delta

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


def _parse_outputs_item(
    data: object,
) -> (
    dict[str, Any]
    | RunStepDeltaStepDetailsToolCallsCodeOutputImageObject
    | RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject
):
    if isinstance(data, dict):
        parse = _OUTPUTS_ITEM_BY_TYPE.get(data.get("type"))
        # A tag this client does not know (a newer server's): keep the object as it came.
        return data if parse is None else parse(data)
    raise TypeError(f"outputs_item: unexpected {type(data).__name__} {data!r:.80}")


def _dump_outputs_item(
    value: dict[str, Any]
    | RunStepDeltaStepDetailsToolCallsCodeOutputImageObject
    | RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject,
) -> Any:
    if isinstance(
        value,
        (
            RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject,
            RunStepDeltaStepDetailsToolCallsCodeOutputImageObject,
        ),
    ):
        return value.to_dict()
    return value


# The models this one refers to are imported once its own class exists, so that references may
# run in circles and parsing needs no import at call time.
from ..models.run_step_delta_step_details_tool_calls_code_output_image_object import (
    RunStepDeltaStepDetailsToolCallsCodeOutputImageObject,  # noqa: E402
)
from ..models.run_step_delta_step_details_tool_calls_code_output_logs_object import (
    RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject,  # noqa: E402
)

_OUTPUTS_ITEM_BY_TYPE: dict[
    object,
    Callable[
        [Mapping[str, Any]],
        RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject | RunStepDeltaStepDetailsToolCallsCodeOutputImageObject,
    ],
] = {
    "logs": RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject.from_dict,
    "image": RunStepDeltaStepDetailsToolCallsCodeOutputImageObject.from_dict,
}
