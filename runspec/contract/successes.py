"""The rule "a success answer has the documented body, whatever its 2xx status".

Schemathesis validates a body only for a status the spec documents. A server that answers 201
where the spec says 200 (the openai-responses mock does) gets "Undocumented status code" once per
case, and then nothing at all is said of its bodies: a run with a wrong field went unreported
behind the status. Clients read any 2xx as the documented success (the official SDK does, and so
does the generated client unless it is strict), so the body is judged by that success's schema.

The rule applies where the spec documents exactly one 2xx status with a JSON body
(:attr:`.facts.OperationFacts.success`); a stream's body is judged by the streaming checks,
whatever its status.
"""

from __future__ import annotations

import json
from typing import Any

from jsonschema.exceptions import ValidationError

from runspec.contract.facts import DocumentedSuccess
from runspec.spec import SpecSchemas, format_error

__all__ = ["undocumented_success_errors"]

_JSON = "application/json"
_MAX_MESSAGE = 240


def undocumented_success_errors(
    schemas: SpecSchemas,
    success: DocumentedSuccess,
    status: int,
    media_type: str | None,
    body: bytes,
) -> list[str]:
    """What is wrong with a JSON answer of another 2xx ``status``, by the documented schema."""
    if status == success.status or not 200 <= status < 300 or media_type != _JSON:
        return []
    try:
        document = json.loads(body)
    except ValueError:
        return [f"the {status} answer's body is not JSON"]
    found = schemas.validator(success.pointer).iter_errors(document)
    closest = sorted((e for error in found for e in _closest(error)), key=lambda e: e.json_path)
    return [f"{status} answer at {_shortened(format_error(error))}" for error in closest]


def _closest(error: ValidationError) -> list[ValidationError]:
    """The errors of the one branch of a oneOf/anyOf that is of the instance's kind.

    Such an error quotes the whole instance and says only that no branch fits. The branches
    of this spec's unions are told apart by JSON type or by a ``type`` property's constant; the
    one branch whose kind fits says what is wrong. (jsonschema's ``best_match`` prefers the
    shallowest error, which is the constant of a branch of another kind.)
    """
    if not error.context:
        return [error]
    branches: dict[Any, list[ValidationError]] = {}
    for inner in error.context:
        branches.setdefault(inner.relative_schema_path[0], []).append(inner)
    fitting = [errors for errors in branches.values() if not any(map(_other_kind, errors))]
    if len(fitting) != 1:
        return [error]
    return [closest for inner in fitting[0] for closest in _closest(inner)]


def _other_kind(error: ValidationError) -> bool:
    """Whether ``error`` says the instance is of another kind than its branch is for."""
    depth = len(error.relative_path)
    return (error.validator == "type" and depth == 0) or (
        error.validator in ("const", "enum") and depth == 1
    )


def _shortened(line: str) -> str:
    return line if len(line) <= _MAX_MESSAGE else line[: _MAX_MESSAGE - 1] + "…"
