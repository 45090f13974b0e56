"""Cases for the rule families modelled on oasdiff's: each a minimal old/new pair and a near miss.

Formats, response headers, response-side limits, unions and discriminators, defaults,
operationIds and tags, deprecation/sunset/stability, readOnly/writeOnly, allOf members, security
scheme components, webhooks, ``x-extensible-enum`` and the JSON Schema 2020-12 keywords. Each
:class:`~tests.diff.specs.Case` is run by ``tests/diff/test_rules.py`` both ways: the change
reports its rule alone, the near miss (mostly the same change the other way round) does not.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.diff.specs import (
    INTEGER,
    STRING,
    Case,
    Doc,
    Schema,
    body,
    document,
    operation,
    param,
    params,
    post,
    prop,
    response,
    response_prop,
)

__all__ = ["FAMILY_CASES"]


def _s(**keywords: Any) -> dict[str, Any]:
    return {"type": "string", **keywords}


def _i(**keywords: Any) -> dict[str, Any]:
    return {"type": "integer", **keywords}


def _a(**keywords: Any) -> dict[str, Any]:
    return {"type": "array", "items": STRING, **keywords}


# ---- schema keywords, by direction -------------------------------------------------------------
# (rule suffix, old schema, new schema, (old, new) of a near miss)
_REQUEST: list[tuple[str, Schema, Schema, tuple[Schema, Schema]]] = [
    (
        "format-changed",
        _s(format="date-time"),
        _s(format="uuid"),
        (_i(format="int32"), _i(format="int64")),
    ),
    ("format-changed", STRING, _s(format="uuid"), (_s(format="uuid"), STRING)),
    (
        "format-generalized",
        _i(format="int32"),
        _i(format="int64"),
        (_i(format="int64"), _i(format="int32")),
    ),
    (
        "x-extensible-enum-value-removed",
        _s(**{"x-extensible-enum": ["a", "b"]}),
        _s(**{"x-extensible-enum": ["a"]}),
        (_s(**{"x-extensible-enum": ["a"]}), _s(**{"x-extensible-enum": ["a", "b"]})),
    ),
    (
        "x-extensible-enum-value-added",
        _s(**{"x-extensible-enum": ["a"]}),
        _s(**{"x-extensible-enum": ["a", "b"]}),
        (_s(**{"x-extensible-enum": ["a", "b"]}), _s(**{"x-extensible-enum": ["b", "a"]})),
    ),
    ("pattern-added", STRING, _s(pattern="^a"), (_s(pattern="^a"), STRING)),
    ("pattern-removed", _s(pattern="^a"), STRING, (STRING, _s(pattern="^a"))),
]

_JSON_TEXT = _s(contentMediaType="application/json")
_WITH_SCHEMA = {**_JSON_TEXT, "contentSchema": {"type": "object"}}
_CONTENT: list[tuple[str, Schema, Schema, tuple[Schema, Schema]]] = [
    (
        "content-media-type-changed",
        _JSON_TEXT,
        _s(contentMediaType="text/csv"),
        (_JSON_TEXT, {**_JSON_TEXT, "description": "reworded"}),
    ),
    (
        "content-encoding-changed",
        _s(contentEncoding="base64"),
        _s(contentEncoding="base32"),
        (_s(contentEncoding="base64"), _s(contentEncoding="base64", description="reworded")),
    ),
    ("content-schema-added", _JSON_TEXT, _WITH_SCHEMA, (_WITH_SCHEMA, _JSON_TEXT)),
    ("content-schema-removed", _WITH_SCHEMA, _JSON_TEXT, (_JSON_TEXT, _WITH_SCHEMA)),
]
_REQUEST += _CONTENT


def _level(level: str) -> dict[str, Any]:
    return _s(**{"x-stability-level": level})


_STABILITY: list[tuple[str, Schema, Schema, tuple[Schema, Schema]]] = [
    ("stability-decreased", _level("stable"), _level("beta"), (_level("beta"), STRING)),
    ("stability-increased", _level("alpha"), STRING, (STRING, _level("alpha"))),
    ("stability-invalid", STRING, _level("gamma"), (STRING, _level("draft"))),
]

_RESPONSE: list[tuple[str, Schema, Schema, tuple[Schema, Schema]]] = [
    *_CONTENT,
    (
        "format-changed",
        _i(format="int32"),
        _i(format="int64"),
        (_i(format="int64"), _i(format="int32")),
    ),
    ("format-changed", _s(format="uuid"), STRING, (STRING, _s(format="uuid"))),
    ("format-specialized", STRING, _s(format="date-time"), (_s(format="date-time"), STRING)),
    ("max-increased", _i(maximum=5), _i(maximum=10), (_i(maximum=10), _i(maximum=5))),
    ("max-increased", _i(exclusiveMaximum=5), INTEGER, (INTEGER, _i(maximum=5))),
    ("min-decreased", _i(minimum=5), _i(minimum=1), (_i(minimum=1), _i(minimum=5))),
    ("max-length-increased", _s(maxLength=5), _s(maxLength=9), (_s(maxLength=9), _s(maxLength=5))),
    ("max-length-unset", _s(maxLength=5), STRING, (STRING, _s(maxLength=5))),
    ("min-length-decreased", _s(minLength=5), _s(minLength=1), (_s(minLength=1), _s(minLength=5))),
    ("max-items-increased", _a(maxItems=5), _a(maxItems=9), (_a(maxItems=9), _a(maxItems=5))),
    ("min-items-decreased", _a(minItems=2), _a(minItems=1), (_a(minItems=1), _a(minItems=2))),
    ("min-items-unset", _a(minItems=2), _a(), (_a(), _a(minItems=2))),
    ("pattern-changed", _s(pattern="^a"), _s(pattern="^b"), (_s(pattern="^a"), _s(pattern="^a"))),
    ("pattern-removed", _s(pattern="^a"), STRING, (STRING, _s(pattern="^a"))),
    ("pattern-added", STRING, _s(pattern="^a"), (_s(pattern="^a"), STRING)),
    (
        "x-extensible-enum-value-added",
        _s(**{"x-extensible-enum": ["a"]}),
        _s(**{"x-extensible-enum": ["a", "b"]}),
        (_s(**{"x-extensible-enum": ["a", "b"]}), _s(**{"x-extensible-enum": ["a"]})),
    ),
    (
        "x-extensible-enum-value-removed",
        _s(**{"x-extensible-enum": ["a", "b"]}),
        _s(**{"x-extensible-enum": ["a"]}),
        (_s(**{"x-extensible-enum": ["a"]}), _s(**{"x-extensible-enum": ["a", "b"]})),
    ),
    *_STABILITY,
    ("deprecated", STRING, _s(deprecated=True), (_s(deprecated=True), STRING)),
    ("reactivated", _s(deprecated=True), STRING, (STRING, _s(deprecated=True))),
]

# JSON Schema 2020-12 keyword families: two different values of each.
_KEYWORDS: dict[str, tuple[Schema, Schema]] = {
    "if": ({"if": {"required": ["a"]}}, {"if": {"required": ["b"]}}),
    "then": ({"then": {"required": ["a"]}}, {"then": {"required": ["b"]}}),
    "else": ({"else": {"required": ["a"]}}, {"else": {"required": ["b"]}}),
    "prefix-items": ({"prefixItems": [STRING]}, {"prefixItems": [INTEGER]}),
    "contains": ({"contains": STRING}, {"contains": STRING, "minContains": 2}),
    "dependent-required": (
        {"dependentRequired": {"a": ["b"]}},
        {"dependentRequired": {"a": ["c"]}},
    ),
    "dependent-schema": (
        {"dependentSchemas": {"a": {"required": ["b"]}}},
        {"dependentSchemas": {"a": {"required": ["c"]}}},
    ),
    "unevaluated-properties": ({"unevaluatedProperties": False}, {"unevaluatedProperties": STRING}),
    "unevaluated-items": ({"unevaluatedItems": False}, {"unevaluatedItems": STRING}),
    "property-names": ({"propertyNames": {"maxLength": 3}}, {"propertyNames": {"maxLength": 4}}),
    "pattern-property": (
        {"patternProperties": {"^a": STRING}},
        {"patternProperties": {"^b": STRING}},
    ),
    "not": ({"not": STRING}, {"not": INTEGER}),
}
_NOTE = {"description": "reworded"}


def _keyword_rows() -> list[tuple[str, Schema, Schema, tuple[Schema, Schema]]]:
    rows = []
    for family, (first, second) in _KEYWORDS.items():
        rows += [
            (f"{family}-added", {}, first, (first, {})),
            (f"{family}-removed", first, {}, ({}, first)),
            (f"{family}-changed", first, second, (first, {**first, **_NOTE})),
        ]
    return rows


def _schema_cases() -> list[Case]:
    cases = []
    for suffix, old, new, (q_old, q_new) in [*_REQUEST, *_keyword_rows()]:
        cases.append(
            Case(f"request-property-{suffix}", prop(old), prop(new), (prop(q_old), prop(q_new)))
        )
        cases.append(
            Case(
                f"request-parameter-{suffix}", param(old), param(new), (param(q_old), param(q_new))
            )
        )
    for suffix, old, new, (q_old, q_new) in [*_RESPONSE, *_keyword_rows()]:
        cases.append(
            Case(
                f"response-property-{suffix}",
                response_prop(old),
                response_prop(new),
                (response_prop(q_old), response_prop(q_new)),
            )
        )
    for suffix, old, new, (q_old, q_new) in _STABILITY:
        cases.append(
            Case(f"request-property-{suffix}", prop(old), prop(new), (prop(q_old), prop(q_new)))
        )
    cases.append(
        Case(
            "request-property-deprecated",
            prop(STRING),
            prop(_s(deprecated=True)),
            (prop(_s(deprecated=True)), prop(STRING)),
        )
    )
    cases.append(
        Case(
            "request-property-reactivated",
            prop(_s(deprecated=True)),
            prop(STRING),
            (prop(STRING), prop(_s(deprecated=True))),
        )
    )
    return cases


def _default_cases() -> list[Case]:
    cases = []
    for prefix, build in (("request-parameter", param), ("request-property", prop)):
        cases += [
            Case(
                f"{prefix}-default-value-added",
                build(STRING),
                build(_s(default="a")),
                (build(_s(default="a")), build(STRING)),
            ),
            Case(
                f"{prefix}-default-value-removed",
                build(_s(default="a")),
                build(STRING),
                (build(STRING), build(_s(default="a"))),
            ),
            Case(
                f"{prefix}-default-value-changed",
                build(_s(default="a")),
                build(_s(default="b")),
                (build(_s(default="a")), build(_s(default="a", description="reworded"))),
            ),
        ]
    return cases


# ---- unions, discriminators, allOf -------------------------------------------------------------
def _obj(*names: str, required: tuple[str, ...] = ()) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": {n: STRING for n in names}}
    if required:
        schema["required"] = list(required)
    return schema


_REF = "#/components/schemas/"
_TAGGED = {
    "A": {"type": "object", "properties": {"kind": {"const": "a"}}, "required": ["kind"]},
    "B": {"type": "object", "properties": {"kind": {"const": "b"}}, "required": ["kind"]},
}


def _union(name: str = "kind", **mapping: str) -> dict[str, Any]:
    union: dict[str, Any] = {"oneOf": [{"$ref": f"{_REF}A"}, {"$ref": f"{_REF}B"}]}
    if name:
        union["discriminator"] = {"propertyName": name, "mapping": mapping}
    return union


_MAPPED = {"a": f"{_REF}A", "b": f"{_REF}B"}


def _union_cases() -> list[Case]:
    cases = []
    for side, build in (("request", body), ("response", response)):

        def doc(schema: Schema, build: Any = build) -> Doc:
            return build(schema, **_TAGGED)  # type: ignore[no-any-return]

        p = f"{side}-property"
        cases += [
            Case(
                f"{p}-discriminator-added",
                doc(_union("")),
                doc(_union(**_MAPPED)),
                (doc(_union(**_MAPPED)), doc(_union(""))),
                also=frozenset(),
            ),
            Case(
                f"{p}-discriminator-removed",
                doc(_union(**_MAPPED)),
                doc(_union("")),
                (doc(_union("")), doc(_union(**_MAPPED))),
            ),
            Case(
                f"{p}-discriminator-property-name-changed",
                doc(_union(**_MAPPED)),
                doc(_union("type", **_MAPPED)),
                (doc(_union(**_MAPPED)), doc(_union(b=f"{_REF}B", a=f"{_REF}A"))),
            ),
            Case(
                f"{p}-discriminator-mapping-changed",
                doc(_union(**_MAPPED)),
                doc(_union(a=f"{_REF}B", b=f"{_REF}B")),
                (doc(_union(**_MAPPED)), doc(_union(a="A", b="B"))),
            ),
            Case(
                f"{p}-discriminator-mapping-deleted",
                doc(_union(**_MAPPED)),
                doc(_union(a=f"{_REF}A")),
                (doc(_union(a=f"{_REF}A")), doc(_union(**_MAPPED))),
            ),
            Case(
                f"{p}-discriminator-mapping-added",
                doc(_union(a=f"{_REF}A")),
                doc(_union(**_MAPPED)),
                (doc(_union(**_MAPPED)), doc(_union(a=f"{_REF}A"))),
            ),
            Case(
                f"{p}-all-of-added",
                doc({"allOf": [{"$ref": f"{_REF}A"}]}),
                doc(
                    {"allOf": [{"$ref": f"{_REF}A"}, {"$ref": f"{_REF}Note"}]},
                ),
                (doc({"$ref": f"{_REF}A"}), doc({"allOf": [{"$ref": f"{_REF}A"}]})),
            ),
            Case(
                f"{p}-all-of-removed",
                doc({"allOf": [{"$ref": f"{_REF}A"}, {"$ref": f"{_REF}Note"}]}),
                doc({"allOf": [{"$ref": f"{_REF}A"}]}),
                (doc({"allOf": [{"$ref": f"{_REF}A"}]}), doc({"$ref": f"{_REF}A"})),
            ),
        ]
    return cases


_TAGGED["Note"] = {"title": "a note"}


def _wrapped_cases() -> list[Case]:
    one_of = {"oneOf": [_obj("a"), _obj("b")]}
    any_of = {"anyOf": [_obj("a"), _obj("b")]}
    return [
        Case(
            "request-body-wrapped-in-one-of",
            body(_obj("a")),
            body(one_of),
            (body(_obj("a")), body(any_of)),
            also=frozenset({"request-property-variant-added"}),
        ),
        Case(
            "response-body-wrapped-in-one-of",
            response(_obj("a")),
            response(one_of),
            (response(_obj("a")), response(any_of)),
            also=frozenset({"response-property-variant-added"}),
        ),
    ]


# ---- readOnly / writeOnly ------------------------------------------------------------------------
def _visibility_cases() -> list[Case]:
    ro, wo = _s(readOnly=True), _s(writeOnly=True)

    def req(schema: Schema, required: bool = False) -> Doc:
        return prop(schema, required=required)

    def res(schema: Schema, required: bool = True) -> Doc:
        return response_prop(schema, required=required)

    return [
        Case("request-property-became-read-only", req(STRING), req(ro), (req(ro), req(STRING))),
        Case(
            "request-required-property-became-not-read-only",
            req(ro, True),
            req(STRING, True),
            (req(ro), req(STRING)),
        ),
        Case(
            "request-optional-property-became-not-read-only",
            req(ro),
            req(STRING),
            (req(ro, True), req(STRING, True)),
        ),
        Case(
            "response-required-property-became-write-only",
            res(STRING),
            res(wo),
            (res(STRING, False), res(wo, False)),
        ),
        Case(
            "response-optional-property-became-write-only",
            res(STRING, False),
            res(wo, False),
            (res(STRING), res(wo)),
        ),
        Case(
            "response-property-became-not-write-only", res(wo), res(STRING), (res(STRING), res(wo))
        ),
    ]


# ---- operations: ids, tags, lifecycle ----------------------------------------------------------
def _op_doc(**fields: Any) -> Doc:
    """``POST /things`` plus ``GET /things`` with ``fields`` (``None`` removes one)."""
    get = operation(operationId="listThings")
    for name, value in fields.items():
        if value is None:
            get.pop(name, None)
        else:
            get[name] = value
    return document({"/things": {"post": operation(), "get": get}})


_ONLY_POST = document({"/things": {"post": operation()}})
_PAST, _FUTURE = "2000-01-01", "2999-01-01"


def _gone(**fields: Any) -> Doc:
    return _op_doc(**fields)


def _operation_cases() -> list[Case]:
    dep = {"deprecated": True}
    return [
        Case(
            "operation-id-added",
            _op_doc(operationId=None),
            _op_doc(),
            (_op_doc(), _op_doc(operationId=None)),
        ),
        Case(
            "operation-id-removed",
            _op_doc(),
            _op_doc(operationId=None),
            (_op_doc(operationId=None), _op_doc()),
        ),
        Case(
            "operation-tag-added",
            _op_doc(tags=["a"]),
            _op_doc(tags=["a", "b"]),
            (_op_doc(tags=["a", "b"]), _op_doc(tags=["b", "a"])),
        ),
        Case(
            "operation-tag-removed",
            _op_doc(tags=["a", "b"]),
            _op_doc(tags=["a"]),
            (_op_doc(tags=["a"]), _op_doc(tags=["a", "b"])),
        ),
        Case(
            "operation-removed-before-sunset",
            _gone(**dep, **{"x-sunset": _FUTURE}),
            _ONLY_POST,
            (_gone(**dep, **{"x-sunset": _PAST}), _ONLY_POST),
        ),
        Case(
            "operation-removed-after-sunset",
            _gone(**dep, **{"x-sunset": _PAST}),
            _ONLY_POST,
            (_gone(**dep, **{"x-sunset": _FUTURE}), _ONLY_POST),
        ),
        Case(
            "operation-removed-after-deprecation", _gone(**dep), _ONLY_POST, (_gone(), _ONLY_POST)
        ),
        Case(
            "operation-removed-while-unstable",
            _gone(**{"x-stability-level": "alpha"}),
            _ONLY_POST,
            (_gone(**{"x-stability-level": "beta"}), _ONLY_POST),
        ),
        Case(
            "operation-deprecated",
            _op_doc(),
            _op_doc(**dep),
            (_op_doc(), _op_doc(**dep, **{"x-sunset": _FUTURE})),
        ),
        Case(
            "operation-deprecated-with-sunset",
            _op_doc(),
            _op_doc(**dep, **{"x-sunset": _FUTURE}),
            (_op_doc(), _op_doc(**dep)),
        ),
        Case("operation-reactivated", _op_doc(**dep), _op_doc(), (_op_doc(), _op_doc(**dep))),
        Case(
            "operation-sunset-invalid",
            _op_doc(),
            _op_doc(**dep, **{"x-sunset": "soon"}),
            (_op_doc(), _op_doc(**dep, **{"x-sunset": "2030-01-01T00:00:00Z"})),
        ),
        Case(
            "operation-sunset-moved-earlier",
            _op_doc(**dep, **{"x-sunset": "2030-06-01"}),
            _op_doc(**dep, **{"x-sunset": "2030-01-01"}),
            (
                _op_doc(**dep, **{"x-sunset": "2030-01-01"}),
                _op_doc(**dep, **{"x-sunset": "2030-06-01"}),
            ),
        ),
        Case(
            "operation-sunset-deleted",
            _op_doc(**dep, **{"x-sunset": "2030-06-01"}),
            _op_doc(**dep),
            (
                _op_doc(**dep, **{"x-sunset": "2030-01-01"}),
                _op_doc(**dep, **{"x-sunset": "2030-06-01"}),
            ),
        ),
        Case(
            "operation-stability-decreased",
            _op_doc(),
            _op_doc(**{"x-stability-level": "beta"}),
            (_op_doc(**{"x-stability-level": "beta"}), _op_doc(**{"x-stability-level": "stable"})),
        ),
        Case(
            "operation-stability-increased",
            _op_doc(**{"x-stability-level": "alpha"}),
            _op_doc(**{"x-stability-level": "beta"}),
            (_op_doc(**{"x-stability-level": "beta"}), _op_doc(**{"x-stability-level": "alpha"})),
        ),
        Case(
            "operation-stability-invalid",
            _op_doc(),
            _op_doc(**{"x-stability-level": "gamma"}),
            (_op_doc(), _op_doc(**{"x-stability-level": "alpha"})),
        ),
    ]


def _parameter_cases() -> list[Case]:
    def header(**extra: Any) -> dict[str, Any]:
        return {"name": "X-Team", "in": "header", "schema": STRING, **extra}

    return [
        Case(
            "request-parameter-deprecated",
            params(header()),
            params(header(deprecated=True)),
            (params(header(deprecated=True)), params(header())),
        ),
        Case(
            "request-parameter-reactivated",
            params(header(deprecated=True)),
            params(header()),
            (params(header()), params(header(deprecated=True))),
        ),
        Case(
            "request-parameter-removed-with-deprecation",
            params(header(deprecated=True)),
            params(),
            (params(header()), params()),
        ),
    ]


# ---- response headers --------------------------------------------------------------------------
def _with_headers(**headers: dict[str, Any]) -> Doc:
    ok = {
        "description": "ok",
        "headers": headers,
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
    return post(operation(responses={"200": ok}))


_REQUIRED = {"required": True, "schema": STRING}
_OPTIONAL = {"schema": STRING}


def _header_cases() -> list[Case]:
    return [
        Case(
            "required-response-header-removed",
            _with_headers(**{"X-Id": _REQUIRED}),
            _with_headers(),
            (_with_headers(**{"X-Id": _OPTIONAL}), _with_headers()),
        ),
        Case(
            "optional-response-header-removed",
            _with_headers(**{"X-Id": _OPTIONAL}),
            _with_headers(),
            (_with_headers(**{"X-Id": _REQUIRED}), _with_headers()),
        ),
        Case(
            "response-header-added",
            _with_headers(),
            _with_headers(**{"X-Id": _OPTIONAL}),
            (_with_headers(**{"X-Id": _OPTIONAL}), _with_headers(**{"x-id": _OPTIONAL})),
        ),
        Case(
            "response-header-became-optional",
            _with_headers(**{"X-Id": _REQUIRED}),
            _with_headers(**{"X-Id": _OPTIONAL}),
            (_with_headers(**{"X-Id": _OPTIONAL}), _with_headers(**{"X-Id": _REQUIRED})),
        ),
        Case(
            "response-header-became-required",
            _with_headers(**{"X-Id": _OPTIONAL}),
            _with_headers(**{"X-Id": _REQUIRED}),
            (_with_headers(**{"X-Id": _REQUIRED}), _with_headers(**{"X-Id": _OPTIONAL})),
        ),
    ]


# ---- webhooks and security components ------------------------------------------------------------
def _webhook_doc(*names: str) -> Doc:
    doc = document({"/things": {"post": operation()}})
    hook = {
        "post": {
            "requestBody": {"content": {"application/json": {"schema": _obj("a")}}},
            "responses": {"200": {"description": "ok"}},
        }
    }
    doc["webhooks"] = {name: copy.deepcopy(hook) for name in names}
    return doc


_OAUTH: dict[str, Any] = {
    "type": "oauth2",
    "flows": {
        "clientCredentials": {"tokenUrl": "https://a.example/token", "scopes": {"read": "r"}}
    },
}


def _schemes(**schemes: Any) -> Doc:
    return document({"/things": {"post": operation()}}, security_schemes=schemes)


def _oauth(**flow: Any) -> dict[str, Any]:
    scheme = copy.deepcopy(_OAUTH)
    scheme["flows"]["clientCredentials"].update(flow)
    return scheme


def _component_cases() -> list[Case]:
    key = {"type": "apiKey", "in": "header", "name": "X-Key"}
    return [
        Case(
            "webhook-removed",
            _webhook_doc("runDone", "runFailed"),
            _webhook_doc("runDone"),
            (_webhook_doc("runDone"), _webhook_doc("runDone", "runFailed")),
        ),
        Case(
            "webhook-added",
            _webhook_doc("runDone"),
            _webhook_doc("runDone", "runFailed"),
            (_webhook_doc("runDone", "runFailed"), _webhook_doc("runFailed", "runDone")),
        ),
        Case(
            "security-component-added",
            _schemes(a=_OAUTH),
            _schemes(a=_OAUTH, b=key),
            (_schemes(a=_OAUTH), _schemes(b=_OAUTH)),
        ),
        Case(
            "security-component-removed",
            _schemes(a=_OAUTH, b=key),
            _schemes(a=_OAUTH),
            (_schemes(a=_OAUTH, b=key), _schemes(a=_OAUTH, c=key)),
        ),
        Case(
            "security-component-type-changed",
            _schemes(a=key),
            _schemes(a={**key, "type": "http", "scheme": "basic"}),
            (_schemes(a=key), _schemes(a={**key, "name": "X-Other"})),
        ),
        Case(
            "security-component-oauth-url-changed",
            _schemes(a=_OAUTH),
            _schemes(a=_oauth(tokenUrl="https://b.example/token")),
            (_schemes(a=_OAUTH), _schemes(a=_oauth(scopes={"read": "reworded"}))),
        ),
        Case(
            "security-component-oauth-scope-added",
            _schemes(a=_OAUTH),
            _schemes(a=_oauth(scopes={"read": "r", "write": "w"})),
            (_schemes(a=_oauth(scopes={"read": "r", "write": "w"})), _schemes(a=_OAUTH)),
        ),
        Case(
            "security-component-oauth-scope-removed",
            _schemes(a=_oauth(scopes={"read": "r", "write": "w"})),
            _schemes(a=_OAUTH),
            (_schemes(a=_OAUTH), _schemes(a=_oauth(scopes={"read": "r", "write": "w"}))),
        ),
    ]


FAMILY_CASES: list[Case] = [
    *_schema_cases(),
    *_default_cases(),
    *_union_cases(),
    *_wrapped_cases(),
    *_visibility_cases(),
    *_operation_cases(),
    *_parameter_cases(),
    *_header_cases(),
    *_component_cases(),
]
