"""``runspec contract [URL]``: fuzz a server against the spec (the contract suite, schemathesis).

Without URL it tests the bundled reference server, started on a free loopback port. The key
the server accepts is read from an environment variable (``--api-key-env``, default
``OPENAI_API_KEY``), never from the command line, and is masked in every output and report.
schemathesis's progress display is shown as the suite runs; the summary follows, and the reports
(JUnit, HTML, NDJSON, summary.md) go to ``--reports`` (default ``reports/contract`` in the
current directory). See :mod:`runspec.contract.command`.

More ``st run`` options may follow ``--`` (``runspec contract URL -- --phases examples``).

Exit codes: 0 the server keeps the contract; 1 it does not (or schemathesis failed); 2 bad
input (no key for a URL, a bad option, a bundled server that would not start).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from runspec.contract.bounded import DEFAULT_MAX_RESPONSE_MIB

__all__ = ["register"]

DEFAULT_KEY_VARIABLE = "OPENAI_API_KEY"


def _seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f"must be a whole number above 0, got {text!r}")
    return int(text)


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "contract",
        # No abbreviations: `--api-key KEY` must fail, not pass as --api-key-env.
        allow_abbrev=False,
        help="fuzz a server against the spec (the bundled reference server without URL)",
        description=(
            "Test a server that implements createThreadAndRun and createRun against the spec: "
            "schemathesis sends the spec's examples, coverage cases, fuzzed valid and invalid "
            "requests and stateful scenarios, and the domain checks judge the answers. "
            "Exit 0 when the server keeps the contract, 1 when it does not, 2 on bad input."
        ),
    )
    parser.add_argument(
        "url",
        metavar="URL",
        nargs="?",
        help="the server's base URL, /v1 included (default: the bundled reference server)",
    )
    parser.add_argument(
        "--api-key-env",
        metavar="NAME",
        default=DEFAULT_KEY_VARIABLE,
        help="the environment variable holding the server's API key (default %(default)s)",
    )
    parser.add_argument(
        "--assistant-id",
        dest="assistant_ids",
        metavar="ID",
        action="append",
        default=[],
        help="an assistant the server has, so that valid requests create runs; repeatable or "
        "comma-separated (default: the spec's asst_abc123)",
    )
    parser.add_argument(
        "--thread-id",
        dest="thread_ids",
        metavar="ID",
        action="append",
        default=[],
        help="a thread the server has; repeatable or comma-separated",
    )
    # Checked when the command runs: the profiles module imports schemathesis (a second), which
    # `runspec --help` and the other commands should not pay for.
    parser.add_argument(
        "--profile",
        default="default",
        help="how hard to try: quick (a smoke run), default or thorough (before a release)",
    )
    parser.add_argument(
        "--seed", type=_seed, default=None, help="replay the cases of an earlier run"
    )
    parser.add_argument(
        "--skip",
        metavar="AREA",
        action="append",
        default=[],
        help="a conformance area the server knowingly lacks, reported as skipped; repeatable "
        "or comma-separated",
    )
    parser.add_argument(
        "--reports",
        metavar="DIR",
        type=Path,
        default=None,
        help="where the reports go (default reports/contract in the current directory)",
    )
    parser.add_argument(
        "--max-response-mib",
        metavar="N",
        type=_positive,
        default=DEFAULT_MAX_RESPONSE_MIB,
        help="read no more than N MiB of an answer; a larger one is an error of its case "
        "(default %(default)s)",
    )
    parser.add_argument(
        "-x",
        "--fail-fast",
        action="store_true",
        help="stop each phase at its first failure",
    )
    parser.epilog = "More options for schemathesis's `st run` may follow --: -- --phases examples"
    # What follows `--` (runspec.cli hands it over).
    parser.set_defaults(handler=run, passthrough=[])


def _listed(values: list[str]) -> list[str]:
    """Repeated and comma-separated values, in order, blanks dropped."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _is_base_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def run(args: argparse.Namespace) -> int:
    # Imported here: schemathesis takes a while to import, and other commands do not need it.
    from runspec.contract.bundled import ServerDidNotStartError
    from runspec.contract.command import DEFAULT_REPORTS, ContractRun, run_contract
    from runspec.contract.profiles import get_profile
    from runspec.contract.summary import render_markdown

    try:
        profile = get_profile(args.profile)
    except ValueError as exc:
        print(f"runspec contract: --profile: {exc}", file=sys.stderr)
        return 2
    url = (args.url or "").strip() or None
    if url is not None and not _is_base_url(url):
        print(
            f"runspec contract: {url!r} is not a base URL; expected one like "
            "https://runs.example.com/v1 (http or https, with the host)",
            file=sys.stderr,
        )
        return 2
    key = os.environ.get(args.api_key_env, "").strip() or None
    if url is not None and key is None:
        print(
            f"runspec contract: {url} needs the API key it accepts, in the environment variable "
            f"{args.api_key_env} (empty or unset now; --api-key-env names another variable)",
            file=sys.stderr,
        )
        return 2
    contract_run = ContractRun(
        profile=profile,
        target=url,
        api_key=key,
        reports=args.reports or DEFAULT_REPORTS,
        seed=args.seed,
        st_arguments=args.passthrough,
        assistant_ids=_listed(args.assistant_ids),
        thread_ids=_listed(args.thread_ids),
        skip=_listed(args.skip),
        fail_fast=args.fail_fast,
        max_response_bytes=args.max_response_mib << 20,
    )
    target = url or "the bundled reference server"
    print(f"runspec contract: profile {contract_run.profile.name} against {target}")
    sys.stdout.flush()
    try:
        result = run_contract(contract_run)
    except ServerDidNotStartError as exc:
        print(f"runspec contract: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # the reports cannot be written, or schemathesis's `st` is missing
        print(f"runspec contract: {exc}", file=sys.stderr)
        return 2
    print()
    print(render_markdown(result.tally))
    print(
        f"Reports in {contract_run.reports}/: summary.md, junit.xml, html/index.html, events.ndjson"
    )
    return result.exit_code
