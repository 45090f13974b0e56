"""Proof that the suite raises no false alarm on valid freedoms: every variant passes it.

Each variant of the reference server (tests/contract/variants.py) rewrites its answers in a way
the standards allow; the suite, run as for the mutants, must find nothing at all.
"""

from __future__ import annotations

import pytest

from runspec.contract.runner import run_in_process
from runspec.contract.summary import render_markdown
from runspec.server import create_app
from tests.contract.variants import VARIANTS, Variant

# The freedoms the issue lists, and the variant that proves each.
REQUIRED_FREEDOMS = {
    "CRLF line ends": "sse-crlf",
    "CR line ends": "sse-cr",
    "comment lines": "sse-comments",
    "no space after the colon": "sse-no-space",
    "id: and retry: fields": "sse-id-retry",
    "arbitrary chunking": "chunked",
    "JSON whitespace and key order": "json-layout",
    "compressed responses": "gzip",
    "unknown extra response fields": "extra-fields",
    "extra headers": "extra-headers",
}


def test_every_freedom_has_a_variant() -> None:
    names = [variant.name for variant in VARIANTS]
    assert len(names) == len(set(names))
    assert set(REQUIRED_FREEDOMS.values()) <= set(names)


@pytest.mark.slow
@pytest.mark.parametrize("variant", VARIANTS, ids=str)
def test_the_suite_passes_the_variant(variant: Variant, api_key: str) -> None:
    app = variant.wrap(create_app(api_keys=[api_key], any_assistant=True))
    tally = run_in_process(
        app,
        api_key=api_key,
        profile="quick",
        seed=0,
        phases=variant.phases,
        max_examples=20,
        shrink=False,
    )
    assert app.changed > 0, f"{variant.freedom}: no answer was rewritten"
    assert tally.passed, f"{variant.freedom}: false alarm\n{render_markdown(tally)}"
    assert not tally.errors, tally.errors
