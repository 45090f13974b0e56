"""RunStepCompletionUsage: Tokens a step used."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

_PROPERTY_NAMES = frozenset(
    (
        "completion_tokens",
        "prompt_tokens",
        "total_tokens",
    )
)


@_attrs_define
class RunStepCompletionUsage:
    """Tokens a step used.

    Attributes:
        completion_tokens (int):
        prompt_tokens (int):
        total_tokens (int):
    """

    completion_tokens: int
    prompt_tokens: int
    total_tokens: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "completion_tokens": self.completion_tokens,
            "prompt_tokens": self.prompt_tokens,
            "total_tokens": self.total_tokens,
        }
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        completion_tokens = d["completion_tokens"]
        prompt_tokens = d["prompt_tokens"]
        total_tokens = d["total_tokens"]
        run_step_completion_usage = cls(
            completion_tokens=completion_tokens,
            prompt_tokens=prompt_tokens,
            total_tokens=total_tokens,
        )
        if len(d) != 3:
            run_step_completion_usage.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return run_step_completion_usage

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
