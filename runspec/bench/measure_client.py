"""Row group "client": wall time of one ``createRun`` call with a plain JSON answer.

All three clients call the same local server (the bare route of :mod:`runspec.bench.bare_app`,
uvicorn on loopback in its own process), with the same request, over kept-alive connections,
``client_calls`` individually timed calls per peer per round. Ours is paired with one peer at a
time, alternating call by call, and the two pairs alternate round by round; each round gives each
side of a pair its median call. The server's share
is the same for every peer, so the ratio is the client's own overhead (and the bare route keeps
that share small, which makes the ratio stricter, not looser). The response is a full run object
(three tools), so each call includes decoding and parsing it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import httpx
import openai

from runspec.bench.client_adapter import GeneratedClient
from runspec.bench.context import Context
from runspec.bench.fixtures import (
    API_KEY,
    ASSISTANT_ID,
    CREATE_RUN_BODY,
    THREAD_ID,
    request_headers,
)
from runspec.bench.formatting import duration, times
from runspec.bench.procs import HOST, free_port, serve
from runspec.bench.stats import paired_ratios, summarize
from runspec.bench.table import Goal, Row, RowSpec
from runspec.bench.timing import interleave_calls

__all__ = ["SPECS", "measure"]

HTTPX = RowSpec(
    "client.httpx",
    "createRun per call, plain JSON",
    "raw httpx.Client.post + json.loads",
    Goal("≤ 1.00x raw httpx", "<=", 1.00),
)
SDK = RowSpec("client.sdk", "createRun per call, plain JSON", "openai SDK runs.create")
SPECS = (HTTPX, SDK)

WARMUP_CALLS = 20


def measure(ctx: Context) -> list[Row]:
    if not ctx.components.client():
        return [spec.not_built("generated client") for spec in SPECS]
    port = free_port()
    argv = [sys.executable, "-m", "runspec.bench.bare_app", "--port", str(port)]
    with serve("bare-route-client", argv, port, ctx.log_dir) as server:
        base = server.base_url + "/v1"
        raw = httpx.Client(base_url=base, headers=request_headers())
        sdk = openai.OpenAI(api_key=API_KEY, base_url=base, max_retries=0)
        ours = GeneratedClient(base)
        path = f"/threads/{THREAD_ID}/runs"

        def call_raw() -> Any:
            response = raw.post(path, json=CREATE_RUN_BODY)
            response.raise_for_status()
            return json.loads(response.content)

        def call_sdk() -> Any:
            return sdk.beta.threads.runs.create(
                THREAD_ID,
                assistant_id=ASSISTANT_ID,
                additional_instructions=CREATE_RUN_BODY["additional_instructions"],
                metadata=CREATE_RUN_BODY["metadata"],
            )

        peers: dict[str, Callable[[], object]] = {"httpx": call_raw, "sdk": call_sdk}
        try:
            for fn in (ours.create_run, *peers.values()):
                for _ in range(WARMUP_CALLS):
                    fn()
            # ours is paired with one peer at a time (A B, B A, ...), so neither peer's
            # calls ever sit between the other two's; the pairs alternate round by round
            pairs = {name: {"ours": ours.create_run, name: fn} for name, fn in peers.items()}
            results: dict[str, dict[str, list[float]]] = {name: {} for name in pairs}
            for index in range(ctx.config.client_rounds):
                if index and ctx.time_left() < 0:
                    break
                for name, calls in pairs.items():
                    one = interleave_calls(calls, 1, ctx.config.client_calls)
                    for peer, figures in one.items():
                        results[name].setdefault(peer, []).extend(figures)
        finally:
            raw.close()
            sdk.close()
            ours.close()
    rows = []
    for spec, peer in ((HTTPX, "httpx"), (SDK, "sdk")):
        pair = results[peer]
        ratio = paired_ratios(pair["ours"], pair[peer])
        rows.append(
            Row(
                spec,
                ours=summarize(pair["ours"]).format(duration),
                peers=summarize(pair[peer]).format(duration),
                ratio=ratio.format(times),
                goal_value=ratio.median,
                note=(
                    f"each client calls the bare route (uvicorn on {HOST}, its own process); "
                    "ours alternates call by call with one peer at a time; ours builds the request "
                    "model and parses the typed RunObject on every call"
                )
                if spec is HTTPX
                else "",
            )
        )
    return rows
