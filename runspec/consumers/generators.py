"""openapi-generator's clients (Go, Python, typescript-fetch, Java), compiled, examples decoded.

The generator comes from PyPI (``openapi-generator-cli`` ships the jar) and runs on a JDK; Go,
javac and Debian's jars are used where installed, else the consumer is not run. The options each
target needs, on OpenAI's spec as on ours, are in :data:`GENERATOR_OPTIONS` and the README.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from runspec.consumers.base import Outcome, Workspace, call, fresh, samples_file, then, tsc
from runspec.consumers.samples import samples
from runspec.yamlio import load_document

__all__ = [
    "GENERATOR_OPTIONS",
    "JAVA_MAPPINGS",
    "generator_go",
    "generator_java",
    "generator_python",
    "generator_typescript_fetch",
]


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
    out = fresh(ws.work, f"openapi-generator-{generator}")
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
    return out, call(argv, out)


def generator_typescript_fetch(ws: Workspace, spec: Path) -> Outcome:
    out, outcome = _generate(ws, spec, "typescript-fetch")
    return then(lambda: outcome, lambda: tsc(ws, out))


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
    return call([sys.executable, "-c", script, samples_file(out, spec)], out)


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
    return then(
        lambda: call(["go", "build", "./..."], out, env),
        lambda: call(["go", "run", "./cmd/decode", samples_file(out, spec)], out, env),
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
        samples_file(out, spec),
    ]
    return then(lambda: call(compile_, out), lambda: call(decode, out))


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
