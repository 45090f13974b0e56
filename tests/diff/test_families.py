"""How the rule families modelled on oasdiff judge what ``test_rules.py`` cannot show in one pair:
direction (webhooks are requests the API sends), places (response headers), dates (``x-sunset``
against today) and the changes we judge differently from oasdiff on purpose.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from runspec.diff import RULES, Severity, diff_documents
from tests.diff.specs import (
    BEARER,
    STRING,
    document,
    operation,
    post,
    prop,
    response_prop,
    secured,
)


def _rules_at(old: dict[str, Any], new: dict[str, Any], **kw: Any) -> list[tuple[str, str]]:
    return [(c.rule, c.location) for c in diff_documents(old, new, **kw)]


def _webhook(payload: dict[str, Any]) -> dict[str, Any]:
    doc = document({"/things": {"post": operation()}})
    request = {"content": {"application/json": {"schema": payload}}}
    doc["webhooks"] = {
        "runDone": {"post": {"requestBody": request, "responses": {"200": {"description": "ok"}}}}
    }
    return doc


def test_a_webhook_payload_is_compared_as_something_the_api_sends() -> None:
    old = _webhook(
        {"type": "object", "properties": {"status": {"enum": ["done"]}}, "required": ["status"]}
    )
    new = _webhook({"type": "object", "properties": {"status": {"enum": ["done", "failed"]}}})
    assert _rules_at(old, new) == [
        ("response-property-became-optional", "webhook runDone POST payload: status"),
        ("response-property-enum-value-added", "webhook runDone POST payload: status"),
    ]


def _with_header(schema: dict[str, Any]) -> dict[str, Any]:
    ok = {
        "description": "ok",
        "headers": {"X-Request-Id": {"required": True, "schema": schema}},
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
    return post(operation(responses={"200": ok}))


def test_a_response_header_schema_is_compared_as_a_response_value() -> None:
    old, new = _with_header(STRING), _with_header({"type": ["string", "null"], "maxLength": 8})
    assert _rules_at(old, new) == [
        ("response-property-became-nullable", "POST /things response 200 header X-Request-Id"),
    ]
    assert _rules_at(new, old) == [
        ("response-property-became-not-nullable", "POST /things response 200 header X-Request-Id"),
        ("response-property-max-length-unset", "POST /things response 200 header X-Request-Id"),
    ]


def _listing(**lifecycle: Any) -> dict[str, Any]:
    get = operation(operationId="listThings", **lifecycle)
    return document({"/things": {"post": operation(), "get": get}})


_ONLY_POST = document({"/things": {"post": operation()}})


def test_whether_a_sunset_has_passed_is_decided_by_today() -> None:
    old = _listing(deprecated=True, **{"x-sunset": "2030-06-01T00:00:00Z"})
    before = diff_documents(old, _ONLY_POST, today=date(2030, 5, 31))
    on_the_day = diff_documents(old, _ONLY_POST, today=date(2030, 6, 1))
    assert [(c.rule, c.severity) for c in before] == [
        ("operation-removed-before-sunset", Severity.BREAKING)
    ]
    assert before[0].message == "removed before its sunset date 2030-06-01"
    assert [(c.rule, c.severity) for c in on_the_day] == [
        ("operation-removed-after-sunset", Severity.INFO)
    ]


def test_a_sunset_without_deprecation_does_not_license_a_removal() -> None:
    old = _listing(**{"x-sunset": "2000-01-01"})
    assert [c.rule for c in diff_documents(old, _ONLY_POST)] == ["operation-removed"]


def test_requiring_credentials_where_none_were_needed_breaks_existing_callers() -> None:
    open_door = secured([], {"bearer": BEARER})
    locked = secured([{"bearer": []}], {"bearer": BEARER})
    changes = diff_documents(open_door, locked)
    assert [(c.rule, c.severity) for c in changes] == [
        ("security-scheme-changed", Severity.BREAKING)
    ]
    assert "api-security-added" in RULES["security-scheme-changed"].description


def test_an_enum_dropped_while_the_type_widens_accepts_more_in_a_request() -> None:
    old = prop({"type": "string", "enum": ["a", "b"]})
    new = prop({"type": ["string", "integer"]})
    assert {(c.rule, c.severity) for c in diff_documents(old, new)} == {
        ("request-property-type-generalized", Severity.INFO),
        ("request-property-enum-value-added", Severity.INFO),
    }
    assert "enum is dropped" in RULES["request-property-enum-value-added"].description


def test_format_messages_name_both_formats() -> None:
    old = prop({"type": "string", "format": "date-time"})
    new = prop({"type": "string", "format": "uuid"})
    assert [(c.rule, c.message) for c in diff_documents(old, new)] == [
        ("request-property-format-changed", "format changed from `date-time` to `uuid`")
    ]


def test_every_rule_names_oasdiffs_counterpart_or_none_and_a_level_when_it_has_one() -> None:
    for rule in RULES.values():
        if rule.oasdiff_id is not None:
            assert rule.oasdiff_severity is not None, rule.id
        if rule.oasdiff_severity not in (None, rule.severity) and rule.oasdiff_id == rule.id:
            assert "oasdiff" in rule.description, f"{rule.id}: say why we judge differently"


def test_the_schema_of_a_document_carried_in_a_string_is_compared_like_a_value() -> None:
    def carried(required: list[str]) -> dict[str, Any]:
        content = {"type": "object", "properties": {"a": STRING}, "required": required}
        return {"type": "string", "contentMediaType": "application/json", "contentSchema": content}

    assert _rules_at(response_prop(carried(["a"])), response_prop(carried([]))) == [
        ("response-property-became-optional", "POST /things response 200: x<content>.a")
    ]
