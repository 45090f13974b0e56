"""RunIncompleteDetails: Why a run ended `incomplete`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_incomplete_details_reason import (
    RunIncompleteDetailsReason,
    check_run_incomplete_details_reason,
)
from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(("reason",))


@_attrs_define
class RunIncompleteDetails:
    """Why a run ended `incomplete`.

    Attributes:
        reason (RunIncompleteDetailsReason | Unset): The token limit that was reached.
    """

    reason: RunIncompleteDetailsReason | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
        }
        if not isinstance(self.reason, Unset):
            field_dict["reason"] = self.reason
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        reason = d.get("reason", UNSET)
        if reason is not UNSET:
            reason = check_run_incomplete_details_reason(reason)
        run_incomplete_details = cls(
            reason=reason,
        )
        if len(d) != 0 + (reason is not UNSET):
            run_incomplete_details.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return run_incomplete_details

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
