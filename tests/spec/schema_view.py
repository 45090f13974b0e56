"""Reads schema facts from the spec in tests, looking through $ref and 3.1 nullability."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from runspec.spec import resolve_pointer


class SchemaView:
    """Reads schema facts from the spec, looking through $ref and nullable wrappers."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document

    def resolve(self, node: Mapping[str, Any]) -> Mapping[str, Any]:
        while "$ref" in node:
            node = resolve_pointer(self.document, node["$ref"])
        return node

    def schema(self, name: str) -> Mapping[str, Any]:
        return self.resolve({"$ref": f"#/components/schemas/{name}"})

    def prop(self, schema: str | Mapping[str, Any], *path: str) -> Mapping[str, Any]:
        """The schema of a (nested) property, with any null alternative stripped."""
        node = self.schema(schema) if isinstance(schema, str) else schema
        for name in path:
            node = self.non_null(self.resolve(node))["properties"][name]
        return self.resolve(node)

    def nullable(self, node: Mapping[str, Any]) -> bool:
        node = self.resolve(node)
        types = node.get("type")
        if types == "null" or (isinstance(types, list) and "null" in types):
            return True
        return any(self.nullable(member) for member in node.get("anyOf", []))

    def non_null(self, node: Mapping[str, Any]) -> Mapping[str, Any]:
        node = self.resolve(node)
        members = [m for m in node.get("anyOf", []) if self.resolve(m).get("type") != "null"]
        return self.resolve(members[0]) if len(members) == 1 and "type" not in node else node

    def types(self, node: Mapping[str, Any]) -> set[str]:
        """The JSON types a schema admits, 'null' included."""
        node = self.resolve(node)
        if "const" in node and "type" not in node:
            return {type(node["const"]).__name__}
        declared = node.get("type")
        found = set(declared if isinstance(declared, list) else [declared] if declared else [])
        for member in node.get("anyOf", []) + node.get("oneOf", []):
            found |= self.types(member)
        return found
