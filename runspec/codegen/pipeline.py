"""``make generate`` and ``make check-generated``: the spec in, ``generated/`` out.

Steps: the client view (overlay, decoded JSON text; :mod:`runspec.codegen.clientspec`) and the
spec check (``runspec check``), both in a second process (:mod:`runspec.codegen.prepare`) while
this one imports the generator -> openapi-python-client with our templates
(:mod:`runspec.codegen.project`) into a temporary directory -> ruff (``check --fix`` then
``format``, the pinned ruff of this environment) -> swap into ``generated/`` if the check passed.

- Fast when nothing changed: a stamp (``build/generate.stamp``) holds a hash of every input and
  of the output tree; when both match, nothing runs. ``build/codegen-cache`` keeps compiled
  templates and the specs that passed the check (by hash), like ``__pycache__``.
- Deterministic: the same inputs give byte-identical files (no dates, no absolute paths, sorted
  imports and ``__all__``), which :func:`check` relies on.
- Atomic: everything is written next to ``generated/`` and swapped in (:mod:`runspec.dirswap`:
  one atomic exchange on Linux; a swap a kill interrupted is finished by the next run); a failure
  at any step leaves ``generated/`` as it was and raises :class:`CodegenError` saying why.
"""

from __future__ import annotations

import difflib
import hashlib
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from runspec.codegen.clientspec import ClientFacts
from runspec.codegen.errors import CodegenError, missing_input
from runspec.dirswap import DirectorySwap
from runspec.resources import (
    CODEGEN_CONFIG_PATH,
    CODEGEN_TEMPLATES,
    OVERLAYS_DIR,
    PROJECT_ROOT,
    SPEC_PATH,
)

__all__ = ["Inputs", "check", "generate", "render"]

# Bump when the pipeline itself changes what it writes, so old stamps stop matching.
PIPELINE_VERSION = "1"


@dataclass(frozen=True)
class Inputs:
    """Every file the generated client depends on, and where it goes."""

    root: Path = PROJECT_ROOT
    spec: Path = SPEC_PATH
    overlay: Path = OVERLAYS_DIR / "python-client.overlay.yaml"
    config: Path = CODEGEN_CONFIG_PATH
    templates: Path = CODEGEN_TEMPLATES
    output: Path = PROJECT_ROOT / "generated"
    stamp: Path = PROJECT_ROOT / "build" / "generate.stamp"
    cache: Path = PROJECT_ROOT / "build" / "codegen-cache"  # compiled templates, like __pycache__

    def files(self) -> list[Path]:
        """The input files, in a fixed order: spec, overlay, config, templates, generator code."""
        code = sorted((Path(__file__).parent).glob("*.py"))
        templates = sorted(p for p in self.templates.rglob("*") if p.is_file())
        return [self.spec, self.overlay, self.config, *templates, *code]

    def digest(self) -> str:
        """A hash of the inputs' contents and of the tool versions."""
        from importlib.metadata import version

        sha = hashlib.sha256(f"pipeline {PIPELINE_VERSION}\n".encode())
        for tool in ("openapi-python-client", "ruff", "jinja2"):
            sha.update(f"{tool} {version(tool)}\n".encode())
        for path in self.files():
            sha.update(f"{_shown(self, path)}\n".encode())
            sha.update(path.read_bytes())
        return sha.hexdigest()


def tree_digest(directory: Path) -> str:
    """A hash of every file under ``directory`` (paths and bytes); empty if it does not exist."""
    sha = hashlib.sha256()
    for path, data in _tree(directory).items():
        sha.update(f"{path}\n{len(data)}\n".encode())
        sha.update(data)
    return sha.hexdigest()


def _tree(directory: Path) -> dict[str, bytes]:
    if not directory.is_dir():
        return {}
    files = {}
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if path.is_file() and not _ignored(relative):
            files[relative.as_posix()] = path.read_bytes()
    return files


def _ignored(relative: Path) -> bool:
    """Caches that tools leave in the tree; never part of the generated client."""
    caches = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
    return any(part in caches or part.endswith(".egg-info") for part in relative.parts)


# ---- Rendering --------------------------------------------------------------------------------


def render(inputs: Inputs, destination: Path) -> None:
    """Generate the client project into ``destination`` (which must not exist).

    A second process (:class:`Preparation`) makes the client view of the spec and then checks
    the spec (the checker of ``runspec check`` and ``make lint``) while this one imports
    openapi-python-client and renders; the check's verdict decides whether the result counts.
    A spec that passed is remembered by content (:class:`SpecVerdicts`), so it is not checked
    again.
    """
    verdicts = SpecVerdicts(inputs)
    preparation = Preparation(inputs, check=not verdicts.passed())
    try:
        try:
            _render(inputs, destination, preparation)
        except CodegenError as exc:
            # A broken spec explains a failed render better than the render error does.
            if preparation.finish() != 0:
                raise CodegenError(preparation.failure()) from exc
            raise
        if preparation.finish() != 0:
            raise CodegenError(preparation.failure())
    finally:
        preparation.close()
    if preparation.check:
        verdicts.record_pass()


class Preparation:
    """``python -m runspec.codegen.prepare``: the client view first (:meth:`view`), then, with
    ``check``, the spec check, whose problems and exit code :meth:`finish` waits for."""

    def __init__(self, inputs: Inputs, *, check: bool) -> None:
        self.check = check
        # A file, not a pipe: the writer never blocks on it. Closed by close() (see render).
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115
        args = [str(inputs.spec), str(inputs.overlay), _shown(inputs, inputs.overlay)]
        args.append(str(inputs.config))
        self._process = subprocess.Popen(
            [sys.executable, "-m", "runspec.codegen.prepare", *args, *(["--check"] * check)],
            cwd=inputs.root,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
        )

    def view(self) -> tuple[dict[str, Any], ClientFacts, dict[str, Any]]:
        """The spec as the generator reads it, the facts it does not carry, and the config."""
        assert self._process.stdout is not None
        data = self._process.stdout.read()
        self._process.stdout.close()
        try:
            result = pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, ValueError) as exc:  # it died before the end
            self.finish()
            raise CodegenError(f"preparing the spec failed:\n{self._problems()}") from exc
        if result[0] == "error":
            raise CodegenError(result[1])
        _, view, facts, config = result
        return view, facts, config

    def finish(self) -> int:
        """Wait for the process; its exit code (the check's, when it checks)."""
        if self._process.stdout is not None and not self._process.stdout.closed:
            self._process.stdout.close()
        return self._process.wait()

    def failure(self) -> str:
        """Why the process failed: the check's problems, as ``runspec check`` prints them."""
        if self.check:
            return f"the spec does not pass `runspec check`:\n{self._problems()}"
        return f"preparing the spec failed:\n{self._problems()}"

    def close(self) -> None:
        self.finish()
        self._stderr.close()

    def _problems(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace").rstrip()


class SpecVerdicts:
    """Specs that passed ``runspec check``, remembered by a hash of the spec's bytes, of the
    checker's code and of the versions of the validators it uses. Failures are not remembered."""

    CHECKER = (
        "check.py",
        "events.py",
        "spec.py",
        "yamlio.py",
        "commands/check.py",
        "codegen/prepare.py",
    )
    TOOLS = ("openapi-spec-validator", "jsonschema", "referencing", "pyyaml")

    def __init__(self, inputs: Inputs) -> None:
        from importlib.metadata import version

        sha = hashlib.sha256(inputs.spec.read_bytes())
        package = Path(__file__).resolve().parent.parent
        for name in self.CHECKER:
            sha.update(name.encode())
            sha.update((package / name).read_bytes())
        for tool in self.TOOLS:
            sha.update(f"{tool} {version(tool)}".encode())
        self.marker = inputs.cache / "spec-checks" / sha.hexdigest()

    def passed(self) -> bool:
        return self.marker.is_file()

    def record_pass(self) -> None:
        self.marker.parent.mkdir(parents=True, exist_ok=True)
        self.marker.touch()


def _render(inputs: Inputs, destination: Path, preparation: Preparation) -> None:
    _import_generator()
    from openapi_python_client.config import Config, ConfigFile, MetaType

    from runspec.codegen.project import ClientSettings, build_project

    view, facts, raw_config = preparation.view()

    settings = ClientSettings.from_mapping(raw_config.pop("client", {}))
    try:
        config_file = ConfigFile(**raw_config)
    except ValueError as exc:
        raise CodegenError(f"{_shown(inputs, inputs.config)}: {exc}") from exc
    config = Config.from_sources(
        config_file,
        MetaType.UV,
        document_source=inputs.spec,
        file_encoding="utf-8",
        overwrite=False,
        output_path=destination,
    )
    project = build_project(
        view,
        config=config,
        templates=inputs.templates,
        facts=facts,
        settings=settings,
        cache=inputs.cache,
    )
    # --fail-on-warning: openapi-python-client reports skipped endpoints and unreadable schemas as
    # warnings and carries on; a client missing parts is not a client we want.
    errors = project.build_quietly()
    if errors:
        raise CodegenError(
            "openapi-python-client reported:\n"
            + "\n".join(f"  {e.level.value}: {e.header}: {e.detail or ''}".rstrip() for e in errors)
        )
    _ruff(destination)


def _import_generator() -> None:
    """Import httpx (which openapi-python-client imports) without its command line client.

    httpx imports its CLI module ``httpx._main`` when it can (rich, click and pygments are
    installed here for other tools) and falls back to a stub when that import fails, as it does
    without the ``httpx[cli]`` extra; the generator only needs httpx's classes. A ``None`` in
    ``sys.modules`` makes that one import fail (the import system's documented way), and is
    removed again, so a later ``import httpx._main`` works. No effect if httpx is imported.
    """
    if "httpx" in sys.modules:
        return
    sys.modules["httpx._main"] = None  # type: ignore[assignment]
    try:
        import httpx  # noqa: F401
    finally:
        if "httpx._main" in sys.modules and sys.modules["httpx._main"] is None:
            del sys.modules["httpx._main"]


def _ruff(directory: Path) -> None:
    """``ruff check --fix`` then ``ruff format`` with the ruff of this environment (pinned)."""
    ruff = Path(sys.executable).parent / "ruff"
    for args in (
        ["check", "--fix", "--quiet", "--exit-zero", "--no-cache"],
        ["format", "--quiet", "--no-cache"],
    ):
        done = subprocess.run(
            [str(ruff), *args, "."], cwd=directory, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise CodegenError(f"ruff {args[0]} failed:\n{done.stdout}{done.stderr}")


def _shown(inputs: Inputs, path: Path) -> str:
    try:
        return path.relative_to(inputs.root).as_posix()
    except ValueError:
        return str(path)


# ---- make generate --------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What :func:`generate` did: which files changed (paths relative to the output), and why."""

    changed: tuple[str, ...]
    reason: str


def _require(inputs: Inputs) -> None:
    """Each input is there, or one :class:`CodegenError` naming it and what it should be."""
    expected = (
        (inputs.spec, "the OpenAPI document the client is generated from"),
        (inputs.overlay, "the overlay that makes the client's view of the spec"),
        (inputs.config, "the openapi-python-client configuration"),
        (inputs.templates, "the directory of the generator's templates"),
    )
    for path, what in expected:
        directory = path == inputs.templates
        error = missing_input(_shown(inputs, path), path, what, directory=directory)
        if error is not None:
            raise error


def generate(inputs: Inputs = Inputs(), *, force: bool = False) -> Outcome:
    """Bring ``inputs.output`` up to date; skip the work when the stamp says it already is."""
    try:
        return _generate(inputs, force=force)
    except OSError as exc:  # a file that vanished or cannot be written, named
        where = exc.filename if exc.filename is not None else inputs.output
        raise CodegenError(f"{where}: {exc.strerror or exc}") from exc


def _generate(inputs: Inputs, *, force: bool) -> Outcome:
    _require(inputs)
    digest = inputs.digest()
    stamp = f"{digest}\n{tree_digest(inputs.output)}\n"
    if not force and inputs.stamp.is_file() and inputs.stamp.read_text() == stamp:
        return Outcome((), "up to date (inputs and output match the stamp)")
    with DirectorySwap(inputs.output) as swap:
        fresh = swap.scratch / inputs.output.name
        render(inputs, fresh)
        old, new = _tree(inputs.output), _tree(fresh)
        changed = tuple(sorted(p for p in set(old) | set(new) if old.get(p) != new.get(p)))
        if changed:
            swap.replace_with(fresh)
    inputs.stamp.parent.mkdir(parents=True, exist_ok=True)
    inputs.stamp.write_text(f"{digest}\n{tree_digest(inputs.output)}\n")
    reason = f"regenerated, {len(changed)} file(s) changed" if changed else "regenerated, no change"
    return Outcome(changed, reason)


# ---- make check-generated ------------------------------------------------------------------


def check(inputs: Inputs = Inputs()) -> list[str]:
    """Regenerate into a temporary directory and compare with ``inputs.output``.

    Returns a readable report, one entry per differing file (empty when up to date).
    """
    _require(inputs)
    with tempfile.TemporaryDirectory(prefix="check-generated.") as scratch:
        fresh = Path(scratch) / inputs.output.name
        render(inputs, fresh)
        return differences(_tree(inputs.output), _tree(fresh))


def differences(committed: Mapping[str, bytes], expected: Mapping[str, bytes]) -> list[str]:
    """What differs between the committed tree and a fresh one, as short readable entries."""
    report = []
    for path in sorted(set(committed) | set(expected)):
        old, new = committed.get(path), expected.get(path)
        if old == new:
            continue
        if old is None:
            report.append(f"missing: {path} (the generator makes it; it is not in the tree)")
        elif new is None:
            report.append(f"extra:   {path} (not made by the generator)")
        else:
            report.append(f"changed: {path}\n{_excerpt(path, old, new)}")
    return report


def _excerpt(path: str, old: bytes, new: bytes, limit: int = 12) -> str:
    lines = list(
        difflib.unified_diff(
            old.decode(errors="replace").splitlines(),
            new.decode(errors="replace").splitlines(),
            f"committed/{path}",
            f"generated/{path}",
            n=1,
            lineterm="",
        )
    )
    shown = lines[:limit]
    if len(lines) > limit:
        shown.append(f"... {len(lines) - limit} more diff lines")
    return "\n".join(f"    {line}" for line in shown)
