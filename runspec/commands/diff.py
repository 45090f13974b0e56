"""``runspec diff OLD NEW [--format text|markdown|json] [--fail-on breaking|warning]``.

Compares two OpenAPI documents and reports what changed, breaking changes first. OLD and NEW are
files or ``git:<ref>:<path>`` (``git:v1.0.0:openapi/openapi.yaml``). ``--list-rules`` prints the
rule catalogue instead: each rule's severity and id, oasdiff's id and level for the same change
where either differs (``oasdiff: same`` where both match, ``oasdiff: -`` where oasdiff has no such
rule), and what it means.

Exit codes: 0 nothing at or above ``--fail-on`` (default ``breaking``); 1 a change at or above it;
2 unreadable input (a missing file, invalid YAML, an unknown git ref, not an OpenAPI document).
"""

from __future__ import annotations

import argparse
import sys

from runspec.diff import (
    FORMATS,
    RULES,
    DiffInputError,
    Rule,
    Severity,
    diff_documents,
    load_source,
    render,
)

__all__ = ["register", "run_diff"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="report changes between two spec versions, breaking ones first",
        description=(
            "Compare OLD and NEW (files, or git:<ref>:<path>) operation by operation and schema "
            "by schema. Exit 1 when a change at or above --fail-on is found, 0 otherwise, "
            "2 on unreadable input."
        ),
    )
    parser.add_argument("old", metavar="OLD", nargs="?", help="the old document")
    parser.add_argument("new", metavar="NEW", nargs="?", help="the new document")
    parser.add_argument(
        "--format", choices=sorted(FORMATS), default="text", help="report format (default text)"
    )
    parser.add_argument(
        "--fail-on",
        choices=("breaking", "warning"),
        default="breaking",
        help="the least severe change that makes the exit code 1 (default breaking)",
    )
    parser.add_argument(
        "--list-rules",
        action="store_true",
        help="print the rules (severity, id, oasdiff's id and level, meaning), then exit",
    )
    parser.set_defaults(handler=run_diff)


def _oasdiff(rule: Rule) -> str:
    """oasdiff's rule for the same change, when its id or its level differs from ours."""
    theirs = rule.oasdiff_id
    if theirs is None:
        return "oasdiff: -"
    level = rule.oasdiff_severity
    if theirs == rule.id and level is rule.severity:
        return "oasdiff: same"
    return f"oasdiff: {theirs} ({level.label if level is not None else '?'})"


def run_diff(args: argparse.Namespace) -> int:
    if args.list_rules:
        for rule in sorted(RULES.values(), key=lambda r: (-r.severity, r.id)):
            also = f" (oasdiff also: {', '.join(rule.oasdiff_also)})" if rule.oasdiff_also else ""
            print(
                f"{rule.severity.label:<8}  {rule.id:<52}  {_oasdiff(rule):<62}  "
                f"{rule.description}{also}"
            )
        return 0
    if args.old is None or args.new is None:
        print("runspec diff: OLD and NEW are required", file=sys.stderr)
        return 2
    try:
        old = load_source(args.old)
        new = load_source(args.new)
        changes = diff_documents(old, new)
    except DiffInputError as exc:
        print(f"runspec diff: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(render(changes, args.format))
    threshold = Severity.parse(args.fail_on)
    return 1 if any(change.severity >= threshold for change in changes) else 0
