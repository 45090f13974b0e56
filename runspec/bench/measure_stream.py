"""Row group "stream": decoding a run's event stream, in events per second.

Both clients read the same recorded bytes (from the reference server, or the spec's example
transcript when no server is built), served by an in-process mock transport one event per chunk as
a server sends them: ``httpx.MockTransport`` for the generated client's ``stream()``,
``httpx2.MockTransport`` (the SDK's own HTTP library) for ``openai``'s ``Stream``. The recorded
events are repeated ``stream_copies`` times before the final ``done`` so that decoding, not request
set-up, dominates each call; every event is decoded into the client's typed event object.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence

import httpx
import httpx2
import openai

from runspec.bench.bare_app import split_events
from runspec.bench.client_adapter import GeneratedClient
from runspec.bench.context import Context
from runspec.bench.fixtures import API_KEY, ASSISTANT_ID, THREAD_ID
from runspec.bench.formatting import rate, times
from runspec.bench.stats import paired_ratios, summarize
from runspec.bench.table import Goal, Row, RowSpec
from runspec.bench.timing import interleave

__all__ = ["SPECS", "measure", "stream_chunks"]

SDK = RowSpec(
    "stream.sdk",
    "stream decoding, events/s",
    "openai SDK Stream, same bytes",
    Goal("≥ 1x the SDK", ">=", 1.0),
)
SPECS = (SDK,)
BASE_URL = "http://bench.invalid/v1"
SSE_HEADERS = {"content-type": "text/event-stream"}


def stream_chunks(recorded: bytes, copies: int) -> list[bytes]:
    """The recorded events ``copies`` times over, then the final ``done`` event (one per chunk)."""
    events = split_events(recorded)
    body, done = events[:-1], events[-1:]
    if not done or b"[DONE]" not in done[0]:
        body, done = events, []
    return body * copies + done


def _events_per_second(count_events: Callable[[], int], calls: int) -> float:
    start = time.perf_counter()
    events = sum(count_events() for _ in range(calls))
    return events / (time.perf_counter() - start)


def _count(events: Iterator[object]) -> int:
    return sum(1 for _ in events)


def measure(ctx: Context) -> list[Row]:
    if not ctx.components.client():
        return [spec.not_built("generated client") for spec in SPECS]
    chunks: Sequence[bytes] = stream_chunks(ctx.stream_bytes(), ctx.config.stream_copies)

    def ours_handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers=SSE_HEADERS, content=iter(chunks))

    def sdk_handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, headers=SSE_HEADERS, content=iter(chunks))

    ours = GeneratedClient(BASE_URL, transport=httpx.MockTransport(ours_handler))
    sdk = openai.OpenAI(
        api_key=API_KEY,
        base_url=BASE_URL,
        max_retries=0,
        http_client=httpx2.Client(transport=httpx2.MockTransport(sdk_handler)),
    )

    def count_ours() -> int:
        return ours.count_stream_events()

    def count_sdk() -> int:
        return _count(
            iter(sdk.beta.threads.runs.create(THREAD_ID, assistant_id=ASSISTANT_ID, stream=True))
        )

    try:
        expected = (count_ours(), count_sdk())  # also warms both up
        if expected[0] != expected[1]:
            raise RuntimeError(f"the clients decoded different event counts: {expected}")
        n = ctx.config.stream_calls
        results = interleave(
            {
                "ours": lambda: _events_per_second(count_ours, n),
                "sdk": lambda: _events_per_second(count_sdk, n),
            },
            ctx.config.stream_rounds,
            deadline=ctx.deadline,
        )
    finally:
        ours.close()
        sdk.close()
    ratio = paired_ratios(results["ours"], results["sdk"])
    return [
        Row(
            SDK,
            ours=summarize(results["ours"]).format(lambda v: rate(v, "ev/s")),
            peers=summarize(results["sdk"]).format(lambda v: rate(v, "ev/s")),
            ratio=ratio.format(times),
            goal_value=ratio.median,
            note=f"{expected[0]} events per stream, bytes from {ctx.recorded_stream_source}",
        )
    ]
