"""The second process of ``make generate``: the client view of the spec, then the spec check.

Usage: ``python -m runspec.codegen.prepare SPEC OVERLAY SHOWN CONFIG [--check]`` (run by
:class:`runspec.codegen.pipeline.Preparation`, not by hand).

1. Reads the spec, the overlay (``SHOWN`` is the overlay's name in messages) and the generator
   config, and writes to stdout, pickled, either
   ``("view", client_view(...), client_facts(spec), config)`` or ``("error", message)``; then
   closes the pipe, so the generating process can go on while
2. (``--check``) the spec is checked exactly as ``runspec check SPEC`` checks it (the same
   handler, :func:`runspec.commands.check.run`): its problems on stderr, its exit code.

Both steps need YAML and jsonschema, which the generating process never imports: it imports
openapi-python-client meanwhile, on the other core.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
from pathlib import Path
from typing import Any

__all__ = ["main", "prepare"]


def prepare(spec_path: Path, overlay_path: Path, shown: str, config_path: Path) -> tuple[Any, ...]:
    """``("view", view, facts, config)``, or ``("error", message)`` when the view cannot be made."""
    from runspec.codegen.clientspec import client_facts, client_view
    from runspec.codegen.errors import CodegenError, spec_problem
    from runspec.yamlio import YamlError, load_document

    spec_shown = _shown(spec_path)
    try:
        config = load_document(config_path)
        spec = load_document(spec_path)
        problem = spec_problem(spec, spec_shown)
        if problem is not None:
            return ("error", problem)
        overlay = load_document(overlay_path)
        facts = client_facts(spec)
        view = client_view(spec, [(shown, overlay)])
    except (CodegenError, YamlError) as exc:
        return ("error", str(exc))
    except Exception as exc:  # what the readers of a valid spec trip on in a broken one
        return (
            "error",
            f"{spec_shown}: cannot be read as the client's spec ({type(exc).__name__}: {exc}); "
            f"`runspec check {spec_shown}` lists its problems",
        )
    return ("view", view, facts, config)


def _shown(path: Path) -> str:
    """``path`` relative to the working directory (the project's root) when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m runspec.codegen.prepare")
    parser.add_argument("spec", type=Path)
    parser.add_argument("overlay", type=Path)
    parser.add_argument("shown")
    parser.add_argument("config", type=Path)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    result = prepare(args.spec, args.overlay, args.shown, args.config)
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.flush()
    # The reader sees the end of the view now; what follows on stdout (`runspec check` prints
    # "SPEC: ok") is not wanted: only the check's problems (stderr) and exit code are.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    if not args.check or result[0] == "error":
        return 0  # the error says what is wrong; a check would only repeat it, or fail on it
    from runspec.commands import check

    code: int = check.run(argparse.Namespace(spec=str(args.spec)))
    return code


if __name__ == "__main__":
    sys.exit(main())
