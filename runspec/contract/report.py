"""Failures grouped by root cause, each with the smallest request that shows it.

A run can fail hundreds of cases for one bug (every error answer lacks ``x-request-id``), and one
failing case usually trips several checks for it. A :class:`Problem` is one distinct bug: the
operation, the answer's status and content type, and what is wrong (each check tripped, by its
title and the first line of its message with numbers and quoted values blanked out). It keeps how
many cases showed it and the smallest of them (fewest JSON fields, then shortest), which the
summary prints as a curl command with the key left as ``$API_KEY``.

Schemathesis groups failures per check and per case; nothing in it groups one cause across
checks and cases, so this module does.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CheckFailure",
    "FailedCase",
    "Problem",
    "ProblemKey",
    "RecordedRequest",
    "body_excerpt",
    "curl_command",
    "fold",
    "problem_key",
]

_BODY_EXCERPT = 300
# Headers that schemathesis or the HTTP library adds: noise in a reproduction.
_NOISE_HEADERS = frozenset(
    {
        "user-agent",
        "x-schemathesis-testcaseid",
        "content-length",
        "accept",
        "accept-encoding",
        "connection",
        "host",
    }
)
_SECRET_HEADERS = frozenset({"authorization", "api-key", "x-api-key"})
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`")
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class RecordedRequest:
    """A request as sent: ``headers`` may hold the key, which :func:`curl_command` never prints."""

    method: str
    uri: str
    headers: Mapping[str, Sequence[str]]
    body: bytes | None


@dataclass(frozen=True)
class CheckFailure:
    """One check that failed on a case."""

    check: str
    title: str
    message: str

    @property
    def gist(self) -> str:
        """The first line of the message with values blanked, so that cases of one bug agree."""
        line = next((ln.strip() for ln in self.message.splitlines() if ln.strip()), "")
        return _NUMBER.sub("N", _QUOTED.sub("'…'", line))[:160]


@dataclass(frozen=True)
class FailedCase:
    """A case that failed one or more checks, with what was sent and what came back."""

    operation: str
    phase: str
    case_id: str
    failures: tuple[CheckFailure, ...]
    request: RecordedRequest
    status: int
    media_type: str | None
    body: bytes

    @property
    def size(self) -> tuple[int, int, int]:
        """How big the request is: JSON fields in the body, body length, URI length."""
        body = self.request.body or b""
        try:
            fields = _count_fields(json.loads(body)) if body else 0
        except ValueError:
            fields = len(body)
        return fields, len(body), len(self.request.uri)


ProblemKey = tuple[str, int, str, tuple[tuple[str, str, str], ...]]


def problem_key(case: FailedCase) -> ProblemKey:
    """What makes two failing cases the same problem."""
    what = tuple(sorted({(f.check, f.title, f.gist) for f in case.failures}))
    return case.operation, case.status, case.media_type or "", what


@dataclass
class Problem:
    """One distinct bug: where, which answer, which checks, how many cases, the smallest one."""

    operation: str
    status: int
    media_type: str | None
    checks: tuple[str, ...]
    example: FailedCase
    cases: int = 1
    phases: set[str] = field(default_factory=set)
    what: frozenset[tuple[str, str, str]] = frozenset()

    @classmethod
    def first(cls, case: FailedCase) -> Problem:
        checks = tuple(sorted({f.check for f in case.failures}))
        what = frozenset(problem_key(case)[3])
        return cls(
            case.operation, case.status, case.media_type, checks, case, 1, {case.phase}, what
        )

    def add(self, case: FailedCase) -> None:
        self.cases += 1
        self.phases.add(case.phase)
        if case.size < self.example.size:
            self.example = case

    def absorb(self, other: Problem) -> None:
        """Count ``other``, the same bug seen by fewer checks, as this problem."""
        self.cases += other.cases
        self.phases |= other.phases
        self.checks = tuple(sorted({*self.checks, *other.checks}))

    @property
    def headline(self) -> str:
        what = "; ".join(dict.fromkeys(f.title for f in self.example.failures))
        return f"{self.operation} answered {self.status} {self.media_type or '(no content type)'}: {what}"

    def as_json(self, *, replay: str | None) -> dict[str, Any]:
        example = self.example
        return {
            "operation": self.operation,
            "status": self.status,
            "content_type": self.media_type,
            "checks": list(self.checks),
            "cases": self.cases,
            "phases": sorted(self.phases),
            "what": [
                {"check": f.check, "title": f.title, "message": f.message} for f in example.failures
            ],
            "body_excerpt": body_excerpt(example.body),
            "case_id": example.case_id,
            "curl": curl_command(example.request),
            "replay": replay,
        }


def fold(problems: Sequence[Problem]) -> list[Problem]:
    """Problems with each one folded into another of the same answer that shows all it shows.

    A check may skip some cases of a bug (schemathesis checks no headers of an answer to a body
    it could not send as JSON), so one bug can show as {A} on a few cases and {A, B} on the rest.
    """
    kept: list[Problem] = []
    for problem in sorted(problems, key=lambda p: -len(p.what)):
        home = next(
            (
                other
                for other in kept
                if (other.operation, other.status, other.media_type)
                == (problem.operation, problem.status, problem.media_type)
                and problem.what < other.what
            ),
            None,
        )
        if home is None:
            kept.append(problem)
        else:
            home.absorb(problem)
    order = {id(p): n for n, p in enumerate(problems)}
    return sorted(kept, key=lambda p: order[id(p)])


def body_excerpt(body: bytes, limit: int = _BODY_EXCERPT) -> str:
    """The start of a response body as text, on one line."""
    text = body.decode("utf-8", errors="replace").replace("\r", "").replace("\n", "\\n")
    return text if len(text) <= limit else text[:limit] + f"… ({len(body)} bytes)"


def curl_command(request: RecordedRequest) -> str:
    """A curl command that sends ``request`` again; the key is read from ``$API_KEY``."""
    parts = ["curl", "-sS", "-i", "-X", request.method]
    secret = False
    for name, values in request.headers.items():
        lowered = name.lower()
        if lowered in _NOISE_HEADERS:
            continue
        for value in [values] if isinstance(values, str) else values:
            if lowered in _SECRET_HEADERS:
                secret = True
                # Reports mask the whole value; the spec's scheme is Bearer.
                scheme = value.split(" ", 1)[0] + " " if " " in value else "Bearer "
                parts += ["-H", f"{name}: {scheme}$API_KEY"]
            else:
                parts += ["-H", f"{name}: {value}"]
    if request.body:
        parts += ["--data-raw", request.body.decode("utf-8", errors="replace")]
    parts.append(request.uri)
    command = shlex.join(parts)
    if secret:
        # Let the shell expand the key: the only part in double quotes.
        command = re.sub(r"'([A-Za-z-]+: (?:\w+ )?)\$API_KEY'", r'"\1$API_KEY"', command)
    return command


def _count_fields(value: Any) -> int:
    if isinstance(value, Mapping):
        return len(value) + sum(_count_fields(v) for v in value.values())
    if isinstance(value, list):
        return len(value) + sum(_count_fields(v) for v in value)
    return 0
