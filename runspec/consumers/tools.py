"""The consumers: each feeds one spec file to one tool another team uses and says if it worked.

Every consumer is a function ``(Workspace, spec file) -> Outcome``. A tool that is not installed
gives ``Outcome.missing`` (the table shows it as not run, never as passed). Commands run with a
time limit and their output is kept short: the table needs a verdict and the first lines of why.
Hand-written glue around other projects' CLIs; no library drives this mix of npm, PyPI and JDK
tools.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from runspec.consumers.samples import samples
from runspec.yamlio import load_document

__all__ = ["Consumer", "Outcome", "Workspace"]

_TIMEOUT = 600
_TSCONFIG = {
    "compilerOptions": {
        "strict": True,
        "noEmit": True,
        "target": "ES2022",
        "module": "ESNext",
        "moduleResolution": "Bundler",
        "lib": ["ES2022", "DOM", "DOM.Iterable"],
        "types": [],
    }
}


@dataclass(frozen=True)
class Outcome:
    """``ok`` True (accepted), False (failed, ``detail`` says why) or None (tool not installed)."""

    ok: bool | None
    detail: str = ""

    @classmethod
    def missing(cls, what: str) -> Outcome:
        return cls(None, f"{what} is not installed")


@dataclass(frozen=True)
class Workspace:
    """Where a consumer may write (``work``) and where the project's tools are."""

    root: Path
    work: Path

    def node_bin(self, name: str) -> Path | None:
        path = self.root / "node_modules" / ".bin" / name
        return path if path.exists() else None

    def python_bin(self, name: str) -> Path | None:
        path = Path(sys.executable).parent / name
        return path if path.exists() else None


@dataclass(frozen=True)
class Consumer:
    name: str
    tier: str  # "fast" runs in make test; "slow" only in make consumers
    run: Callable[[Workspace, Path], Outcome]


def _call(argv: Sequence[str | Path], cwd: Path, env: dict[str, str] | None = None) -> Outcome:
    try:
        done = subprocess.run(
            [str(a) for a in argv],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=_TIMEOUT,
            env={**os.environ, "NO_COLOR": "1", **(env or {})},
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Outcome(False, f"{Path(str(argv[0])).name}: no answer in {_TIMEOUT} s")
    if done.returncode == 0:
        return Outcome(True)
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    return Outcome(False, " | ".join(lines[:6])[:600])


def _fresh(work: Path, name: str) -> Path:
    path = work / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def _then(*steps: Callable[[], Outcome]) -> Outcome:
    for step in steps:
        outcome = step()
        if outcome.ok is not True:
            return outcome
    return Outcome(True)


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
    out = _fresh(ws.work, "redocly")
    (out / "redocly.yaml").write_text("extends: [recommended]\n", encoding="utf-8")
    return _call([tool, "lint", spec, "--format=stylish"], out, {"REDOCLY_TELEMETRY": "off"})


def spectral(ws: Workspace, spec: Path) -> Outcome:
    tool = ws.node_bin("spectral")
    if tool is None:
        return Outcome.missing("@stoplight/spectral-cli")
    out = _fresh(ws.work, "spectral")
    (out / ".spectral.yaml").write_text('extends: ["spectral:oas"]\n', encoding="utf-8")
    return _call(
        [tool, "lint", spec, "--ruleset", ".spectral.yaml", "--fail-severity", "error"], out
    )


def swagger_parser(ws: Workspace, spec: Path) -> Outcome:
    if not (ws.root / "node_modules" / "@apidevtools" / "swagger-parser").is_dir():
        return Outcome.missing("@apidevtools/swagger-parser")
    script = (
        "const P = require('@apidevtools/swagger-parser');"
        "P.validate(process.argv[1]).then(() => {}, e => { console.error(e.message); process.exit(1); });"
    )
    return _call(["node", "-e", script, spec], ws.root)


# ---- TypeScript ----------------------------------------------------------------------------------
def _tsc(ws: Workspace, out: Path) -> Outcome:
    tool = ws.node_bin("tsc")
    if tool is None:
        return Outcome.missing("typescript")
    (out / "tsconfig.json").write_text(json.dumps(_TSCONFIG), encoding="utf-8")
    return _call([tool, "-p", "tsconfig.json"], out)


def openapi_typescript(ws: Workspace, spec: Path) -> Outcome:
    tool = ws.node_bin("openapi-typescript")
    if tool is None:
        return Outcome.missing("openapi-typescript")
    out = _fresh(ws.work, "openapi-typescript")
    return _then(lambda: _call([tool, spec, "-o", "schema.d.ts"], out), lambda: _tsc(ws, out))


def hey_api(ws: Workspace, spec: Path) -> Outcome:
    tool = ws.node_bin("openapi-ts")
    if tool is None:
        return Outcome.missing("@hey-api/openapi-ts")
    out = _fresh(ws.work, "hey-api")
    return _then(lambda: _call([tool, "-i", spec, "-o", "client"], out), lambda: _tsc(ws, out))


def orval(ws: Workspace, spec: Path) -> Outcome:
    tool = ws.node_bin("orval")
    if tool is None:
        return Outcome.missing("orval")
    out = _fresh(ws.work, "orval")
    generate: list[str | Path] = [tool, "--input", spec, "--output", "api.ts", "--client", "fetch"]
    return _then(lambda: _call(generate, out), lambda: _tsc(ws, out))


# ---- Python --------------------------------------------------------------------------------------
def datamodel_code_generator(ws: Workspace, spec: Path) -> Outcome:
    tool = ws.python_bin("datamodel-codegen")
    if tool is None:
        return Outcome.missing("datamodel-code-generator")
    out = _fresh(ws.work, "datamodel")
    generate: list[str | Path] = [
        tool, "--input", spec, "--input-file-type", "openapi", "--output", "models.py",
        "--output-model-type", "pydantic_v2.BaseModel", "--disable-timestamp",
    ]  # fmt: skip
    return _then(lambda: _call(generate, out), lambda: _decode_with_pydantic(out, spec))


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
    return _call([sys.executable, "-c", script, _samples_file(out, spec)], out)


def openapi_python_client(ws: Workspace, spec: Path) -> Outcome:
    tool = ws.python_bin("openapi-python-client")
    if tool is None:
        return Outcome.missing("openapi-python-client")
    out = _fresh(ws.work, "openapi-python-client")
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
    outcome = _call(generate, out)
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


# ---- openapi-generator ---------------------------------------------------------------------------
# Options another team needs even for OpenAI's own spec (see the README's publishing section):
# oneOf unions are read by their discriminator, not by trying every member (members that differ
# only in a `const` tag all match), and Go enum constants carry their type's name.
GENERATOR_OPTIONS = {
    "go": "useOneOfDiscriminatorLookup=true,packageName=runs",
    "python": "packageName=runs_client",
    "typescript-fetch": "supportsES6=true,withoutRuntimeChecks=true",
    "java": "library=resttemplate,useOneOfInterfaces=true,openApiNullable=false,"
    "useBeanValidation=false,hideGenerationTimestamp=true",
}


def _generate(
    ws: Workspace, spec: Path, generator: str, extra: Sequence[str] = ()
) -> tuple[Path, Outcome]:
    tool = ws.python_bin("openapi-generator-cli")
    out = _fresh(ws.work, f"openapi-generator-{generator}")
    if tool is None:
        return out, Outcome.missing("openapi-generator-cli")
    if shutil.which("java") is None:
        return out, Outcome.missing("java (openapi-generator runs on a JDK)")
    argv: list[str | Path] = [
        tool, "generate", "-i", spec, "-g", generator, "-o", out, "--skip-validate-spec",
        "--additional-properties", GENERATOR_OPTIONS[generator],
        "--global-property", "apiTests=false,modelTests=false,apiDocs=false,modelDocs=false",
        *extra,
    ]  # fmt: skip
    return out, _call(argv, out)


def _samples_file(out: Path, spec: Path) -> Path:
    path = out / "samples.json"
    found = [
        {"where": s.where, "model": s.model, "json": json.dumps(s.value)}
        for s in samples(load_document(spec))
    ]
    path.write_text(json.dumps(found), encoding="utf-8")
    return path


def generator_typescript_fetch(ws: Workspace, spec: Path) -> Outcome:
    out, outcome = _generate(ws, spec, "typescript-fetch")
    return _then(lambda: outcome, lambda: _tsc(ws, out))


def generator_python(ws: Workspace, spec: Path) -> Outcome:
    out, outcome = _generate(ws, spec, "python")
    if outcome.ok is not True:
        return outcome
    script = (
        "import importlib, json, re, sys\n"
        "failures = []\n"
        "found = json.load(open(sys.argv[1]))\n"
        "for s in found:\n"
        "    module = re.sub(r'(?<!^)(?=[A-Z])', '_', s['model']).lower()\n"
        "    try:\n"
        "        cls = getattr(importlib.import_module('runs_client.models.' + module), s['model'])\n"
        "        cls.from_json(s['json'])\n"
        "    except Exception as exc:\n"
        "        failures.append(s['where'] + ': ' + str(exc).splitlines()[0])\n"
        "if failures:\n"
        "    sys.exit(f'{len(failures)} of {len(found)} examples: ' + '; '.join(failures[:3]))\n"
    )
    return _call([sys.executable, "-c", script, _samples_file(out, spec)], out)


def generator_go(ws: Workspace, spec: Path) -> Outcome:
    if shutil.which("go") is None:
        return Outcome.missing("go")
    out, outcome = _generate(ws, spec, "go")
    if outcome.ok is not True:
        return outcome
    module = (out / "go.mod").read_text(encoding="utf-8").splitlines()[0].split()[1]
    found = samples(load_document(spec))
    decoders = "\n".join(
        f'\t"{name}": func(b []byte) error {{ var v runs.{name}; return json.Unmarshal(b, &v) }},'
        for name in sorted({s.model for s in found})
    )
    main = _GO_DECODE.replace("MODULE", module).replace("DECODERS", decoders)
    (out / "cmd" / "decode").mkdir(parents=True)
    (out / "cmd" / "decode" / "main.go").write_text(main, encoding="utf-8")
    env = _go_env(ws, out)
    return _then(
        lambda: _call(["go", "build", "./..."], out, env),
        lambda: _call(["go", "run", "./cmd/decode", _samples_file(out, spec)], out, env),
    )


_GO_DECODE = """package main

import (
\t"encoding/json"
\t"fmt"
\t"os"

\truns "MODULE"
)

var decoders = map[string]func([]byte) error{
DECODERS
}

var _ = runs.NewConfiguration // used even when the spec has no examples

func main() {
\traw, _ := os.ReadFile(os.Args[1])
\tvar samples []struct{ Where, Model, Json string }
\tif err := json.Unmarshal(raw, &samples); err != nil {
\t\tpanic(err)
\t}
\tfailed := 0
\tfor _, s := range samples {
\t\tif err := decoders[s.Model]([]byte(s.Json)); err != nil {
\t\t\tfailed++
\t\t\tfmt.Printf("%s: %v\\n", s.Where, err)
\t\t}
\t}
\tif failed > 0 {
\t\tfmt.Printf("%d of %d examples do not decode\\n", failed, len(samples))
\t\tos.Exit(1)
\t}
}
"""


def _go_env(ws: Workspace, out: Path) -> dict[str, str]:
    """Offline Go: the client's one dependency from Debian's golang-gopkg-validator.v2-dev."""
    env = {
        "GOFLAGS": "-mod=mod",
        "GOCACHE": str(ws.work / "go-cache"),
        "GOPATH": str(ws.work / "go"),
    }
    debian = Path("/usr/share/gocode/src/gopkg.in/validator.v2")
    if debian.is_dir():
        local = ws.work / "validator.v2"
        if not local.is_dir():
            shutil.copytree(debian, local)
            (local / "go.mod").write_text(
                "module gopkg.in/validator.v2\n\ngo 1.18\n", encoding="utf-8"
            )
        subprocess.run(
            ["go", "mod", "edit", f"-replace=gopkg.in/validator.v2={local}"],
            cwd=out, check=False, capture_output=True,
        )  # fmt: skip
        env["GOPROXY"] = "off"
    return env


def generator_java(ws: Workspace, spec: Path) -> Outcome:
    """Models compiled and every example decoded with Jackson.

    The jars come from what is installed: Jackson (and the rest the models import) from the
    openapi-generator jar, which bundles its dependencies, javax.annotation from Debian. The
    RestTemplate HTTP layer needs Spring from Maven Central, so only the models are compiled.
    """
    if shutil.which("javac") is None:
        return Outcome.missing("javac")
    jars = [Path("/usr/share/java") / n for n in ("geronimo-annotation-1.3-spec.jar", "jsr305.jar")]
    missing = [jar.name for jar in jars if not jar.exists()]
    if missing:
        return Outcome.missing(
            f"{', '.join(missing)} (Debian: libgeronimo-annotation-1.3-spec-java, libjsr305-java)"
        )
    out, outcome = _generate(ws, spec, "java", JAVA_MAPPINGS)
    if outcome.ok is not True:
        return outcome
    import openapi_generator_cli

    generator_jar = Path(openapi_generator_cli.__file__).parent / "openapi-generator.jar"
    classpath = ":".join(str(jar) for jar in [generator_jar, *jars])
    (out / "Decode.java").write_text(_JAVA_DECODE, encoding="utf-8")
    sources = sorted(str(p) for p in (out / "src" / "main" / "java").rglob("model/*.java"))
    classes = out / "classes"
    classes.mkdir()
    compile_: list[str | Path] = [
        "javac",
        "-nowarn",
        "-d",
        classes,
        "-cp",
        classpath,
        "Decode.java",
        *sources,
    ]
    decode: list[str | Path] = [
        "java",
        "-cp",
        f"{classpath}:{classes}",
        "Decode",
        _samples_file(out, spec),
    ]
    return _then(lambda: _call(compile_, out), lambda: _call(decode, out))


# The unions of a string (or array) and an object have no Java type that Jackson can read; a
# Java team maps them to JsonNode (see the README). Only schemas the spec has are mapped.
JAVA_MAPPINGS = (
    "--inline-schema-name-mappings",
    "CreateMessageRequest_content=MessageContentInput",
    "--schema-mappings",
    "AssistantsApiToolChoiceOption=com.fasterxml.jackson.databind.JsonNode,"
    "AssistantsApiResponseFormatOption=com.fasterxml.jackson.databind.JsonNode,"
    "MessageContentInput=com.fasterxml.jackson.databind.JsonNode",
)

_JAVA_DECODE = """\
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;

public class Decode {
    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode samples = mapper.readTree(Files.readString(Path.of(args[0])));
        int failed = 0;
        for (JsonNode sample : samples) {
            try {
                Class<?> type = Class.forName("org.openapitools.client.model." + sample.get("model").asText());
                mapper.readValue(sample.get("json").asText(), type);
            } catch (Exception e) {
                failed++;
                System.out.println(sample.get("where").asText() + ": " + e.getMessage().split("\\n")[0]);
            }
        }
        if (failed > 0) {
            System.out.println(failed + " of " + samples.size() + " examples do not decode");
            System.exit(1);
        }
    }
}
"""


# ---- dist/typescript -----------------------------------------------------------------------------
def typescript_package(ws: Workspace, spec: Path) -> Outcome:
    """The npm package of ``make publish`` built from this variant, type-checked with its example."""
    from runspec.consumers.typescript import build_package, type_check

    if load_document(spec).get("info", {}).get("x-typed-events") is not True:
        return Outcome(None, "n/a: built from the typed-events variant only")
    if ws.node_bin("openapi-typescript") is None or ws.node_bin("tsc") is None:
        return Outcome.missing("openapi-typescript and typescript")
    out = _fresh(ws.work, "typescript-package")
    try:
        package = build_package(ws.root, spec, out / "package", "0.0.0")
    except subprocess.CalledProcessError as exc:
        return Outcome(False, f"openapi-typescript: {str(exc.stderr).strip()[:500]}")
    ok, detail = type_check(ws.root, package, out / "check")
    return Outcome(ok, detail)


# ---- doc renderers in headless Chromium ----------------------------------------------------------
# Each page is loaded from file: with no network; the renderer passes when the DOM it builds shows
# both operations' summaries and none of its error messages.
_RENDER_ERRORS = ("Resolver error", "Parser error", "Something went wrong", "Unable to render")


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _summaries(spec: Path) -> dict[str, tuple[str, str]]:
    """operationId -> (first tag, summary) of every operation."""
    found = {}
    for item in load_document(spec)["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and "operationId" in op:
                found[str(op["operationId"])] = (
                    str((op.get("tags") or [""])[0]),
                    str(op.get("summary")),
                )
    return found


def _rendered(ws: Workspace, page: str, expected: Sequence[str]) -> Outcome:
    """Load ``page`` (a file: URL) and look for ``expected`` texts and no error message."""
    browser = _chromium()
    if browser is None:
        return Outcome.missing("chromium")
    argv = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={ws.work / 'chromium-profile'}", "--virtual-time-budget=20000",
        "--dump-dom", page,
    ]  # fmt: skip
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        return Outcome(False, "chromium: no page in 120 s")
    shown = re.sub(r"<(script|style)\b.*?</\1>", "", done.stdout, flags=re.DOTALL)
    missing = [text for text in expected if text not in shown]
    errors = [e for e in _RENDER_ERRORS if e in shown]
    if missing or errors:
        return Outcome(False, f"not shown: {missing}; errors shown: {errors}")
    return Outcome(True)


def _spec_json(spec: Path) -> str:
    # Inlined in a <script>: "</" cannot end the element early.
    return json.dumps(load_document(spec)).replace("</", "<\\/")


def swagger_ui(ws: Workspace, spec: Path) -> Outcome:
    dist = ws.root / "node_modules" / "swagger-ui-dist"
    if not dist.is_dir():
        return Outcome.missing("swagger-ui-dist")
    out = _fresh(ws.work, "swagger-ui")
    page = out / "index.html"
    page.write_text(
        f'<!doctype html><html><head><meta charset="utf-8">'
        f'<link rel="stylesheet" href="{(dist / "swagger-ui.css").as_uri()}"></head>'
        f'<body><div id="ui"></div><script src="{(dist / "swagger-ui-bundle.js").as_uri()}">'
        f'</script><script>SwaggerUIBundle({{spec: {_spec_json(spec)}, dom_id: "#ui"}});'
        "</script></body></html>",
        encoding="utf-8",
    )
    return _rendered(ws, page.as_uri(), [summary for _, summary in _summaries(spec).values()])


def scalar(ws: Workspace, spec: Path) -> Outcome:
    script = ws.root / "node_modules" / "@scalar" / "api-reference" / "dist" / "browser"
    if not (script / "standalone.js").is_file():
        return Outcome.missing("@scalar/api-reference")
    out = _fresh(ws.work, "scalar")
    page = out / "index.html"
    page.write_text(
        '<!doctype html><html><head><meta charset="utf-8"></head><body><div id="app"></div>'
        f'<script src="{(script / "standalone.js").as_uri()}"></script>'
        f'<script>Scalar.createApiReference("#app", {{content: {_spec_json(spec)}}});</script>'
        "</body></html>",
        encoding="utf-8",
    )
    return _rendered(ws, page.as_uri(), [summary for _, summary in _summaries(spec).values()])


def redoc(ws: Workspace, spec: Path) -> Outcome:
    tool = ws.node_bin("redocly")
    if tool is None:
        return Outcome.missing("@redocly/cli (its build-docs is Redoc)")
    out = _fresh(ws.work, "redoc")
    page = out / "index.html"
    built = _call(
        [tool, "build-docs", spec, "--output", page, "--inlineBundle", "--lint-config", "off"],
        out,
        {"REDOCLY_TELEMETRY": "off"},
    )
    if built.ok is not True:
        return built
    # Redoc shows each operation on its own route (#/<tag>/<operationid>).
    for operation_id, (tag, summary) in _summaries(spec).items():
        route = f"{page.as_uri()}#/{tag.lower()}/{operation_id.lower()}"
        outcome = _rendered(ws, route, [summary])
        if outcome.ok is not True:
            return outcome
    return Outcome(True)
