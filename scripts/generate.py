"""``make generate``: ``runspec generate -o generated``, then ``uv lock`` when the client's
pyproject.toml changed.

Usage: python scripts/generate.py [--force] [--uv UV]

The work is the CLI's (see runspec.commands.generate): skipped when nothing changed, generated/
left as it was on failure (exit 1). What is particular to this repository stays here:
generated/ is an editable dependency of this project, so uv.lock records its version (the spec's
info.version) and its dependencies, and when generated/pyproject.toml changes, `UV lock` runs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from runspec.cli import main as runspec

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--force", action="store_true", help="regenerate even if up to date")
    parser.add_argument("--uv", default="uv", help="the uv to refresh uv.lock with (default: uv)")
    args = parser.parse_args(argv)
    project = GENERATED / "pyproject.toml"
    before = _read(project)
    output = os.path.relpath(GENERATED)  # as `make generate` always printed it: generated/
    code = runspec(["generate", "--output", output, *(["--force"] * args.force)])
    if code != 0 or _read(project) == before:
        return code
    print("generated/pyproject.toml changed: updating uv.lock")
    return subprocess.run([args.uv, "lock", "--quiet"], cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
