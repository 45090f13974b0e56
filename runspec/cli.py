"""The ``runspec`` command line.

Each subcommand lives in its own module under :mod:`runspec.commands` and exposes
``register(subparsers)``, which adds its parser and sets ``handler`` to a function taking the parsed
arguments and returning the exit code. Exit codes: 0 success, 1 a check found problems, 2 bad input.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

__all__ = ["main"]

# Subcommand modules under runspec.commands, in the order `runspec --help` lists them.
COMMAND_MODULES = ("check", "overlay", "diff", "serve")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="runspec",
        description="Spec-first toolkit for the Assistants v2 run endpoints.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"runspec.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
