"""runspec: a spec-first toolkit for the Assistants v2 run endpoints.

The one source of truth is ``openapi/openapi.yaml``; the modules here derive everything else from
it: variants (:mod:`runspec.overlay`), checks (:mod:`runspec.check`), the reference server, the
contract suite and the breaking-change report.
"""

from pathlib import Path

__all__ = ["PROJECT_ROOT", "SPEC_PATH", "__version__"]

__version__ = "0.1.0"

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = PROJECT_ROOT / "openapi" / "openapi.yaml"
