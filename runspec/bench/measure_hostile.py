"""Row group "hostile": bodies wrong in every way, up to the size limit, and a valid request beside.

The reference server (``runspec serve``, its own process, default limits) is sent each shape of
:mod:`runspec.bench.hostile_bodies`, grown to its limits (bytes and values; a few shapes past the
value limit, which must be refused cheaply). Two figures per shape and round:

* the server's time for the body: the CPU time its process (every thread) spent from sending the
  body to reading the whole answer, sent alone (CPU time rather than wall time: the machine is
  shared, and waiting for a core is not the server's doing);
* the delay of a small valid ``createRun`` sent as soon as the big body is on the wire: its
  latency then, minus the median latency of the same request alone, measured just before.

The row reports the worst shape's median for each; every shape's figures are in the note.
"""

from __future__ import annotations

import contextlib
import http.client
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from runspec.bench.context import Context
from runspec.bench.fixtures import CREATE_RUN_BODY, request_headers
from runspec.bench.formatting import duration
from runspec.bench.hostile_bodies import PAST_THE_VALUE_LIMIT, SHAPES, sized
from runspec.bench.procs import HOST, Server, free_port, serve
from runspec.bench.reference import BASE_PATH, create_thread, reference_argv
from runspec.bench.stats import summarize
from runspec.bench.table import Goal, Row, RowSpec

__all__ = ["SPECS", "measure"]

SERVER_TIME = RowSpec(
    "hostile.server_time",
    "hostile body up to the server's limits: server time (worst shape)",
    "the largest valid body",
    Goal("≤ 50 ms", "<=", 0.050),
)
DELAY = RowSpec(
    "hostile.delay",
    "valid createRun sent meanwhile: added latency (worst shape)",
    "the same request alone",
    Goal("≤ 5 ms", "<=", 0.005),
)
SPECS = (SERVER_TIME, DELAY)

_ALONE_CALLS = 5


@dataclass
class _Shape:
    name: str
    body: bytes
    server_times: list[float] = field(default_factory=list)
    delays: list[float] = field(default_factory=list)
    alone: list[float] = field(default_factory=list)
    statuses: set[int] = field(default_factory=set)


def _body_limits() -> tuple[int, int]:
    """The server's default limits: bytes, values."""
    from runspec.server.app import ServerConfig

    config = ServerConfig()
    return config.max_body_bytes, config.max_body_values


def _shapes(limits: tuple[int, int]) -> list[_Shape]:
    max_bytes, max_values = limits
    return [
        *(_Shape(name, sized(make, max_bytes, max_values)) for name, make in SHAPES.items()),
        *(_Shape(name, sized(make, max_bytes)) for name, make in PAST_THE_VALUE_LIMIT.items()),
    ]


def _latency(client: httpx.Client, url: str) -> float:
    started = time.perf_counter()
    response = client.post(url, json=CREATE_RUN_BODY, headers=request_headers())
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"the valid request got {response.status_code}: {response.text[:160]}")
    return elapsed


def _cpu_seconds(pid: int) -> float:
    """CPU time the process has used so far, all its threads (Linux schedstat, nanoseconds)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            total += int((task / "schedstat").read_text().split()[0])
    return total / 1e9


def _send(port: int, body: bytes) -> http.client.HTTPConnection:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    connection.request("POST", f"{BASE_PATH}/threads/runs", body=body, headers=request_headers())
    return connection


def _round(shape: _Shape, server: Server, client: httpx.Client, run_url: str) -> None:
    # the body alone: the CPU time the server spends on it, all threads
    before = _cpu_seconds(server.process.pid)
    connection = _send(server.port, shape.body)
    try:
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    shape.server_times.append(_cpu_seconds(server.process.pid) - before)
    shape.statuses.add(response.status)
    # the body again, and a valid request sent as soon as it is on the wire
    alone = statistics.median(_latency(client, run_url) for _ in range(_ALONE_CALLS))
    connection = _send(server.port, shape.body)
    try:
        meanwhile = _latency(client, run_url)
        connection.getresponse().read()
    finally:
        connection.close()
    shape.delays.append(max(0.0, meanwhile - alone))
    shape.alone.append(alone)


def _note(shapes: list[_Shape], limits: tuple[int, int]) -> str:
    parts = [
        f"{s.name} ({len(s.body):,} bytes, {'/'.join(map(str, sorted(s.statuses)))}): "
        f"{duration(statistics.median(s.server_times))}, +{duration(statistics.median(s.delays))}"
        for s in shapes
        if s.server_times
    ]
    max_bytes, max_values = limits
    return (
        f"{len(shapes)} shapes, each as big as the server parses ({max_bytes:,} bytes, "
        f"{max_values:,} values), the last {len(PAST_THE_VALUE_LIMIT)} past the value limit "
        f"(server time, added latency of a valid createRun sent meanwhile; medians): "
        + "; ".join(parts)
    )


def measure(ctx: Context) -> list[Row]:
    if not ctx.components.server():
        return [spec.not_built("reference server") for spec in SPECS]
    limits = _body_limits()
    shapes = _shapes(limits)
    rounds = 1 if ctx.config.quick else 3
    port = free_port()
    with serve("reference-server-hostile", reference_argv(port), port, ctx.log_dir) as server:
        thread_id = create_thread(server.base_url)
        run_url = f"{server.base_url}{BASE_PATH}/threads/{thread_id}/runs"
        with httpx.Client(timeout=30) as client:
            for _ in range(rounds):
                if ctx.time_left() < 0:
                    break
                for shape in shapes:
                    _round(shape, server, client, run_url)
    measured = [s for s in shapes if s.server_times]
    if not measured:
        return [spec.failed("out of time") for spec in SPECS]
    worst_time = max(measured, key=lambda s: statistics.median(s.server_times))
    worst_delay = max(measured, key=lambda s: statistics.median(s.delays))
    valid = [s for s in measured if s.name.startswith("valid")]
    valid_time = max(statistics.median(s.server_times) for s in valid) if valid else None
    time_summary = summarize(worst_time.server_times)
    delay_summary = summarize(worst_delay.delays)
    note = _note(measured, limits)
    bad = [s.name for s in measured if any(status >= 500 for status in s.statuses)]
    if bad:
        note += f"; 5xx answers for: {', '.join(bad)}"
    return [
        Row(
            SERVER_TIME,
            ours=f"{time_summary.format(duration)} ({worst_time.name})",
            peers="—" if valid_time is None else duration(valid_time),
            goal_value=time_summary.median if not bad else float("inf"),
            note=note,
        ),
        Row(
            DELAY,
            ours=f"{delay_summary.format(duration)} ({worst_delay.name})",
            peers=duration(statistics.median(t for s in measured for t in s.alone)),
            goal_value=delay_summary.median,
        ),
    ]
