"""Access to the spec's schemas as compiled JSON Schema 2020-12 validators.

OpenAPI 3.1 schemas are JSON Schema 2020-12, so the whole spec document is registered as one
``referencing`` resource and any schema in it is validated by pointer (``#/components/schemas/...``).
Validators are compiled once per pointer and cached; formats (``uri``, ...) are checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import referencing
import referencing.jsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from runspec import SPEC_PATH
from runspec.yamlio import load_document

__all__ = ["SpecSchemas", "format_error", "load_spec", "resolve_pointer"]

_BASE_URI = "urn:runspec:openapi"


@cache
def _load_spec_cached(path: Path) -> Mapping[str, Any]:
    document: Mapping[str, Any] = load_document(path)
    return document


def load_spec(path: str | Path = SPEC_PATH) -> Mapping[str, Any]:
    """Load (once per path) and return a spec document. Treat the result as read-only."""
    return _load_spec_cached(Path(path).resolve())


def resolve_pointer(document: Mapping[str, Any], pointer: str) -> Any:
    """Follow a local JSON pointer such as ``#/components/schemas/RunObject``."""
    node: Any = document
    for part in pointer.removeprefix("#").strip("/").split("/"):
        if not part:
            continue
        key = part.replace("~1", "/").replace("~0", "~")
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node


def format_error(error: ValidationError) -> str:
    """One readable line: where in the instance, and what was expected."""
    where = error.json_path if error.absolute_path else "$"
    return f"{where}: {error.message}"


class SpecSchemas:
    """Compiled validators for the schemas of one spec document."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        resource = referencing.Resource.from_contents(
            document, default_specification=referencing.jsonschema.DRAFT202012
        )
        self._registry: referencing.Registry[Any] = referencing.Registry().with_resource(
            _BASE_URI, resource
        )
        self._validators: dict[str, Draft202012Validator] = {}

    @classmethod
    def from_path(cls, path: str | Path = SPEC_PATH) -> SpecSchemas:
        return cls(load_spec(path))

    def validator(self, pointer: str) -> Draft202012Validator:
        """The validator for the schema at ``pointer`` (``#/components/schemas/X``)."""
        found = self._validators.get(pointer)
        if found is None:
            found = Draft202012Validator(
                {"$ref": f"{_BASE_URI}{pointer}"},
                registry=self._registry,
                format_checker=Draft202012Validator.FORMAT_CHECKER,
            )
            self._validators[pointer] = found
        return found

    def schema_validator(self, schema: Mapping[str, Any]) -> Draft202012Validator:
        """A validator for an inline schema whose ``$ref``s point into the spec."""
        return Draft202012Validator(
            _rebase(schema),
            registry=self._registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )

    def errors(self, instance: Any, pointer: str) -> list[str]:
        """Readable validation errors of ``instance`` against the schema at ``pointer``."""
        return [format_error(e) for e in self.validator(pointer).iter_errors(instance)]


def _rebase(schema: Any) -> Any:
    """Rewrite local ``#/...`` refs of an inline schema so they resolve inside the spec."""
    if isinstance(schema, Mapping):
        return {
            key: (
                f"{_BASE_URI}{value}"
                if key == "$ref" and isinstance(value, str) and value.startswith("#")
                else _rebase(value)
            )
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [_rebase(item) for item in schema]
    return schema
