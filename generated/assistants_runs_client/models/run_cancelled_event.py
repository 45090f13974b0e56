"""RunCancelledEvent: A run was cancelled; ends the stream."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

_PROPERTY_NAMES = frozenset(
    (
        "event",
        "data",
    )
)


@_attrs_define
class RunCancelledEvent:
    """A run was cancelled; ends the stream.

    Attributes:
        event (Literal['thread.run.cancelled']):  Default: 'thread.run.cancelled'.
        data (RunObject): A run of an assistant on a thread.
    """

    data: RunObject
    event: Literal["thread.run.cancelled"] = "thread.run.cancelled"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "event": self.event,
            "data": self.data.to_dict(),
        }
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        event = d["event"]
        if event != "thread.run.cancelled":
            raise ValueError(f"event must be 'thread.run.cancelled', got {event!r}")
        data = RunObject.from_dict(d["data"])
        run_cancelled_event = cls(
            event=event,
            data=data,
        )
        if len(d) != 2:
            run_cancelled_event.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return run_cancelled_event

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
from ..models.run_object import RunObject  # noqa: E402
