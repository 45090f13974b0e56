"""Validate an Overlay document against the official JSON Schema of its version.

The 1.1 schema is the OpenAPI Initiative's own (copied into ``runspec/data`` so an installed
package does not need the repository's ``shared/`` folder). Its ``overlay`` pattern only admits
``1.1.x``; for ``1.0.x`` documents we derive the 1.0 schema from it the way the upstream
``schemas/v1.0/schema.yaml`` differs from the 1.1 one: version pattern ``^1\\.0\\.\\d+$``, no
``copy`` in actions and no ``description`` in ``info`` (both were added in 1.1).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from runspec.overlay.errors import OverlayProblem
from runspec.yamlio import loads_yaml

__all__ = ["SCHEMA_RESOURCE", "load_schema", "overlay_version", "validate_overlay"]

SCHEMA_RESOURCE = "data/overlay-1.1.schema.yaml"
"""The bundled 1.1 schema, relative to the ``runspec`` package."""

_VERSION = re.compile(r"^1\.([01])\.\d+$")
_MAX_MESSAGE = 200


def overlay_version(overlay: Mapping[str, Any]) -> str | None:
    """``"1.0"`` or ``"1.1"`` for a supported ``overlay`` field, else ``None``.

    The patch number is ignored, as the Overlay text asks ("no distinction between 1.0.0 and
    1.0.1").
    """
    value = overlay.get("overlay")
    if isinstance(value, str) and (match := _VERSION.match(value)):
        return f"1.{match.group(1)}"
    return None


@cache
def load_schema(version: str = "1.1") -> dict[str, Any]:
    """The Overlay JSON Schema for ``version`` (``"1.0"`` or ``"1.1"``)."""
    text = resources.files("runspec").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")
    schema: dict[str, Any] = loads_yaml(text, source=SCHEMA_RESOURCE)
    if version == "1.1":
        return schema
    if version != "1.0":
        raise ValueError(f"no schema for Overlay {version}")
    schema = copy.deepcopy(schema)
    schema["$id"] = "https://spec.openapis.org/overlay/1.0/schema/WORK-IN-PROGRESS"
    schema["description"] = "The description of Overlay v1.0.x documents"
    schema["properties"]["overlay"]["pattern"] = r"^1\.0\.\d+$"
    del schema["$defs"]["action-object"]["properties"]["copy"]
    del schema["$defs"]["info-object"]["properties"]["description"]
    return schema


@cache
def _validator(version: str) -> Draft202012Validator:
    schema = load_schema(version)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate_overlay(overlay: Any, *, source: str) -> list[OverlayProblem]:
    """Every schema violation in ``overlay``, one problem each (empty if it is valid).

    Documents whose ``overlay`` field names another version (``1.2.0``, ``2.0.0``) get one
    problem saying so rather than a list of violations of a schema they were not written for.
    """
    if not isinstance(overlay, Mapping):
        kind = type(overlay).__name__ if overlay is not None else "empty"
        return [OverlayProblem(source, f"not an Overlay document: expected an object, got {kind}")]
    declared = overlay.get("overlay")
    version = overlay_version(overlay)
    if version is None and isinstance(declared, str) and re.match(r"^\d+\.\d+\.\d+$", declared):
        return [
            OverlayProblem(
                source,
                f"unsupported Overlay version {declared!r}: this tool applies 1.0.x and 1.1.x",
            )
        ]
    errors = sorted(
        _validator(version or "1.1").iter_errors(overlay),
        key=lambda error: [str(part) for part in error.absolute_path],
    )
    return [_problem(error, overlay, source=source) for error in errors]


def _problem(error: Any, overlay: Mapping[str, Any], *, source: str) -> OverlayProblem:
    path = list(error.absolute_path)
    action: int | None = None
    target: str | None = None
    if len(path) >= 2 and path[0] == "actions" and isinstance(path[1], int):
        action = path[1]
        item = overlay["actions"][action]
        if isinstance(item, Mapping) and isinstance(item.get("target"), str):
            target = item["target"]
        path = path[2:]
    if error.validator == "uniqueItems":
        message = f"actions must be unique: {_duplicates(error.instance)}"
    else:
        message = str(error.message)
    if len(message) > _MAX_MESSAGE:
        message = message[: _MAX_MESSAGE - 1] + "…"
    where = " at " + "/".join(str(part) for part in path) if path else ""
    return OverlayProblem(source, f"schema violation{where}: {message}", action, target)


def _duplicates(items: list[Any]) -> str:
    pairs = [
        f"actions[{later}] repeats actions[{earlier}]"
        for later in range(len(items))
        for earlier in range(later)
        if items[earlier] == items[later]
    ]
    return ", ".join(pairs) or "duplicate actions"
