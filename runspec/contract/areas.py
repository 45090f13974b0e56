"""Conformance areas: which part of the contract each check judges, for the score and ``skip``.

The score of a run (see :mod:`.summary`) is counted per operation and per area, the way
S3-compatible stores are compared by s3-tests: for every case, an area passes when each of its
checks that ran passed, and fails when one of them failed. A server that knowingly lacks a
feature skips its area (``ContractRun.skip``): the area's checks are switched off and the area is
reported as skipped, never as passed.

The areas:

``auth``        the API key is required and checked;
``headers``     request headers (``OpenAI-Beta``) and response headers the spec declares;
``validation``  valid input is accepted and invalid input rejected, with the documented status;
``errors``      no 5xx, every error is an OpenAI error, unsupported methods get 405;
``echo``        the answer is what the spec says: content type, schema, the request's values echoed;
``streaming``   ``stream: true`` gets an event stream in the documented order;
``state``       threads and runs stay where the server said they are;
``lifecycle``   a run's status, timestamps and usage fit together over its life.

The table below is explicit for schemathesis's built-in checks and the suite's domain checks.
Newer domain checks are placed by the prefix of their name: ``lifecycle_*`` in lifecycle and
``stream_*`` in streaming. Any other name falls into :data:`DEFAULT_AREA` (validation): a check
nobody has placed yet judges the server's answers against the spec, which is what validation
covers, and it still counts (as failed or passed) rather than silently disappearing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

__all__ = [
    "AREAS",
    "CHECK_AREAS",
    "DEFAULT_AREA",
    "PREFIX_AREAS",
    "UnknownAreaError",
    "area_of",
    "checks_in",
    "parse_areas",
]

AREAS = ("auth", "headers", "validation", "errors", "echo", "streaming", "state", "lifecycle")
DEFAULT_AREA = "validation"

CHECK_AREAS: Mapping[str, str] = {
    # schemathesis's built-in checks
    "ignored_auth": "auth",
    "missing_required_header": "headers",
    "response_headers_conformance": "headers",
    "negative_data_rejection": "validation",
    "positive_data_acceptance": "validation",
    "status_code_conformance": "validation",
    "not_a_server_error": "errors",
    "unsupported_method": "errors",
    "allow_header_conformance": "errors",
    "max_response_time": "errors",
    "content_type_conformance": "echo",
    "response_schema_conformance": "echo",
    "use_after_free": "state",
    "ensure_resource_availability": "state",
    "object_level_authorization": "auth",
    # the suite's domain checks (runspec.contract.checks)
    "errors_are_openai_errors": "errors",
    "run_echoes_request": "echo",
    "undocumented_success_schema": "echo",
    "event_stream_grammar": "streaming",
    "thread_ids_stay_found": "state",
}

PREFIX_AREAS: Mapping[str, str] = {"lifecycle_": "lifecycle", "stream_": "streaming"}


class UnknownAreaError(ValueError):
    """A ``skip`` names no area; the message lists the areas there are."""


def area_of(check: str) -> str:
    """The area a check belongs to: the table, else its name's prefix, else the default."""
    if check in CHECK_AREAS:
        return CHECK_AREAS[check]
    for prefix, area in PREFIX_AREAS.items():
        if check.startswith(prefix):
            return area
    return DEFAULT_AREA


def checks_in(areas: Iterable[str], checks: Iterable[str]) -> list[str]:
    """The checks among ``checks`` that belong to one of ``areas``."""
    chosen = set(areas)
    return [check for check in checks if area_of(check) in chosen]


def parse_areas(names: Iterable[str]) -> tuple[str, ...]:
    """Areas named by a user (``--skip streaming,state``), checked, in the canonical order."""
    wanted = {part.strip().lower() for name in names for part in name.split(",") if part.strip()}
    unknown = sorted(wanted - set(AREAS))
    if unknown:
        raise UnknownAreaError(
            f"unknown conformance area {', '.join(map(repr, unknown))}; "
            f"choose from: {', '.join(AREAS)}"
        )
    return tuple(area for area in AREAS if area in wanted)
