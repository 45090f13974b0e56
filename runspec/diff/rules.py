"""The catalogue of change rules: stable ids, each with one severity and oasdiff's counterpart.

Ids never change meaning once published, because teams filter reports and CI on them. A rule is
``breaking`` when a client that worked against the old document can fail against the new one,
``warning`` when it may fail depending on how it was written (it meets a value it was never told
about, or sends something that is now ignored), and ``info`` otherwise (mostly additions).

Schema rules exist twice for requests: ``request-property-*`` for schemas of request bodies and
``request-parameter-*`` for schemas of parameters; responses (bodies, headers, stream-event
payloads and the payloads of webhooks, which the API sends) use ``response-property-*``. In a
request a change breaks when it rejects something that used to be accepted; in a response when
it sends something the client was told it would never get.

Every rule names the rule of oasdiff (github.com/oasdiff/oasdiff, the reference breaking-change
tool) that reports the same change, and oasdiff's level for it, so reports can be compared and
CI filters carried over; ``None`` when oasdiff has no such rule. Where our severity differs from
oasdiff's on purpose, the rule's description says why (``runspec diff --list-rules`` shows both).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from runspec.diff.model import Severity

__all__ = ["RULES", "Rule", "severity_of"]

BRK, WRN, INF = Severity.BREAKING, Severity.WARNING, Severity.INFO

_SAME = "="


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str
    oasdiff: str | None = _SAME
    """oasdiff's id for the same change (``"="``: the same id as ours; ``None``: no counterpart)."""
    oasdiff_level: Severity | None = None
    """oasdiff's level for it, when it differs from ours."""
    deprecation: bool = False
    """Whether the rule announces a deprecation (CHANGES.md lists those in their own section)."""
    oasdiff_also: tuple[str, ...] = ()
    """Further oasdiff ids for changes this rule covers too (oasdiff tells ``oneOf`` from
    ``anyOf``, a new limit from a lowered one, ...), whatever their level."""

    @property
    def oasdiff_id(self) -> str | None:
        return self.id if self.oasdiff == _SAME else self.oasdiff

    @property
    def oasdiff_severity(self) -> Severity | None:
        """oasdiff's level for the change (``None`` when oasdiff has no such rule)."""
        if self.oasdiff_id is None:
            return None
        return self.oasdiff_level if self.oasdiff_level is not None else self.severity


def _r(
    id: str,
    severity: Severity,
    description: str,
    oasdiff: str | None = _SAME,
    level: Severity | None = None,
    *,
    deprecation: bool = False,
) -> Rule:
    return Rule(id, severity, description, oasdiff, level, deprecation)


# JSON Schema 2020-12 keyword families: our id part, the keywords, and oasdiff's id part.
KEYWORD_FAMILIES: dict[str, tuple[str, ...]] = {
    "if": ("if",),
    "then": ("then",),
    "else": ("else",),
    "prefix-items": ("prefixItems",),
    "contains": ("contains", "minContains", "maxContains"),
    "dependent-required": ("dependentRequired",),
    "dependent-schema": ("dependentSchemas",),
    "unevaluated-properties": ("unevaluatedProperties",),
    "unevaluated-items": ("unevaluatedItems",),
    "property-names": ("propertyNames",),
    "pattern-property": ("patternProperties",),
    "not": ("not",),
}
_NO_CHANGED_IN_OASDIFF = frozenset(KEYWORD_FAMILIES) - {"dependent-required"}


def _keyword_rules(prefix: str, request: bool) -> list[Rule]:
    """Added, removed or changed 2020-12 keywords: in a request an added or changed one may reject
    what was accepted; in a response a removed or changed one may let through what never came."""
    rules = []
    oas = prefix if prefix != "request-parameter" else None
    for family, keywords in KEYWORD_FAMILIES.items():
        names = "/".join(keywords)
        known = oas is not None and family != "not"
        flipped = family == "prefix-items"  # oasdiff reads prefixItems the other way round
        note = (
            "; oasdiff judges prefixItems the other way round: we count a new positional "
            "schema as a new constraint"
            if flipped
            else ""
        )
        added = f"`{names}` was added to a {'request' if request else 'response'} schema{note}"
        removed = (
            f"`{names}` was removed from a {'request' if request else 'response'} schema{note}"
        )
        changed = f"`{names}` of a {'request' if request else 'response'} schema changed"
        if request:
            rules += [
                _r(f"{prefix}-{family}-added", BRK, added, _id(known), INF if flipped else None),
                _r(
                    f"{prefix}-{family}-removed", INF, removed, _id(known), BRK if flipped else None
                ),
            ]
        else:
            rules += [
                _r(
                    f"{prefix}-{family}-removed", BRK, removed, _id(known), INF if flipped else None
                ),
                _r(f"{prefix}-{family}-added", INF, added, _id(known), BRK if flipped else None),
            ]
        rules.append(
            _r(
                f"{prefix}-{family}-changed",
                BRK,
                changed + " (compared as written, not by meaning)",
                _id(known and family not in _NO_CHANGED_IN_OASDIFF),
            )
        )
    return rules


def _id(known: bool) -> str | None:
    return _SAME if known else None


def _request_schema_rules(prefix: str, noun: str) -> list[Rule]:
    """The rules about the schema of a request value; ``prefix`` names where the value lives."""
    parameter = prefix == "request-parameter"
    return [
        _r(f"{prefix}-type-changed", BRK, f"a {noun} no longer accepts a type it accepted"),
        _r(f"{prefix}-type-generalized", INF, f"a {noun} accepts more types than before"),
        _r(
            f"{prefix}-format-changed",
            BRK,
            f"a {noun} must match another `format` (or one where it had none)",
            f"{prefix}-type-changed",
        ),
        _r(
            f"{prefix}-format-generalized",
            INF,
            f"a {noun} accepts a wider `format` (int32 to int64, float to double) or any",
            f"{prefix}-type-generalized",
        ),
        _r(
            f"{prefix}-enum-value-removed",
            BRK,
            f"a {noun} no longer accepts an enum value, or became an enum (oasdiff names that "
            f"{prefix}-became-enum)",
        ),
        _r(
            f"{prefix}-enum-value-added",
            INF,
            f"a {noun} accepts a new enum value, or any value once its enum is dropped (also "
            "while its type widens: it accepts more, which is all a client needs)",
        ),
        _r(
            f"{prefix}-x-extensible-enum-value-removed",
            BRK,
            f"a value of the `x-extensible-enum` of a {noun} was removed",
        ),
        _r(
            f"{prefix}-x-extensible-enum-value-added",
            INF,
            f"a value was added to the `x-extensible-enum` of a {noun}",
            None,
        ),
        _r(f"{prefix}-max-length-decreased", BRK, f"the maxLength of a {noun} was lowered"),
        _r(f"{prefix}-min-length-increased", BRK, f"the minLength of a {noun} was raised"),
        _r(
            f"{prefix}-max-decreased",
            BRK,
            f"the maximum of a {noun} was lowered or made exclusive (or set: oasdiff warns "
            "about a new maximum, we count it as a rejection of values that were accepted)",
        ),
        _r(
            f"{prefix}-min-increased",
            BRK,
            f"the minimum of a {noun} was raised or made exclusive (or set)",
        ),
        _r(
            f"{prefix}-max-items-decreased",
            BRK,
            f"the maxItems of a {noun} was lowered",
            _SAME if parameter else None,
        ),
        _r(f"{prefix}-min-items-increased", BRK, f"the minItems of a {noun} was raised"),
        _r(f"{prefix}-pattern-changed", WRN, f"the pattern of a {noun} changed"),
        _r(f"{prefix}-pattern-added", BRK, f"a {noun} must match a pattern it did not have"),
        _r(f"{prefix}-pattern-removed", INF, f"a {noun} no longer has to match a pattern"),
        _r(f"{prefix}-became-not-nullable", BRK, f"a {noun} no longer accepts null"),
        _r(f"{prefix}-became-nullable", INF, f"a {noun} accepts null"),
        _r(
            f"{prefix}-variant-removed",
            BRK,
            f"a oneOf/anyOf alternative of a {noun} was removed",
            None if parameter else "request-property-one-of-removed",
        ),
        _r(
            f"{prefix}-variant-added",
            INF,
            f"a {noun} accepts a new oneOf/anyOf alternative",
            None if parameter else "request-property-one-of-added",
        ),
        *(
            [
                _r(
                    "request-parameter-default-value-added",
                    BRK,
                    "a parameter got a default: a client leaving it out gets other behaviour",
                ),
                _r(
                    "request-parameter-default-value-changed",
                    BRK,
                    "the default of a parameter changed: a client leaving it out gets other "
                    "behaviour",
                ),
                _r(
                    "request-parameter-default-value-removed",
                    BRK,
                    "the default of a parameter was removed: a client leaving it out gets other "
                    "behaviour",
                ),
            ]
            if parameter
            else [
                _r("request-property-default-value-added", INF, "a request property got a default"),
                _r(
                    "request-property-default-value-changed",
                    WRN,
                    "the default of a request property changed; oasdiff says info, we warn: a "
                    "client leaving the property out gets other behaviour",
                    _SAME,
                    INF,
                ),
                _r(
                    "request-property-default-value-removed",
                    INF,
                    "the default of a request property was removed",
                ),
            ]
        ),
        *_content_rules(prefix, request=True),
        *_keyword_rules(prefix, request=True),
    ]


def _content_rules(prefix: str, request: bool) -> list[Rule]:
    """Strings that carry a document: its media type, encoding and schema."""
    oas = None if prefix == "request-parameter" else _SAME
    noun = "request" if request else "response"
    return [
        _r(
            f"{prefix}-content-media-type-changed",
            BRK,
            f"the contentMediaType of a {noun} string changed",
            oas,
        ),
        _r(
            f"{prefix}-content-encoding-changed",
            BRK,
            f"the contentEncoding of a {noun} string changed",
            oas,
        ),
        _r(
            f"{prefix}-content-schema-added",
            BRK if request else INF,
            f"the content of a {noun} string must match a contentSchema now",
            oas,
        ),
        _r(
            f"{prefix}-content-schema-removed",
            INF if request else BRK,
            f"the content of a {noun} string no longer has a contentSchema",
            oas,
        ),
    ]


def _side_rules(side: str) -> list[Rule]:
    """Rules that exist once per direction with the same meaning (deprecation, discriminator,
    allOf members)."""
    request = side == "request"
    noun = "request" if request else "response"
    p = f"{side}-property"
    return [
        _r(f"{p}-deprecated", INF, f"a {noun} property was deprecated", deprecation=True),
        _r(f"{p}-reactivated", INF, f"a {noun} property is no longer deprecated"),
        _r(
            f"{p}-stability-decreased",
            BRK,
            f"the `x-stability-level` of a {noun} property was lowered",
        ),
        _r(
            f"{p}-stability-increased",
            INF,
            f"the `x-stability-level` of a {noun} property was raised",
        ),
        _r(
            f"{p}-stability-invalid",
            WRN,
            f"the `x-stability-level` of a {noun} property is not one of draft, alpha, beta, "
            "stable (oasdiff has no such rule for properties)",
            None,
        ),
        _r(f"{p}-discriminator-added", INF, f"a {noun} union got a discriminator"),
        _r(f"{p}-discriminator-removed", INF, f"a {noun} union lost its discriminator"),
        _r(
            f"{p}-discriminator-property-name-changed",
            BRK,
            f"the discriminator of a {noun} union names another property; oasdiff says info, "
            "we count it as breaking: code that picks the alternative by the old property "
            "cannot",
            _SAME,
            INF,
        ),
        _r(
            f"{p}-discriminator-mapping-changed",
            BRK,
            f"a discriminator value of a {noun} union maps to another schema (oasdiff: info)",
            _SAME,
            INF,
        ),
        _r(
            f"{p}-discriminator-mapping-deleted",
            BRK if request else INF,
            f"a discriminator value of a {noun} union was removed from its mapping"
            + (" (oasdiff: info; clients sending that value are refused)" if request else ""),
            _SAME,
            INF if request else None,
        ),
        _r(
            f"{p}-discriminator-mapping-added",
            INF if request else WRN,
            f"a discriminator value was added to the mapping of a {noun} union"
            + ("" if request else " (oasdiff: info; clients may not know the value)"),
            _SAME,
            None if request else INF,
        ),
        _r(
            f"{p}-all-of-added",
            INF,
            f"an allOf member was added to a {noun} schema; its effect is reported property by "
            "property"
            + (
                ", which is how we judge it (oasdiff: breaking, whatever the member says)"
                if request
                else ""
            ),
            _SAME,
            BRK if request else None,
        ),
        _r(
            f"{p}-all-of-removed",
            INF,
            f"an allOf member was removed from a {noun} schema; its effect is reported property "
            "by property" + (" (oasdiff: warning, whatever the member said)" if request else ""),
            _SAME,
            WRN if request else None,
        ),
    ]


_ALL: list[Rule] = [
    # Operations
    _r(
        "operation-removed",
        BRK,
        "an operation (method and path) was removed without having been deprecated",
        "api-removed-without-deprecation",
    ),
    _r(
        "operation-removed-before-sunset",
        BRK,
        "a deprecated operation was removed before its `x-sunset` date",
        "api-removed-before-sunset",
    ),
    _r(
        "operation-removed-after-sunset",
        INF,
        "a deprecated operation was removed after its `x-sunset` date, as announced",
        None,
    ),
    _r(
        "operation-removed-after-deprecation",
        WRN,
        "a deprecated operation without an `x-sunset` date was removed (oasdiff: info; we warn, "
        "because no date was announced)",
        "api-removed-with-deprecation",
        INF,
    ),
    _r(
        "operation-removed-while-unstable",
        INF,
        "an operation with `x-stability-level` draft or alpha was removed (oasdiff does not "
        "report it)",
        None,
    ),
    _r("operation-added", INF, "an operation was added", "endpoint-added"),
    _r(
        "operation-id-changed",
        WRN,
        "an operationId changed; generated clients rename the method (oasdiff: info)",
        "api-operation-id-removed",
        INF,
    ),
    _r("operation-id-added", INF, "an operation got an operationId", "api-operation-id-added"),
    _r(
        "operation-id-removed",
        WRN,
        "an operationId was removed; generated clients rename the method (oasdiff: info)",
        "api-operation-id-removed",
        INF,
    ),
    _r("operation-tag-added", INF, "an operation got a tag", "api-tag-added"),
    _r("operation-tag-removed", INF, "an operation lost a tag", "api-tag-removed"),
    _r(
        "operation-deprecated",
        INF,
        "an operation was deprecated, without an `x-sunset` date",
        "endpoint-deprecated",
        deprecation=True,
    ),
    _r(
        "operation-deprecated-with-sunset",
        INF,
        "an operation was deprecated, to be removed after its `x-sunset` date",
        "endpoint-deprecated-with-sunset",
        deprecation=True,
    ),
    _r(
        "operation-reactivated", INF, "an operation is no longer deprecated", "endpoint-reactivated"
    ),
    _r(
        "operation-sunset-invalid",
        BRK,
        "the `x-sunset` of a deprecated operation is not a date (YYYY-MM-DD or RFC 3339)",
        "api-deprecated-sunset-parse",
    ),
    _r(
        "operation-sunset-moved-earlier",
        BRK,
        "the `x-sunset` date of an operation was moved earlier",
        "api-sunset-date-changed-too-small",
    ),
    _r(
        "operation-sunset-deleted",
        WRN,
        "the `x-sunset` date of a deprecated operation was "
        "removed (oasdiff: breaking; we warn: nothing a client sends or receives changed)",
        "sunset-deleted",
        BRK,
    ),
    _r(
        "operation-stability-decreased",
        BRK,
        "the `x-stability-level` of an operation was lowered (stable, beta, alpha, draft)",
        "api-stability-decreased",
    ),
    _r(
        "operation-stability-increased",
        INF,
        "the `x-stability-level` of an operation was raised",
        "api-stability-increased",
    ),
    _r(
        "operation-stability-invalid",
        WRN,
        "the `x-stability-level` of an operation is not one "
        "of draft, alpha, beta, stable (oasdiff: breaking; we warn: it is a typo, not a change "
        "to the API)",
        "api-invalid-stability-level",
        BRK,
    ),
    # Webhooks (OpenAPI 3.1): requests the API sends, so their bodies are compared as responses
    _r("webhook-removed", BRK, "a webhook (its name and method) was removed"),
    _r("webhook-added", INF, "a webhook was added"),
    # Security
    _r(
        "security-scheme-changed",
        BRK,
        "a way of authenticating that was accepted no longer is (oasdiff: info, reading fewer "
        "requirements as less security); this includes an operation that "
        "needed no credentials now needing some, which oasdiff reports as api-security-added "
        "(info): its existing callers send none",
        "api-security-removed",
        INF,
    ),
    _r(
        "security-scheme-added",
        INF,
        "an operation accepts a new way of authenticating",
        "api-security-added",
    ),
    _r(
        "security-component-added",
        INF,
        "a security scheme was added to components",
        "api-security-component-added",
    ),
    _r(
        "security-component-removed",
        INF,
        "a security scheme was removed from components (what "
        "operations require is compared by security-scheme-*)",
        "api-security-component-removed",
    ),
    _r(
        "security-component-type-changed",
        INF,
        "the type of a security scheme in components changed",
        "api-security-component-type-changed",
    ),
    _r(
        "security-component-oauth-url-changed",
        INF,
        "an OAuth authorization or token URL of a security scheme changed",
        "api-security-component-oauth-url-changed",
    ),
    _r(
        "security-component-oauth-scope-added",
        INF,
        "an OAuth scope was added to a security scheme",
        "api-security-component-oauth-scope-added",
    ),
    _r(
        "security-component-oauth-scope-removed",
        INF,
        "an OAuth scope was removed from a security scheme",
        "api-security-component-oauth-scope-removed",
    ),
    # Parameters
    _r("new-required-request-parameter", BRK, "a required parameter was added"),
    _r("new-optional-request-parameter", INF, "an optional parameter was added"),
    _r("request-parameter-became-required", BRK, "an optional parameter became required"),
    _r("request-parameter-became-optional", INF, "a required parameter became optional"),
    _r("request-parameter-removed", WRN, "a parameter was removed; clients sending it may fail"),
    _r("request-parameter-removed-with-deprecation", INF, "a deprecated parameter was removed"),
    _r("request-parameter-deprecated", INF, "a parameter was deprecated", deprecation=True),
    _r("request-parameter-reactivated", INF, "a parameter is no longer deprecated"),
    *_request_schema_rules("request-parameter", "parameter"),
    # Request body
    _r("request-body-became-required", BRK, "the request body became required (or was added so)"),
    _r("request-body-became-optional", INF, "the request body became optional"),
    _r(
        "request-body-added",
        INF,
        "an optional request body was added",
        "request-body-added-optional",
    ),
    _r(
        "request-body-removed",
        BRK,
        "the request body was removed: clients sending one are refused or ignored",
    ),
    _r(
        "request-body-wrapped-in-one-of",
        BRK,
        "the request body became a oneOf: a body that was "
        "valid may match two alternatives now, or none",
    ),
    _r("request-body-media-type-removed", BRK, "a request media type is no longer accepted"),
    _r("request-body-media-type-added", INF, "a request media type is accepted"),
    _r("new-required-request-property", BRK, "a required request property was added"),
    _r("new-optional-request-property", INF, "an optional request property was added"),
    _r("request-property-became-required", BRK, "an optional request property became required"),
    _r("request-property-became-optional", INF, "a required request property became optional"),
    _r(
        "request-property-removed",
        WRN,
        "a request property was removed; clients sending it may fail",
    ),
    _r(
        "request-property-became-read-only",
        WRN,
        "a request property became readOnly: what clients send in it is ignored (oasdiff: info)",
        "request-optional-property-became-read-only",
        INF,
    ),
    _r(
        "request-required-property-became-not-read-only",
        BRK,
        "a readOnly request property that "
        "is required became writable: clients never sent it (oasdiff: info)",
        _SAME,
        INF,
    ),
    _r(
        "request-optional-property-became-not-read-only",
        INF,
        "an optional readOnly request property became writable",
    ),
    *_request_schema_rules("request-property", "request property"),
    *_side_rules("request"),
    # Responses
    _r("response-success-status-removed", BRK, "a 2xx response status was removed"),
    _r("response-non-success-status-removed", INF, "a non-2xx response status was removed"),
    _r(
        "response-success-status-added",
        WRN,
        "a 2xx response status was added (oasdiff: info; clients may not expect it)",
        _SAME,
        INF,
    ),
    _r("response-non-success-status-added", INF, "a non-2xx response status was added"),
    _r("response-media-type-removed", BRK, "a response media type is no longer sent"),
    _r("response-media-type-added", INF, "a response media type was added"),
    _r(
        "response-body-wrapped-in-one-of",
        BRK,
        "the response body became a oneOf: clients decoding the old shape may meet another",
    ),
    _r("required-response-header-removed", BRK, "a required response header is no longer sent"),
    _r("optional-response-header-removed", WRN, "an optional response header is no longer sent"),
    _r("response-header-added", INF, "a response header was added"),
    _r("response-header-became-optional", BRK, "a required response header became optional"),
    _r("response-header-became-required", INF, "an optional response header became required", None),
    _r("response-required-property-removed", BRK, "a required response property was removed"),
    _r("response-optional-property-removed", WRN, "an optional response property was removed"),
    _r(
        "response-property-added",
        INF,
        "a response property was added",
        "response-optional-property-added",
    ),
    _r("response-property-became-optional", BRK, "a required response property became optional"),
    _r("response-property-became-required", INF, "an optional response property became required"),
    _r(
        "response-required-property-became-write-only",
        BRK,
        "a required response property became "
        "writeOnly: clients reading it no longer get it (oasdiff: info)",
        _SAME,
        INF,
    ),
    _r(
        "response-optional-property-became-write-only",
        WRN,
        "an optional response property became writeOnly: it is no longer sent (oasdiff: info)",
        _SAME,
        INF,
    ),
    _r(
        "response-property-became-not-write-only",
        INF,
        "a writeOnly response property is sent now",
        "response-optional-property-became-not-write-only",
    ),
    _r("response-property-became-nullable", BRK, "a response property may now be null"),
    _r("response-property-became-not-nullable", INF, "a response property is never null now"),
    _r("response-property-type-changed", BRK, "a response property may have a type it never had"),
    _r("response-property-type-specialized", INF, "a response property has fewer types now"),
    _r(
        "response-property-format-changed",
        BRK,
        "a response property may have a `format` it never had (changed, widened or removed)",
        "response-property-type-changed",
    ),
    _r(
        "response-property-format-specialized",
        INF,
        "a response property got a `format`, or a narrower one",
        "response-property-type-specialized",
    ),
    _r(
        "response-property-enum-value-added",
        WRN,
        "a response enum value was added; clients may not know it",
    ),
    _r("response-property-enum-value-removed", INF, "a response enum value was removed"),
    _r(
        "response-property-x-extensible-enum-value-added",
        INF,
        "a value was added to a response `x-extensible-enum`: clients were told to expect new ones",
        None,
    ),
    _r(
        "response-property-x-extensible-enum-value-removed",
        INF,
        "a value was removed from a response `x-extensible-enum`",
        None,
    ),
    _r(
        "response-property-max-increased",
        BRK,
        "the maximum of a response property was raised "
        "or removed: clients sizing for it may overflow",
    ),
    _r(
        "response-property-min-decreased",
        BRK,
        "the minimum of a response property was lowered or removed",
    ),
    _r(
        "response-property-max-length-increased",
        BRK,
        "the maxLength of a response property was raised",
    ),
    _r(
        "response-property-max-length-unset",
        BRK,
        "the maxLength of a response property was removed",
    ),
    _r(
        "response-property-min-length-decreased",
        BRK,
        "the minLength of a response property was lowered or removed",
    ),
    _r(
        "response-property-max-items-increased",
        BRK,
        "the maxItems of a response property was raised or removed",
        None,
    ),
    _r(
        "response-property-min-items-decreased",
        BRK,
        "the minItems of a response property was lowered",
    ),
    _r("response-property-min-items-unset", BRK, "the minItems of a response property was removed"),
    _r(
        "response-property-pattern-changed",
        WRN,
        "the pattern of a response property changed "
        "(oasdiff: info; clients validating responses may reject values)",
        _SAME,
        INF,
    ),
    _r(
        "response-property-pattern-removed",
        WRN,
        "a response property no longer matches a "
        "pattern (oasdiff: info; clients relied on it may meet other values)",
        _SAME,
        INF,
    ),
    _r("response-property-pattern-added", INF, "a response property matches a pattern now"),
    _r(
        "response-property-variant-added",
        BRK,
        "a response oneOf/anyOf alternative was added: existing clients cannot decode it "
        "(oasdiff: breaking for oneOf, info for anyOf; we treat anyOf alike)",
        "response-property-one-of-added",
    ),
    _r(
        "response-property-variant-removed",
        INF,
        "a response oneOf/anyOf alternative was removed",
        "response-property-one-of-removed",
    ),
    *_content_rules("response-property", request=False),
    *_keyword_rules("response-property", request=False),
    *_side_rules("response"),
    # Server-sent events
    _r("stream-event-removed", BRK, "an event of a text/event-stream response was removed", None),
    _r("stream-event-added", INF, "an event was added to a text/event-stream response", None),
]


def _also() -> dict[str, tuple[str, ...]]:
    """Our rule id to the further oasdiff ids it covers."""
    also: dict[str, tuple[str, ...]] = {}
    for p in ("request-property", "request-parameter"):
        also |= {
            f"{p}-type-changed": (f"{p}-list-of-types-narrowed",),
            f"{p}-type-generalized": (f"{p}-list-of-types-widened",),
            f"{p}-enum-value-removed": (f"{p}-became-enum",),
            f"{p}-max-decreased": (f"{p}-exclusive-max-decreased", f"{p}-max-set"),
            f"{p}-min-increased": (f"{p}-exclusive-min-increased", f"{p}-min-set"),
            f"{p}-max-length-decreased": (f"{p}-max-length-set",),
        }
    also |= {
        "request-property-min-items-increased": ("request-property-min-items-set",),
        "request-parameter-min-items-increased": ("request-parameter-min-items-set",),
        "request-property-variant-removed": ("request-property-any-of-removed",),
        "request-property-variant-added": ("request-property-any-of-added",),
        "request-property-contains-changed": (
            "request-property-min-contains-increased",
            "request-property-max-contains-decreased",
        ),
        "request-property-all-of-added": ("request-property-all-of-added-annotation-only",),
        "response-property-variant-added": ("response-property-any-of-added",),
        "response-property-variant-removed": ("response-property-any-of-removed",),
        "response-property-type-changed": (
            "response-property-list-of-types-widened",
            "response-property-type-generalized",
        ),
        "response-property-type-specialized": ("response-property-list-of-types-narrowed",),
        "response-property-max-increased": ("response-property-exclusive-max-increased",),
        "response-property-min-decreased": ("response-property-exclusive-min-decreased",),
        "response-property-contains-changed": (
            "response-property-min-contains-decreased",
            "response-property-max-contains-increased",
        ),
        "response-property-added": ("response-required-property-added",),
        "response-property-enum-value-added": ("response-property-const-changed",),
        "security-scheme-changed": (
            "api-security-scope-added",
            "api-global-security-removed",
            "api-global-security-scope-added",
        ),
        "security-scheme-added": ("api-global-security-added", "api-security-scope-removed"),
        "operation-removed": ("api-path-removed-without-deprecation",),
        "operation-removed-before-sunset": ("api-path-removed-before-sunset",),
        "operation-removed-after-deprecation": ("api-path-removed-with-deprecation",),
        "request-body-became-required": ("request-body-added-required",),
    }
    return also


_ALSO = _also()
_ALL = [replace(rule, oasdiff_also=_ALSO.get(rule.id, ())) for rule in _ALL]

RULES: dict[str, Rule] = {rule.id: rule for rule in _ALL}
if set(_ALSO) - set(RULES):  # pragma: no cover - a guard for whoever edits the list
    raise RuntimeError(f"unknown rule ids in _also: {sorted(set(_ALSO) - set(RULES))}")
if len(RULES) != len(_ALL):  # pragma: no cover - a guard for whoever edits the list
    raise RuntimeError("duplicate rule id in runspec.diff.rules")


def severity_of(rule_id: str) -> Severity:
    """The severity of a rule; a ``KeyError`` for an id that is not in the catalogue."""
    return RULES[rule_id].severity
