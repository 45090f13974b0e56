"""``runspec check SPEC``: the spec checks of :mod:`runspec.check`, one line per problem."""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["register"]


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="check a spec: OpenAPI 3.1 validity, $refs, schemas, examples, conventions",
        description="Check an OpenAPI 3.1 spec; exit 1 when it has problems, 2 when unreadable.",
    )
    parser.add_argument("spec", help="the spec file (YAML or JSON)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: openapi-spec-validator takes a second to import, and other commands don't need it.
    from runspec.check import check_file
    from runspec.yamlio import YamlError

    try:
        problems = check_file(args.spec)
    except YamlError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem.render(args.spec), file=sys.stderr)
    if problems:
        print(f"{args.spec}: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"{args.spec}: ok")
    return 0
