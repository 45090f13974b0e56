"""What every measurement gets: the configuration, paths, the deadline, and what has been built.

Components are built by other parts of the project (the reference server, the generated client,
``make generate``, the contract budget script); :class:`Components` finds out which exist so a row
whose component is missing says "not built yet" instead of failing.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from runspec import PROJECT_ROOT
from runspec.bench.config import BenchConfig
from runspec.bench.fixtures import spec_stream_example

__all__ = ["Components", "Context"]

GENERATED_DIR = PROJECT_ROOT / "generated"
CLIENT_PACKAGE = "assistants_runs_client"


def _module_has(module: str, attribute: str) -> bool:
    try:
        if importlib.util.find_spec(module) is None:
            return False
        return hasattr(importlib.import_module(module), attribute)
    except Exception:  # a half-built component is as good as none
        return False


@dataclass(frozen=True)
class Components:
    """Which parts of the project the benchmark can measure right now."""

    root: Path = PROJECT_ROOT

    def client(self) -> bool:
        """The generated client (``generated/assistants_runs_client``), importable."""
        if (GENERATED_DIR / CLIENT_PACKAGE).is_dir() and str(GENERATED_DIR) not in sys.path:
            sys.path.insert(0, str(GENERATED_DIR))
        return _module_has(CLIENT_PACKAGE, "AuthenticatedClient")

    def server(self) -> bool:
        """The reference server (``runspec.server.create_app`` and ``runspec serve``)."""
        commands = self.root / "runspec" / "commands"
        return _module_has("runspec.server", "create_app") and (commands / "serve.py").exists()

    def generate_target(self) -> bool:
        """A ``generate`` target in the Makefile."""
        makefile = self.root / "Makefile"
        return (
            makefile.exists() and re.search(r"^generate:", makefile.read_text(), re.M) is not None
        )

    def contract_budget_script(self) -> Path | None:
        """The contract suite's budget script, e.g. ``scripts/contract_budget.py``."""
        found = sorted((self.root / "scripts").glob("contract*budget*.py"))
        return found[0] if found else None


@dataclass
class Context:
    config: BenchConfig
    log_dir: Path
    root: Path = PROJECT_ROOT
    components: Components = field(default_factory=Components)
    started: float = field(default_factory=time.monotonic)
    recorded_stream: bytes | None = None
    recorded_stream_source: str = "the spec's example"

    @property
    def deadline(self) -> float:
        return self.started + self.config.deadline_seconds

    def time_left(self) -> float:
        return self.deadline - time.monotonic()

    def stream_bytes(self) -> bytes:
        """The recorded stream of the reference server, else the spec's example transcript."""
        if self.recorded_stream is None:
            self.recorded_stream = spec_stream_example()
        return self.recorded_stream
