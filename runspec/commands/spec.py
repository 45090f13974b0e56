"""``runspec spec [--variant NAME] [-o OUT]``: the spec the toolkit carries, or one of its variants.

For teams that consume the spec without cloning the repository: the bundled
``openapi/openapi.yaml`` as it is (its text, comments included; as JSON when OUT ends in
``.json``), or a variant, which is the spec with one of the bundled
overlays applied (``overlays/<NAME>.overlay.yaml``: ``azure``, ``zh-CN``, ``python-client``; the
list is whatever overlays the package has). Written as YAML, or as JSON when OUT ends in
``.json``; ``-`` (the default) is stdout. OUT is written in one step, only on success.

Exit codes: 0 written; 2 bad input (an unknown variant, an unwritable OUT, an overlay that no
longer applies).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

__all__ = ["register"]

_SUFFIX = ".overlay.yaml"


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "spec",
        help="write the bundled spec, or one of its variants (--variant)",
        description=(
            "Write the spec this toolkit carries, or a variant of it (the spec with one of the "
            "bundled overlays applied). Exit 2 on bad input."
        ),
    )
    parser.add_argument(
        "--variant",
        metavar="NAME",
        help="an overlay's name (--list-variants shows them); default: the spec as it is",
    )
    parser.add_argument(
        "--list-variants", action="store_true", help="print the variants' names, then exit"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        default="-",
        help="where to write: a .yaml, .yml or .json file, or - for YAML on stdout (default)",
    )
    parser.set_defaults(handler=run)


def variants() -> dict[str, Path]:
    """The bundled overlays by variant name."""
    from runspec.resources import OVERLAYS_DIR

    found = sorted(OVERLAYS_DIR.glob(f"*{_SUFFIX}"))
    return {path.name.removesuffix(_SUFFIX): path for path in found}


def run(args: argparse.Namespace) -> int:
    from runspec.overlay import OverlayError, apply_overlay_files_result
    from runspec.resources import SPEC_PATH
    from runspec.yamlio import atomic_write_text, dump_document, load_document

    known = variants()
    if args.list_variants:
        print("\n".join(known))
        return 0
    output: str = args.output
    suffix = Path(output).suffix.lower()
    if output != "-" and suffix not in (".yaml", ".yml", ".json"):
        print(f"runspec spec: {output}: name it .yaml, .yml or .json", file=sys.stderr)
        return 2
    if args.variant is None and suffix != ".json":
        document, text = None, SPEC_PATH.read_text(encoding="utf-8")  # as written, comments too
    elif args.variant is None:
        document = load_document(SPEC_PATH)
    elif args.variant not in known:
        choices = ", ".join(known) or "none"
        print(
            f"runspec spec: unknown variant {args.variant!r}; the bundled ones: {choices}",
            file=sys.stderr,
        )
        return 2
    else:
        try:
            result = apply_overlay_files_result(SPEC_PATH, [known[args.variant]], strict=True)
        except OverlayError as exc:
            for problem in exc.problems:
                print(f"runspec spec: {problem}", file=sys.stderr)
            return 2
        document = result.document
    if document is not None:
        text = dump_document(document, as_json=suffix == ".json")
    if output == "-":
        sys.stdout.write(text)
        return 0
    try:
        atomic_write_text(output, text)
    except OSError as exc:
        print(f"runspec spec: {output}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0
