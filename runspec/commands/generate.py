"""``runspec generate -o DIR [--spec FILE] [--overlay FILE] [--force]``: the typed Python client.

Renders the attrs + httpx client project (package ``assistants_runs_client``) into DIR from the
bundled spec, or from ``--spec``: a team that extends the spec regenerates its own client. The
pipeline is :mod:`runspec.codegen.pipeline` (client overlay, spec check, openapi-python-client
with the bundled templates, ruff), the one ``make generate`` runs for this repository's
``generated/``. DIR is replaced in one step and only when everything succeeded; a run whose
inputs and output have not changed since the last one returns at once.

The stamp and compiled templates of that shortcut live in ``build/`` of a checkout for its own
``generated/`` (as ``make generate`` always kept them), and in the user's cache directory
(``$XDG_CACHE_HOME/runspec``, else ``~/.cache/runspec``) for every other DIR.

DIR must be new, empty, or an earlier output of this command: it is replaced as a whole, so a
directory holding anything else is refused rather than wiped.

Exit codes: 0 DIR is up to date; 1 generation failed (DIR left as it was); 2 bad input.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["register"]

# Changed files listed by name; a first generation changes every file, and lists only these.
_LISTED = 20


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "generate",
        help="generate the typed Python client (attrs + httpx) from the spec",
        description=(
            "Generate the Python client project for the bundled spec or your own (--spec) into "
            "DIR. DIR is replaced only when every step succeeded. Exit 1 when generation "
            "fails, 2 on bad input."
        ),
    )
    parser.add_argument(
        "-o", "--output", metavar="DIR", type=Path, required=True, help="where the client goes"
    )
    parser.add_argument(
        "--spec",
        metavar="FILE",
        type=Path,
        default=None,
        help="the spec (default: the bundled one)",
    )
    parser.add_argument(
        "--overlay",
        metavar="FILE",
        type=Path,
        default=None,
        help="the overlay that prepares the spec for the generator "
        "(default: the bundled python-client.overlay.yaml)",
    )
    parser.add_argument("--force", action="store_true", help="regenerate even when nothing changed")
    parser.set_defaults(handler=run)


def _cache_home() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "runspec"


def _package_name(config: Path) -> str:
    from runspec.yamlio import load_document

    document = load_document(config)
    name = document.get("package_name_override") if isinstance(document, dict) else None
    return str(name or "assistants_runs_client")


def inputs_for(output: Path, spec: Path | None, overlay: Path | None) -> Any:
    """The pipeline's :class:`~runspec.codegen.pipeline.Inputs` for this command line."""
    from runspec.codegen import Inputs
    from runspec.resources import IN_CHECKOUT

    defaults = Inputs()
    chosen = {
        "spec": (spec or defaults.spec).resolve(),
        "overlay": (overlay or defaults.overlay).resolve(),
        "output": output.resolve(),
    }
    if IN_CHECKOUT and chosen["output"] == defaults.output.resolve():
        return Inputs(spec=chosen["spec"], overlay=chosen["overlay"])
    cache = _cache_home() / "codegen"
    key = hashlib.sha256(str(chosen["output"]).encode()).hexdigest()[:24]
    return Inputs(
        root=Path.cwd(),
        stamp=cache / "stamps" / key,
        cache=cache,
        **chosen,
    )


def _problem(inputs: Any) -> str | None:
    """Why these inputs cannot be used, or None."""
    for what, path in (("--spec", inputs.spec), ("--overlay", inputs.overlay)):
        if not path.is_file():
            return f"{what} {path}: not found (or not a file)"
    output: Path = inputs.output
    if output.exists() and not output.is_dir():
        return f"{output}: exists and is not a directory"
    if output.is_dir() and any(output.iterdir()):
        package = _package_name(inputs.config)
        if not (output / package / "__init__.py").is_file():
            return (
                f"{output}: not empty and not a client this command generated (no {package}/); "
                "it would be replaced as a whole, so choose a new or empty directory"
            )
    return None


def run(args: argparse.Namespace) -> int:
    # Imported here: the generator's imports are heavy and other commands do not need them.
    from runspec.codegen import CodegenError, generate
    from runspec.yamlio import YamlError

    inputs = inputs_for(args.output, args.spec, args.overlay)
    try:
        problem = _problem(inputs)
    except (OSError, YamlError) as exc:
        problem = str(exc)
    if problem is not None:
        print(f"runspec generate: {problem}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        inputs.output.parent.mkdir(parents=True, exist_ok=True)
        outcome = generate(inputs, force=args.force)
    except CodegenError as exc:
        print(f"runspec generate: failed, {args.output}/ is unchanged:\n{exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"runspec generate: {exc}", file=sys.stderr)
        return 1
    print(f"{args.output}/: {outcome.reason} ({time.perf_counter() - started:.1f} s)")
    shown = outcome.changed[:_LISTED]
    for path in shown:
        print(f"  {path}")
    if len(outcome.changed) > len(shown):
        print(f"  ... and {len(outcome.changed) - len(shown)} more")
    return 0
