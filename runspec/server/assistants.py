"""Assistants the server knows: the seeded one, those of an ``--assistants`` file, and ids
accepted on first use with ``--any-assistant``.

The file is YAML (or JSON)::

    assistants:
      - id: asst_weather                 # required, asst_ followed by 1-64 of [A-Za-z0-9_-]
        model: gpt-4o-mini               # default gpt-4o
        instructions: You report the weather.   # default "You are a helpful assistant."
        tools:                           # default []; checked against the spec's AssistantTool
          - type: function
            function: {name: get_weather, parameters: {type: object}}

A problem is reported as :class:`AssistantsFileError`, whose message names the file and the field
(``assistants.yaml: assistants[0].tools[0].type: Invalid value: ...``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from runspec.server.validation import ErrorMapper
from runspec.spec import SpecSchemas
from runspec.yamlio import YamlError, load_document

__all__ = [
    "ASSISTANT_ID",
    "DEFAULT_ASSISTANT",
    "DEFAULT_INSTRUCTIONS",
    "DEFAULT_MODEL",
    "Assistant",
    "AssistantsFileError",
    "load_assistants",
]

DEFAULT_MODEL = "gpt-4o"
DEFAULT_INSTRUCTIONS = "You are a helpful assistant."
# A well-formed assistant id, as accepted by --any-assistant and in assistants files.
ASSISTANT_ID = re.compile(r"asst_[A-Za-z0-9_-]{1,64}")
# Where the spec says what a run's tool list may hold (at most 20 AssistantTool).
TOOLS_POINTER = "#/components/schemas/RunObject/properties/tools"


@dataclass(frozen=True, slots=True)
class Assistant:
    """What a run takes from its assistant unless the request overrides it.

    ``tools`` is JSON as the spec describes it and is shared by the runs that use it: read-only.
    """

    id: str
    model: str = DEFAULT_MODEL
    instructions: str = DEFAULT_INSTRUCTIONS
    tools: Sequence[Mapping[str, Any]] = field(default_factory=tuple)


DEFAULT_ASSISTANT = Assistant(
    id="asst_abc123",
    model=DEFAULT_MODEL,
    instructions=DEFAULT_INSTRUCTIONS,
    tools=(
        {"type": "code_interpreter"},
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "Current weather for a city.",
                "parameters": {
                    "type": "object",
                    "properties": {"city": {"type": "string"}},
                    "required": ["city"],
                },
            },
        },
    ),
)


class AssistantsFileError(ValueError):
    """An ``--assistants`` file that cannot be used; the message names file and field."""


_FIELDS = ("id", "model", "instructions", "tools")


def load_assistants(path: str | Path, schemas: SpecSchemas) -> list[Assistant]:
    """Read and check an assistants file."""
    name = str(path)
    try:
        document = load_document(path)
    except YamlError as exc:
        raise AssistantsFileError(str(exc)) from exc

    def fail(where: str, problem: str) -> AssistantsFileError:
        return AssistantsFileError(f"{name}: {where}: {problem}")

    if not isinstance(document, Mapping) or set(document) != {"assistants"}:
        raise fail("(top level)", "expected a mapping with the single key 'assistants'")
    entries = document["assistants"]
    if not isinstance(entries, list):
        raise fail("assistants", "expected a list of assistants")
    tools_check = schemas.validator(TOOLS_POINTER)
    found: list[Assistant] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"assistants[{index}]"
        if not isinstance(entry, Mapping):
            raise fail(where, "expected a mapping")
        unknown = sorted(set(entry) - set(_FIELDS), key=str)
        if unknown:
            raise fail(
                f"{where}.{unknown[0]}", f"unknown field; expected one of {', '.join(_FIELDS)}"
            )
        assistant_id = entry.get("id")
        if not isinstance(assistant_id, str) or not ASSISTANT_ID.fullmatch(assistant_id):
            raise fail(f"{where}.id", f"expected an id like 'asst_abc123', got {assistant_id!r}")
        if assistant_id in seen:
            raise fail(f"{where}.id", f"duplicate id {assistant_id!r}")
        seen.add(assistant_id)
        for key, default in (("model", DEFAULT_MODEL), ("instructions", DEFAULT_INSTRUCTIONS)):
            if not isinstance(entry.get(key, default), str):
                raise fail(f"{where}.{key}", f"expected a string, got {entry[key]!r}")
        tools = entry.get("tools", [])
        mapper = ErrorMapper(schemas.document, root=("assistants", index, "tools"))
        problem = mapper.best(tools_check.iter_errors(tools))
        if problem is not None:
            raise fail(problem.param or f"{where}.tools", problem.message)
        found.append(
            Assistant(
                id=assistant_id,
                model=entry.get("model", DEFAULT_MODEL),
                instructions=entry.get("instructions", DEFAULT_INSTRUCTIONS),
                tools=tuple(tools),
            )
        )
    return found
