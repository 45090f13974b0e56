"""``make publish [BASE=<git ref>]``: build dist/ (see :mod:`runspec.publish`).

Exit codes: 0 dist/ written; 1 a step failed or the version policy refused (dist/ untouched).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from runspec.publish import PublishError, publish

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build dist/ for other teams.")
    parser.add_argument(
        "--base",
        metavar="REF",
        help="git ref to compare the spec with (default: the newest v* tag reachable from HEAD)",
    )
    parser.add_argument("--out", metavar="DIR", type=Path, help="output directory (default dist/)")
    args = parser.parse_args(argv)
    try:
        publish(ROOT, args.base, out=args.out)
    except PublishError as exc:
        print("publish: stopped; dist/ left as it was", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
