"""The official ``openai`` SDK drives the reference server over real HTTP on loopback.

uvicorn runs the app in a thread on a free port (``runspec.server.testing.serve_in_thread``);
every response and streamed event the SDK receives is checked against the spec on its way out
(``ConformanceRecorder``). The SDK marks the Assistants API deprecated; only that warning is
silenced.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import openai
import pytest
from openai import AssistantEventHandler
from openai.types.beta.assistant_stream_event import ThreadMessageDelta
from openai.types.beta.threads import Message, Text, TextDelta, TextDeltaBlock
from openai.types.beta.threads.runs import ToolCall

from runspec.server import create_app
from runspec.server.testing import ConformanceRecorder, LiveServer, serve_in_thread
from runspec.spec import SpecSchemas

pytestmark = pytest.mark.filterwarnings(
    "ignore:The Assistants API is deprecated in favor of the Responses API:DeprecationWarning"
)

KEY = "sk-local-test"
ASSISTANT = "asst_abc123"


class Server:
    def __init__(self, live: LiveServer, recorder: ConformanceRecorder) -> None:
        self.live = live
        self.recorder = recorder

    def client(self, **options: Any) -> openai.OpenAI:
        return openai.OpenAI(
            base_url=self.live.base_url, api_key=options.pop("api_key", KEY), **options
        )


@pytest.fixture(scope="module")
def schemas() -> SpecSchemas:
    return SpecSchemas.from_path()


def _serve(schemas: SpecSchemas, **options: Any) -> Iterator[Server]:
    recorder = ConformanceRecorder(create_app(**options), schemas)
    with serve_in_thread(recorder) as live:
        yield Server(live, recorder)
    assert recorder.responses > 0
    assert not recorder.problems, "\n".join(recorder.problems)


@pytest.fixture(scope="module")
def server(schemas: SpecSchemas) -> Iterator[Server]:
    yield from _serve(schemas, fault_injection=True)


@pytest.fixture(scope="module")
def slow_server(schemas: SpecSchemas) -> Iterator[Server]:
    yield from _serve(schemas, run_duration=0.3)


@pytest.fixture
def client(server: Server) -> Iterator[openai.OpenAI]:
    with server.client() as sdk:
        yield sdk


def new_thread(client: openai.OpenAI, text: str = "Hello there") -> str:
    run = client.beta.threads.create_and_run(
        assistant_id=ASSISTANT, thread={"messages": [{"role": "user", "content": text}]}
    )
    return run.thread_id


class Recorder(AssistantEventHandler):
    """An event handler that keeps what the SDK reports."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.events: list[str] = []
        self.messages_done: list[Message] = []
        self.tool_calls: list[ToolCall] = []

    def on_event(self, event: Any) -> None:
        self.events.append(event.event)

    def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
        self.text += delta.value or ""

    def on_message_done(self, message: Message) -> None:
        self.messages_done.append(message)

    def on_tool_call_created(self, tool_call: ToolCall) -> None:
        self.tool_calls.append(tool_call)


# ---- plain creates ---------------------------------------------------------------------------


def test_create_and_run(client: openai.OpenAI) -> None:
    run = client.beta.threads.create_and_run(
        assistant_id=ASSISTANT,
        thread={"messages": [{"role": "user", "content": "Hello"}], "metadata": {"k": "v"}},
        metadata={"ticket": "T-1"},
        temperature=0.5,
    )
    assert run.object == "thread.run"
    assert run.status == "queued"
    assert run.id.startswith("run_")
    assert run.thread_id.startswith("thread_")
    assert (run.model, run.metadata, run.temperature) == ("gpt-4o", {"ticket": "T-1"}, 0.5)
    assert run.expires_at == run.created_at + 600
    assert run.truncation_strategy is not None
    assert run.truncation_strategy.type == "auto"


def test_runs_create(client: openai.OpenAI) -> None:
    thread_id = new_thread(client)
    run = client.beta.threads.runs.create(
        thread_id,
        assistant_id=ASSISTANT,
        additional_instructions="Be brief.",
        additional_messages=[{"role": "user", "content": "And now?"}],
        tool_choice="none",
    )
    assert (run.thread_id, run.status, run.tool_choice) == (thread_id, "queued", "none")
    assert run.instructions == "You are a helpful assistant.\nBe brief."


# ---- stream=True ----------------------------------------------------------------------------------


def test_create_and_run_with_stream_true(client: openai.OpenAI) -> None:
    stream = client.beta.threads.create_and_run(
        assistant_id=ASSISTANT,
        thread={"messages": [{"role": "user", "content": "Stream this please"}]},
        stream=True,
    )
    events = list(stream)
    assert events[0].event == "thread.created"
    last = events[-1]
    assert last.event == "thread.run.completed"
    assert last.data.status == "completed"
    assert last.data.usage is not None
    assert last.data.usage.completion_tokens == 5
    text = ""
    for event in events:
        if isinstance(event, ThreadMessageDelta):
            for part in event.data.delta.content or []:
                if isinstance(part, TextDeltaBlock) and part.text and part.text.value:
                    text += part.text.value
    assert text == "You said: Stream this please"


def test_runs_create_with_stream_true(client: openai.OpenAI) -> None:
    stream = client.beta.threads.runs.create(
        new_thread(client), assistant_id=ASSISTANT, stream=True
    )
    names = [event.event for event in stream]
    assert names[0] == "thread.run.created"
    assert names[-1] == "thread.run.completed"
    assert "thread.message.delta" in names


# ---- the stream helpers ---------------------------------------------------------------------


def test_runs_stream_with_an_event_handler(client: openai.OpenAI) -> None:
    thread_id = new_thread(client)
    handler = Recorder()
    with client.beta.threads.runs.stream(
        thread_id=thread_id,
        assistant_id=ASSISTANT,
        additional_messages=[{"role": "user", "content": "What did I say?"}],
        event_handler=handler,
    ) as stream:
        stream.until_done()
        run = stream.get_final_run()
        messages = stream.get_final_messages()
    assert run.status == "completed"
    assert handler.text == "You said: What did I say?"
    (message,) = messages
    assert message.content[0].type == "text"
    assert message.content[0].text.value == handler.text
    assert [m.id for m in handler.messages_done] == [message.id]


def test_create_and_run_stream_with_an_event_handler(client: openai.OpenAI) -> None:
    handler = Recorder()
    with client.beta.threads.create_and_run_stream(
        assistant_id=ASSISTANT,
        thread={"messages": [{"role": "user", "content": "Tell me a story"}]},
        event_handler=handler,
    ) as stream:
        stream.until_done()
        run = stream.get_final_run()
    assert run.status == "completed"
    assert handler.text == "You said: Tell me a story"
    assert handler.events[0] == "thread.created"
    assert handler.events[-1] == "thread.run.completed"


def test_a_forced_function_ends_in_requires_action(client: openai.OpenAI) -> None:
    handler = Recorder()
    with client.beta.threads.runs.stream(
        thread_id=new_thread(client, "Weather in Lyon?"),
        assistant_id=ASSISTANT,
        tool_choice={"type": "function", "function": {"name": "get_weather"}},
        event_handler=handler,
    ) as stream:
        stream.until_done()
        run = stream.current_run
    assert run is not None
    assert run.status == "requires_action"
    assert run.required_action is not None
    (call,) = run.required_action.submit_tool_outputs.tool_calls
    assert (call.function.name, call.function.arguments) == ("get_weather", '{"city":"example"}')
    assert [c.type for c in handler.tool_calls] == ["function"]
    assert handler.events[-1] == "thread.run.requires_action"


def test_a_long_reply_ends_incomplete(client: openai.OpenAI) -> None:
    text = " ".join(f"w{i}" for i in range(300))
    with client.beta.threads.create_and_run_stream(
        assistant_id=ASSISTANT,
        thread={"messages": [{"role": "user", "content": text}]},
        max_completion_tokens=256,
    ) as stream:
        stream.until_done()
        run = stream.get_final_run()
    assert run.status == "incomplete"
    assert run.incomplete_details is not None
    assert run.incomplete_details.reason == "max_completion_tokens"


def test_the_async_client_streams_too(server: Server) -> None:
    async def go() -> tuple[str, str]:
        async with (
            openai.AsyncOpenAI(base_url=server.live.base_url, api_key=KEY) as sdk,
            sdk.beta.threads.create_and_run_stream(
                assistant_id=ASSISTANT, thread={"messages": [{"role": "user", "content": "Async"}]}
            ) as stream,
        ):
            text = "".join([delta async for delta in stream.text_deltas])
            run = await stream.get_final_run()
        return run.status, text

    assert asyncio.run(go()) == ("completed", "You said: Async")


def test_after_a_stream_helper_the_next_run_can_start(slow_server: Server) -> None:
    with slow_server.client() as sdk:
        with sdk.beta.threads.create_and_run_stream(assistant_id=ASSISTANT) as stream:
            stream.until_done()
            thread_id = stream.get_final_run().thread_id
        run = sdk.beta.threads.runs.create(thread_id, assistant_id=ASSISTANT)
        assert run.status == "queued"
        with pytest.raises(openai.BadRequestError) as raised:
            sdk.beta.threads.runs.create(thread_id, assistant_id=ASSISTANT)
        assert raised.value.status_code == 400
        assert raised.value.body == {
            "message": f"Thread {thread_id} already has an active run {run.id}.",
            "type": "invalid_request_error",
            "param": None,
            "code": None,
        }


# ---- errors the SDK turns into exceptions ---------------------------------------------------


def test_a_wrong_key_is_an_authentication_error(server: Server) -> None:
    with (
        server.client(api_key="sk-wrong-key-0000000000") as sdk,
        pytest.raises(openai.AuthenticationError) as raised,
    ):
        sdk.beta.threads.create_and_run(assistant_id=ASSISTANT)
    assert raised.value.code == "invalid_api_key"
    assert raised.value.status_code == 401


def test_unknown_ids_are_not_found_errors(client: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as raised:
        client.beta.threads.runs.create("thread_missing", assistant_id=ASSISTANT)
    assert raised.value.body == {
        "message": "No thread found with id 'thread_missing'.",
        "type": "invalid_request_error",
        "param": None,
        "code": None,
    }
    with pytest.raises(openai.NotFoundError):
        client.beta.threads.create_and_run(assistant_id="asst_missing")


def test_a_validation_error_names_the_param(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as raised:
        client.beta.threads.create_and_run(assistant_id=ASSISTANT, temperature=3)
    assert raised.value.param == "temperature"
    assert raised.value.code == "decimal_above_max_value"


def test_the_sdk_retries_a_5xx_and_succeeds(server: Server, client: openai.OpenAI) -> None:
    before = server.recorder.responses
    run = client.beta.threads.create_and_run(
        assistant_id=ASSISTANT, extra_headers={"x-runspec-fault": "503:2:sdk-retry"}
    )
    assert run.status == "queued"
    assert server.recorder.responses - before == 3  # two 503s, then the run


def test_the_sdk_gives_up_after_its_retries(server: Server, client: openai.OpenAI) -> None:
    before = server.recorder.responses
    with pytest.raises(openai.RateLimitError):
        client.beta.threads.create_and_run(
            assistant_id=ASSISTANT, extra_headers={"x-runspec-fault": "429"}
        )
    assert server.recorder.responses - before == 3


def test_a_400_is_not_retried(server: Server, client: openai.OpenAI) -> None:
    before = server.recorder.responses
    with pytest.raises(openai.BadRequestError):
        client.beta.threads.runs.create("undefined", assistant_id=ASSISTANT)
    assert server.recorder.responses - before == 1
