"""SLOW (2 to 3 minutes): the fast tier of `make consumers` on every published variant.

The npm and PyPI consumers (validators, openapi-typescript, @hey-api/openapi-ts, orval with tsc,
datamodel-code-generator decoding every example, openapi-python-client, the dist/typescript
package) must accept the public spec and each variant. The slow tier (openapi-generator's Go,
Java, Python and typescript-fetch clients, the three doc renderers) runs in `make consumers`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from runspec import PROJECT_ROOT
from runspec.consumers import run_consumers, variant_specs

pytestmark = pytest.mark.slow


def test_every_fast_consumer_accepts_every_variant(tmp_path: Path) -> None:
    specs = variant_specs(PROJECT_ROOT, tmp_path / "specs")
    table = run_consumers(specs, tmp_path / "runs", "fast", PROJECT_ROOT, log=lambda _: None)
    failed = {
        f"{consumer} x {variant}": outcome.detail
        for consumer, row in table.items()
        for variant, outcome in row.items()
        if outcome.ok is False
    }
    assert failed == {}
    not_run = [
        f"{consumer} x {variant}: {outcome.detail}"
        for consumer, row in table.items()
        for variant, outcome in row.items()
        if outcome.ok is None and not outcome.detail.startswith("n/a")
    ]
    assert not_run == [], "make setup installs every fast consumer"
