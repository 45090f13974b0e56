"""Lifecycle invariants and stream-wide rules over plain objects (runspec.contract.lifecycle,
.streamed, .shapes): the spec's example stream keeps them, realistic bugs break them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from runspec.contract.checks import CHECK_NAMES
from runspec.contract.lifecycle import (
    error_code_errors,
    error_type_errors,
    status_errors,
    timestamp_errors,
)
from runspec.contract.shapes import ObjectShapes, object_shapes
from runspec.contract.streamed import delta_errors, incomplete_object_errors
from runspec.events import ServerSentEvent
from tests.contract.mutants import MUTANTS
from tests.contract.streams import edit, payload, requires_action, transcript

# The spec's example stream was recorded at this time.
EXAMPLE_TIME = 1699063292.0


def run(name: str = "thread.run.completed", **changes: Any) -> dict[str, Any]:
    """A run of the spec's example stream, as the event ``name`` carries it, with ``changes``."""
    found = dict(payload(transcript(), name))
    found.update(changes)
    return found


def run_problems(value: dict[str, Any]) -> list[str]:
    shape = object_shapes().by_kind["thread.run"]
    return timestamp_errors(value, shape, now=EXAMPLE_TIME, where="run") + status_errors(
        value, shape, where="run"
    )


# ---- what the spec says about objects -----------------------------------------------------------


def test_shapes_are_read_from_the_spec() -> None:
    shape = object_shapes().by_kind["thread.run"]
    assert {"completed_at", "created_at"} <= set(shape.timestamps)
    assert {"usage", "last_error", "expires_at"} <= shape.nullable
    assert "model" not in shape.nullable
    assert "completed" in shape.statuses
    assert {"thread", "thread.message", "thread.run.step"} <= set(object_shapes().by_kind)


def test_nullability_reads_the_same_inline_or_through_a_component() -> None:
    inline = {"type": ["integer", "null"]}
    shared = {"$ref": "#/components/schemas/MaybeTime"}
    document: dict[str, Any] = {
        "components": {
            "schemas": {
                "MaybeTime": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
                "Thing": {
                    "type": "object",
                    "required": ["object", "done_at"],
                    "properties": {
                        "object": {"type": "string", "const": "thing"},
                        "done_at": shared,
                        "seen_at": inline,
                        "label_at": {"type": "string"},
                    },
                },
            }
        }
    }
    shape = ObjectShapes.from_document(document).by_kind["thing"]
    assert shape.timestamps == ("done_at", "seen_at")
    assert shape.nullable == {"done_at", "seen_at"}


# ---- lifecycle_timestamps -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["thread.run.queued", "thread.run.in_progress", "thread.run.completed"]
)
def test_the_spec_examples_keep_every_invariant(name: str) -> None:
    assert run_problems(run(name)) == []


def test_milliseconds_are_not_seconds() -> None:
    value = run(created_at=1699063290123, completed_at=1699063292000)
    problems = run_problems(value)
    assert any("run.created_at: 1699063290123" in p and "milliseconds" in p for p in problems)


def test_a_timestamp_hours_away_from_the_answer_fails() -> None:
    problems = run_problems(run(created_at=1699063290 - 5 * 3600, started_at=None))
    assert any("run.created_at" in p and "5 hours before" in p for p in problems)


def test_expiry_is_after_creation() -> None:
    value = run("thread.run.queued", expires_at=1699063290)
    assert run_problems(value) == [
        "run.expires_at: 1699063290 is not after created_at (1699063290)"
    ]


def test_nothing_happens_before_creation() -> None:
    problems = run_problems(run(started_at=1699063200))
    assert "run.started_at: 1699063200 is before created_at (1699063290)" in problems


# ---- lifecycle_status_fields --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("completed_at", 1699063291),
        ("last_error", {"code": "server_error", "message": "boom"}),
        ("incomplete_details", {"reason": "max_prompt_tokens"}),
        ("usage", {"completion_tokens": 1, "prompt_tokens": 1, "total_tokens": 2}),
        ("started_at", 1699063291),
        (
            "required_action",
            {"type": "submit_tool_outputs", "submit_tool_outputs": {"tool_calls": []}},
        ),
    ],
)
def test_a_queued_run_has_nothing_set_yet(field: str, value: Any) -> None:
    problems = run_problems(run("thread.run.queued", **{field: value}))
    assert any(
        p.startswith(f"run.{field}: ") and "'queued' object has it null" in p for p in problems
    )


@pytest.mark.parametrize("field", ["completed_at", "usage"])
def test_a_completed_run_has_its_end_and_usage(field: str) -> None:
    assert run_problems(run("thread.run.completed", **{field: None})) == [
        f"run.{field}: null, but a 'completed' object has it set"
    ]


def test_a_completed_run_no_longer_expires() -> None:
    assert run_problems(run(expires_at=1699063890)) == [
        "run.expires_at: 1699063890, but a 'completed' object has it null"
    ]


def test_a_failed_run_has_its_error_and_time() -> None:
    failed = run(status="failed", completed_at=None, usage=None)
    problems = run_problems(failed)
    assert "run.failed_at: null, but a 'failed' object has it set" in problems
    assert "run.last_error: null, but a 'failed' object has it set" in problems


def test_required_action_only_while_requires_action() -> None:
    waiting = dict(payload(requires_action(), "thread.run.requires_action"))
    shape = object_shapes().by_kind["thread.run"]
    assert status_errors(waiting, shape, where="run") == []
    waiting["required_action"] = None
    assert status_errors(waiting, shape, where="run") == [
        "run.required_action: null, but a 'requires_action' object has it set"
    ]


def test_messages_and_steps_follow_their_status_too() -> None:
    message = dict(payload(transcript(), "thread.message.completed"), completed_at=None)
    shape = object_shapes().by_kind["thread.message"]
    assert status_errors(message, shape, where="message") == [
        "message.completed_at: null, but a 'completed' object has it set"
    ]


def test_an_unknown_status_is_left_to_the_schema_check() -> None:
    assert run_problems(run(status="thinking")) == []


# ---- lifecycle_error_types ----------------------------------------------------------------------


def error(type_: str, code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": "m", "type": type_, "param": None, "code": code}}


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (400, error("invalid_request_error", "invalid_beta")),
        (401, error("invalid_request_error", "invalid_api_key")),
        (404, error("invalid_request_error")),
        (429, error("requests", "rate_limit_exceeded")),
        (500, error("server_error")),
        (503, error("server_error")),
        (405, error("anything")),  # the API fixed no type for it
        (400, {"detail": "not an OpenAI error"}),  # errors_are_openai_errors reports that
    ],
)
def test_error_types_that_fit_their_status(status: int, body: Any) -> None:
    assert error_type_errors(status, body) == []


def test_an_error_type_that_does_not_fit_fails() -> None:
    assert error_type_errors(404, error("not_found_error")) == [
        "404 answer has error.type 'not_found_error'; a 404 is 'invalid_request_error'"
    ]
    assert error_type_errors(500, error("invalid_request_error")) == [
        "500 answer has error.type 'invalid_request_error'; a 500 is 'server_error'"
    ]


def test_a_rate_limit_names_its_code() -> None:
    assert error_type_errors(429, error("requests")) == [
        "429 answer has error.code None; a 429 is 'rate_limit_exceeded'"
    ]


def test_a_refused_key_is_invalid_api_key() -> None:
    refused = error("invalid_request_error", "invalid_api_key")
    assert error_code_errors(401, refused, key_given=True) == []
    assert error_code_errors(401, error("invalid_request_error"), key_given=True) == [
        "401 answer has error.code None; the request gave a key, and it was refused, "
        "so the code is 'invalid_api_key'"
    ]


def test_no_key_has_no_code() -> None:
    assert error_code_errors(401, error("invalid_request_error"), key_given=False) == []
    assert error_code_errors(
        401, error("invalid_request_error", "invalid_api_key"), key_given=False
    )


def test_other_credentials_are_not_judged() -> None:
    assert error_code_errors(401, error("invalid_request_error", "x"), key_given=None) == []


def test_a_refused_beta_header_is_invalid_beta() -> None:
    good = error("invalid_request_error", "invalid_beta")
    assert error_code_errors(400, good, key_given=True, bad_headers=["openai-beta"]) == []
    (problem,) = error_code_errors(
        400, error("invalid_request_error"), key_given=True, bad_headers=["openai-beta"]
    )
    assert "the request's openai-beta header is wrong, so the code is 'invalid_beta'" in problem
    # A 400 about something else in the request is not judged by its code.
    assert error_code_errors(400, error("invalid_request_error"), key_given=True) == []


# ---- stream_objects_complete --------------------------------------------------------------------

REQUIRED = {
    "thread.run.completed": tuple(object_shapes().by_kind["thread.run"].required),
    "thread.message.completed": tuple(object_shapes().by_kind["thread.message"].required),
}


def test_complete_objects_pass() -> None:
    assert incomplete_object_errors(transcript(), REQUIRED) == []


def test_a_null_field_left_out_fails() -> None:
    def drop_nulls(value: dict[str, Any]) -> None:
        for key in [k for k, v in value.items() if v is None]:
            del value[key]

    events = edit(transcript(), "thread.run.completed", drop_nulls)
    (problem,) = incomplete_object_errors(events, REQUIRED)
    assert problem.startswith("#12 thread.run.completed: the object lacks required_action, ")


# ---- stream_deltas_add_up -----------------------------------------------------------------------


def test_the_example_deltas_add_up() -> None:
    assert delta_errors(transcript()) == []


def test_a_lost_delta_fails() -> None:
    events = transcript()
    first_delta = next(i for i, e in enumerate(events) if e.event == "thread.message.delta")
    del events[first_delta]
    (problem,) = delta_errors(events)
    assert problem.startswith("#9 thread.message.completed: content[0] is ")


def test_a_message_completed_without_deltas_is_not_judged() -> None:
    events = [e for e in transcript() if e.event != "thread.message.delta"]
    assert delta_errors(events) == []


def test_deltas_join_per_content_index() -> None:
    text = "Hello world"
    pieces = [(1, "world"), (0, "Hello "), (1, "!")]
    deltas = [
        ServerSentEvent(
            "thread.message.delta",
            json.dumps(
                {
                    "id": "msg_1",
                    "object": "thread.message.delta",
                    "delta": {"content": [{"index": i, "type": "text", "text": {"value": v}}]},
                }
            ),
        )
        for i, v in pieces
    ]
    parts = [
        {"type": "text", "text": {"value": t, "annotations": []}} for t in (text[:6], "world!")
    ]
    completed = ServerSentEvent(
        "thread.message.completed", json.dumps({"id": "msg_1", "content": parts})
    )
    assert delta_errors([*deltas, completed]) == []


# Checks whose bug cannot be shown in-process, where the app runs to its end before the suite
# reads a byte; each is proven against a server on a real socket in the test file named.
PROVEN_OVER_HTTP = {"stream_ends": "test_endless_streams.py"}


def test_every_lifecycle_and_stream_check_has_a_mutant_it_catches() -> None:
    lifecycle = {name for name in CHECK_NAMES if name.startswith(("lifecycle_", "stream_"))}
    caught = set().union(*(mutant.caught_by for mutant in MUTANTS))
    assert len(lifecycle) >= 5
    assert lifecycle - caught <= set(PROVEN_OVER_HTTP)
    for check, test_file in PROVEN_OVER_HTTP.items():
        assert check in Path(__file__).with_name(test_file).read_text(), (check, test_file)
