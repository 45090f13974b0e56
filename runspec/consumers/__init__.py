"""``make consumers``: the published spec and its variants fed to the tools other teams use.

Each variant (the public spec and every published overlay, see :data:`runspec.publish.VARIANTS`) is
written to ``build/consumers/<variant>/openapi.yaml`` and given to every consumer of
:mod:`runspec.consumers.tools`; the verdicts make one table, consumer x variant, printed and
written as Markdown (``--out``). ``--peer FILE`` adds a column for another spec cut to the same
operations (OpenAI's, for comparison; it is never part of the project). ``--tier fast`` runs the
npm and PyPI consumers, ``slow`` openapi-generator's clients and the doc renderers, ``all`` both
(``make test`` runs each tier as a test).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from runspec.consumers import generators, renderers, tools
from runspec.consumers.base import Consumer, Outcome, Workspace
from runspec.overlay import OverlayError
from runspec.yamlio import YamlError, dump_document, load_document

__all__ = [
    "CONSUMERS",
    "cut_to_operations",
    "main",
    "readme_section",
    "render_table",
    "replace_readme_section",
    "run_consumers",
]

# The README's table sits between these markers; `make consumers README=1` rewrites it and
# `make publish` copies it to dist/CONSUMERS.md.
BEGIN = "<!-- consumers table: written by make consumers README=1 -->"
END = "<!-- end of consumers table -->"


def readme_section(readme: str) -> str | None:
    """The consumers table recorded in the README, or None."""
    start, end = readme.find(BEGIN), readme.find(END)
    if start < 0 or end < start:
        return None
    return readme[start + len(BEGIN) : end].strip() + "\n"


def replace_readme_section(readme: str, table: str) -> str:
    start, end = readme.find(BEGIN), readme.find(END)
    if start < 0 or end < start:
        raise ValueError(f"README.md has no {BEGIN!r} ... {END!r} section")
    return readme[: start + len(BEGIN)] + "\n\n" + table.strip() + "\n\n" + readme[end:]


CONSUMERS = (
    Consumer("openapi-spec-validator", "fast", tools.openapi_spec_validator),
    Consumer("redocly lint (recommended)", "fast", tools.redocly_lint),
    Consumer("spectral lint (spectral:oas)", "fast", tools.spectral),
    Consumer("swagger-parser validate", "fast", tools.swagger_parser),
    Consumer("openapi-typescript + tsc", "fast", tools.openapi_typescript),
    Consumer("@hey-api/openapi-ts + tsc", "fast", tools.hey_api),
    Consumer("orval + tsc", "fast", tools.orval),
    Consumer("datamodel-code-generator, every example", "fast", tools.datamodel_code_generator),
    Consumer("openapi-python-client", "fast", tools.openapi_python_client),
    Consumer("dist/typescript types + read-stream example, tsc", "fast", tools.typescript_package),
    Consumer("Swagger UI renders (headless Chromium)", "slow", renderers.swagger_ui),
    Consumer("Redoc renders (headless Chromium)", "slow", renderers.redoc),
    Consumer("Scalar renders (headless Chromium)", "slow", renderers.scalar),
    Consumer("openapi-generator go: build, every example", "slow", generators.generator_go),
    Consumer("openapi-generator python: every example", "slow", generators.generator_python),
    Consumer(
        "openapi-generator typescript-fetch + tsc", "slow", generators.generator_typescript_fetch
    ),
    Consumer("openapi-generator java: models, every example", "slow", generators.generator_java),
)

OPERATIONS = ("createThreadAndRun", "createRun")


def variant_specs(root: Path, out: Path) -> dict[str, Path]:
    """Each published variant as one file under ``out``."""
    from runspec.overlay import apply_overlay_files
    from runspec.publish import SPEC, VARIANTS

    specs = {}
    for variant in VARIANTS:
        path = out / variant.name / "openapi.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        overlays = [root / variant.overlay] if variant.overlay else []
        path.write_text(dump_document(apply_overlay_files(root / SPEC, overlays, strict=True)))
        specs[variant.name] = path
    return specs


def cut_to_operations(document: Mapping[str, Any], operation_ids: Sequence[str]) -> dict[str, Any]:
    """``document`` with only the operations named and the components they reach."""
    paths: dict[str, Any] = {}
    for route, item in document.get("paths", {}).items():
        kept = {
            k: v
            for k, v in item.items()
            if isinstance(v, Mapping) and v.get("operationId") in operation_ids
        }
        if kept:
            paths[route] = {**{k: v for k, v in item.items() if k == "parameters"}, **kept}
    components = document.get("components", {})
    needed: set[tuple[str, str]] = set()
    pending: list[Any] = [paths]
    while pending:
        node = pending.pop()
        if isinstance(node, Mapping):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/"):
                kind, name = ref.removeprefix("#/components/").split("/", 1)
                if (kind, name) not in needed:
                    needed.add((kind, name))
                    pending.append(components[kind][name])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    cut_components: dict[str, dict[str, Any]] = {}
    for kind, name in sorted(needed):
        cut_components.setdefault(kind, {})[name] = components[kind][name]
    if "securitySchemes" in components:
        cut_components["securitySchemes"] = components["securitySchemes"]
    used_tags = {
        t
        for item in paths.values()
        for op in item.values()
        if isinstance(op, Mapping)
        for t in op.get("tags", [])
    }
    top = {
        k: v
        for k, v in document.items()
        if k not in ("paths", "components", "tags", "webhooks") and not k.startswith("x-")
    }
    tags = [t for t in document.get("tags", []) if t.get("name") in used_tags]
    return {**top, "tags": tags, "paths": paths, "components": cut_components}


def run_consumers(
    specs: Mapping[str, Path], work: Path, tier: str, root: Path, log: Any = print
) -> dict[str, dict[str, Outcome]]:
    """consumer name -> variant -> outcome."""
    table: dict[str, dict[str, Outcome]] = {}
    for consumer in CONSUMERS:
        if tier != "all" and consumer.tier != tier:
            continue
        for variant, spec in specs.items():
            workspace = Workspace(root, work / variant)
            workspace.work.mkdir(parents=True, exist_ok=True)
            try:
                outcome = consumer.run(workspace, spec.resolve())
            except Exception as exc:  # a broken tool or its output: a verdict, not a traceback
                outcome = Outcome(False, f"{type(exc).__name__}: {exc}")
            mark = {True: "ok", False: "FAIL", None: "not run"}[outcome.ok]
            log(f"{consumer.name} x {variant}: {mark} {outcome.detail}".rstrip())
            table.setdefault(consumer.name, {})[variant] = outcome
    return table


def _cell(outcome: Outcome | None) -> str:
    if outcome is None or outcome.detail.startswith("n/a"):
        return "—"
    return {True: "ok", False: "fails", None: "not run"}[outcome.ok]


def _short(detail: str, limit: int = 200) -> str:
    """One line of at most ``limit`` characters: tools pad their messages with spaces."""
    line = " ".join(detail.replace(" | ", " ").split())
    return line if len(line) <= limit else line[: limit - 3] + "..."


def render_table(table: Mapping[str, Mapping[str, Outcome]], variants: Sequence[str]) -> str:
    lines = [
        "| consumer | " + " | ".join(variants) + " |",
        "|---|" + "---|" * len(variants),
    ]
    for consumer, row in table.items():
        cells = []
        for variant in variants:
            cells.append(_cell(row.get(variant)))
        lines.append(f"| {consumer} | " + " | ".join(cells) + " |")
    failures = [
        f"- {consumer} x {variant}: {_short(outcome.detail)}"
        for consumer, row in table.items()
        for variant, outcome in row.items()
        if outcome.ok is not True and outcome.detail and not outcome.detail.startswith("n/a")
    ]
    return "\n".join([*lines, *(["", *failures] if failures else [])]) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="runspec consumers", description=__doc__.splitlines()[0])
    parser.add_argument("--tier", choices=("fast", "slow", "all"), default="all")
    parser.add_argument(
        "--peer", type=Path, help="another spec to cut to the same operations and compare"
    )
    parser.add_argument("--out", type=Path, help="write the table as Markdown here")
    parser.add_argument("--work", type=Path, default=Path("build/consumers"))
    parser.add_argument("--readme", type=Path, help="rewrite this README's consumers table")
    args = parser.parse_args(argv)
    root = Path.cwd()
    args.work = args.work.resolve()
    try:
        specs = variant_specs(root, args.work / "specs")
        if args.peer is not None:
            peer = args.work / "specs" / "peer" / "openapi.yaml"
            peer.parent.mkdir(parents=True, exist_ok=True)
            peer.write_text(dump_document(cut_to_operations(load_document(args.peer), OPERATIONS)))
            specs["peer (cut)"] = peer
    except (OSError, YamlError, OverlayError) as exc:
        print(f"runspec consumers: {exc}", file=sys.stderr)
        return 2
    table = run_consumers(
        specs, args.work / "runs", args.tier, root, log=lambda line: print(line, file=sys.stderr)
    )
    text = render_table(table, list(specs))
    print(text)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    if args.readme is not None:
        readme = args.readme.read_text(encoding="utf-8")
        args.readme.write_text(replace_readme_section(readme, text), encoding="utf-8")
    ours = [o for name, row in table.items() for v, o in row.items() if v != "peer (cut)"]
    return 0 if all(o.ok is not False for o in ours) else 1
