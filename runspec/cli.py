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

from runspec import __version__

__all__ = ["main"]

# Subcommand modules under runspec.commands, in the order `runspec --help` lists them.
COMMAND_MODULES = ("contract", "generate", "serve", "spec", "check", "overlay", "diff")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="runspec",
        description="Spec-first toolkit for the Assistants v2 run endpoints.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"runspec.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    # Everything after `--` goes unparsed to a command that passes options on to another tool
    # (it sets a `passthrough` default), e.g. `runspec contract URL -- --phases examples`.
    passthrough: list[str] = []
    if "--" in arguments:
        cut = arguments.index("--")
        arguments, passthrough = arguments[:cut], arguments[cut + 1 :]
    parser = build_parser()
    args = parser.parse_args(arguments)
    if passthrough:
        if not hasattr(args, "passthrough"):
            parser.error(f"runspec {args.command} takes no options after --")
        args.passthrough = passthrough
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
