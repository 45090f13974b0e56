"""The errors of the client generator, and the first look at a spec that tells a broken one apart.

Whatever is wrong with the inputs, ``make generate`` ends with one :class:`CodegenError` whose
message names the file, the place in it and what was expected, never with a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["CodegenError", "missing_input", "spec_problem"]

_OPENAPI = "an OpenAPI 3.1 document: a mapping with openapi, info and paths"


class CodegenError(Exception):
    """Generation failed; the message says why (and ``generated/`` was left as it was)."""


def missing_input(
    shown: str, path: Path, what: str, *, directory: bool = False
) -> CodegenError | None:
    """The error for an input file (or ``directory``) that is not there, else None."""
    if path.is_dir() if directory else path.is_file():
        return None
    found = "a directory" if path.is_dir() else "a file" if path.exists() else "nothing"
    return CodegenError(f"{shown}: {found} there (expected {what})")


def spec_problem(document: Any, shown: str) -> str | None:
    """Why ``document`` (the spec as read from ``shown``) cannot be generated from, before any
    step reads it: empty, not a mapping, no ``openapi``/``info``/``paths``, or a ``$ref`` that
    points to nothing. None when none of these is the case."""
    if document is None:
        return f"{shown}: the file is empty (expected {_OPENAPI})"
    if not isinstance(document, Mapping):
        kind = "a list" if isinstance(document, list) else f"a {type(document).__name__}"
        return f"{shown}: (document): {kind} (expected {_OPENAPI})"
    missing = [key for key in ("openapi", "info", "paths") if key not in document]
    if missing:
        return f"{shown}: (document): no {', '.join(missing)} (expected {_OPENAPI})"
    from runspec.check import dangling_refs

    problems = dangling_refs(document)
    if problems:
        lines = [
            f"{shown}: {p.location}: {p.message} (expected a '#/...' pointer to a part of this file)"
            for p in problems
        ]
        return "\n".join(lines)
    return None
