"""Where the toolkit's own files are: the working copy in a checkout, package data when installed.

The spec, the overlays and the contract suite's ``schemathesis.toml`` live at the top of the
repository, where people edit them. A wheel carries copies of them under ``runspec/bundled/``
(``[tool.hatch.build.targets.wheel.force-include]`` in ``pyproject.toml`` maps them there, in the
same layout, so that the overlays' relative ``extends`` still point at the spec). Code asks this
module, never a path of its own: in a checkout (the package's parent directory holds the
project's ``pyproject.toml`` and spec) it gets the working copy, so an edit of
``openapi/openapi.yaml`` takes effect at once; installed, it gets the bundled copy.

The codegen templates and their configuration need no mapping: they live inside the package
(``runspec/codegen/``) in both cases.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "BUNDLED_ROOT",
    "CODEGEN_CONFIG_PATH",
    "CODEGEN_TEMPLATES",
    "CONTRACT_CONFIG_PATH",
    "DATA_ROOT",
    "IN_CHECKOUT",
    "OVERLAYS_DIR",
    "PACKAGE_DIR",
    "PROJECT_ROOT",
    "SPEC_PATH",
]

PACKAGE_DIR = Path(__file__).resolve().parent
# The repository root when running from a checkout; site-packages (meaningless) when installed.
PROJECT_ROOT = PACKAGE_DIR.parent
BUNDLED_ROOT = PACKAGE_DIR / "bundled"
IN_CHECKOUT = (PROJECT_ROOT / "pyproject.toml").is_file() and (
    PROJECT_ROOT / "openapi" / "openapi.yaml"
).is_file()
DATA_ROOT = PROJECT_ROOT if IN_CHECKOUT else BUNDLED_ROOT

SPEC_PATH = DATA_ROOT / "openapi" / "openapi.yaml"
OVERLAYS_DIR = DATA_ROOT / "overlays"
CONTRACT_CONFIG_PATH = DATA_ROOT / "schemathesis.toml"
CODEGEN_TEMPLATES = PACKAGE_DIR / "codegen" / "templates"
CODEGEN_CONFIG_PATH = PACKAGE_DIR / "codegen" / "openapi-python-client.yaml"
