"""Small OpenAPI documents for the diff tests: one operation, one thing that varies.

Every builder returns a fresh, complete OpenAPI 3.1 document, so a test reads as "this schema
before, that schema after".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Doc = dict[str, Any]
Schema = Any


@dataclass(frozen=True)
class Case:
    """The change from ``old`` to ``new`` reports ``rule`` (and the rules in ``also``, no other);
    ``quiet`` is a similar change that must not report it."""

    rule: str
    old: Doc
    new: Doc
    quiet: tuple[Doc, Doc]
    also: frozenset[str] = field(default=frozenset())


def document(
    paths: dict[str, Any],
    *,
    schemas: dict[str, Any] | None = None,
    security: list[dict[str, list[str]]] | None = None,
    security_schemes: dict[str, Any] | None = None,
) -> Doc:
    doc: Doc = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1.0.0"},
        "paths": paths,
        "components": {"schemas": schemas or {}},
    }
    if security is not None:
        doc["security"] = security
    if security_schemes is not None:
        doc["components"]["securitySchemes"] = security_schemes
    return doc


def ok(schema: Schema | None = None) -> dict[str, Any]:
    """A 200 response with a JSON body (``{type: object}`` unless given)."""
    return {
        "description": "ok",
        "content": {"application/json": {"schema": schema or {"type": "object"}}},
    }


def operation(**fields: Any) -> dict[str, Any]:
    op: dict[str, Any] = {"operationId": "createThing", "responses": {"200": ok()}}
    op.update(fields)
    return op


def post(op: dict[str, Any], path: str = "/things", **schemas: Any) -> Doc:
    return document({path: {"post": op}}, schemas=schemas)


def body(
    schema: Schema, *, required: bool = True, media_type: str = "application/json", **schemas: Any
) -> Doc:
    """``POST /things`` whose request body (of ``media_type``) is ``schema``."""
    request = {"required": required, "content": {media_type: {"schema": schema}}}
    return post(operation(requestBody=request), **schemas)


def prop(schema: Schema, *, required: bool = False, **schemas: Any) -> Doc:
    """``POST /things`` whose request body has one property ``x`` with ``schema``."""
    obj: dict[str, Any] = {"type": "object", "properties": {"x": schema}}
    if required:
        obj["required"] = ["x"]
    return body(obj, **schemas)


def param(schema: Schema, *, required: bool = False, where: str = "query") -> Doc:
    """``POST /things`` with one parameter ``x`` (in ``where``) whose schema is ``schema``."""
    parameter = {"name": "x", "in": where, "required": required, "schema": schema}
    return post(operation(parameters=[parameter]))


def params(*parameters: dict[str, Any]) -> Doc:
    return post(operation(parameters=list(parameters)))


def response(schema: Schema, *, status: str = "200", **schemas: Any) -> Doc:
    """``POST /things`` answering ``status`` with a JSON body ``schema``."""
    return post(operation(responses={status: ok(schema)}), **schemas)


def response_prop(schema: Schema, *, required: bool = True) -> Doc:
    """``POST /things`` answering an object with one property ``x`` with ``schema``."""
    obj: dict[str, Any] = {"type": "object", "properties": {"x": schema}}
    if required:
        obj["required"] = ["x"]
    return response(obj)


def statuses(*codes: str) -> Doc:
    return post(operation(responses={code: ok() for code in codes}))


def response_media_types(*media_types: str) -> Doc:
    content = {media_type: {"schema": {"type": "object"}} for media_type in media_types}
    return post(operation(responses={"200": {"description": "ok", "content": content}}))


def event(name: str, payload: Schema) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "event": {"type": "string", "const": name},
            "data": {
                "type": "string",
                "contentMediaType": "application/json",
                "contentSchema": payload,
            },
        },
        "required": ["event", "data"],
    }


def stream(**events: Schema) -> Doc:
    """``POST /things`` answering ``text/event-stream`` with the named events (``.`` as ``_``)."""
    alternatives = [event(name.replace("_", "."), payload) for name, payload in events.items()]
    schema = {"oneOf": alternatives} if len(alternatives) > 1 else alternatives[0]
    content = {"text/event-stream": {"schema": schema}}
    return post(operation(responses={"200": {"description": "ok", "content": content}}))


BEARER = {"type": "http", "scheme": "bearer"}
API_KEY = {"type": "apiKey", "in": "header", "name": "X-Api-Key"}


def secured(requirements: list[dict[str, list[str]]], schemes: dict[str, Any]) -> Doc:
    return document(
        {"/things": {"post": operation()}}, security=requirements, security_schemes=schemes
    )


STRING: Schema = {"type": "string"}
INTEGER: Schema = {"type": "integer"}
NUMBER: Schema = {"type": "number"}
