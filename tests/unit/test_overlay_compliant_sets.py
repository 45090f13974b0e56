"""The Overlay Specification's own known-good sets: openapi.yaml + overlay.yaml -> output.yaml.

They live in ``../shared/vectors/overlay-compliant-sets`` (OAI/Overlay-Specification, Apache-2.0)
next to the repository, not in it; without that folder these tests are skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from runspec import PROJECT_ROOT
from runspec.overlay import apply_overlay, apply_overlay_files
from runspec.yamlio import load_document

SETS = PROJECT_ROOT.parent / "shared" / "vectors" / "overlay-compliant-sets"
FOLDERS = sorted(path for path in SETS.iterdir() if path.is_dir()) if SETS.is_dir() else []

pytestmark = pytest.mark.skipif(not FOLDERS, reason=f"no compliant sets at {SETS}")


def test_there_are_the_eight_known_sets() -> None:
    assert len(FOLDERS) >= 8


@pytest.mark.parametrize("folder", FOLDERS, ids=[path.name for path in FOLDERS])
def test_compliant_set_gives_the_expected_output(folder: Path) -> None:
    spec = load_document(folder / "openapi.yaml")
    overlay = load_document(folder / "overlay.yaml")
    result = apply_overlay(spec, overlay, strict=True, source=str(folder / "overlay.yaml"))
    assert result.document == load_document(folder / "output.yaml")
    assert result.warnings == ()


@pytest.mark.parametrize("folder", FOLDERS, ids=[path.name for path in FOLDERS])
def test_compliant_set_from_files(folder: Path) -> None:
    document = apply_overlay_files(folder / "openapi.yaml", [folder / "overlay.yaml"], strict=True)
    assert document == load_document(folder / "output.yaml")
