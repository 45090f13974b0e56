"""The operations the server serves, read from the spec's ``paths``.

For each operation: method, path, operationId, its parameters (``$ref``s resolved) and where
the schema of its JSON body is, as a pointer usable with :class:`runspec.spec.SpecSchemas`. The
server's routes are built from this, so a path, a parameter or a media type changes in one place:
``openapi/openapi.yaml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from runspec.spec import resolve_pointer

__all__ = ["Operation", "Parameter", "base_path", "load_operations"]

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    location: str  # "header", "path", "query" or "cookie"
    required: bool
    schema_pointer: str


@dataclass(frozen=True, slots=True)
class Operation:
    operation_id: str
    method: str  # upper case, e.g. "POST"
    path: str  # as in the spec, e.g. "/threads/{thread_id}/runs"
    parameters: tuple[Parameter, ...]
    body_pointer: str | None  # schema of the application/json body
    body_required: bool
    media_types: tuple[str, ...]  # request body media types

    def parameter(self, location: str) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == location)


def _resolve(document: Mapping[str, Any], node: Any, pointer: str) -> tuple[Any, str]:
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        pointer = node["$ref"]
        node = resolve_pointer(document, pointer)
    return node, pointer


def load_operations(document: Mapping[str, Any]) -> list[Operation]:
    """Every operation of the spec, in the order of ``paths``."""
    operations: list[Operation] = []
    for path, item in document.get("paths", {}).items():
        item_pointer = f"#/paths/{_escape(path)}"
        shared = item.get("parameters", [])
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            op_pointer = f"{item_pointer}/{method}"
            parameters: dict[tuple[str, str], Parameter] = {}
            for source, listed in (("parameters", shared), (f"{method}/parameters", None)):
                entries = listed if listed is not None else operation.get("parameters", [])
                base = f"{item_pointer}/{source}"
                for index, entry in enumerate(entries):
                    param, pointer = _resolve(document, entry, f"{base}/{index}")
                    key = (param["name"], param["in"])
                    _, schema_pointer = _resolve(document, param.get("schema"), f"{pointer}/schema")
                    parameters[key] = Parameter(
                        name=param["name"],
                        location=param["in"],
                        required=bool(param.get("required", False)),
                        schema_pointer=schema_pointer,
                    )
            body, body_pointer = _resolve(
                document, operation.get("requestBody"), f"{op_pointer}/requestBody"
            )
            content = body.get("content", {}) if isinstance(body, Mapping) else {}
            json_pointer = None
            if "application/json" in content:
                _, json_pointer = _resolve(
                    document,
                    content["application/json"].get("schema"),
                    f"{body_pointer}/content/{_escape('application/json')}/schema",
                )
            operations.append(
                Operation(
                    operation_id=operation["operationId"],
                    method=method.upper(),
                    path=path,
                    parameters=tuple(parameters.values()),
                    body_pointer=json_pointer,
                    body_required=bool(body.get("required", False)) if body else False,
                    media_types=tuple(content),
                )
            )
    return operations


def base_path(document: Mapping[str, Any]) -> str:
    """The path part of the spec's local server URL (``/v1``), else of its first server."""
    servers = document.get("servers") or [{"url": "/"}]
    local = [s for s in servers if urlsplit(s["url"]).hostname in ("127.0.0.1", "localhost")]
    path: str = urlsplit((local or servers)[0]["url"]).path
    return path.rstrip("/")
