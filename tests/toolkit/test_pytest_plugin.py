"""The ``assistants_server`` fixture (runspec.pytest_plugin), as a team's test suite uses it.

This project's own environment has runspec installed, so the plugin is registered here through
its ``pytest11`` entry point exactly as in a team's environment; these tests ask for the fixture
the same way. The options and the marker are checked in pytest runs of their own (pytester).
"""

from __future__ import annotations

import httpx
import openai
import pytest
from assistants_runs_client import AuthenticatedClient
from assistants_runs_client.api.runs import create_run, create_thread_and_run
from assistants_runs_client.models import CreateRunRequest, CreateThreadAndRunRequest

from runspec.pytest_plugin import AssistantsServer

pytest_plugins = ["pytester"]
pytestmark = pytest.mark.filterwarnings(
    "ignore:The Assistants API is deprecated in favor of the Responses API:DeprecationWarning"
)


def sdk(server: AssistantsServer, **options: object) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key=server.api_key, **options)  # type: ignore[arg-type]


def test_the_official_sdk_runs_against_the_fixture(assistants_server: AssistantsServer) -> None:
    assert assistants_server.base_url.startswith("http://127.0.0.1:")
    assert assistants_server.base_url.endswith("/v1")
    client = sdk(assistants_server)
    run = client.beta.threads.create_and_run(assistant_id="asst_abc123")
    assert run.status == "queued"
    assert run.thread_id.startswith("thread_")
    # Runs finish at once: the thread takes the next run, and a stream runs to the end.
    with client.beta.threads.runs.stream(
        thread_id=run.thread_id, assistant_id="asst_abc123"
    ) as stream:
        events = [event.event for event in stream]
    assert events[-1] == "thread.run.completed"


def test_the_generated_client_runs_against_the_fixture(
    assistants_server: AssistantsServer,
) -> None:
    client = AuthenticatedClient(
        base_url=assistants_server.base_url, token=assistants_server.api_key
    )
    body = CreateThreadAndRunRequest(assistant_id="asst_abc123")
    run = create_thread_and_run.sync(client=client, body=body)
    assert run.status == "queued"


def test_added_assistants_and_threads_are_there_for_the_app(
    assistants_server: AssistantsServer,
) -> None:
    assistant = assistants_server.add_assistant(model="gpt-4o-mini", instructions="Be brief.")
    thread = assistants_server.add_thread(metadata={"customer": "42"})
    client = AuthenticatedClient(
        base_url=assistants_server.base_url, token=assistants_server.api_key
    )
    run = create_run.sync(thread, client=client, body=CreateRunRequest(assistant_id=assistant))
    assert (run.thread_id, run.assistant_id, run.model) == (thread, assistant, "gpt-4o-mini")
    assert run.instructions == "Be brief."
    assert assistants_server.add_assistant("asst_named") == "asst_named"


def test_an_added_assistant_needs_a_well_formed_id(assistants_server: AssistantsServer) -> None:
    with pytest.raises(ValueError, match="not like 'asst_abc123'"):
        assistants_server.add_assistant("assistant-1")


def test_unknown_assistants_are_404_as_in_the_hosted_api(
    assistants_server: AssistantsServer,
) -> None:
    with pytest.raises(openai.NotFoundError):
        sdk(assistants_server).beta.threads.create_and_run(assistant_id="asst_nobody")


def test_every_test_gets_a_server_of_its_own(assistants_server: AssistantsServer) -> None:
    # The thread made by an earlier test's server does not exist here; nor does its key work.
    assert assistants_server.store.thread_count == 0


@pytest.mark.assistants_server(run_duration=30)
def test_the_marker_sets_the_run_duration(assistants_server: AssistantsServer) -> None:
    client = sdk(assistants_server)
    run = client.beta.threads.create_and_run(assistant_id="asst_abc123")
    with pytest.raises(openai.BadRequestError, match="already has an active run"):
        client.beta.threads.runs.create(run.thread_id, assistant_id="asst_abc123")


@pytest.mark.assistants_server(fault_injection=True)
def test_the_marker_turns_fault_injection_on(assistants_server: AssistantsServer) -> None:
    client = sdk(assistants_server, max_retries=0)
    with pytest.raises(openai.InternalServerError):
        client.beta.threads.create_and_run(
            assistant_id="asst_abc123", extra_headers={assistants_server.fault_header: "503"}
        )


def test_without_fault_injection_the_fault_header_is_ignored(
    assistants_server: AssistantsServer,
) -> None:
    response = httpx.post(
        f"{assistants_server.base_url}/threads/runs",
        json={"assistant_id": "asst_abc123"},
        headers={
            "Authorization": f"Bearer {assistants_server.api_key}",
            "OpenAI-Beta": "assistants=v2",
            assistants_server.fault_header: "503",
        },
    )
    assert response.status_code == 200


def test_command_line_options_set_every_test_s_server(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import httpx

        def post(server, path="/threads/runs", **headers):
            return httpx.post(
                f"{server.base_url}{path}",
                json={"assistant_id": "asst_abc123"},
                headers={"Authorization": f"Bearer {server.api_key}",
                         "OpenAI-Beta": "assistants=v2", **headers},
            )

        def test_faults_and_duration(assistants_server):
            assert post(assistants_server, **{assistants_server.fault_header: "503"}).status_code == 503
            thread = post(assistants_server).json()["thread_id"]
            busy = post(assistants_server, f"/threads/{thread}/runs")
            assert busy.status_code == 400, busy.text
        """
    )
    result = pytester.runpytest(
        "--assistants-run-duration", "30", "--assistants-fault-injection", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(passed=1)


def test_the_ini_file_sets_them_too(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nassistants_fault_injection = true\n")
    pytester.makepyfile(
        """
        import httpx

        def test_faults(assistants_server):
            response = httpx.post(
                f"{assistants_server.base_url}/threads/runs",
                json={"assistant_id": "asst_abc123"},
                headers={"Authorization": f"Bearer {assistants_server.api_key}",
                         "OpenAI-Beta": "assistants=v2", assistants_server.fault_header: "429"},
            )
            assert response.status_code == 429
        """
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_a_misspelt_marker_option_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.assistants_server(run_duraton=2)
        def test_typo(assistants_server):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*unknown option 'run_duraton'; expected one of*"])


def test_a_run_duration_that_is_not_a_number_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nassistants_run_duration = soon\n")
    pytester.makepyfile("def test_it(assistants_server):\n    pass\n")
    result = pytester.runpytest("-p", "no:cacheprovider")
    assert result.ret != 0
    result.stdout.fnmatch_lines(
        ["*assistants_run_duration = 'soon' in the ini file: expected seconds*"]
    )


@pytest.mark.assistants_server(run_duration=-1)
def test_a_negative_run_duration_is_refused(request: pytest.FixtureRequest) -> None:
    with pytest.raises(pytest.UsageError, match="run_duration must not be negative"):
        request.getfixturevalue("assistants_server")
