"""The registered domain checks on hand-made responses (runspec.contract.checks)."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

import pytest
from schemathesis import Case, CheckContext
from schemathesis.checks import CHECKS
from schemathesis.generation import GenerationMode
from schemathesis.generation.meta import (
    CaseMetadata,
    FuzzingPhaseData,
    GenerationInfo,
    PhaseInfo,
    TestPhase,
)

from runspec.contract.checks import (
    CHECK_NAMES,
    DeltasDoNotAddUp,
    ErrorNotOpenAI,
    ErrorTypeMismatch,
    RunNotEchoed,
    StatusFieldsMismatch,
    StreamedObjectIncomplete,
    StreamOutOfOrder,
    ThreadIdsStayFound,
    ThreadVanished,
    TimestampsWrong,
    errors_are_openai_errors,
    event_stream_grammar,
    lifecycle_error_types,
    lifecycle_status_fields,
    lifecycle_timestamps,
    run_echoes_request,
    stream_deltas_add_up,
    stream_objects_complete,
)
from runspec.spec import load_spec
from tests.contract.conftest import Exchange
from tests.contract.streams import edit, encode, requires_action, transcript, without

RUN: Mapping[str, Any] = load_spec()["paths"]["/threads/runs"]["post"]["responses"]["200"][
    "content"
]["application/json"]["examples"]["queued"]["value"]
ERROR = {
    "error": {
        "message": "No thread found.",
        "type": "invalid_request_error",
        "param": None,
        "code": None,
    }
}
SSE = "text/event-stream; charset=utf-8"


def run_for(thread_id: str = "thread_abc123", **fields: Any) -> dict[str, Any]:
    run = copy.deepcopy(dict(RUN))
    run.update(thread_id=thread_id, **fields)
    return run


def test_every_check_is_registered_under_its_name() -> None:
    registered = set(CHECKS.get_all_names())
    assert set(CHECK_NAMES) <= registered


# ---- run_echoes_request -------------------------------------------------------------------------


def test_a_run_echoing_the_request_passes(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123", "model": "gpt-4o"})
    response = exchange.response(case, body=run_for(model="gpt-4o"))
    assert run_echoes_request(ctx, response, case) is None


def test_an_override_not_echoed_fails(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123", "model": "o3-mini"})
    response = exchange.response(case, body=run_for(model="gpt-4o"))
    with pytest.raises(RunNotEchoed, match=r"run.model: expected 'o3-mini', got 'gpt-4o'"):
        run_echoes_request(ctx, response, case)


def test_the_paths_thread_is_echoed(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123"}, thread_id="thread_mine")
    response = exchange.response(case, body=run_for(thread_id="thread_other"))
    with pytest.raises(RunNotEchoed, match=r"run.thread_id: 'thread_other', but the path names"):
        run_echoes_request(ctx, response, case)


def test_the_assistant_is_echoed(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createThreadAndRun", {"assistant_id": "asst_other"})
    response = exchange.response(case, body=run_for())
    with pytest.raises(RunNotEchoed, match=r"run.assistant_id: expected 'asst_other'"):
        run_echoes_request(ctx, response, case)


def test_every_run_event_of_a_stream_echoes(exchange: Exchange, ctx: CheckContext) -> None:
    body = {"assistant_id": "asst_abc123", "stream": True, "temperature": 1}
    case = exchange.case("createThreadAndRun", body)
    good = exchange.response(case, body=encode(transcript()), content_type=SSE)
    assert run_echoes_request(ctx, good, case) is None

    def hotter(run: dict[str, Any]) -> None:
        run["temperature"] = 1.5

    events = edit(transcript(), "thread.run.in_progress", hotter)
    bad = exchange.response(case, body=encode(events), content_type=SSE)
    with pytest.raises(RunNotEchoed, match=r"#3 thread.run.in_progress.temperature: expected 1"):
        run_echoes_request(ctx, bad, case)


def test_errors_are_not_runs(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123", "model": "o3-mini"})
    response = exchange.response(case, status=400, body=ERROR)
    assert run_echoes_request(ctx, response, case) is None


# ---- event_stream_grammar -----------------------------------------------------------------------


def test_a_well_formed_stream_passes(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123", "stream": True})
    response = exchange.response(case, body=encode(requires_action()), content_type=SSE)
    assert event_stream_grammar(ctx, response, case) is None


def test_a_stream_without_done_fails(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createThreadAndRun", {"assistant_id": "asst_abc123", "stream": True})
    response = exchange.response(case, body=encode(without(transcript(), "done")), content_type=SSE)
    with pytest.raises(StreamOutOfOrder, match="the stream does not end with done"):
        event_stream_grammar(ctx, response, case)


def test_the_first_event_depends_on_the_operation(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123", "stream": True})
    response = exchange.response(case, body=encode(transcript()), content_type=SSE)
    with pytest.raises(StreamOutOfOrder, match=r"the first event must be thread.run.created"):
        event_stream_grammar(ctx, response, case)


def test_stream_true_must_be_answered_with_a_stream(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123", "stream": True})
    response = exchange.response(case, body=run_for())
    with pytest.raises(StreamOutOfOrder, match='"stream": true answered with application/json'):
        event_stream_grammar(ctx, response, case)


@pytest.mark.parametrize("stream", [False, None, "absent"])
def test_only_stream_true_is_answered_with_a_stream(
    exchange: Exchange, ctx: CheckContext, stream: Any
) -> None:
    body: dict[str, Any] = {"assistant_id": "asst_abc123"}
    if stream != "absent":
        body["stream"] = stream
    case = exchange.case("createRun", body)
    response = exchange.response(case, body=encode(requires_action()), content_type=SSE)
    with pytest.raises(StreamOutOfOrder, match="answered with an event stream"):
        event_stream_grammar(ctx, response, case)


# ---- errors_are_openai_errors -------------------------------------------------------------------


def test_an_openai_error_passes(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123"})
    response = exchange.response(case, status=404, body=ERROR)
    assert errors_are_openai_errors(ctx, response, case) is None


def test_a_framework_error_page_fails(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123"})
    response = exchange.response(
        case, status=405, body=b"Method Not Allowed", content_type="text/plain; charset=utf-8"
    )
    with pytest.raises(ErrorNotOpenAI, match="405 answer is text/plain; charset=utf-8"):
        errors_are_openai_errors(ctx, response, case)


# ---- thread_ids_stay_found ----------------------------------------------------------------------


def test_a_thread_handed_out_earlier_must_not_vanish(exchange: Exchange, ctx: CheckContext) -> None:
    check = ThreadIdsStayFound()
    create = exchange.case("createThreadAndRun", {"assistant_id": "asst_abc123"})
    check.after_response(ctx, exchange.response(create, body=run_for("thread_new")), create)

    later = exchange.case("createRun", {"assistant_id": "asst_abc123"}, thread_id="thread_new")
    with pytest.raises(
        ThreadVanished, match="thread 'thread_new' was returned by POST /threads/runs"
    ):
        check.after_response(ctx, exchange.response(later, status=404, body=ERROR), later)


def test_threads_of_streams_count_too(exchange: Exchange, ctx: CheckContext) -> None:
    check = ThreadIdsStayFound()
    create = exchange.case("createThreadAndRun", {"assistant_id": "asst_abc123", "stream": True})
    stream = exchange.response(create, body=encode(transcript()), content_type=SSE)
    check.after_response(ctx, stream, create)
    assert set(check.handed_out) == {"thread_abc123"}


def test_a_404_for_an_unknown_assistant_or_thread_is_fine(
    exchange: Exchange, ctx: CheckContext
) -> None:
    check = ThreadIdsStayFound()
    create = exchange.case("createThreadAndRun", {"assistant_id": "asst_abc123"})
    check.after_response(ctx, exchange.response(create, body=run_for("thread_new")), create)

    stranger = exchange.case("createRun", {"assistant_id": "asst_unknown"}, thread_id="thread_new")
    assert (
        check.after_response(ctx, exchange.response(stranger, status=404, body=ERROR), stranger)
        is None
    )
    never = exchange.case("createRun", {"assistant_id": "asst_abc123"}, thread_id="thread_never")
    assert (
        check.after_response(ctx, exchange.response(never, status=404, body=ERROR), never) is None
    )


@pytest.mark.parametrize("assistant", [{"id": "asst_abc123"}, ["asst_abc123"], 7])
def test_a_404_to_a_body_whose_assistant_is_not_a_string_is_left_alone(
    exchange: Exchange, ctx: CheckContext, assistant: Any
) -> None:
    """Found against the openai-responses mock: an unhashable assistant_id crashed the check."""
    check = ThreadIdsStayFound()
    create = exchange.case("createThreadAndRun", {"assistant_id": "asst_abc123"})
    check.after_response(ctx, exchange.response(create, body=run_for("thread_new")), create)

    odd = exchange.case("createRun", {"assistant_id": assistant}, thread_id="thread_new")
    assert check.after_response(ctx, exchange.response(odd, status=404, body=ERROR), odd) is None


# ---- which answers the run checks judge ---------------------------------------------------------


def as_negative(case: Case[Any]) -> Case[Any]:
    """The case as schemathesis marks a body generated to be invalid."""
    phase = PhaseInfo(TestPhase.FUZZING, FuzzingPhaseData(None, None, None, None))
    meta = CaseMetadata(GenerationInfo(0.0, GenerationMode.NEGATIVE), {}, phase)
    object.__setattr__(case, "_meta", meta)  # schemathesis sets it at generation only
    return case


def test_a_201_answer_is_judged_like_a_200(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123", "model": "o3-mini"})
    response = exchange.response(case, status=201, body=run_for(model="gpt-4o"))
    with pytest.raises(RunNotEchoed, match=r"run.model: expected 'o3-mini'"):
        run_echoes_request(ctx, response, case)


def test_stream_true_answered_201_with_json_fails(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123", "stream": True})
    response = exchange.response(case, status=201, body=run_for())
    with pytest.raises(StreamOutOfOrder, match='"stream": true answered with application/json'):
        event_stream_grammar(ctx, response, case)


def test_an_answer_to_another_method_is_not_a_run(exchange: Exchange, ctx: CheckContext) -> None:
    """A complete server deletes the thread on DELETE /threads/{id}: that is no run to echo."""
    case = exchange.case("createRun", {"assistant_id": "asst_abc123", "model": "o3-mini"})
    deleted = {"id": "thread_abc123", "object": "thread.deleted", "deleted": True}
    response = exchange.response(case, body=deleted, method="DELETE")
    for check in (run_echoes_request, event_stream_grammar, lifecycle_status_fields):
        assert check(ctx, response, case) is None


def test_an_invalid_body_wrongly_accepted_is_left_to_negative_data_rejection(
    exchange: Exchange, ctx: CheckContext
) -> None:
    case = as_negative(
        exchange.case("createRun", {"assistant_id": "asst_abc123", "model": 5, "stream": True})
    )
    response = exchange.response(case, body=run_for(model="gpt-4o"))
    for check in (run_echoes_request, event_stream_grammar, lifecycle_timestamps):
        assert check(ctx, response, case) is None


# ---- lifecycle and stream checks ----------------------------------------------------------------


def test_timestamps_are_judged_against_the_answers_date(
    exchange: Exchange, ctx: CheckContext
) -> None:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123"})
    recorded = format_datetime(datetime.fromtimestamp(RUN["created_at"] + 5, tz=UTC), usegmt=True)
    good = exchange.response(case, body=run_for(), headers={"Date": recorded})
    assert lifecycle_timestamps(ctx, good, case) is None
    millis = run_for(created_at=RUN["created_at"] * 1000)
    bad = exchange.response(case, body=millis, headers={"Date": recorded})
    with pytest.raises(TimestampsWrong, match=r"body.created_at: \d+ is 53823 years after"):
        lifecycle_timestamps(ctx, bad, case)


def test_a_queued_run_with_an_error_fails(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123"})
    broken = run_for(last_error={"code": "server_error", "message": "boom"})
    response = exchange.response(case, body=broken)
    with pytest.raises(StatusFieldsMismatch, match=r"body.last_error: .*'queued' object has it"):
        lifecycle_status_fields(ctx, response, case)


def test_an_error_type_must_fit_its_status(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123"})
    assert lifecycle_error_types(ctx, exchange.response(case, status=404, body=ERROR), case) is None
    wrong = {"error": {**ERROR["error"], "type": "not_found"}}
    with pytest.raises(ErrorTypeMismatch, match=r"404 answer has error\.type 'not_found'"):
        lifecycle_error_types(ctx, exchange.response(case, status=404, body=wrong), case)


def test_a_streamed_run_without_its_null_fields_fails(
    exchange: Exchange, ctx: CheckContext
) -> None:
    body = {"assistant_id": "asst_abc123", "stream": True}
    case = exchange.case("createThreadAndRun", body)
    good = exchange.response(case, body=encode(transcript()), content_type=SSE)
    assert stream_objects_complete(ctx, good, case) is None

    def drop_last_error(run: dict[str, Any]) -> None:
        del run["last_error"]

    events = edit(transcript(), "thread.run.queued", drop_last_error)
    bad = exchange.response(case, body=encode(events), content_type=SSE)
    with pytest.raises(StreamedObjectIncomplete, match=r"#2 thread.run.queued: the object lacks"):
        stream_objects_complete(ctx, bad, case)


def test_deltas_that_do_not_add_up_fail(exchange: Exchange, ctx: CheckContext) -> None:
    body = {"assistant_id": "asst_abc123", "stream": True}
    case = exchange.case("createThreadAndRun", body)
    good = exchange.response(case, body=encode(transcript()), content_type=SSE)
    assert stream_deltas_add_up(ctx, good, case) is None

    def shout(delta: dict[str, Any]) -> None:
        for part in delta["delta"]["content"]:
            part["text"]["value"] = part["text"]["value"].upper()

    events = edit(transcript(), "thread.message.delta", shout)
    bad = exchange.response(case, body=encode(events), content_type=SSE)
    with pytest.raises(DeltasDoNotAddUp, match=r"thread.message.completed: content\[0\] is"):
        stream_deltas_add_up(ctx, bad, case)


def test_another_kind_of_object_is_not_a_run(exchange: Exchange, ctx: CheckContext) -> None:
    """A mock whose routes match loosely answered createRun with "create thread"."""
    case = exchange.case("createRun", {"assistant_id": "asst_abc123", "model": "gpt-4o"})
    thread = {"id": "thread_1", "object": "thread", "created_at": 1, "metadata": None}
    response = exchange.response(case, status=201, body=thread)
    with pytest.raises(
        RunNotEchoed, match=r"run: the answer is a 'thread' object, not a 'thread.run'"
    ):
        run_echoes_request(ctx, response, case)


def test_the_paths_thread_is_compared_decoded(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123"}, thread_id="thread%C3%80")
    response = exchange.response(case, body=run_for(thread_id="threadÀ"))
    assert run_echoes_request(ctx, response, case) is None
