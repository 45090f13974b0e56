"""How much the benchmark repeats: the full run and the QUICK smoke run.

Every loop in the benchmark is bounded twice, by these counts and by ``deadline_seconds`` for the
whole run (a measurement that starts after the deadline reports itself as skipped).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FULL", "QUICK", "BenchConfig"]


@dataclass(frozen=True)
class BenchConfig:
    quick: bool
    # per-call wall time: rounds of interleaved peers, calls per peer per round
    client_rounds: int
    client_calls: int
    # parse: rounds, parses per peer per round
    parse_rounds: int
    parse_iterations: int
    # stream decoding: rounds, decoded streams per peer per round, copies of the events per stream
    stream_rounds: int
    stream_calls: int
    stream_copies: int
    # servers: rounds of wrk runs per server and mode, seconds per wrk run
    server_rounds: int
    server_seconds: float
    # make generate: cold/unchanged pairs
    generate_rounds: int
    # the whole run
    deadline_seconds: float

    @property
    def name(self) -> str:
        return "QUICK" if self.quick else "full"


FULL = BenchConfig(
    quick=False,
    client_rounds=9,
    client_calls=200,
    parse_rounds=9,
    parse_iterations=2000,
    stream_rounds=9,
    stream_calls=20,
    stream_copies=20,
    server_rounds=6,
    server_seconds=3,
    generate_rounds=3,
    deadline_seconds=900,
)

QUICK = BenchConfig(
    quick=True,
    client_rounds=3,
    client_calls=30,
    parse_rounds=3,
    parse_iterations=200,
    stream_rounds=3,
    stream_calls=3,
    stream_copies=5,
    server_rounds=1,
    server_seconds=1,
    generate_rounds=1,
    deadline_seconds=55,
)
