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
    "Complaint",
    "FailedCase",
    "Problem",
    "ProblemKey",
    "RecordedRequest",
    "body_excerpt",
    "curl_command",
    "printable",
    "problem_keys",
    "problems_of",
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
# Control characters, the Unicode line and paragraph separators and the bidirectional overrides:
# from a server or a fuzzer, they would break a report's lines or steer the reader's terminal.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Bytes a single-quoted printf format may hold as they are (no quote, backslash or percent).
_PRINTF_PLAIN = frozenset(range(0x20, 0x7F)) - frozenset(b"'\\%")
# HTTP methods and other upper-case tokens (``TRACE returned 405 ...``) vary with the case.
_UPPER_WORD = re.compile(r"\b[A-Z]{3,}\b")


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
        return _UPPER_WORD.sub("X", _NUMBER.sub("N", _QUOTED.sub("'…'", line)))[:160]


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


ProblemKey = tuple[str, int, str, str, str, str]

# Two complaints are one problem when (nearly) all cases of each are cases of the other.
_SAME_CASES = 0.9


def problem_keys(case: FailedCase) -> list[ProblemKey]:
    """What the case shows: one key per complaint (check, title, gist) about its answer."""
    return [
        (case.operation, case.status, case.media_type or "", f.check, f.title, f.gist)
        for f in case.failures
    ]


@dataclass
class Complaint:
    """One check's complaint about answers of one status and content type, and its cases."""

    key: ProblemKey
    failure: CheckFailure
    cases: dict[str, FailedCase] = field(default_factory=dict)


@dataclass
class Problem:
    """One distinct bug: where, which answer, what is wrong, how many cases, the smallest one.

    A problem is one complaint, together with the complaints of other checks raised on (nearly)
    the same cases: one bug seen by several checks, such as a missing ``x-request-id`` that both
    the header check and the error-shape check report.
    """

    operation: str
    status: int
    media_type: str | None
    complaints: list[Complaint]

    @property
    def checks(self) -> tuple[str, ...]:
        return tuple(sorted({c.failure.check for c in self.complaints}))

    @property
    def cases(self) -> int:
        return len({case_id for c in self.complaints for case_id in c.cases})

    @property
    def methods(self) -> set[str]:
        """The methods the cases were sent with (the coverage phase also tries other methods)."""
        return {case.request.method.upper() for c in self.complaints for case in c.cases.values()}

    @property
    def phases(self) -> set[str]:
        return {case.phase for c in self.complaints for case in c.cases.values()}

    @property
    def example(self) -> FailedCase:
        """The smallest case that shows every complaint, else the smallest of the main one."""
        main = self.complaints[0].cases
        shared = set(main).intersection(*(c.cases for c in self.complaints[1:]))
        pool = [main[i] for i in shared] or list(main.values())
        return min(pool, key=lambda case: case.size)

    @property
    def failures(self) -> list[CheckFailure]:
        """Each complaint as the example case raised it (or as first seen)."""
        raised = {(f.check, f.title, f.gist): f for f in self.example.failures}
        return [raised.get((c.key[3], c.key[4], c.key[5]), c.failure) for c in self.complaints]

    @property
    def curl(self) -> str:
        """The example as a curl command; with the user's key unless the key is the point."""
        about_the_key = self.status in (401, 403) or "ignored_auth" in self.checks
        return curl_command(self.example.request, with_key=not about_the_key)

    @property
    def headline(self) -> str:
        what = "; ".join(dict.fromkeys(c.failure.title for c in self.complaints))
        answer = f"{self.status} {self.media_type or '(no content type)'}"
        return f"{self.request_line} answered {answer}: {what}"

    @property
    def request_line(self) -> str:
        """The operation, or the methods actually sent when none was its own (another method's
        answer on the operation's path, from the coverage phase), so the headline says what was sent."""
        own, _, path = self.operation.partition(" ")
        if own in self.methods:
            return self.operation
        return f"{', '.join(sorted(self.methods))} {path}"

    def as_json(self, *, replay: str | None) -> dict[str, Any]:
        example = self.example
        return {
            "operation": self.operation,
            "status": self.status,
            "content_type": self.media_type,
            "checks": list(self.checks),
            "cases": self.cases,
            "phases": sorted(self.phases),
            "methods": sorted(self.methods),
            "what": [
                {"check": f.check, "title": f.title, "message": f.message} for f in self.failures
            ],
            "body_excerpt": body_excerpt(example.body),
            "case_id": example.case_id,
            "curl": self.curl,
            "replay": replay,
        }


def problems_of(complaints: Sequence[Complaint]) -> list[Problem]:
    """Complaints grouped into problems, in the order first seen: a complaint joins a larger one
    about the same answer when (nearly) all cases of each are cases of the other."""
    problems: list[Problem] = []
    for complaint in sorted(complaints, key=lambda c: -len(c.cases)):
        ids = set(complaint.cases)
        home = next(
            (
                problem
                for problem in problems
                if (problem.operation, problem.status, problem.media_type or "")
                == complaint.key[:3]
                and _same_cases(ids, set(problem.complaints[0].cases))
            ),
            None,
        )
        if home is not None:
            home.complaints.append(complaint)
        else:
            operation, status, media_type = complaint.key[:3]
            problems.append(Problem(operation, status, media_type or None, [complaint]))
    order = {id(c): n for n, c in enumerate(complaints)}
    return sorted(problems, key=lambda p: min(order[id(c)] for c in p.complaints))


def _same_cases(these: set[str], those: set[str]) -> bool:
    shared = len(these & those)
    return shared >= _SAME_CASES * len(these) and shared >= _SAME_CASES * len(those)


def printable(text: str) -> str:
    """``text`` with every character of :data:`_UNPRINTABLE` written as its Python escape
    (``\\x1b``, ``\\u2028``): one line, and nothing a terminal acts on."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


def body_excerpt(body: bytes, limit: int = _BODY_EXCERPT) -> str:
    """The start of a response body as text, on one line."""
    text = body.decode("utf-8", errors="replace").replace("\r", "").replace("\n", "\\n")
    return printable(text if len(text) <= limit else text[:limit] + f"… ({len(body)} bytes)")


def curl_command(request: RecordedRequest, *, with_key: bool = True) -> str:
    """A curl command that sends ``request`` again; the key is read from ``$API_KEY``.

    ``with_key=False`` is for requests that were refused or sent on purpose without the right
    key (401, 403, ``ignored_auth``): reports mask whatever key they sent, so it stays masked
    rather than be replaced by the right one.
    """
    parts = ["curl", "-sS", "-i", "-X", request.method]
    secret = False
    for name, values in request.headers.items():
        lowered = name.lower()
        if lowered in _NOISE_HEADERS:
            continue
        for value in [values] if isinstance(values, str) else values:
            if lowered in _SECRET_HEADERS and not with_key:
                parts += ["-H", f"{name}: [Filtered]"]
            elif lowered in _SECRET_HEADERS:
                secret = True
                # Reports mask the whole value; the spec's scheme is Bearer.
                scheme = value.split(" ", 1)[0] + " " if " " in value else "Bearer "
                parts += ["-H", f"{name}: {scheme}$API_KEY"]
            else:
                parts += ["-H", f"{name}: {value}"]
    text = _printable_text(request.body) if request.body else None
    if text is not None:
        parts += ["--data-raw", text]
    elif request.body:
        parts += ["--data-binary", "@-"]
    parts.append(request.uri)
    command = " ".join(_shell_word(part) for part in parts)
    if secret:
        # Let the shell expand the key: the only part in double quotes.
        command = re.sub(r"'([A-Za-z-]+: (?:\w+ )?)\$API_KEY'", r'"\1$API_KEY"', command)
    if request.body and text is None:
        command = f"printf '{_printf_format(request.body)}' | {command}"
    return command


def _printable_text(body: bytes) -> str | None:
    """``body`` as text when it can be a shell argument as it is, else None."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if not _UNPRINTABLE.search(text) else None


def _printf_format(body: bytes) -> str:
    """A printf format (for single quotes) that writes exactly ``body``."""
    return "".join(chr(b) if b in _PRINTF_PLAIN else f"\\{b:03o}" for b in body)


def _shell_word(text: str) -> str:
    """``text`` quoted for a POSIX shell; in ``$'...'`` (bash, zsh) when it holds characters
    that cannot stand in a command line as they are."""
    if not _UNPRINTABLE.search(text):
        return shlex.quote(text)
    # printable()'s escapes (\\x1b, \\n, \\u2028) are also those of $'...'.
    return "$'" + printable(text.replace("\\", "\\\\").replace("'", "\\'")) + "'"


def _count_fields(value: Any) -> int:
    if isinstance(value, Mapping):
        return len(value) + sum(_count_fields(v) for v in value.values())
    if isinstance(value, list):
        return len(value) + sum(_count_fields(v) for v in value)
    return 0
