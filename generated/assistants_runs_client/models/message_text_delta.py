"""MessageTextDelta"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

_PROPERTY_NAMES = frozenset(
    (
        "value",
        "annotations",
    )
)


@_attrs_define
class MessageTextDelta:
    """
    Attributes:
        value (str | Unset): The text to append.
        annotations (list[dict[str, Any] | MessageDeltaContentTextAnnotationsFileCitationObject |
            MessageDeltaContentTextAnnotationsFilePathObject] | Unset):
    """

    value: str | Unset = UNSET
    annotations: (
        list[
            dict[str, Any]
            | MessageDeltaContentTextAnnotationsFileCitationObject
            | MessageDeltaContentTextAnnotationsFilePathObject
        ]
        | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
        }
        if not isinstance(self.value, Unset):
            field_dict["value"] = self.value
        if not isinstance(self.annotations, Unset):
            field_dict["annotations"] = [_dump_annotations_item(item0) for item0 in self.annotations]
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit."""
        d = src_dict
        value = d.get("value", UNSET)
        annotations = d.get("annotations", UNSET)
        if annotations is not UNSET:
            annotations = [_parse_annotations_item(item0) for item0 in annotations]
        message_text_delta = cls(
            value=value,
            annotations=annotations,
        )
        if len(d) != 0 + (value is not UNSET) + (annotations is not UNSET):
            message_text_delta.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return message_text_delta

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


def _parse_annotations_item(
    data: object,
) -> (
    dict[str, Any]
    | MessageDeltaContentTextAnnotationsFileCitationObject
    | MessageDeltaContentTextAnnotationsFilePathObject
):
    if isinstance(data, dict):
        parse = _ANNOTATIONS_ITEM_BY_TYPE.get(data.get("type"))
        # A tag this client does not know (a newer server's): keep the object as it came.
        return data if parse is None else parse(data)
    raise TypeError(f"annotations_item: unexpected {type(data).__name__} {data!r:.80}")


def _dump_annotations_item(
    value: dict[str, Any]
    | MessageDeltaContentTextAnnotationsFileCitationObject
    | MessageDeltaContentTextAnnotationsFilePathObject,
) -> Any:
    if isinstance(
        value,
        (
            MessageDeltaContentTextAnnotationsFileCitationObject,
            MessageDeltaContentTextAnnotationsFilePathObject,
        ),
    ):
        return value.to_dict()
    return value


# The models this one refers to are imported once its own class exists, so that references may
# run in circles and parsing needs no import at call time.
from ..models.message_delta_content_text_annotations_file_citation_object import (
    MessageDeltaContentTextAnnotationsFileCitationObject,  # noqa: E402
)
from ..models.message_delta_content_text_annotations_file_path_object import (
    MessageDeltaContentTextAnnotationsFilePathObject,  # noqa: E402
)

_ANNOTATIONS_ITEM_BY_TYPE: dict[
    object,
    Callable[
        [Mapping[str, Any]],
        MessageDeltaContentTextAnnotationsFileCitationObject | MessageDeltaContentTextAnnotationsFilePathObject,
    ],
] = {
    "file_citation": MessageDeltaContentTextAnnotationsFileCitationObject.from_dict,
    "file_path": MessageDeltaContentTextAnnotationsFilePathObject.from_dict,
}
