"""The ``assistants_server`` pytest fixture: the reference server inside a team's own test suite.

Installing runspec registers this module with pytest (entry point ``pytest11``), so a test of an
application that calls the Assistants API asks for the fixture and points its client at it::

    import openai

    def test_summary_run(assistants_server):
        client = openai.OpenAI(
            base_url=assistants_server.base_url, api_key=assistants_server.api_key
        )
        run = client.beta.threads.create_and_run(assistant_id="asst_abc123")
        assert run.status == "queued"

Every test gets a server of its own (uvicorn in a thread of the test process, on a free port of
127.0.0.1, stopped after the test), so no thread or run leaks from one test into the next; it
starts in milliseconds. It is :func:`runspec.server.create_app` with the bundled spec: the seeded
assistant ``asst_abc123``, one API key, runs that finish at once (a stream runs to
``thread.run.completed``; the thread is free for the next run).

How it behaves, for every test (command line, or the same names in the ini file without dashes):

``--assistants-run-duration SECONDS``
    how long a run stays active (default 0), keeping its thread busy meanwhile;
``--assistants-fault-injection``
    honour the ``x-runspec-fault`` request header (:mod:`runspec.server.faults`);

and for one test, the marker overrides them::

    @pytest.mark.assistants_server(run_duration=2, fault_injection=True, any_assistant=True)

:meth:`AssistantsServer.add_assistant` and :meth:`AssistantsServer.add_thread` put assistants and
threads in place before the application under test looks for them. Heavy imports (uvicorn, the
server) happen when the fixture is first used, so the plugin costs nothing in suites without it.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from runspec.server.state import Store

__all__ = ["AssistantsServer", "assistants_server"]

_MARKER = "assistants_server"
_MARKER_OPTIONS = frozenset({"run_duration", "fault_injection", "any_assistant", "api_key"})


@dataclass(frozen=True)
class AssistantsServer:
    """A running reference server: where it is, the key it accepts, and what it holds."""

    base_url: str  # the API's base URL, ``http://127.0.0.1:PORT/v1``
    api_key: str
    fault_header: str  # the request header that asks for a fault (with fault injection on)
    store: Store  # its assistants and threads (read it to see what the application did)

    def add_assistant(
        self,
        assistant_id: str | None = None,
        *,
        model: str = "gpt-4o",
        instructions: str = "You are a helpful assistant.",
        tools: Sequence[Mapping[str, Any]] = (),
    ) -> str:
        """Add an assistant (a fresh ``asst_...`` id unless one is given); return its id."""
        from runspec.server.assistants import ASSISTANT_ID, Assistant
        from runspec.server.ids import new_id

        chosen = assistant_id or new_id("asst_")
        if not ASSISTANT_ID.fullmatch(chosen):
            raise ValueError(f"assistant id {chosen!r} is not like 'asst_abc123'")
        self.store.add_assistant(
            Assistant(id=chosen, model=model, instructions=instructions, tools=tuple(tools))
        )
        return chosen

    def add_thread(self, *, metadata: Mapping[str, str] | None = None) -> str:
        """Add an empty thread, as ``POST /threads`` would make it; return its id."""
        from runspec.server.ids import new_id
        from runspec.server.state import Thread

        thread = Thread(
            id=new_id("thread_"),
            created_at=int(time.time()),
            metadata=dict(metadata or {}),
            tool_resources=None,
        )
        self.store.add_thread(thread)
        return thread.id


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("runspec", "the assistants_server fixture (runspec)")
    group.addoption(
        "--assistants-run-duration",
        metavar="SECONDS",
        type=float,
        default=None,
        help="seconds a run of the assistants_server fixture stays active (default 0)",
    )
    group.addoption(
        "--assistants-fault-injection",
        action="store_true",
        default=None,
        help="the assistants_server fixture honours the x-runspec-fault header",
    )
    parser.addini("assistants_run_duration", "default of --assistants-run-duration", default="0")
    parser.addini(
        "assistants_fault_injection",
        "default of --assistants-fault-injection",
        type="bool",
        default=False,
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{_MARKER}(run_duration=0, fault_injection=False, any_assistant=False, api_key=None): "
        "how this test's assistants_server behaves",
    )


def _settings(request: pytest.FixtureRequest) -> dict[str, Any]:
    config = request.config
    duration = config.getoption("assistants_run_duration")
    faults = config.getoption("assistants_fault_injection")
    if duration is None:
        text = config.getini("assistants_run_duration")
        try:
            duration = float(text)
        except ValueError:
            raise pytest.UsageError(
                f"assistants_run_duration = {text!r} in the ini file: expected seconds, like 2.5"
            ) from None
    if faults is None:
        faults = bool(config.getini("assistants_fault_injection"))
    settings: dict[str, Any] = {
        "run_duration": duration,
        "fault_injection": faults,
        "any_assistant": False,
        "api_key": None,
    }
    marker = request.node.get_closest_marker(_MARKER)
    if marker is not None:
        if marker.args:
            raise pytest.UsageError(f"@pytest.mark.{_MARKER} takes keyword arguments only")
        unknown = sorted(set(marker.kwargs) - _MARKER_OPTIONS)
        if unknown:
            raise pytest.UsageError(
                f"@pytest.mark.{_MARKER}: unknown option {unknown[0]!r}; "
                f"expected one of {', '.join(sorted(_MARKER_OPTIONS))}"
            )
        settings.update(marker.kwargs)
    return settings


@pytest.fixture
def assistants_server(request: pytest.FixtureRequest) -> Iterator[AssistantsServer]:
    """The reference server for this test; see :mod:`runspec.pytest_plugin`."""
    from runspec import SPEC_PATH
    from runspec.server import create_app
    from runspec.server.checks import compile_spec
    from runspec.server.faults import FAULT_HEADER
    from runspec.server.testing import serve_in_thread

    settings = _settings(request)
    api_key = settings["api_key"] or f"sk-test-{secrets.token_hex(8)}"
    try:
        app = create_app(
            api_keys=[api_key],
            run_duration=settings["run_duration"],
            fault_injection=settings["fault_injection"],
            any_assistant=settings["any_assistant"],
        )
    except ValueError as exc:
        raise pytest.UsageError(f"assistants_server: {exc}") from exc
    api_base = compile_spec(SPEC_PATH.resolve()).base_path
    with serve_in_thread(app, api_base=api_base) as live:
        yield AssistantsServer(
            base_url=live.base_url,
            api_key=api_key,
            fault_header=FAULT_HEADER,
            store=app.state.store,
        )
