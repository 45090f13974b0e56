"""Access to the spec's schemas as compiled JSON Schema 2020-12 validators.

OpenAPI 3.1 schemas are JSON Schema 2020-12, so the whole spec document is registered as one
``referencing`` resource and any schema in it is validated by pointer (``#/components/schemas/...``).
Validators are compiled once per pointer and cached; formats (``uri``, ...) are checked. A spec
split over several files is loaded whole by :func:`load_spec_file` (relative ``$ref``s to other
files followed, see :mod:`runspec.refs`).
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
from runspec.refs import RefError, load_with_refs
from runspec.yamlio import YamlError, load_document

__all__ = ["SpecSchemas", "format_error", "load_spec", "load_spec_file", "resolve_pointer"]

_BASE_URI = "urn:runspec:openapi"


def load_spec_file(path: str | Path) -> Any:
    """A spec file with the other local files it ``$ref``s; :class:`YamlError` naming the file and
    the reference when one cannot be read or followed."""
    root = Path(path)

    def read(file: str) -> Any:
        if Path(file) != root and not Path(file).is_file():
            raise FileNotFoundError(file)
        return load_document(file)

    try:
        return load_with_refs(root.as_posix(), read)
    except RefError as exc:
        raise YamlError(str(exc)) from exc


@cache
def _load_spec_cached(path: Path) -> Mapping[str, Any]:
    document: Mapping[str, Any] = load_spec_file(path)
    return document


def load_spec(path: str | Path = SPEC_PATH) -> Mapping[str, Any]:
    """Load (once per path) and return a spec document. Treat the result as read-only."""
    return _load_spec_cached(Path(path).resolve())


def resolve_pointer(document: Mapping[str, Any], pointer: str) -> Any:
    """Follow a local JSON pointer such as ``#/components/schemas/RunObject``.

    A node on the way that is only a ``$ref`` (a component kept in another file of a multi-file
    spec, see :func:`load_spec_file`) is followed, so pointers name what the component means."""
    node: Any = _through_refs(document, document)
    for part in pointer.removeprefix("#").strip("/").split("/"):
        if not part:
            continue
        key = part.replace("~1", "/").replace("~0", "~")
        node = _through_refs(document, node[int(key)] if isinstance(node, list) else node[key])
    return node


def _through_refs(document: Mapping[str, Any], node: Any) -> Any:
    for _ in range(_MAX_REF_HOPS):
        if not (isinstance(node, Mapping) and len(node) == 1 and isinstance(node.get("$ref"), str)):
            return node
        node = resolve_pointer(document, node["$ref"])
    raise KeyError("circular $ref chain")


_MAX_REF_HOPS = 64


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
