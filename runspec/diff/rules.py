"""The catalogue of change rules: stable ids, modelled on oasdiff's, each with one severity.

Ids never change meaning once published, because teams filter reports and CI on them. A rule is
``breaking`` when a client that worked against the old document can fail against the new one,
``warning`` when it may fail depending on how it was written (it meets a value it was never told
about, or sends something that is now ignored), and ``info`` otherwise (mostly additions).

Schema rules exist twice for requests: ``request-property-*`` for schemas of request bodies and
``request-parameter-*`` for schemas of parameters; responses (bodies and stream-event payloads)
use ``response-property-*``. In a request a change breaks when it rejects something that used to
be accepted; in a response when it sends something the client was told it would never get.
"""

from __future__ import annotations

from dataclasses import dataclass

from runspec.diff.model import Severity

__all__ = ["RULES", "Rule", "severity_of"]

BRK, WRN, INF = Severity.BREAKING, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str


def _request_schema_rules(prefix: str, noun: str) -> list[Rule]:
    """The rules about the schema of a request value; ``prefix`` names where the value lives."""
    return [
        Rule(f"{prefix}-type-changed", BRK, f"a {noun} no longer accepts a type it accepted"),
        Rule(f"{prefix}-type-generalized", INF, f"a {noun} accepts more types than before"),
        Rule(f"{prefix}-enum-value-removed", BRK, f"a {noun} no longer accepts an enum value"),
        Rule(f"{prefix}-enum-value-added", INF, f"a {noun} accepts a new enum value"),
        Rule(f"{prefix}-max-length-decreased", BRK, f"the maxLength of a {noun} was lowered"),
        Rule(f"{prefix}-min-length-increased", BRK, f"the minLength of a {noun} was raised"),
        Rule(
            f"{prefix}-max-decreased", BRK, f"the maximum of a {noun} was lowered or made exclusive"
        ),
        Rule(
            f"{prefix}-min-increased", BRK, f"the minimum of a {noun} was raised or made exclusive"
        ),
        Rule(f"{prefix}-max-items-decreased", BRK, f"the maxItems of a {noun} was lowered"),
        Rule(f"{prefix}-min-items-increased", BRK, f"the minItems of a {noun} was raised"),
        Rule(f"{prefix}-pattern-changed", WRN, f"the pattern of a {noun} changed or was added"),
        Rule(f"{prefix}-became-not-nullable", BRK, f"a {noun} no longer accepts null"),
        Rule(f"{prefix}-became-nullable", INF, f"a {noun} accepts null"),
        Rule(
            f"{prefix}-variant-removed", BRK, f"a oneOf/anyOf alternative of a {noun} was removed"
        ),
        Rule(f"{prefix}-variant-added", INF, f"a {noun} accepts a new oneOf/anyOf alternative"),
    ]


_ALL: list[Rule] = [
    # Operations
    Rule("operation-removed", BRK, "an operation (method and path) was removed"),
    Rule("operation-added", INF, "an operation was added"),
    Rule(
        "operation-id-changed", WRN, "an operationId changed; generated clients rename the method"
    ),
    # Security
    Rule("security-scheme-changed", BRK, "a way of authenticating that was accepted no longer is"),
    Rule("security-scheme-added", INF, "an operation accepts a new way of authenticating"),
    # Parameters
    Rule("new-required-request-parameter", BRK, "a required parameter was added"),
    Rule("new-optional-request-parameter", INF, "an optional parameter was added"),
    Rule("request-parameter-became-required", BRK, "an optional parameter became required"),
    Rule("request-parameter-became-optional", INF, "a required parameter became optional"),
    Rule("request-parameter-removed", WRN, "a parameter was removed; clients sending it may fail"),
    *_request_schema_rules("request-parameter", "parameter"),
    # Request body
    Rule("request-body-became-required", BRK, "the request body became required (or was added so)"),
    Rule("request-body-became-optional", INF, "the request body became optional"),
    Rule("request-body-added", INF, "an optional request body was added"),
    Rule("request-body-removed", WRN, "the request body was removed; clients sending one may fail"),
    Rule("request-body-media-type-removed", BRK, "a request media type is no longer accepted"),
    Rule("request-body-media-type-added", INF, "a request media type is accepted"),
    Rule("new-required-request-property", BRK, "a required request property was added"),
    Rule("new-optional-request-property", INF, "an optional request property was added"),
    Rule("request-property-became-required", BRK, "an optional request property became required"),
    Rule("request-property-became-optional", INF, "a required request property became optional"),
    Rule(
        "request-property-removed",
        WRN,
        "a request property was removed; clients sending it may fail",
    ),
    *_request_schema_rules("request-property", "request property"),
    # Responses
    Rule("response-success-status-removed", BRK, "a 2xx response status was removed"),
    Rule("response-non-success-status-removed", INF, "a non-2xx response status was removed"),
    Rule("response-success-status-added", WRN, "a 2xx response status was added"),
    Rule("response-non-success-status-added", INF, "a non-2xx response status was added"),
    Rule("response-media-type-removed", BRK, "a response media type is no longer sent"),
    Rule("response-media-type-added", INF, "a response media type was added"),
    Rule("response-required-property-removed", BRK, "a required response property was removed"),
    Rule("response-optional-property-removed", WRN, "an optional response property was removed"),
    Rule("response-property-added", INF, "a response property was added"),
    Rule("response-property-became-optional", BRK, "a required response property became optional"),
    Rule("response-property-became-required", INF, "an optional response property became required"),
    Rule("response-property-became-nullable", BRK, "a response property may now be null"),
    Rule("response-property-became-not-nullable", INF, "a response property is never null now"),
    Rule("response-property-type-changed", BRK, "a response property may have a type it never had"),
    Rule("response-property-type-specialized", INF, "a response property has fewer types now"),
    Rule(
        "response-property-enum-value-added",
        WRN,
        "a response enum value was added; clients may not know it",
    ),
    Rule("response-property-enum-value-removed", INF, "a response enum value was removed"),
    Rule("response-property-variant-added", WRN, "a response oneOf/anyOf alternative was added"),
    Rule(
        "response-property-variant-removed", INF, "a response oneOf/anyOf alternative was removed"
    ),
    # Server-sent events
    Rule("stream-event-removed", BRK, "an event of a text/event-stream response was removed"),
    Rule("stream-event-added", INF, "an event was added to a text/event-stream response"),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _ALL}
if len(RULES) != len(_ALL):  # pragma: no cover - a guard for whoever edits the list
    raise RuntimeError("duplicate rule id in runspec.diff.rules")


def severity_of(rule_id: str) -> Severity:
    """The severity of a rule; a ``KeyError`` for an id that is not in the catalogue."""
    return RULES[rule_id].severity
