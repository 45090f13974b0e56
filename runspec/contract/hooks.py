"""The hooks module of the contract suite, shared by the schemathesis CLI and by pytest.

The CLI loads it with ``SCHEMATHESIS_HOOKS=runspec.contract.hooks`` (``scripts/contract.py``
sets that); the pytest suite imports it. Importing it registers the domain checks of
:mod:`runspec.contract.checks`; ``schemathesis.toml`` turns every check, built-in or ours, on.
"""

from __future__ import annotations

from runspec.contract import checks

__all__ = ["CHECK_NAMES"]

CHECK_NAMES = checks.CHECK_NAMES
