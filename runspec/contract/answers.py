"""The rule "every non-2xx answer is an OpenAI error", over a status, headers and body.

Schemathesis validates the bodies of the statuses the spec documents; this rule covers every
status, documented or not (405, 413, 415, ...), because clients parse all of them the same way:
``{"error": {"message", "type", "param", "code"}}`` as JSON, with an ``x-request-id`` header to
quote in a bug report. Answers to ``HEAD`` have no body, so only their header is checked.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import jsonschema_rs

from runspec.contract.facts import ERROR_POINTER
from runspec.spec import SpecSchemas

__all__ = ["REQUEST_ID_HEADER", "ErrorBodies", "error_answer_errors"]

REQUEST_ID_HEADER = "x-request-id"


class ErrorBodies:
    """``ErrorResponse`` of a spec: a compiled yes/no, and readable problems on no."""

    def __init__(self, schemas: SpecSchemas) -> None:
        self.schemas = schemas
        wrapper = {"$ref": ERROR_POINTER, "components": schemas.document["components"]}
        self._fast = jsonschema_rs.Draft202012Validator(wrapper)

    def errors(self, document: Any) -> list[str]:
        try:
            if self._fast.is_valid(document):
                return []
        except (ValueError, OverflowError, RecursionError):
            pass  # not representable on the Rust side: the Python validator decides
        return self.schemas.errors(document, ERROR_POINTER)


def error_answer_errors(
    bodies: ErrorBodies,
    *,
    status: int,
    headers: Mapping[str, Sequence[str]],
    body: bytes,
    method: str = "POST",
) -> list[str]:
    """Problems of a non-2xx answer; empty when it is a proper error (or not an error at all)."""
    if 200 <= status < 300:
        return []
    lowered = {name.lower(): values for name, values in headers.items()}
    problems: list[str] = []
    request_ids = [value for value in lowered.get(REQUEST_ID_HEADER, []) if value.strip()]
    if not request_ids:
        problems.append(f"{status} answer without an {REQUEST_ID_HEADER} header")
    if method.upper() == "HEAD":
        return problems
    content_type = next(iter(lowered.get("content-type", [])), None)
    if content_type is None or content_type.split(";")[0].strip().lower() != "application/json":
        problems.append(
            f"{status} answer is {content_type or 'without a content type'}, not application/json"
        )
    try:
        document = json.loads(body)
    except ValueError:
        problems.append(f"{status} answer body is not JSON: {body[:80]!r}")
        return problems
    problems.extend(f"{status} answer body {p}" for p in bodies.errors(document))
    return problems
