"""The consumers that install from npm and PyPI: validators, TypeScript and Python generators.

These make the fast tier (``make test``). Hand-written glue around other projects' CLIs; no
library drives this mix of npm and PyPI tools.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from runspec.consumers.base import Outcome, Workspace, call, fresh, samples_file, then, tsc
from runspec.yamlio import load_document

__all__ = [
    "datamodel_code_generator",
    "hey_api",
    "openapi_python_client",
    "openapi_spec_validator",
    "openapi_typescript",
    "orval",
    "redocly_lint",
    "spectral",
    "swagger_parser",
    "typescript_package",
]


# ---- validators ----------------------------------------------------------------------------------
def openapi_spec_validator(ws: Workspace, spec: Path) -> Outcome:
    from openapi_spec_validator import OpenAPIV31SpecValidator

    errors = [e.message for e in OpenAPIV31SpecValidator(load_document(spec)).iter_errors()]
    return Outcome(not errors, "; ".join(errors[:3]))


def redocly_lint(ws: Workspace, spec: Path) -> Outcome:
    tool = ws.node_bin("redocly")
    if tool is None:
        return Outcome.missing("@redocly/cli")
    # The recommended ruleset only: another team has not got our redocly.yaml.
    out = fresh(ws.work, "redocly")
    (out / "redocly.yaml").write_text("extends: [recommended]\n", encoding="utf-8")
    return call([tool, "lint", spec, "--format=stylish"], out, {"REDOCLY_TELEMETRY": "off"})


def spectral(ws: Workspace, spec: Path) -> Outcome:
    tool = ws.node_bin("spectral")
    if tool is None:
        return Outcome.missing("@stoplight/spectral-cli")
    out = fresh(ws.work, "spectral")
    (out / ".spectral.yaml").write_text('extends: ["spectral:oas"]\n', encoding="utf-8")
    return call(
        [tool, "lint", spec, "--ruleset", ".spectral.yaml", "--fail-severity", "error"], out
    )


def swagger_parser(ws: Workspace, spec: Path) -> Outcome:
    if not (ws.root / "node_modules" / "@apidevtools" / "swagger-parser").is_dir():
        return Outcome.missing("@apidevtools/swagger-parser")
    script = (
        "const P = require('@apidevtools/swagger-parser');"
        "P.validate(process.argv[1]).then(() => {}, e => { console.error(e.message); process.exit(1); });"
    )
    return call(["node", "-e", script, spec], ws.root)


# ---- TypeScript ----------------------------------------------------------------------------------
def openapi_typescript(ws: Workspace, spec: Path) -> Outcome:
    tool = ws.node_bin("openapi-typescript")
    if tool is None:
        return Outcome.missing("openapi-typescript")
    out = fresh(ws.work, "openapi-typescript")
    return then(lambda: call([tool, spec, "-o", "schema.d.ts"], out), lambda: tsc(ws, out))


def hey_api(ws: Workspace, spec: Path) -> Outcome:
    tool = ws.node_bin("openapi-ts")
    if tool is None:
        return Outcome.missing("@hey-api/openapi-ts")
    out = fresh(ws.work, "hey-api")
    return then(lambda: call([tool, "-i", spec, "-o", "client"], out), lambda: tsc(ws, out))


def orval(ws: Workspace, spec: Path) -> Outcome:
    tool = ws.node_bin("orval")
    if tool is None:
        return Outcome.missing("orval")
    out = fresh(ws.work, "orval")
    generate: list[str | Path] = [tool, "--input", spec, "--output", "api.ts", "--client", "fetch"]
    return then(lambda: call(generate, out), lambda: tsc(ws, out))


# ---- Python --------------------------------------------------------------------------------------
def datamodel_code_generator(ws: Workspace, spec: Path) -> Outcome:
    tool = ws.python_bin("datamodel-codegen")
    if tool is None:
        return Outcome.missing("datamodel-code-generator")
    out = fresh(ws.work, "datamodel")
    generate: list[str | Path] = [
        tool, "--input", spec, "--input-file-type", "openapi", "--output", "models.py",
        "--output-model-type", "pydantic_v2.BaseModel", "--disable-timestamp",
    ]  # fmt: skip
    return then(lambda: call(generate, out), lambda: _decode_with_pydantic(out, spec))


def _decode_with_pydantic(out: Path, spec: Path) -> Outcome:
    # In its own process: generated code is imported, and every variant has its own models.py.
    script = (
        "import json, sys\n"
        "sys.path.insert(0, '.')\n"
        "import models\n"
        "failures = []\n"
        "found = json.load(open(sys.argv[1]))\n"
        "for s in found:\n"
        "    try:\n"
        "        getattr(models, s['model']).model_validate_json(s['json'])\n"
        "    except Exception as exc:\n"
        "        failures.append(s['where'] + ': ' + str(exc).splitlines()[0])\n"
        "if failures:\n"
        "    sys.exit(f'{len(failures)} of {len(found)} examples: ' + '; '.join(failures[:3]))\n"
        "print(f'{len(found)} examples decoded')\n"
    )
    return call([sys.executable, "-c", script, samples_file(out, spec)], out)


def openapi_python_client(ws: Workspace, spec: Path) -> Outcome:
    tool = ws.python_bin("openapi-python-client")
    if tool is None:
        return Outcome.missing("openapi-python-client")
    out = fresh(ws.work, "openapi-python-client")
    generate: list[str | Path] = [
        tool,
        "generate",
        "--path",
        spec,
        "--output-path",
        "client",
        "--meta",
        "none",
    ]
    outcome = call(generate, out)
    if outcome.ok is not True:
        return outcome
    document = load_document(spec)
    expected = sum(
        1 for item in document["paths"].values() for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    )  # fmt: skip
    modules = [p for p in (out / "client" / "api").rglob("*.py") if p.name != "__init__.py"]
    if len(modules) != expected:
        return Outcome(False, f"{len(modules)} of {expected} operations generated")
    return Outcome(True, f"{expected} operations")


# ---- dist/typescript -----------------------------------------------------------------------------
def typescript_package(ws: Workspace, spec: Path) -> Outcome:
    """The npm package of ``make publish`` built from this variant, type-checked with its example."""
    from runspec.consumers.typescript import build_package, type_check

    if load_document(spec).get("info", {}).get("x-typed-events") is not True:
        return Outcome(None, "n/a: built from the typed-events variant only")
    if ws.node_bin("openapi-typescript") is None or ws.node_bin("tsc") is None:
        return Outcome.missing("openapi-typescript and typescript")
    out = fresh(ws.work, "typescript-package")
    try:
        package = build_package(ws.root, spec, out / "package", "0.0.0")
    except subprocess.CalledProcessError as exc:
        return Outcome(False, f"openapi-typescript: {str(exc.stderr).strip()[:500]}")
    ok, detail = type_check(ws.root, package, out / "check")
    return Outcome(ok, detail)
