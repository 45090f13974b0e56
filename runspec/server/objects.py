"""The API's objects as JSON: threads, messages, run steps and runs, built from requests.

Pure functions, no state: they take validated request bodies (so they never check a rule of
the spec again) and return dicts shaped as the spec's ``ThreadObject``, ``MessageObject``,
``RunStepObject`` and ``RunObject``, with every field present.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from runspec.server.assistants import Assistant
from runspec.server.ids import new_id

__all__ = [
    "EXPIRY_SECONDS",
    "assistant_message",
    "message_text",
    "run_parts",
    "run_step",
    "thread_tool_resources",
    "user_message",
]

# A run that has not ended expires this long after it was created.
EXPIRY_SECONDS = 600

_DEFAULT_TRUNCATION = {"type": "auto", "last_messages": None}


def run_parts(
    *,
    run_id: str,
    thread_id: str,
    assistant: Assistant,
    request: Mapping[str, Any],
    created_at: int,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A fresh, ``queued`` run, in two parts: its state and its settings.

    The state (``id`` to ``usage``) changes as the run goes on; the settings (``model`` to
    ``response_format``: the assistant's, with the request's overrides) do not, so a stream
    encodes them once. Together, in this order, they are the run object.
    """

    def given(name: str, default: Any) -> Any:
        value = request.get(name)
        return default if value is None else value

    instructions: str = given("instructions", assistant.instructions)
    additional = request.get("additional_instructions")
    if additional:
        instructions = f"{instructions}\n{additional}" if instructions else additional
    truncation = request.get("truncation_strategy")
    state = {
        "id": run_id,
        "object": "thread.run",
        "created_at": created_at,
        "assistant_id": assistant.id,
        "thread_id": thread_id,
        "status": "queued",
        "required_action": None,
        "last_error": None,
        "expires_at": created_at + EXPIRY_SECONDS,
        "started_at": None,
        "cancelled_at": None,
        "failed_at": None,
        "completed_at": None,
        "incomplete_details": None,
        "usage": None,
    }
    settings = {
        "model": given("model", assistant.model),
        "instructions": instructions,
        "tools": given("tools", assistant.tools),
        "metadata": given("metadata", {}),
        "temperature": given("temperature", 1),
        "top_p": given("top_p", 1),
        "max_prompt_tokens": request.get("max_prompt_tokens"),
        "max_completion_tokens": request.get("max_completion_tokens"),
        "truncation_strategy": (
            _DEFAULT_TRUNCATION
            if truncation is None
            else {"type": truncation["type"], "last_messages": truncation.get("last_messages")}
        ),
        "tool_choice": given("tool_choice", "auto"),
        "parallel_tool_calls": given("parallel_tool_calls", True),
        "response_format": given("response_format", "auto"),
    }
    return state, settings


def user_message(request: Mapping[str, Any], *, thread_id: str, created_at: int) -> dict[str, Any]:
    """The message object for one "message to create" of a request (role user or assistant)."""
    content = request["content"]
    if isinstance(content, str):
        parts: list[Any] = [_text_part(content)]
    else:
        parts = [_text_part(p["text"]) if p.get("type") == "text" else p for p in content]
    return {
        "id": new_id("msg_"),
        "object": "thread.message",
        "created_at": created_at,
        "thread_id": thread_id,
        "status": "completed",
        "incomplete_details": None,
        "completed_at": created_at,
        "incomplete_at": None,
        "role": request["role"],
        "content": parts,
        "assistant_id": None,
        "run_id": None,
        "attachments": request.get("attachments") or [],
        "metadata": request.get("metadata") or {},
    }


def assistant_message(
    *,
    message_id: str,
    run: Mapping[str, Any],  # the run's state (ids)
    created_at: int,
    text: str | None,
    status: str = "in_progress",
    ended_at: int | None = None,
) -> dict[str, Any]:
    """The run's reply: empty while ``in_progress``, with ``text`` once completed or incomplete."""
    return {
        "id": message_id,
        "object": "thread.message",
        "created_at": created_at,
        "thread_id": run["thread_id"],
        "status": status,
        "incomplete_details": {"reason": "max_tokens"} if status == "incomplete" else None,
        "completed_at": ended_at if status == "completed" else None,
        "incomplete_at": ended_at if status == "incomplete" else None,
        "role": "assistant",
        "content": [] if text is None else [_text_part(text)],
        "assistant_id": run["assistant_id"],
        "run_id": run["id"],
        "attachments": [],
        "metadata": {},
    }


def run_step(
    *,
    step_id: str,
    run: Mapping[str, Any],
    created_at: int,
    details: Mapping[str, Any],
    status: str = "in_progress",
    completed_at: int | None = None,
    usage: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    return {
        "id": step_id,
        "object": "thread.run.step",
        "created_at": created_at,
        "assistant_id": run["assistant_id"],
        "thread_id": run["thread_id"],
        "run_id": run["id"],
        "type": details["type"],
        "status": status,
        "step_details": details,
        "last_error": None,
        "expired_at": None,
        "cancelled_at": None,
        "failed_at": None,
        "completed_at": completed_at,
        "metadata": {},
        "usage": usage,
    }


def thread_tool_resources(request: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A new thread's tool resources; vector stores to create become ``vs_`` ids."""
    if request is None:
        return None
    resources: dict[str, Any] = {}
    code = request.get("code_interpreter")
    if code is not None:
        resources["code_interpreter"] = {"file_ids": list(code.get("file_ids", []))}
    search = request.get("file_search")
    if search is not None:
        ids: Sequence[str] = search.get("vector_store_ids") or [
            new_id("vs_") for _ in search.get("vector_stores", [])
        ]
        resources["file_search"] = {"vector_store_ids": list(ids)}
    return resources


def message_text(message: Mapping[str, Any]) -> str:
    """The text parts of a message object, joined by blank lines."""
    return "\n\n".join(
        part["text"]["value"] for part in message["content"] if part.get("type") == "text"
    )


def _text_part(text: str) -> dict[str, Any]:
    return {"type": "text", "text": {"value": text, "annotations": []}}
