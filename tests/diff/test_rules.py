"""Every rule of the catalogue, specified by a pair of specs that triggers it and a near miss.

Each case is (rule, old, new): the change from ``old`` to ``new`` reports that rule and nothing
else (unless ``also`` lists a second rule that legitimately fires too). ``quiet`` is a similar
change that must not report the rule: the opposite direction, a reordering, another spelling.
"""

from __future__ import annotations

import pytest

from runspec.diff import RULES, Severity, diff_documents
from tests.diff.family_cases import FAMILY_CASES
from tests.diff.specs import (
    API_KEY,
    BEARER,
    INTEGER,
    NUMBER,
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
    response_media_types,
    response_prop,
    secured,
    statuses,
    stream,
)


def _arr(**kw: object) -> dict[str, object]:
    return {"type": "array", "items": STRING, **kw}


# (rule suffix, old schema, new schema, (old, new) of a change that must not fire the rule)
_REQUEST_SCHEMA: list[tuple[str, Schema, Schema, tuple[Schema, Schema]]] = [
    ("type-changed", INTEGER, STRING, (INTEGER, NUMBER)),
    ("type-generalized", INTEGER, NUMBER, (NUMBER, NUMBER)),
    (
        "enum-value-removed",
        {"type": "string", "enum": ["a", "b"]},
        {"type": "string", "enum": ["a"]},
        ({"type": "string", "enum": ["a", "b"]}, {"type": "string", "enum": ["b", "a"]}),
    ),
    (
        "enum-value-added",
        {"type": "string", "enum": ["a"]},
        {"type": "string", "enum": ["a", "b"]},
        ({"type": "string", "enum": ["a", "b"]}, {"type": "string", "enum": ["a"]}),
    ),
    (
        "max-length-decreased",
        {"type": "string", "maxLength": 10},
        {"type": "string", "maxLength": 5},
        ({"type": "string", "maxLength": 5}, {"type": "string", "maxLength": 10}),
    ),
    (
        "min-length-increased",
        {"type": "string", "minLength": 1},
        {"type": "string", "minLength": 2},
        ({"type": "string", "minLength": 2}, {"type": "string", "minLength": 1}),
    ),
    (
        "max-decreased",
        {"type": "integer", "maximum": 10},
        {"type": "integer", "maximum": 5},
        ({"type": "integer", "maximum": 10}, {"type": "integer", "exclusiveMaximum": 11}),
    ),
    (
        "min-increased",
        {"type": "integer", "minimum": 0},
        {"type": "integer", "exclusiveMinimum": 0},
        ({"type": "integer", "minimum": 1}, {"type": "integer", "minimum": 0}),
    ),
    ("max-items-decreased", _arr(maxItems=20), _arr(maxItems=10), (_arr(maxItems=10), _arr())),
    ("min-items-increased", _arr(), _arr(minItems=1), (_arr(minItems=2), _arr(minItems=1))),
    (
        "pattern-changed",
        {"type": "string", "pattern": "^a"},
        {"type": "string", "pattern": "^b"},
        ({"type": "string", "pattern": "^a"}, STRING),
    ),
    (
        "became-not-nullable",
        {"type": ["string", "null"]},
        STRING,
        ({"type": "string", "nullable": True}, {"type": ["string", "null"]}),
    ),
    (
        "became-nullable",
        STRING,
        {"anyOf": [STRING, {"type": "null"}]},
        ({"anyOf": [STRING, {"type": "null"}]}, {"type": ["null", "string"]}),
    ),
    (
        "variant-removed",
        {"oneOf": [STRING, _arr()]},
        STRING,
        ({"oneOf": [STRING, _arr()]}, {"oneOf": [_arr(), STRING]}),
    ),
    ("variant-added", STRING, {"oneOf": [STRING, _arr()]}, (STRING, STRING)),
]

_SCHEMA_CASES = [
    Case(f"request-property-{suffix}", prop(old), prop(new), (prop(q_old), prop(q_new)))
    for suffix, old, new, (q_old, q_new) in _REQUEST_SCHEMA
] + [
    Case(f"request-parameter-{suffix}", param(old), param(new), (param(q_old), param(q_new)))
    for suffix, old, new, (q_old, q_new) in _REQUEST_SCHEMA
]


def _obj(*names: str, required: tuple[str, ...] = ()) -> Schema:
    schema: dict[str, object] = {"type": "object", "properties": {n: STRING for n in names}}
    if required:
        schema["required"] = list(required)
    return schema


def _header(name: str, *, required: bool = False) -> dict[str, object]:
    return {"name": name, "in": "header", "required": required, "schema": STRING}


_JSON_BODY = {"content": {"application/json": {"schema": _obj("a")}}}
_TWO_OPS = document({"/things": {"post": operation(), "get": operation(operationId="listThings")}})
_ONE_OP = document({"/things": {"post": operation()}})


def _events(*names: str) -> Doc:
    return stream(**{name: {"type": "object"} for name in names})


_CASES: list[Case] = [
    *_SCHEMA_CASES,
    # Operations
    Case(
        "operation-removed",
        _TWO_OPS,
        _ONE_OP,
        (
            post(operation(), path="/things/{id}"),
            post(operation(), path="/things/{thing_id}"),
        ),
    ),
    Case("operation-added", _ONE_OP, _TWO_OPS, (_TWO_OPS, _ONE_OP)),
    Case(
        "operation-id-changed",
        post(operation(operationId="a")),
        post(operation(operationId="b")),
        (post(operation(operationId="a")), post(operation(operationId="a", summary="new"))),
    ),
    # Security
    Case(
        "security-scheme-changed",
        secured([{"bearer": []}], {"bearer": BEARER}),
        secured([{"key": []}], {"key": API_KEY}),
        (
            secured([{"bearer": []}], {"bearer": BEARER}),
            secured([{"token": []}], {"token": {"type": "http", "scheme": "Bearer"}}),
        ),
        also=frozenset({"security-component-added", "security-component-removed"}),
    ),
    Case(
        "security-scheme-added",
        secured([{"bearer": []}], {"bearer": BEARER}),
        secured([{"bearer": []}, {"key": []}], {"bearer": BEARER, "key": API_KEY}),
        (
            secured([{"bearer": []}, {"key": []}], {"bearer": BEARER, "key": API_KEY}),
            secured([{"key": []}, {"bearer": []}], {"bearer": BEARER, "key": API_KEY}),
        ),
        also=frozenset({"security-component-added"}),
    ),
    # Parameters
    Case(
        "new-required-request-parameter",
        params(),
        params(_header("X-Team", required=True)),
        (params(), params(_header("X-Team"))),
    ),
    Case(
        "new-optional-request-parameter",
        params(),
        params(_header("X-Team")),
        (params(_header("X-Team")), params(_header("x-team"))),
    ),
    Case(
        "request-parameter-became-required",
        params(_header("X-Team")),
        params(_header("X-Team", required=True)),
        (params(_header("X-Team", required=True)), params(_header("X-Team"))),
    ),
    Case(
        "request-parameter-became-optional",
        params(_header("X-Team", required=True)),
        params(_header("X-Team")),
        (params(_header("X-Team")), params(_header("X-Team", required=True))),
    ),
    Case(
        "request-parameter-removed",
        params(_header("X-Team")),
        params(),
        (params(_header("X-Team")), params(_header("X-Team"), _header("Accept"))),
    ),
    # Request body
    Case(
        "request-body-became-required",
        body(_obj("a"), required=False),
        body(_obj("a")),
        (body(_obj("a")), body(_obj("a"), required=False)),
    ),
    Case(
        "request-body-became-optional",
        body(_obj("a")),
        body(_obj("a"), required=False),
        (body(_obj("a"), required=False), body(_obj("a"))),
    ),
    Case(
        "request-body-added",
        post(operation()),
        post(operation(requestBody=_JSON_BODY)),
        (post(operation()), post(operation(requestBody={**_JSON_BODY, "required": True}))),
        also=frozenset(),
    ),
    Case(
        "request-body-removed",
        body(_obj("a")),
        post(operation()),
        (body(_obj("a")), body(_obj("a"))),
    ),
    Case(
        "request-body-media-type-removed",
        post(
            operation(
                requestBody={
                    "content": {
                        "application/json": {"schema": _obj("a")},
                        "application/x-www-form-urlencoded": {"schema": _obj("a")},
                    }
                }
            )
        ),
        post(operation(requestBody=_JSON_BODY)),
        (body(_obj("a")), body(_obj("a"), media_type="APPLICATION/JSON")),
    ),
    Case(
        "request-body-media-type-added",
        body(_obj("a")),
        post(
            operation(
                requestBody={
                    "required": True,
                    "content": {
                        "application/json": {"schema": _obj("a")},
                        "multipart/form-data": {"schema": _obj("a")},
                    },
                }
            )
        ),
        (body(_obj("a")), body(_obj("a"))),
    ),
    # Request properties
    Case(
        "new-required-request-property",
        body(_obj("a")),
        body(_obj("a", "b", required=("b",))),
        (body(_obj("a")), body(_obj("a", "b"))),
    ),
    Case(
        "new-optional-request-property",
        body(_obj("a")),
        body(_obj("a", "b")),
        (body(_obj("b", "a")), body(_obj("a", "b"))),
    ),
    Case(
        "request-property-became-required",
        body(_obj("a")),
        body(_obj("a", required=("a",))),
        (body(_obj("a", required=("a",))), body(_obj("a"))),
    ),
    Case(
        "request-property-became-optional",
        body(_obj("a", required=("a",))),
        body(_obj("a")),
        (body(_obj("a")), body(_obj("a", required=("a",)))),
    ),
    Case(
        "request-property-removed",
        body(_obj("a", "b")),
        body(_obj("a")),
        (
            body({"type": "object", "properties": {"a": STRING, "b": {"readOnly": True}}}),
            body(_obj("a")),
        ),
    ),
    # Responses
    Case(
        "response-success-status-removed",
        statuses("200", "201"),
        statuses("200"),
        (statuses("200", "404"), statuses("200")),
    ),
    Case(
        "response-non-success-status-removed",
        statuses("200", "404"),
        statuses("200"),
        (statuses("200", "201"), statuses("200")),
    ),
    Case(
        "response-success-status-added",
        statuses("200"),
        statuses("200", "202"),
        (statuses("200"), statuses("200", "429")),
    ),
    Case(
        "response-non-success-status-added",
        statuses("200"),
        statuses("200", "429"),
        (statuses("200"), statuses("200", "202")),
    ),
    Case(
        "response-media-type-removed",
        response_media_types("application/json", "text/event-stream"),
        response_media_types("application/json"),
        (
            response_media_types("application/json"),
            response_media_types("application/json", "text/event-stream"),
        ),
    ),
    Case(
        "response-media-type-added",
        response_media_types("application/json"),
        response_media_types("application/json", "text/event-stream"),
        (
            response_media_types("application/json", "text/event-stream"),
            response_media_types("text/event-stream", "application/json"),
        ),
    ),
    # Response properties
    Case(
        "response-required-property-removed",
        response(_obj("a", "b", required=("a", "b"))),
        response(_obj("a", required=("a",))),
        (response(_obj("a", "b", required=("a",))), response(_obj("a", required=("a",)))),
    ),
    Case(
        "response-optional-property-removed",
        response(_obj("a", "b", required=("a",))),
        response(_obj("a", required=("a",))),
        (response(_obj("a", "b", required=("a", "b"))), response(_obj("a", required=("a",)))),
    ),
    Case(
        "response-property-added",
        response(_obj("a")),
        response(_obj("a", "b")),
        (response(_obj("a", "b")), response(_obj("b", "a"))),
    ),
    Case(
        "response-property-became-optional",
        response(_obj("a", required=("a",))),
        response(_obj("a")),
        (response(_obj("a")), response(_obj("a", required=("a",)))),
    ),
    Case(
        "response-property-became-required",
        response(_obj("a")),
        response(_obj("a", required=("a",))),
        (response(_obj("a", required=("a",))), response(_obj("a"))),
    ),
    Case(
        "response-property-became-nullable",
        response_prop(STRING),
        response_prop({"type": ["string", "null"]}),
        (response_prop({"type": ["string", "null"]}), response_prop(STRING)),
    ),
    Case(
        "response-property-became-not-nullable",
        response_prop({"oneOf": [STRING, {"type": "null"}]}),
        response_prop(STRING),
        (response_prop(STRING), response_prop({"type": ["string", "null"]})),
    ),
    Case(
        "response-property-type-changed",
        response_prop(INTEGER),
        response_prop(NUMBER),
        (response_prop(NUMBER), response_prop(INTEGER)),
    ),
    Case(
        "response-property-type-specialized",
        response_prop(NUMBER),
        response_prop(INTEGER),
        (response_prop(INTEGER), response_prop(NUMBER)),
    ),
    Case(
        "response-property-enum-value-added",
        response_prop({"type": "string", "enum": ["queued"]}),
        response_prop({"type": "string", "enum": ["queued", "paused"]}),
        (
            response_prop({"type": "string", "enum": ["queued", "paused"]}),
            response_prop({"type": "string", "enum": ["queued"]}),
        ),
    ),
    Case(
        "response-property-enum-value-removed",
        response_prop({"type": "string", "enum": ["queued", "paused"]}),
        response_prop({"type": "string", "enum": ["queued"]}),
        (
            response_prop({"type": "string", "enum": ["queued"]}),
            response_prop({"type": "string", "enum": ["queued", "paused"]}),
        ),
    ),
    Case(
        "response-property-variant-added",
        response_prop(STRING),
        response_prop({"oneOf": [STRING, _arr()]}),
        (response_prop({"oneOf": [STRING, _arr()]}), response_prop(STRING)),
    ),
    Case(
        "response-property-variant-removed",
        response_prop({"oneOf": [STRING, _arr()]}),
        response_prop(STRING),
        (response_prop(STRING), response_prop({"oneOf": [STRING, _arr()]})),
    ),
    # Server-sent events
    Case(
        "stream-event-removed",
        _events("run_created", "run_failed"),
        _events("run_created"),
        (_events("run_created"), _events("run_created", "run_failed")),
    ),
    Case(
        "stream-event-added",
        _events("run_created"),
        _events("run_created", "run_failed"),
        (_events("run_created", "run_failed"), _events("run_failed", "run_created")),
    ),
    *FAMILY_CASES,
]


_IDS = [
    f"{case.rule}#{i}" if [c.rule for c in _CASES[:i]].count(case.rule) else case.rule
    for i, case in enumerate(_CASES)
]


def _rules(old: Doc, new: Doc) -> list[str]:
    return [change.rule for change in diff_documents(old, new)]


def test_every_rule_in_the_catalogue_has_a_case() -> None:
    assert {case.rule for case in _CASES} == set(RULES)


@pytest.mark.parametrize("case", _CASES, ids=_IDS)
def test_rule_fires_on_its_change_alone(case: Case) -> None:
    found = set(_rules(case.old, case.new))
    assert found == {case.rule} | case.also


@pytest.mark.parametrize("case", _CASES, ids=_IDS)
def test_rule_stays_quiet_on_a_near_miss(case: Case) -> None:
    assert case.rule not in _rules(*case.quiet)


@pytest.mark.parametrize("case", _CASES, ids=_IDS)
def test_no_rule_fires_on_a_spec_compared_with_itself(case: Case) -> None:
    assert _rules(case.old, case.old) == []
    assert _rules(case.new, case.new) == []


@pytest.mark.parametrize("case", _CASES, ids=_IDS)
def test_severity_comes_from_the_catalogue(case: Case) -> None:
    for change in diff_documents(case.old, case.new):
        assert change.severity is RULES[change.rule].severity


def test_the_listed_breaking_rules_are_breaking() -> None:
    listed = [
        "operation-removed",
        "request-body-became-required",
        "new-required-request-property",
        "request-property-became-required",
        "new-required-request-parameter",
        "request-parameter-became-required",
        "request-property-enum-value-removed",
        "request-parameter-enum-value-removed",
        "request-property-type-changed",
        "request-property-max-length-decreased",
        "request-property-max-decreased",
        "request-property-max-items-decreased",
        "request-property-min-increased",
        "request-property-became-not-nullable",
        "response-required-property-removed",
        "response-property-became-optional",
        "response-property-became-nullable",
        "response-property-type-changed",
        "response-success-status-removed",
        "response-media-type-removed",
        "security-scheme-changed",
        "stream-event-removed",
    ]
    assert {rule: RULES[rule].severity for rule in listed} == dict.fromkeys(
        listed, Severity.BREAKING
    )
    assert RULES["response-property-enum-value-added"].severity is Severity.WARNING
    additions = [
        "operation-added",
        "webhook-added",
        "new-optional-request-parameter",
        "new-optional-request-property",
        "request-body-added",
        "request-body-media-type-added",
        "response-property-added",
        "response-media-type-added",
        "response-header-added",
        "stream-event-added",
        "security-scheme-added",
    ]
    assert all(RULES[rule].severity < Severity.BREAKING for rule in additions)
