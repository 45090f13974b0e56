"""The contract suite in-process: schemathesis's engine against an ASGI app, no sockets.

This is what the CLI runs (same configuration, preflight, phases and checks), minus the terminal
output and the report files; the tests use it to run the suite against the reference server
and against each mutant of it, and read the result as a :class:`~.summary.Tally`. The preflight
talks to the app through Starlette's test client, so it sees what the suite will see.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import schemathesis
import schemathesis.engine
from schemathesis.engine import events
from schemathesis.engine.recorder import ScenarioRecorder
from starlette.testclient import TestClient

from runspec import SPEC_PATH
from runspec.contract.areas import parse_areas
from runspec.contract.examples import spec_example_ids
from runspec.contract.hooks import use_target
from runspec.contract.preflight import preflight
from runspec.contract.profiles import Profile, config_document, get_profile, tailor
from runspec.contract.report import CheckFailure, FailedCase, RecordedRequest
from runspec.contract.summary import Tally, explain_error, media_type_of, operation_label

__all__ = ["IN_PROCESS_BASE_URL", "run_in_process", "tally_events"]

IN_PROCESS_BASE_URL = "http://localhost/v1"


def run_in_process(
    app: Any,
    *,
    api_key: str,
    profile: Profile | str = "quick",
    seed: int = 0,
    phases: Sequence[str] | None = None,
    max_examples: int | None = None,
    operation_ids: Sequence[str] | None = None,
    mode: str | None = None,
    shrink: bool = True,
    base_url: str = IN_PROCESS_BASE_URL,
    spec: Path = SPEC_PATH,
    assistant_ids: Sequence[str] = (),
    thread_ids: Sequence[str] = (),
    skip: Sequence[str] = (),
    fail_fast: bool = False,
) -> Tally:
    """Run the suite of ``profile`` against ``app``; ``phases``, ``max_examples`` narrow it.

    ``operation_ids`` limits the run to those operations, ``mode`` (``positive``, ``negative``)
    the data generated; ``shrink=False`` reports failures as found, without minimising them. The
    run is seeded, so the same arguments send the same cases. ``assistant_ids``, ``thread_ids``,
    ``skip`` and ``fail_fast`` are those of :class:`~.command.ContractRun`; a target that fails
    the preflight gets a tally with only ``preflight_problems``.
    """
    chosen = get_profile(profile) if isinstance(profile, str) else profile
    skipped = parse_areas(skip)
    with TestClient(app, base_url=base_url.rstrip("/") + "/") as client:
        checked = preflight(
            client,
            base_url=base_url,
            api_key=api_key,
            assistant_ids=assistant_ids,
            thread_ids=thread_ids,
            example_assistant=min(spec_example_ids()[0], default="asst_abc123"),
        )
    if not checked.ready:
        return Tally(preflight_problems=checked.problems, target="in-process ASGI app")
    use_target(checked.assistants, checked.threads, streaming="streaming" not in skipped)
    document = tailor(
        config_document(chosen),
        assistant_ids=checked.assistants,
        thread_ids=checked.threads,
        skip=skipped,
        fail_fast=fail_fast,
        stateful=checked.creates_runs,
    )
    document["seed"] = seed
    document["base-url"] = base_url
    # Nothing learned by earlier runs (schemathesis's cache): the seed alone decides the cases.
    document["cache"] = {"enabled": False}
    # The key goes in as a literal, escaped for the file's `${...}` placeholders.
    document["auth"]["openapi"]["bearerAuth"]["bearer"] = api_key.replace("$", "$$")
    if max_examples is not None:
        document["generation"]["max-examples"] = max_examples
    if mode is not None:
        document["generation"]["mode"] = mode
    if not shrink:
        document["generation"]["no-shrink"] = True
    if phases is not None:
        for name, phase in document["phases"].items():
            phase["enabled"] = bool(phase.get("enabled")) and name in phases
    config = schemathesis.Config.from_dict(document, base_dir=str(spec.parent))
    schema: schemathesis.BaseSchema = schemathesis.openapi.from_path(spec, config=config)
    if operation_ids is not None:
        schema = schema.include(operation_id=list(operation_ids))
    schema.app = app
    started = time.perf_counter()
    tally = tally_events(schemathesis.engine.from_schema(schema).execute())
    tally.profile = chosen.name
    tally.seed = seed
    tally.target = "in-process ASGI app"
    tally.notes = checked.notes
    tally.skipped_areas = skipped
    if tally.seconds is None:
        tally.seconds = time.perf_counter() - started
    return tally


def tally_events(stream: Iterable[events.EngineEvent]) -> Tally:
    """Count cases and failures from the engine's events, as :func:`.tally_ndjson` does."""
    tally = Tally()
    for event in stream:
        if isinstance(event, events.ScenarioFinished):
            _scenario(tally, str(event.phase.value), event.recorder)
        elif isinstance(event, events.NonFatalError):
            error = f"{event.label}: {event.info.title}: {event.info.message}"
            tally.errors.append(explain_error(error))
        elif isinstance(event, events.FatalError):
            tally.errors.append(f"fatal: {event.exception!r}")
        elif isinstance(event, events.EngineFinished):
            tally.seconds = event.running_time
            for failure in event.failures:
                tally.errors.append(f"after the run: {failure.title}: {failure.message}")
    return tally


def _scenario(tally: Tally, phase: str, recorder: ScenarioRecorder) -> None:
    for case_id, node in recorder.cases.items():
        interaction = recorder.interactions.get(case_id)
        if interaction is None or interaction.response is None:
            continue
        case = node.value
        label = operation_label(case.method, case.operation.path, recorder.label, phase)
        results = recorder.checks.get(case_id, [])
        negative = case.meta is not None and case.meta.generation.mode.is_negative
        tally.add_case(
            label,
            phase,
            [(check.name, check.failure_info is not None) for check in results],
            negative=negative,
        )
        failures = tuple(
            CheckFailure(
                check=check.name,
                title=check.failure_info.failure.title,
                message=check.failure_info.failure.message,
            )
            for check in results
            if check.failure_info is not None
        )
        if not failures:
            continue
        sent, answer = interaction.request, interaction.response
        tally.add_failure(
            FailedCase(
                operation=label,
                phase=phase,
                case_id=case_id,
                failures=failures,
                request=RecordedRequest(sent.method, sent.uri, dict(sent.headers), sent.body),
                status=answer.status_code,
                media_type=media_type_of(answer.headers),
                body=answer.content or b"",
            )
        )
