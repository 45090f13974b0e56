"""SLOW: `make consumers` on every published variant, one tier per test (2 to 4 minutes each).

The fast tier (validators, openapi-typescript, @hey-api/openapi-ts and orval with tsc,
datamodel-code-generator decoding every example, openapi-python-client, the dist/typescript
package) installs from npm and PyPI, so every consumer must run. The slow tier (openapi-generator's
Go, Python, typescript-fetch and Java clients, Swagger UI, Redoc and Scalar in Chromium) also needs
Debian's Go, JDK jars and Chromium: `.ci/run` installs them, so in CI (CI=true) each must run too;
on a machine without them a consumer is "not run", never passed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from runspec import PROJECT_ROOT
from runspec.consumers import run_consumers, variant_specs

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("tier", ["fast", "slow"])
def test_every_consumer_of_the_tier_accepts_every_variant(tmp_path: Path, tier: str) -> None:
    specs = variant_specs(PROJECT_ROOT, tmp_path / "specs")
    table = run_consumers(specs, tmp_path / "runs", tier, PROJECT_ROOT, log=lambda _: None)
    assert table
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
    if tier == "fast" or os.environ.get("CI") == "true":
        assert not_run == [], "every consumer of this tier is installed here"
