"""Apply overlay files to a spec file: the file-level entry point the CLI and the Makefile use.

Files are read with :mod:`runspec.yamlio` (YAML 1.2: ``on`` and ``2024-10-01`` stay strings), or
as JSON when their name ends in ``.json``. Every file is read and every overlay validated before
anything is applied, so one run reports all the unreadable files and invalid overlays at once.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from runspec.overlay.document import Overlay, read_overlay
from runspec.overlay.engine import OverlayResult, run_overlays, to_json_data
from runspec.overlay.errors import OverlayDocumentError, OverlayProblem, OverlayWarning
from runspec.yamlio import YamlError, load_document

__all__ = ["apply_overlay_files", "apply_overlay_files_result"]


def apply_overlay_files(
    spec_path: str | Path, overlay_paths: Sequence[str | Path], *, strict: bool = False
) -> dict[str, Any]:
    """The spec at ``spec_path`` with the overlays applied in order.

    Warnings (a target selecting nothing, when not ``strict``) are issued as
    :class:`~runspec.overlay.errors.OverlayWarning` through :mod:`warnings`. Raises
    :class:`~runspec.overlay.errors.OverlayError` (``problems`` lists them all).
    """
    result = apply_overlay_files_result(spec_path, overlay_paths, strict=strict)
    for warning in result.warnings:
        warnings.warn(OverlayWarning(warning), stacklevel=2)
    return result.document


def apply_overlay_files_result(
    spec_path: str | Path, overlay_paths: Sequence[str | Path], *, strict: bool = False
) -> OverlayResult:
    """Like :func:`apply_overlay_files`, but returns the warnings instead of issuing them."""
    problems: list[OverlayProblem] = []
    spec = _load(spec_path, problems)
    if spec is not _UNREADABLE and not isinstance(spec, dict):
        problems.append(
            OverlayProblem(str(spec_path), "not an OpenAPI document: expected an object")
        )
    overlays: list[Overlay] = []
    for path in overlay_paths:
        raw = _load(path, problems)
        if raw is _UNREADABLE:
            continue
        overlay, overlay_problems = read_overlay(to_json_data(raw), source=str(path))
        problems.extend(overlay_problems)
        if overlay is not None:
            overlays.append(overlay)
    if problems:
        raise OverlayDocumentError(problems)
    return run_overlays(spec, overlays, strict=strict)


_UNREADABLE: Any = object()


def _load(path: str | Path, problems: list[OverlayProblem]) -> Any:
    try:
        return load_document(path)
    except YamlError as exc:
        problems.append(OverlayProblem(str(path), _one_line(exc, str(path))))
        return _UNREADABLE


def _one_line(exc: YamlError, name: str) -> str:
    """The reason a file could not be read, without the file name and on one line."""
    cause = exc.__cause__
    if isinstance(cause, yaml.MarkedYAMLError) and cause.problem_mark is not None:
        mark = cause.problem_mark
        return f"not valid YAML: line {mark.line + 1}, column {mark.column + 1}: {cause.problem}"
    message = str(exc)
    if message.startswith(name):
        message = message[len(name) :].removeprefix(":").lstrip()
    return " ".join(message.split())
