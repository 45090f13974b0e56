"""``make publish``: what other teams pin, in ``dist/``, built completely or not at all.

::

    dist/
      openapi/openapi.yaml, openapi.json          the public spec, bundled (components kept)
      openapi/azure/..., openapi/zh-CN/...        the variants: overlay applied, then bundled
      docs/index.html, docs/azure/..., ...        Redoc pages with everything inlined (offline)
      CHANGES.md                                  what changed since BASE, breaking changes first
      client/assistants_runs_client-<v>-py3-none-any.whl, .tar.gz
      toolkit/runspec-<tv>-py3-none-any.whl, .tar.gz   the toolkit (CLI, pytest plugin, spec inside)
      typescript/                                 TypeScript types (typed events), an npm package
      CONSUMERS.md                                which tools accept the spec (make consumers)

Steps, in order: compare the spec with the one at BASE (:mod:`runspec.diff`) and refuse a breaking
change without a major bump of ``info.version``, and a deprecation or a removal after its announced
``x-sunset`` without at least a minor one; bundle each variant with ``redocly bundle`` and
write YAML and JSON from the same data (so they are the same document); build the docs with
``redocly build-docs --inlineBundle``; build the client from ``generated/`` with ``uv build``, its
version set to ``info.version``; build the toolkit from the checkout, at its own version
(``[project] version`` of ``pyproject.toml``). Both builds use the build backend installed here
(``uv build --no-build-isolation``): hatchling, locked in uv.lock at the version ``[build-system]``
pins, so publishing downloads nothing. Everything goes to a scratch directory next to ``dist/``, which
replaces ``dist/`` only when every step succeeded (:mod:`runspec.dirswap`: never missing, even
when a kill interrupts the swap).

BASE defaults to the newest ``v*`` tag reachable from HEAD (the last release); with no such tag
there is nothing to compare with, and CHANGES.md lists every operation as an addition.
Hand-written because it glues our own tools together; each step is a small function.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from runspec.codegen.errors import spec_problem
from runspec.diff import Change, DiffInputError, Severity, diff_documents, load_source, render
from runspec.diff.report import is_deprecation
from runspec.dirswap import DirectorySwap
from runspec.overlay import OverlayError, apply_overlay_files_result
from runspec.yamlio import YamlError, dump_document, load_document

__all__ = [
    "VARIANTS",
    "Base",
    "PublishError",
    "Variant",
    "check_version_policy",
    "default_base",
    "major_version",
    "publish",
    "render_changes",
]

SPEC = Path("openapi/openapi.yaml")
GENERATED = Path("generated")
CLIENT_DIST_NAME = "assistants_runs_client"
TOOLKIT_DIST_NAME = "runspec"
_REDOCLY_ENV = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"}

Log = Callable[[str], None]


class PublishError(Exception):
    """A step failed; ``problems`` says what, one line each. ``dist/`` was left as it was."""

    def __init__(self, problems: str | Sequence[str]) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Variant:
    """One published flavour of the spec: its overlay (none for the public spec) and where it goes."""

    name: str
    overlay: Path | None
    spec_dir: Path
    docs_dir: Path


VARIANTS = (
    Variant("public", None, Path("openapi"), Path("docs")),
    Variant(
        "azure", Path("overlays/azure.overlay.yaml"), Path("openapi/azure"), Path("docs/azure")
    ),
    Variant(
        "zh-CN", Path("overlays/zh-CN.overlay.yaml"), Path("openapi/zh-CN"), Path("docs/zh-CN")
    ),
    Variant(
        "typed-events",
        Path("overlays/typed-events.overlay.yaml"),
        Path("openapi/typed-events"),
        Path("docs/typed-events"),
    ),
)


# ---- BASE and the version policy ---------------------------------------------------------------
@dataclass(frozen=True)
class Base:
    """What the spec is compared with: a git ref (``None``: nothing) and the changes since."""

    ref: str | None
    version: str | None
    changes: list[Change]


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)


def default_base(root: Path) -> str | None:
    """The newest ``v*`` tag reachable from HEAD, or ``None`` when there is none."""
    found = _git(root, "describe", "--tags", "--abbrev=0", "--match", "v*", "HEAD")
    if found.returncode != 0:
        return None
    return found.stdout.strip() or None


_EMPTY: Mapping[str, Any] = {"openapi": "3.1.0", "info": {"version": "0"}, "paths": {}}


def compare_with_base(root: Path, base: str | None, new: Mapping[str, Any]) -> Base:
    """The changes from the spec at ``base`` (a git ref; ``None``: an empty spec) to ``new``."""
    if base is None:
        return Base(None, None, diff_documents(_EMPTY, new))
    if _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}").returncode != 0:
        raise PublishError(f"BASE={base}: not a commit in this repository")
    try:
        old = load_source(f"git:{base}:{SPEC.as_posix()}", cwd=root)
        changes = diff_documents(old, new)
    except DiffInputError as exc:
        raise PublishError(f"BASE={base}: {exc}") from exc
    version = old.get("info", {}).get("version")
    return Base(base, str(version) if version is not None else None, changes)


def major_version(version: str) -> int:
    """The major number of a version such as ``2.1.0`` (or ``v2``); ``ValueError`` otherwise."""
    return _major_minor(version)[0]


def _major_minor(version: str) -> tuple[int, int]:
    """(major, minor) of ``2.1.0`` (a missing minor is 0); ``ValueError`` for what is not one."""
    match = re.fullmatch(
        r"v?(\d+)(?:\.(\d+))?(?:\.\d+)*(?:[-+.]?[0-9A-Za-z.+-]*)?", version.strip()
    )
    if not match:
        raise ValueError(f"{version!r} is not a version like 1.2.3")
    return int(match.group(1)), int(match.group(2) or 0)


_MINOR_RULES = frozenset({"operation-removed-after-sunset", "operation-removed-while-unstable"})
"""Removals that break no promise (announced by a sunset, or of a draft/alpha operation): they
need a new minor version, like a deprecation, not a major one."""


def check_version_policy(base: Base, new_version: str) -> None:
    """Refuse breaking changes since BASE unless ``info.version`` has a higher major number, and
    deprecations or removals after their sunset unless it has at least a higher minor number
    (semantic versioning: a deprecation is a minor release; a removal a client was told the
    date of breaks no promise)."""
    if base.ref is None:
        return
    breaking = [change for change in base.changes if change.severity is Severity.BREAKING]
    announced = [
        change
        for change in base.changes
        if change.severity is not Severity.BREAKING
        and (is_deprecation(change) or change.rule in _MINOR_RULES)
    ]
    if not breaking and not announced:
        return
    old_version = base.version or "0"
    try:
        old, new = _major_minor(old_version), _major_minor(new_version)
    except ValueError as exc:
        raise PublishError(f"info.version: {exc}; cannot apply the version policy") from exc
    since = f"since {base.ref} (info.version {old_version}), but info.version is {new_version}"
    if breaking and new[0] <= old[0]:
        raise PublishError(
            [
                f"{len(breaking)} breaking change(s) {since}: bump the major version to publish "
                "them.",
                *(f"  {c.location}: {c.message} [{c.rule}]" for c in breaking),
            ]
        )
    if announced and new <= old:
        raise PublishError(
            [
                f"{len(announced)} deprecation(s) or removal(s) after their sunset {since}: bump "
                "at least the minor version to publish them.",
                *(f"  {c.location}: {c.message} [{c.rule}]" for c in announced),
            ]
        )


def render_changes(base: Base, title: str, new_version: str) -> str:
    """CHANGES.md: what changed since BASE, breaking changes first."""
    lines = [f"# {title} {new_version}", ""]
    if base.ref is None:
        lines += [
            "First publication: no BASE was given and no `v*` tag precedes this commit, so there "
            "is nothing to compare with and every operation is listed as an addition.",
            "",
        ]
    else:
        lines += [
            f"Changes since `{base.ref}` (info.version {base.version}), found by `runspec diff`. "
            "Breaking changes come first; each ends with its rule id "
            "(`runspec diff --list-rules` lists them all).",
            "",
        ]
    return "\n".join(lines) + "\n" + render(base.changes, "markdown")


# ---- external tools -----------------------------------------------------------------------------
def _run(argv: Sequence[str], *, cwd: Path, what: str) -> None:
    completed = subprocess.run(list(argv), cwd=cwd, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        output = (completed.stderr.strip() or completed.stdout.strip()).splitlines()[-15:]
        raise PublishError([f"{what} failed (exit {completed.returncode}):", *output])


def _redocly(root: Path) -> str:
    found = root / "node_modules" / ".bin" / "redocly"
    if not found.exists():
        raise PublishError("node_modules/.bin/redocly not found: run `make setup` (npm ci)")
    return str(found)


def _uv(root: Path) -> str:
    for candidate in (os.environ.get("UV"), shutil.which("uv"), root / ".bootstrap/bin/uv"):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    raise PublishError("uv not found: run `make setup`")


# ---- the steps -----------------------------------------------------------------------------------
def _variant_source(root: Path, variant: Variant, work: Path) -> Path:
    """The spec of a variant as one file: the spec itself, or the spec with its overlay applied."""
    if variant.overlay is None:
        return root / SPEC
    overlay = root / variant.overlay
    if not overlay.is_file():
        raise PublishError(f"{variant.overlay}: not found (the {variant.name} variant needs it)")
    try:
        result = apply_overlay_files_result(root / SPEC, [overlay], strict=True)
    except OverlayError as exc:
        raise PublishError([f"{variant.overlay}: cannot apply:", *map(str, exc.problems)]) from exc
    source = work / f"{variant.name}.yaml"
    source.write_text(dump_document(result.document), encoding="utf-8")
    return source


def _run_all(jobs: Sequence[tuple[str, Sequence[str]]], *, cwd: Path) -> None:
    """Run the commands side by side (they are Node processes, mostly waiting on one core);
    every failure is reported, with the end of its output."""
    running = [
        (
            what,
            subprocess.Popen(
                list(argv),
                cwd=cwd,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                env={**os.environ, **_REDOCLY_ENV},
            ),
        )
        for what, argv in jobs
    ]
    problems: list[str] = []
    for what, process in running:
        output, _ = process.communicate()
        if process.returncode != 0:
            problems += [f"{what} failed (exit {process.returncode}):", *output.splitlines()[-10:]]
    if problems:
        raise PublishError(problems)


def bundle_variants(root: Path, staging: Path, work: Path, log: Log) -> dict[str, Path]:
    """Bundle each variant into ``staging/<spec_dir>/openapi.{yaml,json}``; their YAML paths.

    YAML and JSON are written from the same loaded data, so they are the same document."""
    redocly = _redocly(root)
    jobs = []
    for variant in VARIANTS:
        overlay = f" + {variant.overlay}" if variant.overlay else ""
        log(f"bundling {variant.name}: {SPEC}{overlay}")
        source = _variant_source(root, variant, work)
        bundled = work / f"{variant.name}.bundled.yaml"
        argv = [redocly, "bundle", str(source), "-o", str(bundled), "--lint-config", "off"]
        jobs.append((f"redocly bundle ({variant.name})", argv))
    _run_all(jobs, cwd=root)
    published: dict[str, Path] = {}
    for variant in VARIANTS:
        try:
            document = load_document(work / f"{variant.name}.bundled.yaml")
        except YamlError as exc:
            raise PublishError(
                f"redocly bundle ({variant.name}): unreadable output: {exc}"
            ) from exc
        target = staging / variant.spec_dir
        target.mkdir(parents=True, exist_ok=True)
        (target / "openapi.yaml").write_text(dump_document(document), encoding="utf-8")
        (target / "openapi.json").write_text(
            dump_document(document, as_json=True), encoding="utf-8"
        )
        published[variant.name] = target / "openapi.yaml"
    return published


def build_docs(root: Path, staging: Path, specs: Mapping[str, Path], log: Log) -> None:
    """One self-contained HTML page per variant (Redoc's scripts inlined), built side by side."""
    redocly = _redocly(root)
    jobs = []
    for variant in VARIANTS:
        output = staging / variant.docs_dir / "index.html"
        output.parent.mkdir(parents=True, exist_ok=True)
        log(f"docs {variant.name}: {output.relative_to(staging)}")
        argv = [redocly, "build-docs", str(specs[variant.name]), "--output", str(output)]
        argv += ["--inlineBundle", "--lint-config", "off"]
        jobs.append((f"redocly build-docs ({variant.name})", argv))
    _run_all(jobs, cwd=root)


def build_client(root: Path, staging: Path, work: Path, version: str, log: Log) -> list[Path]:
    """The wheel and sdist of ``generated/``, versioned ``info.version``, in ``staging/client``."""
    project = root / GENERATED / "pyproject.toml"
    if not project.is_file():
        raise PublishError(
            f"{GENERATED}/pyproject.toml not found: the client is built from {GENERATED}/, "
            "which `make generate` writes; generate it first"
        )
    source = work / "client"
    shutil.copytree(
        root / GENERATED,
        source,
        ignore=shutil.ignore_patterns("__pycache__", "dist", "build", ".venv", "*.egg-info"),
    )
    _set_project_version(source / "pyproject.toml", version)
    out = staging / "client"
    log(f"client {version}: uv build {GENERATED}/")
    return _uv_build(root, source, out, CLIENT_DIST_NAME, version, what="client")


def build_toolkit(root: Path, staging: Path, log: Log) -> list[Path]:
    """The wheel and sdist of the toolkit itself (``runspec``), in ``staging/toolkit``."""
    version = _toolkit_version(root)
    out = staging / "toolkit"
    log(f"toolkit {version}: uv build .")
    return _uv_build(root, root, out, TOOLKIT_DIST_NAME, version, what="toolkit")


def _pyproject(root: Path) -> dict[str, Any]:
    try:
        with (root / "pyproject.toml").open("rb") as file:
            return tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PublishError(f"pyproject.toml: cannot read: {exc}") from exc


def _toolkit_version(root: Path) -> str:
    version = _pyproject(root).get("project", {}).get("version")
    if not isinstance(version, str) or not version:
        raise PublishError("pyproject.toml: [project] version is missing")
    return version


def _uv_build(
    root: Path, source: Path, out: Path, name: str, version: str, *, what: str
) -> list[Path]:
    """``uv build`` of ``source`` into ``out``: exactly its wheel and sdist, or PublishError.

    The build backend is this environment's (hatchling, locked in uv.lock at the version that
    ``[build-system]`` pins), not one fetched into an isolated environment: nothing is downloaded.
    """
    argv = [_uv(root), "build", "--quiet", "--wheel", "--sdist", "--out-dir", str(out)]
    argv += ["--no-build-isolation", "--python", sys.executable]
    _run([*argv, str(source)], cwd=root, what=f"uv build ({what})")
    normalized = re.sub(r"[-_.]+", "_", name)
    expected = [
        out / f"{normalized}-{version}-py3-none-any.whl",
        out / f"{normalized}-{version}.tar.gz",
    ]
    missing = [path.name for path in expected if not path.is_file()]
    if missing:
        built = sorted(path.name for path in out.iterdir()) if out.is_dir() else []
        raise PublishError(f"uv build did not produce {', '.join(missing)} (it wrote: {built})")
    for extra in out.iterdir():
        if extra not in expected:
            extra.unlink()
    return expected


def build_typescript(root: Path, staging: Path, spec: Path, version: str, log: Log) -> None:
    """``typescript/``: the npm package of TypeScript types (see runspec/consumers/typescript)."""
    from runspec.consumers.typescript import build_package

    log(f"typescript {version}: openapi-typescript {spec.relative_to(staging)}")
    try:
        build_package(root, spec, staging / "typescript", version)
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        raise PublishError(f"openapi-typescript failed: {str(detail).strip()[:500]}") from exc


def write_consumers_table(root: Path, staging: Path, log: Log) -> None:
    """``CONSUMERS.md``: the README's table of the last ``make consumers`` run."""
    from runspec.consumers import readme_section

    section = readme_section((root / "README.md").read_text(encoding="utf-8"))
    if section is None:
        raise PublishError("README.md has no consumers table (run `make consumers README=1`)")
    log("CONSUMERS.md: the consumers table of README.md")
    (staging / "CONSUMERS.md").write_text(section, encoding="utf-8")


def _set_project_version(pyproject: Path, version: str) -> None:
    """Set ``version`` of the ``[project]`` (or ``[tool.poetry]``) table, keeping the rest."""
    text = pyproject.read_text(encoding="utf-8")
    table = re.search(r"^\[(project|tool\.poetry)\]\s*$", text, flags=re.MULTILINE)
    if table is None:
        raise PublishError(f"{GENERATED}/pyproject.toml has no [project] table to version")
    body_end = re.search(r"^\[", text[table.end() :], flags=re.MULTILINE)
    end = table.end() + (body_end.start() if body_end else len(text) - table.end())
    body = text[table.end() : end]
    line = f'version = "{version}"'
    if re.search(r"^version\s*=", body, flags=re.MULTILINE):
        body = re.sub(r"^version\s*=.*$", line, body, count=1, flags=re.MULTILINE)
    elif re.search(r'^dynamic\s*=.*"version"', body, flags=re.MULTILINE):
        raise PublishError(f"{GENERATED}/pyproject.toml has a dynamic version; cannot set it")
    else:
        body = f"\n{line}{body}"
    pyproject.write_text(text[: table.end()] + body + text[end:], encoding="utf-8")


# ---- all of it -------------------------------------------------------------------------------------
def publish(
    root: Path, base: str | None = None, *, out: Path | None = None, log: Log | None = None
) -> Path:
    """Build ``dist/`` (or ``out``) for the checkout at ``root``; see the module docstring."""
    log = log or (lambda message: print(f"publish: {message}", file=sys.stderr))
    out = out or root / "dist"
    if not (root / SPEC).is_file():
        raise PublishError(f"{SPEC}: no such file (expected the OpenAPI document to publish)")
    try:
        spec = load_source(str(root / SPEC))
    except DiffInputError as exc:
        raise PublishError(str(exc)) from exc
    problem = spec_problem(spec, str(SPEC))
    if problem is not None:
        raise PublishError(problem.splitlines())
    info = spec.get("info", {})
    version, title = str(info.get("version", "")), str(info.get("title", "API"))
    _preflight(root)
    base_ref = base if base else default_base(root)
    log(f"comparing {SPEC} with {base_ref or 'nothing (no BASE, no v* tag)'}")
    compared = compare_with_base(root, base_ref, spec)
    check_version_policy(compared, version)

    with DirectorySwap(out) as swap:
        staging, work = swap.scratch / out.name, swap.scratch / "work"
        staging.mkdir()
        work.mkdir()
        specs = bundle_variants(root, staging, work, log)
        build_docs(root, staging, specs, log)
        (staging / "CHANGES.md").write_text(
            render_changes(compared, title, version), encoding="utf-8"
        )
        build_client(root, staging, work, version, log)
        build_toolkit(root, staging, log)
        build_typescript(root, staging, specs["typed-events"], version, log)
        write_consumers_table(root, staging, log)
        swap.replace_with(staging)
    log(f"wrote {out}")
    return out


def _preflight(root: Path) -> None:
    """Every input and tool the steps need, checked up front so a missing one fails fast."""
    problems = []
    for variant in VARIANTS:
        if variant.overlay is not None and not (root / variant.overlay).is_file():
            problems.append(f"{variant.overlay}: not found (the {variant.name} variant needs it)")
    if not (root / GENERATED / "pyproject.toml").is_file():
        problems.append(
            f"{GENERATED}/pyproject.toml not found: the client is built from {GENERATED}/, "
            "which `make generate` writes; generate it first"
        )
    for find in (_redocly, _uv):
        try:
            find(root)
        except PublishError as exc:
            problems += exc.problems
    if problems:
        raise PublishError(problems)
