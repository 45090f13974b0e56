"""How numbers are written in the table: durations, rates and ratios, each with its unit."""

from __future__ import annotations

__all__ = ["duration", "percent", "rate", "times"]


def duration(seconds: float) -> str:
    """``812 ns``, ``14.2 µs``, ``3.41 ms``, ``1.25 s``."""
    if seconds < 1e-6:
        return f"{seconds * 1e9:.0f} ns"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1.0:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def rate(per_second: float, unit: str) -> str:
    """``12,345 req/s``."""
    return f"{per_second:,.0f} {unit}"


def times(ratio: float) -> str:
    """``1.04x``."""
    return f"{ratio:.2f}x"


def percent(share: float) -> str:
    """``57%``."""
    return f"{share * 100:.0f}%"
