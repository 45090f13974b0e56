"""Timing callables in-process, peers interleaved round by round.

``interleave`` runs each peer's batch once per round, in an order rotated every round;
``interleave_calls`` alternates the peers call by call. Both return the per-round figures of every
peer: the input of :func:`runspec.bench.stats.paired_ratios`.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping

from runspec.bench.stats import interleaved_order

__all__ = [
    "Batch",
    "interleave",
    "interleave_calls",
    "median_call_seconds",
    "seconds_per_call",
]

Batch = Callable[[], float]
"""Runs one batch and returns the figure of that round (seconds per call, events per second...)."""


def seconds_per_call(fn: Callable[[], object], calls: int) -> float:
    """Mean wall time of ``calls`` back-to-back calls, for calls too short to time one by one."""
    gc.collect()
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def median_call_seconds(fn: Callable[[], object], calls: int) -> float:
    """Median wall time of ``calls`` individually timed calls (robust to a stray slow one)."""
    gc.collect()
    times: list[float] = []
    clock = time.perf_counter
    for _ in range(calls):
        start = clock()
        fn()
        times.append(clock() - start)
    return statistics.median(times)


def interleave(
    batches: Mapping[str, Batch], rounds: int, *, deadline: float | None = None
) -> dict[str, list[float]]:
    """Run every batch once per round (rotated order); stop early at ``deadline`` (monotonic)."""
    names = list(batches)
    results: dict[str, list[float]] = {name: [] for name in names}
    for index in range(rounds):
        if index and deadline is not None and time.monotonic() > deadline:
            break
        for name in interleaved_order(names, index):
            results[name].append(batches[name]())
    return results


def interleave_calls(
    calls: Mapping[str, Callable[[], object]],
    rounds: int,
    calls_per_round: int,
    *,
    deadline: float | None = None,
) -> dict[str, list[float]]:
    """Per round, the median wall time of each peer's calls, the peers alternating call by call.

    The finest interleaving there is (A B C, B C A, ...), for calls long enough to time one by one
    (network round trips): a burst of load from elsewhere on the machine hits every peer alike.
    """
    names = list(calls)
    results: dict[str, list[float]] = {name: [] for name in names}
    clock = time.perf_counter
    for index in range(rounds):
        if index and deadline is not None and time.monotonic() > deadline:
            break
        gc.collect()
        times: dict[str, list[float]] = {name: [] for name in names}
        for turn in range(calls_per_round):
            for name in interleaved_order(names, turn):
                fn = calls[name]
                start = clock()
                fn()
                times[name].append(clock() - start)
        for name in names:
            results[name].append(statistics.median(times[name]))
    return results
