"""Fixtures of the publishing tests: the browser for the offline-docs check."""

from __future__ import annotations

import os

import pytest

from tests.publish.chromium import find_chromium


@pytest.fixture(scope="session")
def chromium() -> str:
    """Chromium's path; skipped without it, except under ``CI=true`` where it must exist."""
    found = find_chromium()
    if found is None:
        message = (
            "chromium not found: install it to run the offline-docs test "
            "(Debian: apt-get install -y chromium; .ci/run does this in CI)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found
