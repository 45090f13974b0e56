"""The summary of a contract run: the score per operation and area, and each distinct problem.

A :class:`Tally` is filled from the NDJSON report the schemathesis CLI writes
(:func:`tally_ndjson`) or from engine events of an in-process run (:mod:`.runner`), and written
as ``summary.md`` and ``summary.json``; the CLI prints the Markdown too.

* The **score**: for every case and every conformance area (:mod:`.areas`) whose checks ran on
  it, the area passed or failed on that case; per operation and per area, the passed share.
  Areas the run skipped are listed as skipped, with no number.
* The **problems**: failing cases grouped by root cause (:mod:`.report`), one entry each, with the
  answer's status, content type and body, and the smallest failing request as a curl command and
  as a replay command of the run's own configuration.
* The **errors**: cases that got no answer to judge (a timeout, a dropped connection, an answer
  past :mod:`.bounded`'s limits), counted beside the score, never in it; each distinct error
  with the first case it stopped as a curl command.
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from runspec.contract.areas import AREAS, area_of
from runspec.contract.report import (
    CheckFailure,
    Complaint,
    FailedCase,
    Problem,
    ProblemKey,
    RecordedRequest,
    body_excerpt,
    curl_command,
    printable,
    problem_keys,
    problems_of,
)

__all__ = [
    "ErroredCase",
    "OperationTally",
    "Tally",
    "check_title",
    "explain_error",
    "operation_label",
    "render_markdown",
    "tally_ndjson",
    "write_summary",
]

STATEFUL = "stateful"
PASSED, FAILED = "passed", "failed"


@dataclass(frozen=True)
class ErroredCase:
    """A case that got no answer to judge (a timeout, a dropped connection, an answer too large):
    what it sent, so that the report can say how to send it again."""

    case_id: str
    method: str
    target: str  # the path with its parameters filled in, and the query
    headers: Mapping[str, str]
    body: bytes | None

    def request(self, base_url: str | None) -> RecordedRequest:
        uri = f"{(base_url or '').rstrip('/')}{self.target}"
        return RecordedRequest(
            self.method, uri, {k: [v] for k, v in self.headers.items()}, self.body
        )


@dataclass
class OperationTally:
    """Cases sent for one operation, by phase; failing cases by check; results by area."""

    cases: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    areas: dict[str, Counter[str]] = field(default_factory=dict)
    negative: int = 0  # cases generated to be invalid

    @property
    def total(self) -> int:
        return sum(self.cases.values())


@dataclass
class Tally:
    """Everything the summary reports about one run."""

    operations: dict[str, OperationTally] = field(default_factory=dict)
    complaints: dict[ProblemKey, Complaint] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    # The first case of each distinct error, by the error's text (from the CLI's report).
    errored_cases: dict[str, ErroredCase] = field(default_factory=dict)
    base_url: str | None = None  # where the cases went: the curl commands start with it
    notes: list[str] = field(default_factory=list)  # findings of the preflight (id formats)
    preflight_problems: list[str] = field(default_factory=list)  # why the run did not start
    skipped_areas: tuple[str, ...] = ()
    seed: int | None = None
    seconds: float | None = None
    profile: str | None = None
    target: str | None = None
    replay_prefix: str | None = None  # `... replay`: the command that replays a case by its id

    def add_case(
        self,
        operation: str,
        phase: str,
        results: Iterable[tuple[str, bool]] = (),
        *,
        negative: bool = False,
    ) -> None:
        """Count a case; ``results`` are the checks that ran on it, each with whether it failed."""
        tally = self.operations.setdefault(operation, OperationTally())
        tally.cases[phase] += 1
        tally.negative += negative
        by_area: dict[str, bool] = {}
        for name, failed in results:
            if failed:
                tally.failures[name] += 1
            area = area_of(name)
            by_area[area] = by_area.get(area, False) or failed
        for area, failed in by_area.items():
            tally.areas.setdefault(area, Counter())[FAILED if failed else PASSED] += 1

    def add_failure(self, case: FailedCase) -> None:
        for key, failure in zip(problem_keys(case), case.failures, strict=True):
            complaint = self.complaints.setdefault(key, Complaint(key, failure))
            complaint.cases[case.case_id] = case

    @property
    def cases(self) -> int:
        return sum(op.total for op in self.operations.values())

    @property
    def negative_cases(self) -> int:
        return sum(op.negative for op in self.operations.values())

    @property
    def stateful_steps(self) -> int:
        return sum(op.cases[STATEFUL] for op in self.operations.values())

    def cases_in(self, phase: str) -> int:
        return sum(op.cases[phase] for op in self.operations.values())

    @property
    def failed_checks(self) -> Counter[str]:
        """Failing cases by check name, over all operations."""
        total: Counter[str] = Counter()
        for op in self.operations.values():
            total.update(op.failures)
        return total

    def area_results(self) -> dict[str, Counter[str]]:
        """Passed and failed cases by area, over all operations."""
        total: dict[str, Counter[str]] = {}
        for op in self.operations.values():
            for area, counts in op.areas.items():
                total.setdefault(area, Counter()).update(counts)
        return total

    @property
    def score(self) -> float | None:
        """The passed share of every area result of the run, or None when nothing was judged."""
        return _share(sum(self.area_results().values(), Counter()))

    @property
    def passed(self) -> bool:
        return not (self.complaints or self.failed_checks or self.errors or self.preflight_problems)

    def distinct_problems(self) -> list[Problem]:
        """Each distinct problem once (see :func:`.report.problems_of`), in the order first seen."""
        return problems_of(list(self.complaints.values()))

    def replay(self, case_id: str) -> str | None:
        return f"{self.replay_prefix} {case_id}" if self.replay_prefix else None

    def as_json(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "profile": self.profile,
            "seed": self.seed,
            "seconds": self.seconds,
            "cases": self.cases,
            "stateful_steps": self.stateful_steps,
            "negative_cases": self.negative_cases,
            "passed": self.passed,
            "preflight_problems": self.preflight_problems,
            "notes": self.notes,
            "score": {
                "overall": self.score,
                "areas": _score_json(self.area_results(), self.skipped_areas),
                "operations": {
                    label: _score_json(op.areas, self.skipped_areas)
                    for label, op in sorted(self.operations.items())
                },
            },
            "operations": {
                label: {
                    "cases": op.total,
                    "cases_by_phase": dict(op.cases),
                    "negative_cases": op.negative,
                    "failures_by_check": dict(op.failures),
                }
                for label, op in sorted(self.operations.items())
            },
            "problems": [
                problem.as_json(replay=self.replay(problem.example.case_id))
                for problem in self.distinct_problems()
            ],
            "errors": self.errors,
            "errored_cases": {
                error: curl_command(case.request(self.base_url))
                for error, case in self.errored_cases.items()
            },
        }


def _share(counts: Counter[str]) -> float | None:
    judged = counts[PASSED] + counts[FAILED]
    return counts[PASSED] / judged if judged else None


def _score_json(
    areas: Mapping[str, Counter[str]], skipped: Iterable[str]
) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = {}
    for area in AREAS:
        if area in skipped:
            result[area] = {"status": "skipped"}
        elif area in areas:
            counts = areas[area]
            share = _share(counts)
            result[area] = {
                "status": FAILED if counts[FAILED] else PASSED,
                PASSED: counts[PASSED],
                FAILED: counts[FAILED],
                "score": round(share, 4) if share is not None else None,
            }
        else:
            result[area] = {"status": "not run"}
    return result


# Errors of schemathesis (or Hypothesis under it) whose own words do not say what to do.
_KNOWN_ERRORS = (
    (
        "because no available rule had a True precondition",
        "stateful phase: no scenario could start, since none of its first steps (POST "
        "/threads/runs) answered a run to continue from; see the problems of that operation",
    ),
)


def explain_error(text: str) -> str:
    """An engine error in words a server team can act on, when it is a known one."""
    for marker, explanation in _KNOWN_ERRORS:
        if marker in text:
            return explanation
    return text


# Schemathesis titles ``positive_data_acceptance`` "Schema-valid request rejected" whatever the
# status; for a 2xx other than the spec's the request was accepted, only with the wrong status.
_ACCEPTED_WITH_ANOTHER_STATUS = "Schema-valid request accepted with an undocumented success status"


def check_title(check: str, title: str, status: int) -> str:
    """The title a failed check is shown with: schemathesis's own, unless it misleads."""
    if check == "positive_data_acceptance" and 200 <= status < 300:
        return _ACCEPTED_WITH_ANOTHER_STATUS
    return title


def operation_label(method: str, path: str, scenario_label: str, phase: str) -> str:
    """The operation a case belongs to: its scenario's, or in stateful runs the one it called."""
    if phase == STATEFUL:
        return f"{method.upper()} {path}"
    return scenario_label


# ---- reading the CLI's NDJSON report ------------------------------------------------------------


def tally_ndjson(path: Path) -> Tally:
    """Count cases and failures from the NDJSON event report of ``st run``."""
    tally = Tally()
    # An engine error comes before the end of its scenario, which holds the case it hit.
    unmatched: dict[str, str] = {}  # scenario label -> the text of its error
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            event: Mapping[str, Any] = json.loads(line)
            for kind, payload in event.items():
                _ndjson_event(tally, kind, payload, unmatched)
    return tally


def _ndjson_event(
    tally: Tally, kind: str, payload: Mapping[str, Any], unmatched: dict[str, str]
) -> None:
    if kind == "Initialize":
        tally.seed = payload.get("seed")
    elif kind == "EngineFinished":
        tally.seconds = payload.get("running_time")
    elif kind in ("NonFatalError", "FatalError"):
        # Older reports carry `info` (title, message), newer ones `value` (type, message).
        info = payload.get("info") or payload.get("value") or {}
        title = info.get("title") or info.get("type") or kind
        detail = f"{title}: {info.get('message')}" if info.get("message") else str(title)
        label = payload.get("label")
        error = explain_error(f"{label}: {detail}" if label else detail)
        tally.errors.append(error)
        if label:
            unmatched[str(label)] = error
    elif kind == "ScenarioFinished":
        _ndjson_scenario(tally, payload)
        stopped_by = unmatched.pop(str(payload["recorder"].get("label")), None)
        if stopped_by is not None and stopped_by not in tally.errored_cases:
            errored = _unanswered_case(payload["recorder"])
            if errored is not None:
                tally.errored_cases[stopped_by] = errored


def _unanswered_case(recorder: Mapping[str, Any]) -> ErroredCase | None:
    """The last case of a scenario that got no answer: the one its error stopped."""
    interactions = recorder.get("interactions", {})
    unanswered = [
        node["value"]
        for case_id, node in recorder.get("cases", {}).items()
        if (interactions.get(case_id) or {}).get("response") is None
    ]
    return _errored_case(unanswered[-1]) if unanswered else None


def _errored_case(case: Mapping[str, Any]) -> ErroredCase:
    target = str(case["path"])
    for name, value in (case.get("path_parameters") or {}).items():
        target = target.replace("{" + name + "}", quote(str(value), safe=""))
    if case.get("query"):
        target += "?" + urlencode(case["query"], doseq=True)
    headers = {str(k): str(v) for k, v in (case.get("headers") or {}).items()}
    body: bytes | None = None
    if "body" in case:
        media_type = case.get("media_type") or "application/json"
        headers.setdefault("Content-Type", media_type)
        value = case["body"]
        # As requests sends them: a JSON body with json.dumps' defaults, a text body as it is.
        text = isinstance(value, str) and "json" not in media_type
        body = value.encode() if text else json.dumps(value).encode()
    return ErroredCase(str(case.get("id", "")), str(case["method"]), target, headers, body)


def _ndjson_scenario(tally: Tally, payload: Mapping[str, Any]) -> None:
    phase = str(payload.get("phase"))
    recorder = payload["recorder"]
    interactions = recorder.get("interactions", {})
    checks: Mapping[str, list[Mapping[str, Any]]] = recorder.get("checks", {})
    for case_id, node in recorder.get("cases", {}).items():
        interaction = interactions.get(case_id)
        if interaction is None or interaction.get("response") is None:
            continue
        case = node["value"]
        label = operation_label(case["method"], case["path"], recorder["label"], phase)
        results = checks.get(case_id, [])
        mode = (case.get("meta") or {}).get("generation", {}).get("mode")
        tally.add_case(
            label,
            phase,
            [(r["name"], r.get("status") == "failure") for r in results],
            negative=mode == "negative",
        )
        status = int(interaction["response"]["status_code"])
        failures = tuple(
            CheckFailure(
                check=r["name"],
                title=check_title(
                    r["name"], str(r["failure_info"].get("failure", {}).get("title", "")), status
                ),
                message=str(r["failure_info"].get("failure", {}).get("message", "")),
            )
            for r in results
            if r.get("status") == "failure" and r.get("failure_info")
        )
        if failures:
            tally.add_failure(_ndjson_failed_case(label, phase, case_id, failures, interaction))


def _ndjson_failed_case(
    label: str,
    phase: str,
    case_id: str,
    failures: tuple[CheckFailure, ...],
    interaction: Mapping[str, Any],
) -> FailedCase:
    sent = interaction["request"]
    response = interaction["response"]
    headers: Mapping[str, list[str]] = response.get("headers") or {}
    return FailedCase(
        operation=label,
        phase=phase,
        case_id=case_id,
        failures=failures,
        request=RecordedRequest(
            method=str(sent["method"]),
            uri=str(sent["uri"]),
            headers=sent.get("headers") or {},
            body=_ndjson_bytes(sent.get("body")),
        ),
        status=int(response["status_code"]),
        media_type=media_type_of(headers),
        body=_ndjson_bytes(response.get("content")) or b"",
    )


def _ndjson_bytes(value: Any) -> bytes | None:
    if isinstance(value, Mapping) and "$base64" in value:
        return base64.b64decode(value["$base64"])
    if isinstance(value, str):
        return value.encode()
    return None


def media_type_of(headers: Mapping[str, Any]) -> str | None:
    """The media type of a response's headers (lower case, no parameters)."""
    for name, values in headers.items():
        if name.lower() == "content-type" and values:
            value = values if isinstance(values, str) else values[0]
            return str(value).split(";")[0].strip().lower() or None
    return None


# ---- writing ------------------------------------------------------------------------------------


def render_markdown(tally: Tally) -> str:
    """The summary as a Markdown page (also what the CLI prints).

    What a server sent or a fuzzer made up is shown with its control characters escaped
    (:func:`~runspec.contract.report.printable`): it can neither break a line of the page nor
    reach the reader's terminal as an escape sequence.
    """
    return "\n".join(printable(line) for line in _markdown_lines(tally)) + "\n"


def _markdown_lines(tally: Tally) -> Iterator[str]:
    if tally.preflight_problems:
        yield "# Contract run: NOT STARTED"
        yield ""
        yield f"The target {tally.target} is not ready for the suite:"
        yield ""
        yield from (f"- {problem}" for problem in tally.preflight_problems)
        return
    verdict = "PASSED" if tally.passed else "FAILED"
    yield f"# Contract run: {verdict}"
    yield ""
    score = tally.score
    facts = [
        ("target", tally.target),
        ("profile", tally.profile),
        ("seed", tally.seed),
        ("time", f"{tally.seconds:.1f} s" if tally.seconds is not None else None),
        ("cases", tally.cases),
        ("negative cases", tally.negative_cases),
        ("stateful steps", tally.stateful_steps),
        ("score", f"{score:.1%} of area results passed" if score is not None else None),
        # An error leaves no answer to judge: the score alone would read well for a target
        # whose every answer broke the transport.
        ("errors", f"{len(tally.errors)}, not in the score (see Errors)" if tally.errors else None),
        ("skipped areas", ", ".join(tally.skipped_areas) or None),
        ("distinct problems", len(tally.distinct_problems()) or None),
    ]
    for name, value in facts:
        if value is not None:
            yield f"- {name}: {value}"
    if tally.notes:
        yield ""
        yield "## Findings before the run"
        yield ""
        yield from (f"- {note}" for note in tally.notes)
    yield from _score_lines(tally)
    yield from _problem_lines(tally)
    if tally.errors:
        yield ""
        yield "## Errors"
        yield ""
        for error, count in Counter(tally.errors).most_common():
            yield f"- {error}" + (f" ({count} times)" if count > 1 else "")
            errored = tally.errored_cases.get(error)
            if errored is not None:
                yield "  the first case it stopped:"
                yield ""
                yield "  ```sh"
                yield f"  {curl_command(errored.request(tally.base_url))}"
                yield "  ```"
    if tally.seed is not None and not tally.passed:
        yield ""
        yield f"Run again with seed {tally.seed} to send the same cases."


def _cell(counts: Counter[str] | None, area: str, skipped: Iterable[str]) -> str:
    if area in skipped:
        return "skipped"
    if counts is None:
        return "-"
    share = _share(counts)
    mark = "" if not counts[FAILED] else " ✗"
    return f"{share:.0%} ({counts[PASSED]}/{counts[PASSED] + counts[FAILED]}){mark}"


def _score_lines(tally: Tally) -> Iterator[str]:
    yield ""
    yield "## Score"
    yield ""
    yield (
        "Each case counts once per conformance area whose checks ran on it: passed when they "
        "all passed. A skipped area was not tested and counts neither way."
    )
    yield ""
    yield "| operation | cases | by phase | " + " | ".join(AREAS) + " |"
    yield "|---|---:|---|" + "---|" * len(AREAS)
    rows = sorted(tally.operations.items())
    for label, op in rows:
        phases = ", ".join(f"{phase} {n}" for phase, n in sorted(op.cases.items()))
        cells = [_cell(op.areas.get(area), area, tally.skipped_areas) for area in AREAS]
        yield f"| `{label}` | {op.total} | {phases} | " + " | ".join(cells) + " |"
    totals = tally.area_results()
    cells = [_cell(totals.get(area), area, tally.skipped_areas) for area in AREAS]
    yield f"| **all** | {tally.cases} | | " + " | ".join(cells) + " |"


def _problem_lines(tally: Tally) -> Iterator[str]:
    problems = tally.distinct_problems()
    if not problems:
        return
    yield ""
    yield f"## Problems ({len(problems)} distinct)"
    for number, problem in enumerate(problems, start=1):
        example = problem.example
        yield ""
        yield f"### {number}. {problem.headline}"
        yield ""
        phases = ", ".join(sorted(problem.phases))
        methods = problem.methods - {problem.operation.partition(" ")[0]}
        sent_as = f"; sent as {', '.join(sorted(methods))}" if methods else ""
        yield (
            f"- {problem.cases} case{'s' if problem.cases != 1 else ''} ({phases}{sent_as}); "
            f"checks: {', '.join(problem.checks)}"
        )
        if "ignored_auth" in problem.checks:
            yield (
                "- ignored_auth sent this request again with a wrong key, or none, "
                "and it was accepted"
            )
        for failure in problem.failures:
            # Split at newlines only: splitlines() also breaks at the other control characters
            # and separators a server's values may hold, which printable() escapes instead.
            lines = [ln for ln in failure.message.strip().split("\n") if ln.strip()][:6]
            yield f"- {failure.check}: " + (lines[0] if lines else failure.title)
            yield from (f"  {line}" for line in lines[1:])
        yield f"- answer: {problem.status} {problem.media_type or '(no content type)'}"
        yield f"  `{body_excerpt(example.body).replace('`', chr(39))}`"
        yield "- smallest request:"
        yield ""
        yield "  ```sh"
        yield f"  {problem.curl}"
        yield "  ```"
        replay = tally.replay(example.case_id)
        if replay:
            yield f"- replay with every check: `{replay}`"
    yield ""
    yield (
        "The curl commands read the key from `$API_KEY`; a replay needs `API_KEY` set and the "
        "server running."
    )


def write_summary(tally: Tally, directory: Path) -> tuple[Path, Path]:
    """Write ``summary.md`` and ``summary.json`` into ``directory``; return both paths."""
    directory.mkdir(parents=True, exist_ok=True)
    markdown = directory / "summary.md"
    markdown.write_text(render_markdown(tally), encoding="utf-8")
    data = directory / "summary.json"
    data.write_text(json.dumps(tally.as_json(), indent=2) + "\n", encoding="utf-8")
    return markdown, data
