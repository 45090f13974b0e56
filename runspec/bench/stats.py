"""Medians, spreads and interleaving: the only statistics the benchmark reports.

A noisy machine makes means and standard deviations misleading, so every figure is a median over
repeats with its min-max range, and two peers are compared by the median of their per-round ratios
(paired, since each round measures both back to back).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

__all__ = ["Summary", "interleaved_order", "paired_ratios", "summarize"]

T = TypeVar("T")


@dataclass(frozen=True)
class Summary:
    """The median of some repeats and their range."""

    median: float
    low: float
    high: float
    count: int

    def format(self, fmt: Callable[[float], str]) -> str:
        """``median (low-high)`` with each value written by ``fmt``; no range for one repeat."""
        if self.count < 2:
            return fmt(self.median)
        return f"{fmt(self.median)} ({fmt(self.low)}-{fmt(self.high)})"


def summarize(values: Sequence[float]) -> Summary:
    """Median, min and max of at least one value."""
    if not values:
        raise ValueError("no values to summarize")
    return Summary(statistics.median(values), min(values), max(values), len(values))


def paired_ratios(ours: Sequence[float], peers: Sequence[float]) -> Summary:
    """Summary of ``ours[i] / peers[i]`` over rounds measured side by side."""
    if len(ours) != len(peers):
        raise ValueError("paired samples must have the same length")
    return summarize([a / b for a, b in zip(ours, peers, strict=True) if b])


def interleaved_order(peers: Sequence[T], round_index: int) -> list[T]:
    """The peers rotated by the round number, so no peer always runs first (A B C, B C A, ...)."""
    shift = round_index % len(peers) if peers else 0
    return [*peers[shift:], *peers[:shift]]
