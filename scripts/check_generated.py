"""``make check-generated``: fail if generated/ is not exactly what `make generate` makes.

Regenerates into a temporary directory and compares file by file, so a hand edit in generated/
and a spec (or template, overlay, config) edit without regeneration are both caught. Prints one
entry per differing file, with the start of its diff; exit code 1 if anything differs.
"""

from __future__ import annotations

import sys
import time

from runspec.codegen import CodegenError, check


def main() -> int:
    started = time.perf_counter()
    try:
        report = check()
    except CodegenError as exc:
        print(f"check-generated: cannot regenerate:\n{exc}", file=sys.stderr)
        return 1
    if report:
        print(
            f"check-generated: generated/ is stale or was edited by hand; {len(report)} file(s) "
            "differ from what `make generate` makes:",
            file=sys.stderr,
        )
        for entry in report:
            print(f"  {entry}", file=sys.stderr)
        print("Run `make generate` and commit the result (never edit generated/).", file=sys.stderr)
        return 1
    print(f"generated/: up to date ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
