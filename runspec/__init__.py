"""runspec: a spec-first toolkit for the Assistants v2 run endpoints.

The one source of truth is ``openapi/openapi.yaml`` (the bundled copy when installed, see
:mod:`runspec.resources`); the modules here derive everything else from it: variants
(:mod:`runspec.overlay`), checks (:mod:`runspec.check`), the reference server, the contract suite,
the client generator and the breaking-change report.
"""

from runspec.resources import PROJECT_ROOT, SPEC_PATH

__all__ = ["PROJECT_ROOT", "SPEC_PATH", "__version__"]

# Kept equal to [project] version in pyproject.toml (tests/packaging checks it).
__version__ = "0.1.0"
