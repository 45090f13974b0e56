"""Row group "full store": the reference server's latency once it holds as many threads as it keeps.

Two reference servers (``runspec serve``, default limits, each its own process): one is first
filled by wrk with ``createThreadAndRun`` until it has made ``--max-threads`` threads (the
default, 10,000; 1,000 in a QUICK run), the other stays empty. Then both get the load of the
"servers" rows, ``createRun`` on one thread with wrk, round by round, back to back. A full store
must not make the server slower: each full garbage collection walks every stored object, so a
store of many small objects shows as a p99 far above p50.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from runspec.bench.context import Context
from runspec.bench.fixtures import API_KEY, ASSISTANT_ID, CREATE_RUN_BODY
from runspec.bench.formatting import duration, rate, times
from runspec.bench.procs import Launch, Server, free_port, serve_all
from runspec.bench.reference import BASE_PATH, create_thread, reference_argv
from runspec.bench.stats import paired_ratios, summarize
from runspec.bench.table import Goal, Row, RowSpec
from runspec.bench.wrk import WrkResult, run_wrk, wrk_available

__all__ = ["SPECS", "measure"]

LATENCY = RowSpec(
    "full_store.latency",
    "reference server, full store: p50 / p99",
    "the same server, empty store",
    Goal("p99 < 20 ms", "<", 0.020),
)
SPECS = (LATENCY,)

_FILL_BODY = {
    "assistant_id": ASSISTANT_ID,
    "thread": {"messages": [{"role": "user", "content": "Plan a weekend in Lyon."}]},
}
_FILL_CHUNK_SECONDS = 3
_MAX_FILL_CHUNKS = 20


def _threads_to_fill(ctx: Context) -> int:
    from runspec.server.app import ServerConfig

    return 1_000 if ctx.config.quick else ServerConfig().max_threads


def _argv(port: int, max_threads: int) -> list[str]:
    return [*reference_argv(port), "--max-threads", str(max_threads)]


def _fill(server: Server, count: int) -> tuple[int, list[WrkResult]]:
    """createThreadAndRun until ``count`` threads were made (the store keeps the newest)."""
    made, results = 0, []
    url = f"{server.base_url}{BASE_PATH}/threads/runs"
    for _ in range(_MAX_FILL_CHUNKS):
        if made >= count:
            break
        result = run_wrk(
            url, json.dumps(_FILL_BODY), api_key=API_KEY, stream=False, seconds=_FILL_CHUNK_SECONDS
        )
        made += result.requests - result.non_2xx - result.socket_errors
        results.append(result)
    return made, results


def _rss(server: Server) -> int | None:
    """The server's resident set size in bytes (Linux), or None."""
    try:
        status = Path(f"/proc/{server.process.pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return None


def measure(ctx: Context) -> list[Row]:
    if not wrk_available():
        return [LATENCY.failed("wrk is not installed (apt-get install wrk)")]
    if not ctx.components.server():
        return [LATENCY.not_built("reference server")]
    count = _threads_to_fill(ctx)
    ports = [free_port(), free_port()]
    launches = [Launch("full-store", _argv(ports[0], count), ports[0])]
    launches.append(Launch("empty-store", _argv(ports[1], count), ports[1]))
    full_results: list[WrkResult] = []
    empty_results: list[WrkResult] = []
    with serve_all(launches, ctx.log_dir, startup_timeout=60, cwd=ctx.root) as up:
        full, empty = up["full-store"], up["empty-store"]
        if not isinstance(full, Server) or not isinstance(empty, Server):
            return [LATENCY.failed(str(full if not isinstance(full, Server) else empty)[:160])]
        rss_before = _rss(full)
        made, fills = _fill(full, count)
        if made < count:
            return [LATENCY.failed(f"filled {made:,} of {count:,} threads in time")]
        rss_full = _rss(full)
        urls = [
            f"{s.base_url}{BASE_PATH}/threads/{create_thread(s.base_url)}/runs"
            for s in (full, empty)
        ]
        body = json.dumps(CREATE_RUN_BODY)
        for index in range(ctx.config.server_rounds):
            if index and ctx.time_left() < 0:
                break
            order = [(urls[0], full_results), (urls[1], empty_results)]
            for url, results in order if index % 2 == 0 else order[::-1]:
                results.append(
                    run_wrk(
                        url, body, api_key=API_KEY, stream=False, seconds=ctx.config.server_seconds
                    )
                )
    bad = [r for r in full_results if r.bad_share > 0.01]
    if bad:
        return [LATENCY.failed("error answers under load with a full store")]
    p99s = [r.p99 for r in full_results]
    p50 = statistics.median(r.p50 for r in full_results)
    empty_p50 = statistics.median(r.p50 for r in empty_results)
    empty_p99 = statistics.median(r.p99 for r in empty_results)
    ratio = paired_ratios(p99s, [r.p99 for r in empty_results])
    rps = summarize([r.requests_per_second for r in full_results]).format(
        lambda v: rate(v, "req/s")
    )
    fill_p99 = statistics.median(r.p99 for r in fills)
    memory = ""
    if rss_before is not None and rss_full is not None:
        memory = (
            f"; RSS {rss_before / 2**20:.0f} MiB empty, {rss_full / 2**20:.0f} MiB full "
            f"({(rss_full - rss_before) / count:,.0f} bytes per thread)"
        )
    note = (
        f"{count:,} threads made by createThreadAndRun first (its p99 while filling: "
        f"{duration(fill_p99)}), then createRun on one thread, {ctx.config.server_rounds} rounds "
        f"of {ctx.config.server_seconds:.0f} s beside an empty server; {rps} full{memory}"
    )
    return [
        Row(
            LATENCY,
            ours=f"{duration(p50)} / {summarize(p99s).format(duration)}",
            peers=f"{duration(empty_p50)} / {duration(empty_p99)}",
            ratio=f"p99 {ratio.format(times)}",
            goal_value=statistics.median(p99s),
            note=note,
        )
    ]
