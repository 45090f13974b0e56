"""CodeInterpreterCall"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

_PROPERTY_NAMES = frozenset(
    (
        "input",
        "outputs",
    )
)


@_attrs_define
class CodeInterpreterCall:
    """
    Attributes:
        input_ (str): The code run.
        outputs (list[dict[str, Any] | RunStepDetailsToolCallsCodeOutputImageObject |
            RunStepDetailsToolCallsCodeOutputLogsObject]): What the code printed or drew.
    """

    input_: str
    outputs: list[
        dict[str, Any] | RunStepDetailsToolCallsCodeOutputImageObject | RunStepDetailsToolCallsCodeOutputLogsObject
    ]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "input": self.input_,
            "outputs": [_dump_outputs_item(item0) for item0 in self.outputs],
        }
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        input_ = d["input"]
        outputs = [_parse_outputs_item(item0) for item0 in d["outputs"]]
        code_interpreter_call = cls(
            input_=input_,
            outputs=outputs,
        )
        if len(d) != 2:
            code_interpreter_call.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return code_interpreter_call

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
) -> dict[str, Any] | RunStepDetailsToolCallsCodeOutputImageObject | RunStepDetailsToolCallsCodeOutputLogsObject:
    if isinstance(data, dict):
        parse = _OUTPUTS_ITEM_BY_TYPE.get(data.get("type"))
        # A tag this client does not know (a newer server's): keep the object as it came.
        return data if parse is None else parse(data)
    raise TypeError(f"outputs_item: unexpected {type(data).__name__} {data!r:.80}")


def _dump_outputs_item(
    value: dict[str, Any] | RunStepDetailsToolCallsCodeOutputImageObject | RunStepDetailsToolCallsCodeOutputLogsObject,
) -> Any:
    if isinstance(
        value,
        (
            RunStepDetailsToolCallsCodeOutputLogsObject,
            RunStepDetailsToolCallsCodeOutputImageObject,
        ),
    ):
        return value.to_dict()
    return value


# The models this one refers to are imported once its own class exists, so that references may
# run in circles and parsing needs no import at call time.
from ..models.run_step_details_tool_calls_code_output_image_object import RunStepDetailsToolCallsCodeOutputImageObject  # noqa: E402
from ..models.run_step_details_tool_calls_code_output_logs_object import RunStepDetailsToolCallsCodeOutputLogsObject  # noqa: E402

_OUTPUTS_ITEM_BY_TYPE: dict[
    object,
    Callable[
        [Mapping[str, Any]], RunStepDetailsToolCallsCodeOutputLogsObject | RunStepDetailsToolCallsCodeOutputImageObject
    ],
] = {
    "logs": RunStepDetailsToolCallsCodeOutputLogsObject.from_dict,
    "image": RunStepDetailsToolCallsCodeOutputImageObject.from_dict,
}
