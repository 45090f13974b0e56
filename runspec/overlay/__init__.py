"""Apply OpenAPI Overlay documents (Overlay Specification 1.1.0, and 1.0.0) to OpenAPI documents.

The variants of our spec (``overlays/*.overlay.yaml``) are derived with this package::

    from runspec.overlay import apply_overlay, apply_overlay_files

    result = apply_overlay(spec, overlay, strict=True, source="overlays/azure.overlay.yaml")
    result.document, result.warnings

    spec = apply_overlay_files("openapi/openapi.yaml", ["overlays/azure.overlay.yaml"])

Modules, one job each: :mod:`~runspec.overlay.schema` (the official JSON Schema),
:mod:`~runspec.overlay.query` (RFC 9535 JSONPath with node locations),
:mod:`~runspec.overlay.document` (an overlay read into checked actions),
:mod:`~runspec.overlay.merge` (the merge rules), :mod:`~runspec.overlay.engine` (actions applied
in order) and :mod:`~runspec.overlay.files` (files in, data out).
"""

from runspec.overlay.engine import OverlayResult, apply_overlay, apply_overlays
from runspec.overlay.errors import (
    OverlayApplyError,
    OverlayDocumentError,
    OverlayError,
    OverlayProblem,
    OverlayWarning,
)
from runspec.overlay.files import apply_overlay_files, apply_overlay_files_result

__all__ = [
    "OverlayApplyError",
    "OverlayDocumentError",
    "OverlayError",
    "OverlayProblem",
    "OverlayResult",
    "OverlayWarning",
    "apply_overlay",
    "apply_overlay_files",
    "apply_overlay_files_result",
    "apply_overlays",
]
