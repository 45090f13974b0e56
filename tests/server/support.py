"""Shared bits of the server tests: the headers every good request carries, request bodies,
and reading a stream."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from runspec.events import ServerSentEvent, parse_event_stream
from runspec.server.state import Store


class AnyResponse(Protocol):
    """A response of httpx or of Starlette's test client (which uses its own httpx)."""

    @property
    def status_code(self) -> int: ...

    @property
    def headers(self) -> Mapping[str, str]: ...

    @property
    def text(self) -> str: ...

    def json(self, **kwargs: Any) -> Any: ...


KEY = "sk-local-test"
ASSISTANT = "asst_abc123"
AUTH = {"Authorization": f"Bearer {KEY}"}
BETA = {"OpenAI-Beta": "assistants=v2"}
HEADERS = {**AUTH, **BETA}
THREAD_RUNS = "/v1/threads/runs"


def runs_of(thread_id: str) -> str:
    return f"/v1/threads/{thread_id}/runs"


def user(content: str | list[dict[str, Any]]) -> dict[str, Any]:
    return {"role": "user", "content": content}


def words(count: int) -> str:
    """A text of ``count`` words (tokens, for the server)."""
    return " ".join(f"w{i}" for i in range(count))


def events_of(response: AnyResponse) -> list[ServerSentEvent]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    return parse_event_stream(response.text)


def names(events: list[ServerSentEvent]) -> list[str]:
    return [e.event for e in events]


def payload(events: list[ServerSentEvent], name: str) -> Any:
    """The data of the last event called ``name``."""
    found = [e for e in events if e.event == name]
    assert found, f"no {name} event in {names(events)}"
    return found[-1].json()


def error_of(response: AnyResponse) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    assert set(body) == {"error"}, body
    error: dict[str, Any] = body["error"]
    return error


def store_of(client: Any) -> Store:
    """The store of the app behind a test client (the app is wrapped in a recorder)."""
    store: Store = client.app.app.state.store
    return store
