"""Preflight: is the target ready for the contract suite? A few requests before any fuzzing.

Thousands of cases against a target that is down, refuses the key, or lacks the assistant the
user named tell nothing but that, thousands of times. The preflight asks first, with the
smallest valid request of each operation:

* the target answers at all (else: why not, in one line);
* the API key is accepted (a 401 or 403 is not);
* each given assistant exists (``ASSISTANT_ID``; without one, the spec's example assistant must
  exist, or every valid request would only test the 404 path);
* each given thread exists (``THREAD_ID``);
* the operations are served at that base URL (a 405, or a 404 that names no id, means a wrong
  base URL or a route shadowed by another one: a finding, since the suite then reports the
  failures it causes, grouped).

Each problem is one line of :attr:`Preflight.problems`; any problem stops the run (exit 2). What
the target hands out is kept: the thread of the first run becomes the suite's thread when the
user gave none. Ids without the hosted prefixes (``asst_``, ``thread_``, ``run_``) are a finding
(:attr:`Preflight.notes`), reported once; the run goes on with the ids the target uses.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx

from runspec.contract.bounded import ResponseTooLarge

__all__ = ["HOSTED_PREFIXES", "NO_SCENARIO_NOTE", "Answer", "Client", "Preflight", "preflight"]

HOSTED_PREFIXES: Mapping[str, str] = {"assistant": "asst_", "thread": "thread_", "run": "run_"}
_BETA = {"OpenAI-Beta": "assistants=v2"}
NO_SCENARIO_NOTE = (
    "the stateful phase is left out: its scenarios start with a run from POST /threads/runs, "
    "which answered no valid request with one"
)
_EXCERPT = 160


class Answer(Protocol):
    """The parts of an HTTP response the preflight reads (httpx's, or a test client's)."""

    @property
    def status_code(self) -> int: ...
    @property
    def headers(self) -> Mapping[str, str]: ...
    @property
    def text(self) -> str: ...
    def json(self) -> Any: ...


class Client(Protocol):
    """An HTTP client whose relative URLs start at the API's base URL (``httpx.Client`` with
    ``base_url``, or Starlette's ``TestClient`` for an app in-process)."""

    def post(self, url: str, *, json: Any, headers: Mapping[str, str]) -> Answer: ...


@dataclass
class Preflight:
    """What the preflight found: blocking problems, findings, and the ids the suite should use."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    assistants: tuple[str, ...] = ()
    threads: tuple[str, ...] = ()
    creates_runs: bool = False  # POST /threads/runs answered a valid request with a run

    @property
    def ready(self) -> bool:
        return not self.problems


def preflight(
    client: Client,
    *,
    base_url: str,
    api_key: str,
    assistant_ids: Sequence[str] = (),
    thread_ids: Sequence[str] = (),
    example_assistant: str = "asst_abc123",
) -> Preflight:
    """Ask the target at ``base_url`` (e.g. ``https://host/v1``) through ``client`` if it is ready.

    ``client`` sends relative URLs to ``base_url``; it raises httpx's errors when the target
    cannot be reached.
    """
    result = Preflight(threads=tuple(thread_ids))
    headers = {"Authorization": f"Bearer {api_key}", **_BETA}
    declared = bool(assistant_ids)
    assistants = list(assistant_ids) or [example_assistant]
    handed_out: dict[str, str] = {}
    for assistant in assistants:
        answer = _post(
            client, base_url, "threads/runs", {"assistant_id": assistant}, headers, result
        )
        if answer is None:
            return result
        verdict = _judge(answer, "POST /threads/runs", assistant=assistant, declared=declared)
        if verdict is not None:
            blocking, line = verdict
            (result.problems if blocking else result.notes).append(line)
            if answer.status_code in (401, 403):
                return result
            continue
        result.creates_runs = result.creates_runs or 200 <= answer.status_code < 300
        handed_out.update(_ids_of(answer))
    result.assistants = tuple(assistants)
    for thread in thread_ids:
        path = f"threads/{thread}/runs"
        answer = _post(client, base_url, path, {"assistant_id": assistants[0]}, headers, result)
        if answer is None:
            return result
        verdict = _judge(answer, f"POST /{path}", assistant=assistants[0], thread=thread)
        if verdict is not None:
            blocking, line = verdict
            (result.problems if blocking else result.notes).append(line)
    if not thread_ids and "thread" in handed_out:
        result.threads = (handed_out["thread"],)
    elif not thread_ids and not result.problems:
        result.notes.append(
            "POST /threads/runs handed out no thread to run again, so createRun cases name "
            "threads the target does not have; set THREAD_ID to a thread it has"
        )
    result.notes.extend(_format_notes(handed_out, assistants if declared else []))
    if not result.creates_runs and not result.problems:
        result.notes.append(NO_SCENARIO_NOTE)
    return result


def _post(
    client: Client,
    base_url: str,
    path: str,
    body: Mapping[str, Any],
    headers: Mapping[str, str],
    result: Preflight,
) -> Answer | None:
    url = f"{base_url.rstrip('/')}/{path}"
    try:
        return client.post(path, json=body, headers=headers)
    except httpx.TimeoutException:
        result.problems.append(f"the target did not answer POST {url} in time")
    except ResponseTooLarge as exc:
        result.problems.append(f"POST {url}: {exc}")
    except httpx.TransportError as exc:
        reason = str(exc) or type(exc).__name__
        result.problems.append(f"the target does not answer at {url}: {reason}")
    return None


def _judge(
    answer: Answer,
    where: str,
    *,
    assistant: str,
    declared: bool = True,
    thread: str | None = None,
) -> tuple[bool, str] | None:
    """What is wrong with the answer to a minimal valid request: (stops the run?, one line)."""
    status = answer.status_code
    said = _error_message(answer)
    quoted = f" ({said})" if said else ""
    if status in (401, 403):
        return (
            True,
            f"the target refuses the API key: {where} answered {status}{quoted}; set API_KEY",
        )
    if status == 404 and thread is not None and said and thread in said:
        return (
            True,
            f"thread {thread!r} (THREAD_ID) is not on the target: {where} answered 404{quoted}",
        )
    if status == 404 and said and assistant in said:
        if declared:
            return (
                True,
                f"assistant {assistant!r} (ASSISTANT_ID) is not on the target: "
                f"{where} answered 404{quoted}",
            )
        return (
            True,
            f"the target has no assistant {assistant!r} (the spec's example): {where} answered "
            f"404{quoted}; set ASSISTANT_ID to an assistant it has",
        )
    if status in (404, 405):
        # A wrong base URL, or a route shadowed by another: the suite reports it in full.
        excerpt = said or answer.text[:_EXCERPT] or "an empty body"
        return (
            False,
            f"{where} answered {status} to a minimal valid request, naming no assistant or "
            f"thread ({excerpt}): is the base URL right (it usually ends in /v1)?",
        )
    return None


def _error_message(answer: Answer) -> str | None:
    try:
        message = answer.json()["error"]["message"]
    except (ValueError, KeyError, TypeError):
        return None
    return str(message)[:_EXCERPT] if message is not None else None


def _ids_of(answer: Answer) -> dict[str, str]:
    """The run and thread ids a 2xx answer hands out (a JSON run, or the events of a stream)."""
    if not 200 <= answer.status_code < 300:
        return {}
    documents: list[Any] = []
    if answer.headers.get("content-type", "").startswith("text/event-stream"):
        for line in answer.text.splitlines():
            if line.startswith("data:"):
                try:
                    documents.append(json.loads(line[5:]))
                except ValueError:
                    continue
    else:
        try:
            documents.append(answer.json())
        except ValueError:
            return {}
    for document in documents:
        if isinstance(document, Mapping) and document.get("object") == "thread.run":
            ids = {"run": document.get("id"), "thread": document.get("thread_id")}
            return {kind: value for kind, value in ids.items() if isinstance(value, str)}
    return {}


def _format_notes(handed_out: Mapping[str, str], assistants: Sequence[str]) -> list[str]:
    odd = [(kind, value) for kind, value in handed_out.items()]
    odd += [("assistant", value) for value in assistants]
    broken = [
        f"{kind} {value!r} (hosted: {HOSTED_PREFIXES[kind]}…)"
        for kind, value in odd
        if not value.startswith(HOSTED_PREFIXES[kind])
    ]
    if not broken:
        return []
    return [
        "ids without the hosted formats: "
        + ", ".join(broken)
        + "; clients that check prefixes will reject them. The suite goes on with the "
        "target's ids."
    ]
