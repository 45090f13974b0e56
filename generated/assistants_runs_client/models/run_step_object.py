"""RunStepObject: One step of a run, such as writing a message or calling tools."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Literal, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_step_object_status import (
    RunStepObjectStatus,
    check_run_step_object_status,
)
from ..models.run_step_object_type import RunStepObjectType, check_run_step_object_type
from ..types import is_strict

# Required fields that may be null: missing, they read as None unless parsing is strict.
_NULL_WHEN_MISSING: dict[str, None] = {
    "last_error": None,
    "expired_at": None,
    "cancelled_at": None,
    "failed_at": None,
    "completed_at": None,
    "metadata": None,
    "usage": None,
}

_PROPERTY_NAMES = frozenset(
    (
        "id",
        "object",
        "created_at",
        "assistant_id",
        "thread_id",
        "run_id",
        "type",
        "status",
        "step_details",
        "last_error",
        "expired_at",
        "cancelled_at",
        "failed_at",
        "completed_at",
        "metadata",
        "usage",
    )
)


@_attrs_define
class RunStepObject:
    """One step of a run, such as writing a message or calling tools.

    Attributes:
        id (str): The step's id, beginning with `step_`.
        object_ (Literal['thread.run.step']):  Default: 'thread.run.step'.
        created_at (int): When the step was created, in Unix seconds.
        assistant_id (str): The assistant of the run.
        thread_id (str): The thread of the run.
        run_id (str): The run the step belongs to.
        type_ (RunStepObjectType): What the step does.
        status (RunStepObjectStatus): Where the step is in its lifecycle.
        step_details (dict[str, Any] | RunStepDetailsMessageCreationObject | RunStepDetailsToolCallsObject): What a step
            did.
        last_error (None | RunStepLastError): The last error, or null.
        expired_at (int | None): When the step expired, in Unix seconds.
        cancelled_at (int | None): When the step was cancelled, in Unix seconds.
        failed_at (int | None): When the step failed, in Unix seconds.
        completed_at (int | None): When the step completed, in Unix seconds.
        metadata (dict[str, str] | None):
        usage (None | RunStepCompletionUsage): Token usage; null while the step is in progress.
    """

    id: str
    created_at: int
    assistant_id: str
    thread_id: str
    run_id: str
    type_: RunStepObjectType
    status: RunStepObjectStatus
    step_details: dict[str, Any] | RunStepDetailsMessageCreationObject | RunStepDetailsToolCallsObject
    last_error: None | RunStepLastError
    expired_at: int | None
    cancelled_at: int | None
    failed_at: int | None
    completed_at: int | None
    metadata: dict[str, str] | None
    usage: None | RunStepCompletionUsage
    object_: Literal["thread.run.step"] = "thread.run.step"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON data: UNSET fields are left out."""
        field_dict: dict[str, Any] = {
            **self.additional_properties,
            "id": self.id,
            "object": self.object_,
            "created_at": self.created_at,
            "assistant_id": self.assistant_id,
            "thread_id": self.thread_id,
            "run_id": self.run_id,
            "type": self.type_,
            "status": self.status,
            "step_details": _dump_step_details(self.step_details),
            "last_error": None if self.last_error is None else self.last_error.to_dict(),
            "expired_at": self.expired_at,
            "cancelled_at": self.cancelled_at,
            "failed_at": self.failed_at,
            "completed_at": self.completed_at,
            "metadata": self.metadata,
            "usage": None if self.usage is None else self.usage.to_dict(),
        }
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from JSON data; raises KeyError, TypeError or ValueError if it does not fit.

        A required field that may be null and is missing reads as None, unless parsing is strict
        (see :mod:`assistants_runs_client.types`)."""
        try:
            return cls._from_dict(src_dict)
        except KeyError:
            if is_strict() or _NULL_WHEN_MISSING.keys() <= src_dict.keys():
                raise
            return cls._from_dict({**_NULL_WHEN_MISSING, **src_dict})

    @classmethod
    def _from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        id = d["id"]
        object_ = d["object"]
        if object_ != "thread.run.step":
            raise ValueError(f"object must be 'thread.run.step', got {object_!r}")
        created_at = d["created_at"]
        assistant_id = d["assistant_id"]
        thread_id = d["thread_id"]
        run_id = d["run_id"]
        type_ = check_run_step_object_type(d["type"])
        status = check_run_step_object_status(d["status"])
        step_details = _parse_step_details(d["step_details"])
        last_error = d["last_error"]
        if last_error is not None:
            last_error = RunStepLastError.from_dict(last_error)
        expired_at = d["expired_at"]
        cancelled_at = d["cancelled_at"]
        failed_at = d["failed_at"]
        completed_at = d["completed_at"]
        metadata = d["metadata"]
        usage = d["usage"]
        if usage is not None:
            usage = RunStepCompletionUsage.from_dict(usage)
        run_step_object = cls(
            id=id,
            object_=object_,
            created_at=created_at,
            assistant_id=assistant_id,
            thread_id=thread_id,
            run_id=run_id,
            type_=type_,
            status=status,
            step_details=step_details,
            last_error=last_error,
            expired_at=expired_at,
            cancelled_at=cancelled_at,
            failed_at=failed_at,
            completed_at=completed_at,
            metadata=metadata,
            usage=usage,
        )
        if len(d) != 16:
            run_step_object.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }
        return run_step_object

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
) -> dict[str, Any] | RunStepDetailsMessageCreationObject | RunStepDetailsToolCallsObject:
    if isinstance(data, dict):
        parse = _STEP_DETAILS_BY_TYPE.get(data.get("type"))
        # A tag this client does not know (a newer server's): keep the object as it came.
        return data if parse is None else parse(data)
    raise TypeError(f"step_details: unexpected {type(data).__name__} {data!r:.80}")


def _dump_step_details(
    value: dict[str, Any] | RunStepDetailsMessageCreationObject | RunStepDetailsToolCallsObject,
) -> Any:
    if isinstance(
        value,
        (
            RunStepDetailsMessageCreationObject,
            RunStepDetailsToolCallsObject,
        ),
    ):
        return value.to_dict()
    return value


# The models this one refers to are imported once its own class exists, so that references may
# run in circles and parsing needs no import at call time.
from ..models.run_step_completion_usage import RunStepCompletionUsage  # noqa: E402
from ..models.run_step_details_message_creation_object import RunStepDetailsMessageCreationObject  # noqa: E402
from ..models.run_step_details_tool_calls_object import RunStepDetailsToolCallsObject  # noqa: E402
from ..models.run_step_last_error import RunStepLastError  # noqa: E402

_STEP_DETAILS_BY_TYPE: dict[
    object, Callable[[Mapping[str, Any]], RunStepDetailsMessageCreationObject | RunStepDetailsToolCallsObject]
] = {
    "message_creation": RunStepDetailsMessageCreationObject.from_dict,
    "tool_calls": RunStepDetailsToolCallsObject.from_dict,
}
