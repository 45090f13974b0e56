"""What the domain checks know about the two operations, all read from the spec.

Nothing here restates a schema rule. Which request fields a run must echo is derived: a property
of the operation's JSON request body that is also a property of ``RunObject`` (``assistant_id``,
``model``, ``tools``, ...). Likewise a path parameter that is a ``RunObject`` property
(``thread_id``) must come back unchanged. An operation without a ``thread_id`` path parameter
creates its thread, so its event stream starts with ``thread.created``. An operation's one
documented 2xx status is what clients read any 2xx answer as (:mod:`.successes`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from runspec.spec import load_spec, resolve_pointer

__all__ = [
    "ERROR_POINTER",
    "RUN_POINTER",
    "DocumentedSuccess",
    "OperationFacts",
    "SpecFacts",
    "spec_facts",
]

RUN_POINTER = "#/components/schemas/RunObject"
ERROR_POINTER = "#/components/schemas/ErrorResponse"
_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class DocumentedSuccess:
    """An operation's only documented 2xx status, and its JSON body's schema."""

    status: int
    pointer: str  # ``#/paths/~1threads~1runs/post/responses/200/content/application~1json/schema``


@dataclass(frozen=True)
class OperationFacts:
    """One operation as the domain checks see it."""

    operation_id: str
    method: str  # upper case, e.g. ``POST``
    path: str  # the spec's template, e.g. ``/threads/{thread_id}/runs``
    request_pointer: str | None  # the JSON request body's schema, e.g. ``#/components/schemas/X``
    echoed_fields: tuple[str, ...]  # request body properties that are also run properties
    echoed_path_parameters: tuple[str, ...]  # path parameters that are also run properties
    # The one 2xx status it documents with a JSON body, and where that body's schema is; None
    # when it documents several 2xx statuses, or none with a JSON body.
    success: DocumentedSuccess | None = None

    @property
    def creates_thread(self) -> bool:
        """Whether the operation makes a new thread (it is not given one in its path)."""
        return "thread_id" not in self.echoed_path_parameters


@dataclass(frozen=True)
class SpecFacts:
    """The facts of every operation of a spec, looked up by method and path template."""

    operations: tuple[OperationFacts, ...]

    @classmethod
    def from_document(cls, document: Mapping[str, Any]) -> SpecFacts:
        run_properties = resolve_pointer(document, RUN_POINTER)["properties"]
        found: list[OperationFacts] = []
        for path, item in document["paths"].items():
            for method in _HTTP_METHODS:
                operation = item.get(method)
                if operation is None:
                    continue
                pointer = _request_body_pointer(path, method, operation)
                body = _deref(document, resolve_pointer(document, pointer)) if pointer else None
                body_properties = body.get("properties", {}) if body is not None else {}
                path_parameters = [
                    parameter["name"]
                    for parameter in _parameters(document, item, operation)
                    if parameter.get("in") == "path"
                ]
                found.append(
                    OperationFacts(
                        operation_id=operation["operationId"],
                        method=method.upper(),
                        path=path,
                        request_pointer=pointer,
                        echoed_fields=tuple(
                            name for name in body_properties if name in run_properties
                        ),
                        echoed_path_parameters=tuple(
                            name for name in path_parameters if name in run_properties
                        ),
                        success=_documented_success(path, method, operation),
                    )
                )
        return cls(tuple(found))

    def find(self, method: str, path: str) -> OperationFacts | None:
        """The operation with this method and path template, if the spec has one."""
        for operation in self.operations:
            if operation.method == method.upper() and operation.path == path:
                return operation
        return None

    def by_id(self, operation_id: str) -> OperationFacts:
        for operation in self.operations:
            if operation.operation_id == operation_id:
                return operation
        raise KeyError(operation_id)


@cache
def spec_facts() -> SpecFacts:
    """The facts of the project's spec (``openapi/openapi.yaml``), computed once."""
    return SpecFacts.from_document(load_spec())


def _deref(document: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        node = resolve_pointer(document, node["$ref"])
    return node


def _request_body_pointer(path: str, method: str, operation: Mapping[str, Any]) -> str | None:
    """Where the operation's JSON request body schema is, as a pointer into the document."""
    media = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if media is None or "schema" not in media:
        return None
    return f"{_operation_pointer(path, method)}/requestBody/content/application~1json/schema"


def _documented_success(
    path: str, method: str, operation: Mapping[str, Any]
) -> DocumentedSuccess | None:
    responses = operation.get("responses", {})
    codes = [str(code) for code in responses if str(code).isdigit() and str(code)[0] == "2"]
    if len(codes) != 1 or "application/json" not in responses[codes[0]].get("content", {}):
        return None
    [code] = codes
    content = f"responses/{code}/content/application~1json/schema"
    return DocumentedSuccess(int(code), f"{_operation_pointer(path, method)}/{content}")


def _operation_pointer(path: str, method: str) -> str:
    escaped = path.replace("~", "~0").replace("/", "~1")
    return f"#/paths/{escaped}/{method}"


def _parameters(
    document: Mapping[str, Any], item: Mapping[str, Any], operation: Mapping[str, Any]
) -> list[Mapping[str, Any]]:
    return [
        _deref(document, p) for p in [*item.get("parameters", []), *operation.get("parameters", [])]
    ]
