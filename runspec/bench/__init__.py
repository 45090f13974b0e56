"""``make bench``: this project's performance measured side by side with its peers.

A small harness of our own rather than pytest-benchmark: every figure here is a ratio to a peer
measured in the same run, with the peers interleaved round by round (A, B, A, B, ...) so that the
drift of a noisy machine hits both; several of the peers are other processes (uvicorn servers,
Prism, wrk, ``make``) that pytest-benchmark's per-function timer cannot drive; and the output is
one table (terminal and Markdown) rather than per-test statistics.

One module per job: :mod:`.stats` (medians and spreads), :mod:`.table` (rows, goals, rendering),
:mod:`.procs` (child processes on loopback), :mod:`.wrk` (the load generator), one ``measure_*``
module per row group, and :mod:`.harness`, which runs them and writes the report.
"""
