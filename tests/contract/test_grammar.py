"""The event stream grammar: order and identity of a run's events (runspec.contract.grammar)."""

from __future__ import annotations

from typing import Any

import pytest

from runspec.contract.grammar import grammar_errors
from runspec.events import ServerSentEvent
from tests.contract.streams import edit, index_of, requires_action, transcript, without


def test_the_spec_examples_are_well_formed() -> None:
    assert grammar_errors(transcript(), creates_thread=True) == []
    assert grammar_errors(requires_action(), creates_thread=False) == []


def test_create_thread_and_run_starts_with_thread_created() -> None:
    events = transcript()
    events.insert(0, events.pop(1))  # thread.run.created first
    problems = grammar_errors(events, creates_thread=True)
    assert any("the first event must be thread.created" in p for p in problems)


def test_create_run_starts_with_run_created_and_creates_no_thread() -> None:
    problems = grammar_errors(transcript(), creates_thread=False)
    assert any("the first event must be thread.run.created" in p for p in problems)
    assert any("creates none" in p for p in problems)


def test_run_events_before_run_created_are_out_of_order() -> None:
    events = without(transcript(), "thread.run.created")
    problems = grammar_errors(events, creates_thread=True)
    assert any("thread.run.queued: sent before thread.run.created" in p for p in problems)


def test_one_run_id_throughout() -> None:
    def other_run(run: dict[str, Any]) -> None:
        run["id"] = "run_other"

    problems = grammar_errors(
        edit(transcript(), "thread.run.completed", other_run), creates_thread=True
    )
    assert problems == [
        "#12 thread.run.completed: run id 'run_other', but the stream is about "
        "'run_0ImRqCNOBVY1Yr2yi5CLXyjy'"
    ]


def test_steps_and_messages_belong_to_the_run_and_thread() -> None:
    def other_run(step: dict[str, Any]) -> None:
        step["run_id"] = "run_other"

    def other_thread(message: dict[str, Any]) -> None:
        message["thread_id"] = "thread_other"

    events = edit(transcript(), "thread.run.step.created", other_run)
    assert any("run id 'run_other'" in p for p in grammar_errors(events, creates_thread=True))
    events = edit(transcript(), "thread.message.completed", other_thread)
    assert any("thread id 'thread_other'" in p for p in grammar_errors(events, creates_thread=True))


def test_a_message_delta_before_its_created_event() -> None:
    events = transcript()
    delta = events.pop(index_of(events, "thread.message.delta"))
    events.insert(index_of(events, "thread.message.created"), delta)
    problems = grammar_errors(events, creates_thread=True)
    assert any("thread.message.delta: message 'msg_" in p and "before its" in p for p in problems)


def test_a_step_delta_before_its_created_event() -> None:
    events = requires_action()
    delta = events.pop(index_of(events, "thread.run.step.delta"))
    events.insert(index_of(events, "thread.run.step.created"), delta)
    problems = grammar_errors(events, creates_thread=False)
    assert any(
        "thread.run.step.delta: step 'step_abc123' before its thread.run.step.created" in p
        for p in problems
    )


def test_a_delta_for_a_message_never_created() -> None:
    def stranger(delta: dict[str, Any]) -> None:
        delta["id"] = "msg_stranger"

    problems = grammar_errors(
        edit(transcript(), "thread.message.delta", stranger), creates_thread=True
    )
    assert any("message 'msg_stranger' before its thread.message.created" in p for p in problems)


def test_exactly_one_terminal_run_event() -> None:
    none = without(transcript(), "thread.run.completed")
    assert any("no terminal run event" in p for p in grammar_errors(none, creates_thread=True))

    events = transcript()
    completed = events[index_of(events, "thread.run.completed")]
    events.insert(len(events) - 1, ServerSentEvent("thread.run.failed", completed.data))
    problems = grammar_errors(events, creates_thread=True)
    assert "2 terminal run events; a run ends once" in problems


def test_only_done_follows_the_terminal_run_event() -> None:
    events = transcript()
    message = events.pop(index_of(events, "thread.message.completed"))
    events.insert(len(events) - 1, message)
    problems = grammar_errors(events, creates_thread=True)
    assert any("sent after the terminal run event" in p for p in problems)


def test_done_comes_last_and_once() -> None:
    assert grammar_errors(without(transcript(), "done"), creates_thread=True) == [
        "the stream does not end with done"
    ]
    events = transcript()
    events.append(events[index_of(events, "thread.run.completed")])
    problems = grammar_errors(events, creates_thread=True)
    assert any("sent after done" in p for p in problems)


def test_an_error_event_may_end_the_run_instead() -> None:
    events = without(transcript(), "thread.run.completed")
    error = '{"message":"boom","type":"server_error","param":null,"code":null}'
    events.insert(len(events) - 1, ServerSentEvent("error", error))
    assert grammar_errors(events, creates_thread=True) == []


def test_a_stream_cut_short_is_only_checked_for_order() -> None:
    head = transcript()[:5]
    assert grammar_errors(head, creates_thread=True, complete=False) == []
    assert grammar_errors(head, creates_thread=True) != []


@pytest.mark.parametrize("events", [[], [ServerSentEvent("done", "[DONE]")]])
def test_an_empty_stream_is_wrong(events: list[ServerSentEvent]) -> None:
    assert grammar_errors(events, creates_thread=False) != []


def test_unknown_events_are_left_to_the_schema() -> None:
    events = transcript()
    events.insert(3, ServerSentEvent("thread.run.mystery", "{}"))
    events.insert(3, ServerSentEvent("ping", "not json"))
    assert grammar_errors(events, creates_thread=True) == []
