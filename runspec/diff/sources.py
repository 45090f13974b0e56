"""Where the two documents of a diff come from: a file, or ``git:<ref>:<path>``.

``git:v1.0.0:openapi/openapi.yaml`` reads the file as it was at that commit (``git show``; the path
is from the repository root, or ``./path`` from the current directory). Files ending in ``.json``
are read as JSON, everything else as YAML 1.2 (:mod:`runspec.yamlio`). A spec split over several
files is read whole: relative ``$ref``s to other files are followed (:mod:`runspec.refs`), from
the working tree or from the same commit. Anything that cannot be
read, or is not an OpenAPI 3.x document, raises :class:`DiffInputError`: exit code 2 on the CLI.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from runspec.refs import RefError, load_with_refs
from runspec.yamlio import YamlError, load_document, loads_yaml

__all__ = ["DiffInputError", "check_openapi", "load_source"]

GIT_PREFIX = "git:"


class DiffInputError(ValueError):
    """A document of the diff cannot be read or is not an OpenAPI 3.x document."""


def load_source(source: str, *, cwd: str | Path | None = None) -> Mapping[str, Any]:
    """The OpenAPI document named by ``source`` (a path, or ``git:<ref>:<path>``)."""
    try:
        if source.startswith(GIT_PREFIX):
            path, read = _git_reader(source, cwd)
            document = load_with_refs(path, read)
        else:
            document = load_with_refs(source, _file_reader(source, cwd))
    except RefError as exc:
        raise DiffInputError(str(exc)) from exc
    return check_openapi(document, source)


def _file_reader(source: str, cwd: str | Path | None) -> Callable[[str], Any]:
    def read(path: str) -> Any:
        full = Path(cwd or ".") / path
        if path != source and not full.is_file():
            raise FileNotFoundError(path)
        try:
            return load_document(full)
        except YamlError as exc:
            raise DiffInputError(_one_line(exc, path)) from exc

    return read


def check_openapi(document: Any, source: str) -> Mapping[str, Any]:
    """``document`` if it looks like an OpenAPI 3.x document, else :class:`DiffInputError`."""
    if not isinstance(document, Mapping):
        raise DiffInputError(f"{source}: not an OpenAPI document: expected a mapping at the top")
    version = document.get("openapi")
    if not isinstance(version, str) or not version.startswith("3."):
        raise DiffInputError(f"{source}: not an OpenAPI 3.x document (no 'openapi: 3.x' field)")
    paths = document.get("paths", {})
    if not isinstance(paths, Mapping):
        raise DiffInputError(f"{source}: 'paths' is not a mapping")
    return document


def _git_reader(source: str, cwd: str | Path | None) -> tuple[str, Callable[[str], Any]]:
    """The root path and a reader of files at that ref, for ``git:<ref>:<path>``."""
    ref, sep, root = source[len(GIT_PREFIX) :].partition(":")
    if not sep or not ref or not root:
        raise DiffInputError(f"{source}: expected git:<ref>:<path>, e.g. git:v1.0.0:openapi.yaml")
    from_cwd = root.startswith("./")

    def read(path: str) -> Any:
        shown = f"{GIT_PREFIX}{ref}:{path}"
        return _load_git(
            shown,
            ref,
            f"./{path.removeprefix('./')}" if from_cwd else path,
            cwd,
            first=path == root,
        )

    return root, read


def _load_git(source: str, ref: str, path: str, cwd: str | Path | None, *, first: bool) -> Any:
    try:
        completed = subprocess.run(
            ["git", "show", f"{ref}:{path}"],
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise DiffInputError(f"{source}: cannot run git: {exc.strerror or exc}") from exc
    if completed.returncode != 0:
        reason = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        if not first and reason and ("does not exist" in reason[0] or "but not in" in reason[0]):
            raise FileNotFoundError(source)
        raise DiffInputError(f"{source}: {reason[0] if reason else 'git show failed'}")
    text = completed.stdout.decode("utf-8", "replace")
    if path.endswith(".json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise DiffInputError(f"{source}:{exc.lineno}:{exc.colno}: not valid JSON") from exc
    try:
        return loads_yaml(text, source=source)
    except YamlError as exc:
        raise DiffInputError(_one_line(exc, source)) from exc


def _one_line(exc: YamlError, source: str) -> str:
    """The reason a document could not be read, on one line with its position."""
    cause = exc.__cause__
    if isinstance(cause, yaml.MarkedYAMLError) and cause.problem_mark is not None:
        mark = cause.problem_mark
        return f"{source}:{mark.line + 1}:{mark.column + 1}: not valid YAML: {cause.problem}"
    return " ".join(str(exc).split())
