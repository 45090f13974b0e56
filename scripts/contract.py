"""``make contract``: fuzz a server against the spec with schemathesis and the domain checks.

Usage: python scripts/contract.py [--target URL] [--profile quick|default|thorough]
                                  [--reports DIR] [--seed N] [-- ST-RUN-OPTIONS...]

Without --target it starts the bundled reference server (``runspec serve --any-assistant``) on a
free loopback port and tests that. The API key is read from the API_KEY environment variable
(required with --target) and is never printed. ASSISTANT_ID (comma-separated) names assistants
the target has, so that valid requests create runs (default: the spec's asst_abc123). Reports go to reports/contract/ (see
runspec.contract.command). The exit code is schemathesis's: 0 when the server keeps the contract.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from runspec.contract.bundled import ServerDidNotStartError
from runspec.contract.command import (
    DEFAULT_REPORTS,
    ContractRun,
    environment_assistants,
    environment_key,
    run_contract,
)
from runspec.contract.profiles import PROFILES, get_profile
from runspec.contract.summary import render_markdown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--target", default="", help="base URL of the server, e.g. https://host/v1")
    parser.add_argument("--profile", default="default", choices=list(PROFILES))
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS, help="report directory")
    parser.add_argument("--seed", type=int, default=None, help="replay the cases of an earlier run")
    parser.add_argument("st_arguments", nargs="*", help="more `st run` options, after --")
    args = parser.parse_args(argv)
    target = args.target.strip() or None
    key = environment_key()
    if target is not None and key is None:
        print("make contract: TARGET needs API_KEY (the key the server accepts)", file=sys.stderr)
        return 2
    run = ContractRun(
        profile=get_profile(args.profile),
        target=target,
        api_key=key,
        reports=args.reports,
        seed=args.seed,
        st_arguments=args.st_arguments,
        assistant_ids=environment_assistants(),
    )
    print(
        f"make contract: profile {run.profile.name} against {target or 'the bundled reference server'}"
    )
    sys.stdout.flush()
    try:
        result = run_contract(run)
    except ServerDidNotStartError as exc:
        print(f"make contract: {exc}", file=sys.stderr)
        return 2
    print()
    print(render_markdown(result.tally))
    print(f"Reports in {run.reports}/: summary.md, junit.xml, html/index.html, events.ndjson")
    return result.exit_code


if __name__ == "__main__":
    sys.exit(main())
