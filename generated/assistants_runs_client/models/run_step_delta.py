"""RunStepDelta"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(("step_details",))


@_attrs_define
class RunStepDelta:
    """
    Attributes:
        step_details (dict[str, Any] | RunStepDeltaStepDetailsMessageCreationObject |
            RunStepDeltaStepDetailsToolCallsObject | Unset): What changed in a step's details.
    """

    step_details: (
        dict[str, Any] | RunStepDeltaStepDetailsMessageCreationObject | RunStepDeltaStepDetailsToolCallsObject | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
        }
        if not isinstance(self.step_details, Unset):
            field_dict["step_details"] = _dump_step_details(self.step_details)
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        step_details = d.get("step_details", UNSET)
        if step_details is not UNSET:
            step_details = _parse_step_details(step_details)
        run_step_delta = cls(
            step_details=step_details,
        )
        if len(d) != 0 + (step_details is not UNSET):
            run_step_delta.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return run_step_delta

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


def _parse_step_details(
    data: object,
) -> dict[str, Any] | RunStepDeltaStepDetailsMessageCreationObject | RunStepDeltaStepDetailsToolCallsObject:
    if isinstance(data, dict):
        parse = _STEP_DETAILS_BY_TYPE.get(data.get("type"))
        # A tag this client does not know (a newer server's): keep the object as it came.
        return data if parse is None else parse(data)
    raise TypeError(f"step_details: unexpected {type(data).__name__} {data!r:.80}")


def _dump_step_details(
    value: dict[str, Any] | RunStepDeltaStepDetailsMessageCreationObject | RunStepDeltaStepDetailsToolCallsObject,
) -> Any:
    if isinstance(
        value,
        (
            RunStepDeltaStepDetailsMessageCreationObject,
            RunStepDeltaStepDetailsToolCallsObject,
        ),
    ):
        return value.to_dict()
    return value


# The models this one refers to are imported once its own class exists, so that references may
# run in circles and parsing needs no import at call time.
from ..models.run_step_delta_step_details_message_creation_object import RunStepDeltaStepDetailsMessageCreationObject  # noqa: E402
from ..models.run_step_delta_step_details_tool_calls_object import RunStepDeltaStepDetailsToolCallsObject  # noqa: E402

_STEP_DETAILS_BY_TYPE: dict[
    object,
    Callable[
        [Mapping[str, Any]], RunStepDeltaStepDetailsMessageCreationObject | RunStepDeltaStepDetailsToolCallsObject
    ],
] = {
    "message_creation": RunStepDeltaStepDetailsMessageCreationObject.from_dict,
    "tool_calls": RunStepDeltaStepDetailsToolCallsObject.from_dict,
}
