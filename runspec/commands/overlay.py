"""``runspec overlay apply SPEC OVERLAY [OVERLAY ...] -o OUT [--strict]``.

Applies OpenAPI Overlay documents in the order given and writes the result as YAML, or as JSON
when OUT ends in ``.json``; ``-o -`` writes YAML to stdout. OUT is written only when everything
succeeded, in one atomic step, so a failed run leaves it as it was.

Exit codes: 0 written; 2 bad input (unreadable file, invalid overlay, an action that cannot be
applied, or with ``--strict`` a target that selects nothing), one line per problem on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from runspec.yamlio import atomic_write_text, dump_document

__all__ = ["register"]

_FORMATS = {".yaml": False, ".yml": False, ".json": True}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "overlay",
        help="apply OpenAPI Overlay documents",
        description="Work with OpenAPI Overlay 1.1 (and 1.0) documents.",
    )
    actions = parser.add_subparsers(dest="overlay_command", required=True, metavar="ACTION")
    apply = actions.add_parser(
        "apply",
        help="apply overlays to a spec",
        description=(
            "Apply OVERLAYs to SPEC, in the order given, and write the result to OUT (YAML, or "
            "JSON if OUT ends in .json; '-' for YAML on stdout). OUT is left untouched on error. "
            "Exit code 2 on any problem, each reported on one line."
        ),
    )
    apply.add_argument("spec", metavar="SPEC", help="the OpenAPI document (YAML or JSON)")
    apply.add_argument("overlays", metavar="OVERLAY", nargs="+", help="Overlay documents")
    apply.add_argument(
        "-o", "--output", metavar="OUT", required=True, help="where to write, '-' for stdout"
    )
    apply.add_argument(
        "--strict",
        action="store_true",
        help="fail when a target selects no nodes (instead of warning)",
    )
    apply.set_defaults(handler=run_apply)


def run_apply(args: argparse.Namespace) -> int:
    output: str = args.output
    as_json = False
    if output != "-":
        suffix = Path(output).suffix.lower()
        if suffix not in _FORMATS:
            print(
                f"{output}: cannot tell the output format; name it .yaml, .yml or .json",
                file=sys.stderr,
            )
            return 2
        as_json = _FORMATS[suffix]
    # Imported here so that other commands (`runspec serve`) don't pay for jsonschema and JSONPath.
    from runspec.overlay import OverlayError, apply_overlay_files_result

    try:
        result = apply_overlay_files_result(args.spec, args.overlays, strict=args.strict)
    except OverlayError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        kept = "" if output == "-" else f"; {output} left unchanged"
        count = len(exc.problems)
        print(
            f"overlay apply failed: {count} problem{'s' if count != 1 else ''}{kept}",
            file=sys.stderr,
        )
        return 2
    for warning in result.warnings:
        print(f"{warning.location}: warning: {warning.message}", file=sys.stderr)
    text = dump_document(result.document, as_json=as_json)
    if output == "-":
        sys.stdout.write(text)
        return 0
    try:
        atomic_write_text(output, text)
    except OSError as exc:
        print(f"{output}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0
