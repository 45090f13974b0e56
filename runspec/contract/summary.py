"""The short summary of a contract run: per operation, cases by phase and failures by check.

A :class:`Tally` is filled from the NDJSON report the schemathesis CLI writes
(:func:`tally_ndjson`) or from engine events of an in-process run (:mod:`.runner`), and written
as ``summary.md`` and ``summary.json``. Every finding keeps what it takes to reproduce it: the
case id (``st replay <id>``), the curl command (the key masked) and the run's seed.
"""

from __future__ import annotations

import base64
import json
import shlex
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "Finding",
    "OperationTally",
    "Tally",
    "curl_command",
    "operation_label",
    "render_markdown",
    "tally_ndjson",
    "write_summary",
]

STATEFUL = "stateful"


@dataclass(frozen=True)
class Finding:
    """One distinct failure: which check, on which operation, and how to reproduce it."""

    check: str
    operation: str
    title: str
    message: str
    case_id: str
    curl: str


@dataclass
class OperationTally:
    """Cases sent for one operation, by phase, and the cases each check failed."""

    cases: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    negative: int = 0  # cases generated to be invalid

    @property
    def total(self) -> int:
        return sum(self.cases.values())


@dataclass
class Tally:
    """Everything the summary reports about one run."""

    operations: dict[str, OperationTally] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seed: int | None = None
    seconds: float | None = None
    profile: str | None = None
    target: str | None = None
    config_path: str | None = None  # the configuration `st replay` needs, when not the default

    def add_case(
        self,
        operation: str,
        phase: str,
        failed_checks: Iterable[str] = (),
        *,
        negative: bool = False,
    ) -> None:
        tally = self.operations.setdefault(operation, OperationTally())
        tally.cases[phase] += 1
        tally.negative += negative
        for name in set(failed_checks):
            tally.failures[name] += 1

    def add_finding(self, finding: Finding) -> None:
        key = (finding.check, finding.operation, finding.title)
        if all((f.check, f.operation, f.title) != key for f in self.findings):
            self.findings.append(finding)

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

    @property
    def passed(self) -> bool:
        return not self.findings and not self.failed_checks and not self.errors

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
            "operations": {
                label: {
                    "cases": op.total,
                    "cases_by_phase": dict(op.cases),
                    "negative_cases": op.negative,
                    "failures_by_check": dict(op.failures),
                }
                for label, op in sorted(self.operations.items())
            },
            "findings": [finding.__dict__ for finding in self.findings],
            "errors": self.errors,
        }


def operation_label(method: str, path: str, scenario_label: str, phase: str) -> str:
    """The operation a case belongs to: its scenario's, or in stateful runs the one it called."""
    if phase == STATEFUL:
        return f"{method.upper()} {path}"
    return scenario_label


def tally_ndjson(path: Path) -> Tally:
    """Count cases and failures from the NDJSON event report of ``st run``."""
    tally = Tally()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            event: Mapping[str, Any] = json.loads(line)
            for kind, payload in event.items():
                _ndjson_event(tally, kind, payload)
    return tally


def _ndjson_event(tally: Tally, kind: str, payload: Mapping[str, Any]) -> None:
    if kind == "Initialize":
        tally.seed = payload.get("seed")
    elif kind == "EngineFinished":
        tally.seconds = payload.get("running_time")
    elif kind in ("NonFatalError", "FatalError"):
        info = payload.get("info") or {}
        tally.errors.append(str(info.get("title") or info.get("message") or kind))
    elif kind == "ScenarioFinished":
        _ndjson_scenario(tally, payload)


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
        failed = [r["name"] for r in results if r.get("status") == "failure"]
        mode = (case.get("meta") or {}).get("generation", {}).get("mode")
        tally.add_case(label, phase, failed, negative=mode == "negative")
        for result in results:
            info = result.get("failure_info")
            if result.get("status") != "failure" or not info:
                continue
            failure = info.get("failure", {})
            tally.add_finding(
                Finding(
                    check=result["name"],
                    operation=label,
                    title=str(failure.get("title", "")),
                    message=str(failure.get("message", "")),
                    case_id=case_id,
                    curl=str(info.get("code_sample") or curl_command(interaction["request"])),
                )
            )


def curl_command(request: Mapping[str, Any]) -> str:
    """A curl command for a request as the NDJSON report records it (headers already masked)."""
    parts = ["curl", "-X", str(request["method"])]
    for name, values in request.get("headers", {}).items():
        for value in values if isinstance(values, list) else [values]:
            parts += ["-H", f"{name}: {value}"]
    body = request.get("body")
    if isinstance(body, Mapping) and "$base64" in body:
        parts += ["-d", base64.b64decode(body["$base64"]).decode("utf-8", errors="replace")]
    elif isinstance(body, str):
        parts += ["-d", body]
    parts.append(str(request["uri"]))
    return shlex.join(parts)


def render_markdown(tally: Tally) -> str:
    """The summary as a short Markdown page."""
    return "\n".join(_markdown_lines(tally)) + "\n"


def _markdown_lines(tally: Tally) -> Iterator[str]:
    verdict = "PASSED" if tally.passed else "FAILED"
    yield f"# Contract run: {verdict}"
    yield ""
    facts = [
        ("target", tally.target),
        ("profile", tally.profile),
        ("seed", tally.seed),
        ("time", f"{tally.seconds:.1f} s" if tally.seconds is not None else None),
        ("cases", tally.cases),
        ("negative cases", tally.negative_cases),
        ("stateful steps", tally.stateful_steps),
    ]
    for name, value in facts:
        if value is not None:
            yield f"- {name}: {value}"
    yield ""
    yield "| operation | cases | by phase | failures by check |"
    yield "|---|---:|---|---|"
    for label, op in sorted(tally.operations.items()):
        phases = ", ".join(f"{phase} {n}" for phase, n in sorted(op.cases.items()))
        failures = ", ".join(f"{name} {n}" for name, n in op.failures.most_common()) or "none"
        yield f"| `{label}` | {op.total} | {phases} | {failures} |"
    if tally.findings:
        yield ""
        yield "## Failures"
        for number, finding in enumerate(tally.findings, start=1):
            yield ""
            yield f"{number}. **{finding.check}** on `{finding.operation}`: {finding.title}"
            for line in finding.message.strip().splitlines()[:12]:
                yield f"   > {line}" if line.strip() else "   >"
            yield f"   - replay: `{_replay(tally, finding.case_id)}`"
            if finding.curl:
                yield "   - curl:"
                yield "     ```sh"
                yield f"     {finding.curl}"
                yield "     ```"
    if tally.errors:
        yield ""
        yield "## Errors"
        for error in tally.errors:
            yield f"- {error}"
    if tally.findings:
        yield ""
        yield (
            "A replay needs `API_KEY` set and the server running (`--url` points it elsewhere); "
            "a curl command needs only the key in place of `[Filtered]`."
        )
    if tally.seed is not None and not tally.passed:
        yield ""
        yield f"Run again with `SEED={tally.seed}` to replay the same cases."


def _replay(tally: Tally, case_id: str) -> str:
    if tally.config_path is None:
        return f"st replay {case_id}"
    return f"st --config-file {tally.config_path} replay {case_id}"


def write_summary(tally: Tally, directory: Path) -> tuple[Path, Path]:
    """Write ``summary.md`` and ``summary.json`` into ``directory``; return both paths."""
    directory.mkdir(parents=True, exist_ok=True)
    markdown = directory / "summary.md"
    markdown.write_text(render_markdown(tally), encoding="utf-8")
    data = directory / "summary.json"
    data.write_text(json.dumps(tally.as_json(), indent=2) + "\n", encoding="utf-8")
    return markdown, data
