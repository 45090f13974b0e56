"""Fixtures of the server tests.

Every app a test builds is wrapped in :class:`~runspec.server.testing.ConformanceRecorder`, and
each test ends by asserting that nothing the server sent broke the spec: every response, error
and streamed event of this suite is checked, not only those a test looks at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from runspec.server import create_app
from runspec.server.testing import ConformanceRecorder
from runspec.spec import SpecSchemas
from tests.server.support import HEADERS

MakeClient = Callable[..., TestClient]


@pytest.fixture(scope="session")
def schemas() -> SpecSchemas:
    return SpecSchemas.from_path()


@pytest.fixture
def recorders() -> Iterator[list[ConformanceRecorder]]:
    found: list[ConformanceRecorder] = []
    yield found
    problems = [p for r in found for p in r.problems]
    assert not problems, "the server broke the spec:\n" + "\n".join(problems)


@pytest.fixture
def checked_app(schemas: SpecSchemas, recorders: list[ConformanceRecorder]) -> Callable[..., Any]:
    """``checked_app(**create_app options)``: an app whose every response is checked."""

    def make(**options: Any) -> ConformanceRecorder:
        recorder = ConformanceRecorder(create_app(**options), schemas)
        recorders.append(recorder)
        return recorder

    return make


@pytest.fixture
def make_client(checked_app: Callable[..., ConformanceRecorder]) -> Iterator[MakeClient]:
    """``make_client(headers=..., **create_app options)``: an in-process client of a new app."""
    clients: list[TestClient] = []

    def make(*, headers: dict[str, str] | None = None, **options: Any) -> TestClient:
        client = TestClient(checked_app(**options), headers=HEADERS if headers is None else headers)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    """A client of a default app that sends the key and the beta header."""
    return make_client()


@pytest.fixture
def bare(make_client: MakeClient) -> TestClient:
    """A client of a default app that sends no headers of its own."""
    return make_client(headers={})
