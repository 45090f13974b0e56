"""``make generate``: regenerate the Python client in generated/ from openapi/openapi.yaml.

Usage: python scripts/generate.py [--force] [--uv UV]

Skips the work when nothing changed since the last run (see runspec.codegen.pipeline). On failure
generated/ is left as it was, and the reason is printed; the exit code is then 1.

generated/ is an editable dependency of this project, so uv.lock records its version (the spec's
info.version) and its dependencies: when generated/pyproject.toml changes, `UV lock` runs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from runspec.codegen import CodegenError, generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--force", action="store_true", help="regenerate even if up to date")
    parser.add_argument("--uv", default="uv", help="the uv to refresh uv.lock with (default: uv)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        outcome = generate(force=args.force)
    except CodegenError as exc:
        print(f"make generate: failed, generated/ is unchanged:\n{exc}", file=sys.stderr)
        return 1
    print(f"generated/: {outcome.reason} ({time.perf_counter() - started:.1f} s)")
    for path in outcome.changed:
        print(f"  {path}")
    if "pyproject.toml" in outcome.changed:
        print("generated/pyproject.toml changed: updating uv.lock")
        return subprocess.run([args.uv, "lock", "--quiet"], check=False).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
