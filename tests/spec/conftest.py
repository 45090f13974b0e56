"""Fixtures for the spec tests."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from runspec import SPEC_PATH
from runspec.spec import load_spec
from tests.spec.schema_view import SchemaView


@pytest.fixture(scope="session")
def spec() -> Mapping[str, Any]:
    return load_spec(SPEC_PATH)


@pytest.fixture(scope="session")
def view(spec: Mapping[str, Any]) -> SchemaView:
    return SchemaView(spec)
