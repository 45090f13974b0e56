"""``runspec serve``: what it prints, the options it passes on, and the exit code 2 for input it
cannot use (an ``--assistants`` file, named by file and field; a busy port)."""

from __future__ import annotations

import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from runspec.cli import main
from runspec.server import Assistant, AssistantsFileError, load_assistants
from runspec.spec import SpecSchemas
from tests.server.support import ASSISTANT, BETA

GOOD_FILE = """\
assistants:
  - id: asst_weather
    model: gpt-4o-mini
    instructions: You report the weather.
    tools:
      - type: function
        function:
          name: get_weather
          parameters: {type: object, properties: {city: {type: string}}, required: [city]}
  - id: asst_plain
"""


class Served:
    """A ``runspec serve`` subprocess and the lines it printed before serving."""

    def __init__(self, process: subprocess.Popen[str], lines: list[str]) -> None:
        self.process = process
        self.lines = lines

    @property
    def base_url(self) -> str:
        (line,) = [line for line in self.lines if "base URL:" in line]
        return line.split("base URL:", 1)[1].strip()


@pytest.fixture
def serve() -> Iterator[object]:
    started: list[subprocess.Popen[str]] = []

    def run(*options: str) -> Served:
        process = subprocess.Popen(
            [sys.executable, "-m", "runspec.cli", "serve", "--port", "0", *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        lines: queue.Queue[str] = queue.Queue()
        assert process.stdout is not None
        stdout = process.stdout

        def read() -> None:
            for line in stdout:
                lines.put(line)

        threading.Thread(target=read, daemon=True).start()
        printed: list[str] = []
        deadline = time.monotonic() + 20
        while not any(line.startswith("  e.g.") for line in printed):
            try:
                printed.append(
                    lines.get(timeout=max(0.1, deadline - time.monotonic())).rstrip("\n")
                )
            except queue.Empty:
                raise AssertionError(f"serve printed {printed}; stderr: {process.stderr}") from None
        served = Served(process, printed)
        _wait_until_up(served.base_url)
        return served

    yield run
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def _wait_until_up(base_url: str) -> None:
    deadline = time.monotonic() + 10
    while True:
        try:
            httpx.get(base_url, timeout=1)
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def test_serve_prints_the_base_url_and_the_key(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    served: list[list[socket.socket]] = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets: served.append(sockets))
    assert main(["serve", "--port", "0"]) == 0
    (sock,) = served[0]
    port = sock.getsockname()[1]
    sock.close()
    assert capsys.readouterr().out.splitlines() == [
        "runspec reference server",
        f"  base URL: http://127.0.0.1:{port}/v1",
        "  API key:  sk-local-test",
        f"  e.g. OPENAI_BASE_URL=http://127.0.0.1:{port}/v1 OPENAI_API_KEY=sk-local-test",
    ]


def test_serve_reads_the_key_from_the_environment_and_masks_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    served: list[tuple[uvicorn.Server, list[socket.socket]]] = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets: served.append((self, sockets)))
    key = "sk-proj-4yNZzSecretSecretSecret6mjw"
    monkeypatch.setenv("RUNSPEC_API_KEY", key)
    assert main(["serve", "--port", "0", "--api-key", "sk-also-this-one"]) == 0
    server, (sock,) = served[0]
    sock.close()
    out = capsys.readouterr().out
    assert key not in out
    masked = "sk-proj-" + "*" * 23 + "6mjw"
    assert f"  API key:  {masked} (from RUNSPEC_API_KEY) (and 1 more)" in out
    assert "OPENAI_API_KEY=<the key>" in out
    app: Any = server.config.app
    assert set(app.state.config.api_keys) == {key, "sk-also-this-one"}


def test_an_empty_environment_variable_is_no_key(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets: sockets[0].close())
    monkeypatch.setenv("RUNSPEC_API_KEY", " ")
    assert main(["serve", "--port", "0"]) == 0
    assert "  API key:  sk-local-test\n" in capsys.readouterr().out


def test_serve_passes_its_options_on_and_stops_cleanly(serve: object, tmp_path: Path) -> None:
    assistants = tmp_path / "assistants.yaml"
    assistants.write_text(GOOD_FILE)
    served = serve(  # type: ignore[operator]
        "--api-key", "sk-one", "--api-key", "sk-two",
        "--assistants", str(assistants),
        "--any-assistant",
        "--run-duration", "30",
        "--max-threads", "5",
        "--max-body-bytes", "2000",
        "--max-body-values", "40",
        "--fault-injection",
    )  # fmt: skip
    assert served.lines[0] == "runspec reference server"
    assert served.base_url.startswith("http://127.0.0.1:")
    assert served.base_url.endswith("/v1")
    assert "  API key:  ****** (and 1 more)" in served.lines  # a key of 12 characters or fewer
    assert "  fault injection is ON (x-runspec-fault header)" in served.lines
    headers = {"Authorization": "Bearer sk-two", **BETA}
    with httpx.Client(base_url=served.base_url, headers=headers) as http:
        response = http.post("/threads/runs", json={"assistant_id": "asst_weather"})
        assert "server" not in response.headers
        run = response.json()
        assert (run["model"], run["instructions"]) == ("gpt-4o-mini", "You report the weather.")
        assert http.post("/threads/runs", json={"assistant_id": "asst_new"}).status_code == 200
        busy = http.post(f"/threads/{run['thread_id']}/runs", json={"assistant_id": ASSISTANT})
        assert busy.status_code == 400  # the run lasts 30 s
        fault = http.post("/threads/runs", headers={"x-runspec-fault": "503"}, json={})
        assert fault.status_code == 503
        wrong_key = http.post(
            "/threads/runs",
            headers={"Authorization": "Bearer sk-local-test"},
            json={"assistant_id": ASSISTANT},
        )
        assert wrong_key.status_code == 401
        many = {"assistant_id": ASSISTANT, "tools": [{"type": "code_interpreter"}] * 20}
        assert http.post("/threads/runs", json=many).status_code == 400  # 43 values
        big = {"assistant_id": ASSISTANT, "instructions": "x" * 2000}
        assert http.post("/threads/runs", json=big).status_code == 413
    served.process.send_signal(signal.SIGINT)
    assert served.process.wait(10) == 0


def test_a_busy_port_is_exit_code_2(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    assert f"error: cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


@pytest.mark.parametrize(
    "option",
    [
        ["--run-duration", "-1"],
        ["--max-threads", "0"],
        ["--port", "70000"],
        ["--max-body-bytes", "0"],
        ["--max-body-values", "-5"],
    ],
)
def test_bad_numbers_are_usage_errors(option: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve", *option])
    assert exited.value.code == 2


# ---- --assistants FILE ---------------------------------------------------------------------------


def test_an_assistants_file_adds_assistants(tmp_path: Path) -> None:
    path = tmp_path / "assistants.yaml"
    path.write_text(GOOD_FILE)
    weather, plain = load_assistants(path, SpecSchemas.from_path())
    assert weather == Assistant(
        id="asst_weather",
        model="gpt-4o-mini",
        instructions="You report the weather.",
        tools=(
            {
                "type": "function",
                "function": {
                    "name": "get_weather",
                    "parameters": {
                        "type": "object",
                        "properties": {"city": {"type": "string"}},
                        "required": ["city"],
                    },
                },
            },
        ),
    )
    assert plain == Assistant(id="asst_plain")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("assistants: [\n", "not valid YAML"),
        ("- id: asst_x\n", "(top level): expected a mapping with the single key 'assistants'"),
        ("assistants: {id: asst_x}\n", "assistants: expected a list of assistants"),
        ("assistants: [asst_x]\n", "assistants[0]: expected a mapping"),
        (
            "assistants: [{model: gpt-4o}]\n",
            "assistants[0].id: expected an id like 'asst_abc123', got None",
        ),
        ("assistants: [{id: thread_1}]\n", "assistants[0].id: expected an id like 'asst_abc123'"),
        (
            "assistants: [{id: asst_a}, {id: asst_a}]\n",
            "assistants[1].id: duplicate id 'asst_a'",
        ),
        (
            "assistants: [{id: asst_a, temperature: 1}]\n",
            "assistants[0].temperature: unknown field; expected one of id, model, instructions, tools",
        ),
        ("assistants: [{id: asst_a, model: 4}]\n", "assistants[0].model: expected a string, got 4"),
        (
            "assistants: [{id: asst_a, tools: [{type: browser}]}]\n",
            "assistants[0].tools[0].type: Invalid value: 'browser'. Supported values are: "
            "'code_interpreter', 'file_search', and 'function'.",
        ),
        (
            "assistants: [{id: asst_a, tools: [{type: function, function: {name: 'a b'}}]}]\n",
            "assistants[0].tools[0].function.name: Invalid 'assistants[0].tools[0].function.name': "
            "string does not match pattern.",
        ),
        (
            "assistants: [{id: asst_a, tools: "
            + "["
            + ", ".join(["{type: code_interpreter}"] * 21)
            + "]}]\n",
            "assistants[0].tools: Invalid 'assistants[0].tools': array too long.",
        ),
    ],
)
def test_a_bad_assistants_file_is_exit_code_2_naming_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, problem: str
) -> None:
    path = tmp_path / "assistants.yaml"
    path.write_text(text)
    with pytest.raises(AssistantsFileError) as raised:
        load_assistants(path, SpecSchemas.from_path())
    assert str(path) in str(raised.value)
    assert problem in str(raised.value)
    assert main(["serve", "--port", "0", "--assistants", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}")
    assert problem in err


def test_a_missing_assistants_file_is_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nope.yaml"
    assert main(["serve", "--assistants", str(path)]) == 2
    assert f"error: {path}: cannot read" in capsys.readouterr().err
