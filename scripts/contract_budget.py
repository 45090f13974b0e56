"""The time budget of ``make contract``: cases, seconds, cases per second, the server's share.

Usage: python scripts/contract_budget.py [--profile default] [--seed N] [--reports DIR] [--json]
                                         [--failing] [-- ST-RUN-OPTIONS...]

Runs exactly what ``make contract`` runs against the bundled reference server (the schemathesis
CLI in one process, ``runspec serve`` in another) and reports where the time went. CPU seconds
are measured per process (the CLI as a reaped child, the server from /proc while it runs), so a
busy machine inflates the wall time but not the share. The goals (issue 6): at least 2,000
cases, negative ones and 200 stateful steps included, in under 60 s on 2 cores, with the server
below 10% of the time; and (issue 12) at most 30 s against the reference server.

``--failing`` tests a failing server instead: the reference server whose error answers lack
``x-request-id`` (served on a loopback thread of this process), so that every error case fails
and every case still runs (issue 12: at least 1,000 cases in at most 60 s).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from runspec.contract.command import ContractResult, ContractRun, run_contract
from runspec.contract.profiles import PROFILES, get_profile
from runspec.server import create_app
from runspec.server.testing import serve_in_thread

GOALS = {"cases": 2000, "stateful_steps": 200, "wall_seconds": 60.0, "server_share": 0.10}
# Issue 12: the default profile against the reference server, and against a failing one.
REFERENCE_SECONDS = 30.0
FAILING_GOALS = {"cases": 1000, "wall_seconds": 60.0}
FAILING_KEY = "sk-contract-budget-failing-server"


def without_request_id_on_errors(app: ASGIApp) -> ASGIApp:
    """The reference server with one bug: its error answers lack ``x-request-id``."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        async def strip(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] >= 400:
                headers = [(k, v) for k, v in message["headers"] if k.lower() != b"x-request-id"]
                message = {**message, "headers": headers}
            await send(message)

        await app(scope, receive, strip)

    return wrapped


@contextmanager
def failing_server() -> Iterator[str]:
    app = create_app(api_keys=[FAILING_KEY], any_assistant=True, max_threads=1_000_000)
    with serve_in_thread(without_request_id_on_errors(app)) as server:
        yield server.base_url


def measure(result: ContractResult) -> dict[str, Any]:
    tally = result.tally
    return {
        "profile": tally.profile,
        "seed": tally.seed,
        "exit_code": result.exit_code,
        "cases": tally.cases,
        "cases_by_phase": {
            p: tally.cases_in(p) for p in ("examples", "coverage", "fuzzing", "stateful")
        },
        "negative_cases": tally.negative_cases,
        "stateful_steps": tally.stateful_steps,
        "wall_seconds": round(result.wall_seconds, 2),
        "cases_per_second": round(tally.cases / result.wall_seconds, 1)
        if result.wall_seconds
        else None,
        "schemathesis_cpu_seconds": round(result.schemathesis_cpu_seconds, 2),
        "server_cpu_seconds": (
            round(result.server_cpu_seconds, 2) if result.server_cpu_seconds is not None else None
        ),
        "server_share": round(result.server_share, 3) if result.server_share is not None else None,
        "cores": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def verdicts(numbers: dict[str, Any], *, failing: bool = False) -> dict[str, bool]:
    if failing:
        return {
            "cases >= 1000 against a failing server": numbers["cases"] >= FAILING_GOALS["cases"],
            "wall <= 60 s against a failing server": numbers["wall_seconds"]
            <= FAILING_GOALS["wall_seconds"],
        }
    share = numbers["server_share"]
    return {
        "wall <= 30 s (issue 12)": numbers["wall_seconds"] <= REFERENCE_SECONDS,
        "cases >= 2000": numbers["cases"] >= GOALS["cases"],
        "negative cases > 0": numbers["negative_cases"] > 0,
        "stateful steps >= 200": numbers["stateful_steps"] >= GOALS["stateful_steps"],
        "wall < 60 s": numbers["wall_seconds"] < GOALS["wall_seconds"],
        "server share < 10%": share is not None and share < GOALS["server_share"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--profile", default="default", choices=list(PROFILES))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--reports", type=Path, default=None, help="keep the reports here")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument(
        "--failing", action="store_true", help="test a failing server (errors lack x-request-id)"
    )
    parser.add_argument("st_arguments", nargs="*", help="more `st run` options, after --")
    args = parser.parse_args(argv)
    target = failing_server() if args.failing else nullcontext(None)
    with tempfile.TemporaryDirectory(prefix="contract-budget-") as scratch, target as url:
        run = ContractRun(
            profile=get_profile(args.profile),
            target=url,
            api_key=FAILING_KEY if url else None,
            reports=args.reports or Path(scratch),
            seed=args.seed,
            st_arguments=args.st_arguments,
        )
        result = run_contract(run, output=Path(scratch) / "st-output.txt")
    numbers = measure(result)
    numbers["failing_server"] = args.failing
    numbers["distinct_problems"] = len(result.tally.distinct_problems())
    if args.json:
        print(json.dumps({**numbers, "goals": verdicts(numbers, failing=args.failing)}, indent=2))
        return 0
    share = numbers["server_share"]
    print(
        f"profile {numbers['profile']}, seed {numbers['seed']}, {numbers['cores']} cores, load {numbers['load_average']}"
    )
    print(
        f"  cases            {numbers['cases']} ({numbers['negative_cases']} negative; by phase {numbers['cases_by_phase']})"
    )
    print(f"  stateful steps   {numbers['stateful_steps']}")
    print(
        f"  time             {numbers['wall_seconds']} s wall, {numbers['cases_per_second']} cases/s"
    )
    print(
        f"  CPU              schemathesis {numbers['schemathesis_cpu_seconds']} s, server {numbers['server_cpu_seconds']} s"
    )
    print(f"  server share     {share:.1%}" if share is not None else "  server share     unknown")
    print(f"  problems         {numbers['distinct_problems']} distinct")
    for goal, met in verdicts(numbers, failing=args.failing).items():
        print(f"  {'met' if met else 'MISSED':6} {goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
