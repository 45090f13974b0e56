"""``stream_ends``: a stream that never closes is a finding, and it cannot stall the run.

Found with a target whose streams send one event and then only keep-alive comments: every stream
case waited out the request timeout, a quick run took over five minutes, and no check said a word
(a stream cut short was only checked for order). The servers here are the reference server with
its streams held open, served over real HTTP (the in-process transport cannot time a stream out).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from schemathesis import CheckContext, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from runspec.contract.checks import ENDLESS_STREAMS_ENOUGH, StreamNeverEnds, stream_ends
from runspec.contract.streamed import unended_stream_problem
from runspec.events import ServerSentEvent
from runspec.server import create_app
from runspec.server.testing import LiveServer, serve_in_thread
from tests.contract.conftest import Exchange, contract_cli
from tests.contract.mutants import Sent, Wrapper

KEY = "sk-endless-streams-test"
EVENTS = (
    b"event: thread.run.created\ndata: {}\n\n"
    b"event: thread.run.completed\ndata: {}\n\n"
    b"event: done\ndata: [DONE]\n\n"
)


class HeldOpen(Wrapper):
    """The reference server, but its streams stay open after their last event (``keep_done``)
    or after their first one; either way only keep-alive comments follow."""

    def __init__(self, app: ASGIApp, *, keep_done: bool) -> None:
        super().__init__(app)
        self.keep_done = keep_done

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        answer = await self._call_app(scope, Sent(scope["method"], scope["path"], headers, body))
        if answer.media_type != "text/event-stream":
            answer.headers["content-length"] = str(len(answer.body))
            await send(_start(answer.status, answer.headers))
            await send({"type": "http.response.body", "body": answer.body})
            return
        answer.headers.pop("content-length", None)
        first_event = answer.body.split(b"\n\n", 1)[0] + b"\n\n"
        await send(_start(answer.status, answer.headers))
        kept = answer.body if self.keep_done else first_event
        await send({"type": "http.response.body", "body": kept, "more_body": True})
        await _keep_alive(receive, send)


def _start(status: int, headers: dict[str, str]) -> Message:
    encoded = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    return {"type": "http.response.start", "status": status, "headers": encoded}


async def _keep_alive(receive: Receive, send: Send, seconds: float = 20.0) -> None:
    """A comment every 0.2 s until the client goes away (or ``seconds`` pass)."""
    gone = asyncio.ensure_future(receive())
    for _ in range(int(seconds / 0.2)):
        finished, _ = await asyncio.wait({gone}, timeout=0.2)
        if finished:
            return
        await send({"type": "http.response.body", "body": b": still here\n\n", "more_body": True})
    gone.cancel()


@pytest.fixture(scope="module", params=[False, True], ids=["no-done", "open-after-done"])
def held_open(request: pytest.FixtureRequest) -> Iterator[tuple[LiveServer, bool]]:
    app = HeldOpen(create_app(api_keys=[KEY], any_assistant=True), keep_done=request.param)
    with serve_in_thread(app) as server:
        yield server, request.param


@pytest.mark.slow
def test_streams_that_never_close_are_reported_and_asked_for_only_a_few_times(
    held_open: tuple[LiveServer, bool], tmp_path: Path
) -> None:
    server, keep_done = held_open
    suite = [server.base_url, "--profile", "quick", "--reports", str(tmp_path), "--seed", "3"]
    st = ["--phases", "fuzzing", "--request-timeout", "1", "--max-examples", "40"]
    done = contract_cli(*suite, "--", *st, api_key=KEY)
    assert done.returncode == 1, done.stdout + done.stderr
    problems = json.loads((tmp_path / "summary.json").read_text())["problems"]
    endless = [p for p in problems if "stream_ends" in p["checks"]]
    assert endless, done.stdout
    expected = "sent done (#" if keep_done else "still open after 1 s without done"
    assert expected in endless[0]["what"][0]["message"]
    # Once a few streams did not end, no more are asked for: each costs the whole timeout.
    assert sum(p["cases"] for p in endless) <= 2 * ENDLESS_STREAMS_ENOUGH


def stream_answer(exchange: Exchange, body: bytes, *, cut_short: bool) -> tuple[Any, Response]:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123", "stream": True})
    response = exchange.response(case, body=body, content_type="text/event-stream")
    response.stream_cut_short = cut_short
    return case, response


def test_a_stream_read_to_its_end_is_not_judged(exchange: Exchange, ctx: CheckContext) -> None:
    case, response = stream_answer(exchange, EVENTS, cut_short=False)
    assert stream_ends(ctx, response, case) is None


def test_a_stream_still_open_after_done_is_reported(exchange: Exchange, ctx: CheckContext) -> None:
    case, response = stream_answer(exchange, EVENTS, cut_short=True)
    with pytest.raises(StreamNeverEnds, match=r"sent done \(#2\) but was still open"):
        stream_ends(ctx, response, case)


def test_a_stream_stopped_at_the_cap_of_events_is_long_not_endless(
    exchange: Exchange, ctx: CheckContext
) -> None:
    cap = exchange.schema.config.max_stream_events_for()
    many = b"event: thread.message.delta\ndata: {}\n\n" * cap
    case, response = stream_answer(exchange, many, cut_short=True)
    assert stream_ends(ctx, response, case) is None
    case, response = stream_answer(exchange, many[: -len(many) // cap], cut_short=True)
    with pytest.raises(StreamNeverEnds):
        stream_ends(ctx, response, case)


def test_the_message_names_the_last_event_and_how_to_allow_more_time() -> None:
    problem = unended_stream_problem([ServerSentEvent("thread.run.created", "{}")], 10)
    assert "still open after 10 s without done (1 event, the last #0 thread.run.created)" in problem
    assert "-- --request-timeout N" in problem
    assert "(0 events, none)" in unended_stream_problem([], 2.5)
