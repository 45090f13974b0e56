"""Row group "servers": the reference server under load, beside Prism and a bare Starlette route.

Three servers, each in its own process on loopback: the reference server (``runspec serve``), Prism
mocking the same spec (``npx --no-install prism mock``), and the bare route of
:mod:`runspec.bench.bare_app` (same uvicorn settings as the reference server, no validation). wrk
(its own process, 16 connections) loads each with the same ``createRun`` request, plain and with
``"stream": true``. In every round the reference server and the bare route run back to back, each
first in every other round, so that each ratio to the bare route (the tightest goal) pairs two
runs seconds apart; Prism runs before them or after them in turn. Each server is first asked once
with httpx and must answer 200, and a wrk run with more than 1% error answers fails its row.
"""

from __future__ import annotations

import json
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from runspec.bench.context import Context
from runspec.bench.fixtures import (
    API_KEY,
    CREATE_RUN_BODY,
    CREATE_RUN_STREAM_BODY,
    THREAD_ID,
    request_headers,
)
from runspec.bench.formatting import duration, percent, rate, times
from runspec.bench.procs import ChildError, Launch, Server, free_port, serve_all
from runspec.bench.reference import BASE_PATH, create_thread, record_stream, reference_argv
from runspec.bench.stats import paired_ratios, summarize
from runspec.bench.table import Goal, Row, RowSpec
from runspec.bench.wrk import CONNECTIONS, WrkResult, run_wrk, wrk_available
from runspec.yamlio import dump_document, load_document

__all__ = ["SPECS", "measure"]

MODES = ("plain", "stream")
REFERENCE, BARE, PRISM = "reference-server", "bare-route", "prism"
MAX_BAD_SHARE = 0.01


def _specs(mode: str) -> tuple[RowSpec, RowSpec, RowSpec]:
    what = f"reference server, {mode}"
    return (
        RowSpec(
            f"server.{mode}.prism",
            f"{what}: req/s",
            "Prism mock, same spec",
            Goal("≥ 5x Prism", ">=", 5.0),
        ),
        RowSpec(
            f"server.{mode}.bare",
            f"{what}: req/s",
            "bare Starlette route",
            Goal("≥ 50% of bare", ">=", 0.5),
        ),
        RowSpec(
            f"server.{mode}.latency",
            f"{what}: p50 / p99",
            "bare route / Prism",
            Goal("p99 < 20 ms", "<", 0.020),
        ),
    )


SPECS = tuple(spec for mode in MODES for spec in _specs(mode))


@dataclass
class Target:
    """A running server and the URL wrk loads; ``error`` once it failed."""

    name: str
    base: str
    url: str = ""
    results: dict[str, list[WrkResult]] = field(default_factory=lambda: {m: [] for m in MODES})
    error: str | None = None


def _check_answers(url: str) -> None:
    """One plain and one streamed request must be answered 200 with the right media type."""
    with httpx.Client(timeout=10) as client:
        for body, media in (
            (CREATE_RUN_BODY, "application/json"),
            (CREATE_RUN_STREAM_BODY, "text/event-stream"),
        ):
            stream = media == "text/event-stream"
            response = client.post(url, json=body, headers=request_headers(stream=stream))
            if response.status_code != 200 or media not in response.headers.get("content-type", ""):
                raise RuntimeError(
                    f"{url} answered {response.status_code} {response.headers.get('content-type')}: "
                    f"{response.text[:200]}"
                )


def _prism_argv(spec: Path, port: int) -> list[str]:
    return ["npx", "--no-install", "prism", "mock", str(spec), "-h", "127.0.0.1", "-p", str(port)]


def _prism_spec(root: Path, out_dir: Path) -> Path:
    """The spec with each event stream's whole transcript (``x-transcripts``) as its examples.

    The spec's own event-stream examples are single events (objects), which Prism cannot send
    as text (it answers 500 NO_COMPLEX_OBJECT_TEXT); a transcript is the stream a server sends.
    """
    document = load_document(root / "openapi" / "openapi.yaml")
    for item in document.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict):
                continue
            for response in operation.get("responses", {}).values():
                media = response.get("content", {}).get("text/event-stream")
                if isinstance(media, dict) and "x-transcripts" in media:
                    media["examples"] = media.pop("x-transcripts")
    path = out_dir / "prism-openapi.yaml"
    path.write_text(dump_document(document), encoding="utf-8")
    return path


def _bare_argv(port: int, stream_file: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "runspec.bench.bare_app",
        "--port",
        str(port),
        "--stream-file",
        str(stream_file),
    ]


def _first_line(exc: BaseException) -> str:
    return (str(exc) or repr(exc)).splitlines()[0][:160]


def _aim(target: Target, thread_id: str) -> None:
    """Point the target at ``createRun`` on ``thread_id`` and check that it answers."""
    if target.error:
        return
    target.url = f"{target.base}/threads/{thread_id}/runs"
    try:
        _check_answers(target.url)
    except Exception as exc:
        target.error = _first_line(exc)


def _load(target: Target, mode: str, seconds: float) -> None:
    if target.error:
        return
    body = CREATE_RUN_STREAM_BODY if mode == "stream" else CREATE_RUN_BODY
    try:
        result = run_wrk(
            target.url, json.dumps(body), api_key=API_KEY, stream=mode == "stream", seconds=seconds
        )
    except Exception as exc:
        target.error = str(exc)[:120]
        return
    if result.bad_share > MAX_BAD_SHARE:
        target.error = f"{percent(result.bad_share)} error answers under load"
    target.results[mode].append(result)


def _rps(target: Target, mode: str) -> list[float]:
    return [r.requests_per_second for r in target.results[mode]]


def _latency_text(target: Target, mode: str) -> str:
    if target.error or not target.results[mode]:
        return f"{target.name}: {target.error or 'no result'}"
    p50 = statistics.median(r.p50 for r in target.results[mode])
    p99 = statistics.median(r.p99 for r in target.results[mode])
    return f"{duration(p50)} / {duration(p99)}"


PRISM_NOTE = (
    "Prism 5 mocks openapi/openapi.yaml with each stream's x-transcripts as its examples (it "
    "cannot send the one-event examples as text); its stream is that transcript, which Prism's own response validation flags "
    "(sl-violations header: the example is text, the event schema an object) but sends"
)


def _method_note(ctx: Context, mode: str) -> str:
    seconds = ctx.config.server_seconds
    return (
        f"wrk, 1 thread, {CONNECTIONS} connections, {seconds:.0f} s per run, "
        f"{ctx.config.server_rounds} rounds, ours and the bare route back to back in each (ratios "
        f"are per round); createRun{' with stream: true' if mode == 'stream' else ''} on one thread "
        "(--run-duration 0), the same request for every server"
    )


def _rows(mode: str, ours: Target, prism: Target, bare: Target) -> list[Row]:
    prism_spec, bare_spec, latency_spec = _specs(mode)
    if ours.error or not ours.results[mode]:
        reason = ours.error or "no result"
        return [spec.failed(reason) for spec in (prism_spec, bare_spec, latency_spec)]
    ours_rps = _rps(ours, mode)
    ours_text = summarize(ours_rps).format(lambda v: rate(v, "req/s"))
    rows = []
    for spec, peer in ((prism_spec, prism), (bare_spec, bare)):
        if peer.error or not peer.results[mode]:
            rows.append(Row(spec, ours=ours_text, peers=f"failed: {peer.error}"))
            continue
        ratio = paired_ratios(ours_rps[: len(_rps(peer, mode))], _rps(peer, mode)[: len(ours_rps)])
        rows.append(
            Row(
                spec,
                ours=ours_text,
                peers=summarize(_rps(peer, mode)).format(lambda v: rate(v, "req/s")),
                ratio=ratio.format(percent if spec is bare_spec else times),
                goal_value=ratio.median,
            )
        )
    p99s = [r.p99 for r in ours.results[mode]]
    p50s = [r.p50 for r in ours.results[mode]]
    rows.append(
        Row(
            latency_spec,
            ours=f"{duration(statistics.median(p50s))} / {summarize(p99s).format(duration)}",
            peers=f"{_latency_text(bare, mode)}; {_latency_text(prism, mode)}",
            goal_value=statistics.median(p99s),
        )
    )
    return rows


def _round_order(ours: Target, bare: Target, prism: Target, index: int) -> list[Target]:
    """Ours and the bare route adjacent, each first in every other round; Prism before or after
    the pair in turn (A B P, B A P, P A B, P B A, ...)."""
    pair = [ours, bare] if index % 2 == 0 else [bare, ours]
    return [*pair, prism] if index % 4 < 2 else [prism, *pair]


def _targets(ctx: Context, up: dict[str, Server | ChildError]) -> list[Target]:
    prefixes = {REFERENCE: BASE_PATH, BARE: BASE_PATH, PRISM: ""}
    targets = []
    for name, prefix in prefixes.items():
        server = up[name]
        if isinstance(server, ChildError):
            targets.append(Target(name, "", error=_first_line(server)))
        else:
            targets.append(Target(name, server.base_url + prefix))
    return targets


def measure(ctx: Context) -> list[Row]:
    if not wrk_available():
        return [spec.failed("wrk is not installed (apt-get install wrk)") for spec in SPECS]
    if not ctx.components.server():
        return [spec.not_built("reference server") for spec in SPECS]
    stream_file = ctx.log_dir / "recorded-stream.sse"
    ports = [free_port() for _ in range(3)]
    launches = [
        Launch(REFERENCE, reference_argv(ports[0]), ports[0]),
        Launch(BARE, _bare_argv(ports[1], stream_file), ports[1]),
        Launch(PRISM, _prism_argv(_prism_spec(ctx.root, ctx.log_dir), ports[2]), ports[2]),
    ]
    with serve_all(launches, ctx.log_dir, startup_timeout=60, cwd=ctx.root) as up:
        ours, bare, prism = targets = _targets(ctx, up)
        # the reference server needs a real thread (the others answer for any id); its stream
        # is recorded once, for the bare route to send and for the stream-decoding rows
        thread_id = THREAD_ID
        if not ours.error:
            try:
                thread_id = create_thread(ours.base.removesuffix(BASE_PATH))
                recorded = record_stream(ours.base.removesuffix(BASE_PATH), thread_id)
                ctx.recorded_stream, ctx.recorded_stream_source = recorded, "the reference server"
            except Exception as exc:
                ours.error = _first_line(exc)
        stream_file.write_bytes(ctx.stream_bytes())
        for target in targets:
            _aim(target, thread_id)
        for index in range(ctx.config.server_rounds):
            if index and ctx.time_left() < 0:
                break
            for mode in MODES:
                for target in _round_order(ours, bare, prism, index):
                    _load(target, mode, ctx.config.server_seconds)
    rows = []
    for mode in MODES:
        prism_row, bare_row, latency_row = _rows(mode, ours, prism, bare)
        if mode == "plain":
            prism_row = prism_row.with_note(PRISM_NOTE)
        rows += [prism_row, bare_row.with_note(_method_note(ctx, mode))]
        rows.append(latency_row)
    return rows
