"""The suite reads no more than a limit of any answer, and a JSON body within the request timeout.

Found with a hostile target: a gzip bomb (1 GiB of spaces, a megabyte on the wire) took the
suite's process to 10.6 GB of memory, and a body that drips a byte every two seconds held a case
for as long as the body is long, since the timeouts of requests and httpx bound each socket
read, not the body. These tests serve such answers over real HTTP (the bounds live in the
transport) and read them the way the suite does: through ``requests`` with the hooks module's
response hook (schemathesis), and through :class:`BoundedClient` (the preflight).
"""

from __future__ import annotations

import asyncio
import gzip
import json
import resource
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import httpx
import pytest
import requests
from starlette.types import Receive, Scope, Send

from runspec.contract.bounded import (
    BoundedClient,
    ResponseTooLarge,
    ResponseTooSlow,
    response_hooks,
)
from runspec.contract.preflight import preflight
from runspec.server import create_app
from runspec.server.testing import LiveServer, serve_in_thread
from tests.contract.conftest import contract_cli
from tests.contract.mutants import Answer, Sent, Wrapper

LIMIT = 1 << 20
CLIENTS: list[tuple[str, int]] = []  # whom the hostile server answered, by address and port
RUN = json.dumps({"id": "run_abc123", "object": "thread.run"}).encode()


@cache
def bomb(size: int = 64 << 20) -> bytes:
    """``size`` spaces, gzipped: some 64 KiB on the wire."""
    return gzip.compress(b" " * size, compresslevel=9)


async def hostile(scope: Scope, receive: Receive, send: Send) -> None:
    """Answers by path: /exactly/N bytes, /chunked, /gzip, /gzip-bomb, /drip (a byte per
    0.1 s), /stream/N events, and a small run otherwise."""
    assert scope["type"] == "http"
    while (await receive()).get("more_body"):
        pass
    kind, _, number = scope["path"].strip("/").partition("/")
    CLIENTS.append(scope["client"])
    headers = [(b"content-type", b"application/json")]
    if kind == "stream":
        headers = [(b"content-type", b"text/event-stream")]
        event = b"event: thread.message.delta\ndata: " + b"x" * 1000 + b"\n\n"
        body = event * int(number) + b"event: done\ndata: [DONE]\n\n"
    elif kind in ("gzip", "gzip-bomb"):
        headers.append((b"content-encoding", b"gzip"))
        body = bomb() if kind == "gzip-bomb" else gzip.compress(RUN)
    elif kind == "exactly":
        body = b" " * (int(number) - len(RUN)) + RUN
    else:
        body = RUN
    if kind == "chunked":  # no length: uvicorn sends the pieces in chunked encoding
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        for index in range(0, len(RUN), 5):
            piece = RUN[index : index + 5]
            await send({"type": "http.response.body", "body": piece, "more_body": True})
        await send({"type": "http.response.body", "body": b""})
        return
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    if kind == "drip":
        for byte in body:
            await send({"type": "http.response.body", "body": bytes([byte]), "more_body": True})
            await asyncio.sleep(0.1)
    await send({"type": "http.response.body", "body": b"" if kind == "drip" else body})


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    bomb()  # made before any test measures this process's memory
    with serve_in_thread(hostile, api_base="") as live:
        yield live


def fetch(server: LiveServer, path: str, timeout: float = 5.0) -> requests.Response:
    """POST ``path`` the way schemathesis does (streamed, then read), under the hooks' bounds."""
    with requests.Session() as session:
        response = session.post(
            server.base_url + path, stream=True, timeout=timeout, hooks=response_hooks(LIMIT)
        )
        response.content  # noqa: B018  (schemathesis reads it so, for events too)
        return response


# ---- requests: what the suite's cases read -------------------------------------------------------


def test_an_answer_of_exactly_the_limit_is_read_whole(server: LiveServer) -> None:
    response = fetch(server, f"/exactly/{LIMIT}")
    assert len(response.content) == LIMIT
    assert response.json()["id"] == "run_abc123"


def test_an_answer_one_byte_past_the_limit_is_an_error(server: LiveServer) -> None:
    with pytest.raises(ResponseTooLarge, match=r"larger than 1 MiB, more than the suite reads"):
        fetch(server, f"/exactly/{LIMIT + 1}")


def test_a_gzip_bomb_is_stopped_at_the_limit_without_inflating(server: LiveServer) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ResponseTooLarge, match="Content-Encoding"):
        fetch(server, "/gzip-bomb")
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 32 << 10  # the bomb decodes to 64 MiB; reading stops after 1


def test_a_compressed_answer_within_the_limit_is_decoded(server: LiveServer) -> None:
    response = fetch(server, "/gzip")
    assert response.json() == {"id": "run_abc123", "object": "thread.run"}


def test_a_chunked_answer_is_read_whole(server: LiveServer) -> None:
    assert fetch(server, "/chunked").content == RUN


def test_a_dripping_body_ends_at_the_request_timeout_in_total(server: LiveServer) -> None:
    started = time.monotonic()
    with pytest.raises(ResponseTooSlow, match=r"within 1 s of its headers.*--request-timeout"):
        fetch(server, "/drip", timeout=1.0)
    # Each byte came well within the socket timeout; only the total bound ended it.
    assert time.monotonic() - started < 3.0


def test_an_event_stream_past_the_limit_is_an_error(server: LiveServer) -> None:
    with pytest.raises(ResponseTooLarge):
        fetch(server, f"/stream/{LIMIT // 1000}")


def test_an_event_stream_within_the_limit_is_read_whole(server: LiveServer) -> None:
    response = fetch(server, "/stream/100")
    assert response.content.endswith(b"event: done\ndata: [DONE]\n\n")


def test_the_bound_keeps_connections_alive(server: LiveServer) -> None:
    CLIENTS.clear()
    with requests.Session() as session:
        for _ in range(20):
            session.post(server.base_url + "/run", timeout=5, hooks=response_hooks(LIMIT)).json()
    assert len(CLIENTS) == 20
    assert len(set(CLIENTS)) == 1


# ---- httpx: what the preflight reads -------------------------------------------------------------


@pytest.fixture
def bounded(server: LiveServer) -> Iterator[BoundedClient]:
    with httpx.Client(base_url=server.base_url + "/", timeout=5.0) as client:
        yield BoundedClient(client, LIMIT, seconds=1.0)


def test_the_preflight_reads_an_answer_within_the_limit(bounded: BoundedClient) -> None:
    answer = bounded.post("run", json={}, headers={})
    assert (answer.status_code, answer.json()["object"]) == (200, "thread.run")


def test_the_preflight_stops_a_gzip_bomb(bounded: BoundedClient) -> None:
    with pytest.raises(ResponseTooLarge):
        bounded.post("gzip-bomb", json={}, headers={})


def test_the_preflight_stops_a_dripping_body_as_a_timeout(bounded: BoundedClient) -> None:
    with pytest.raises(httpx.ReadTimeout, match="within 1 s"):
        bounded.post("drip", json={}, headers={})


def test_a_target_whose_first_answer_is_too_large_is_not_ready(server: LiveServer) -> None:
    with httpx.Client(base_url=server.base_url + "/gzip-bomb/", timeout=5.0) as client:
        checked = preflight(
            BoundedClient(client, LIMIT, seconds=1.0),
            base_url=server.base_url + "/gzip-bomb",
            api_key="sk-x",
            assistant_ids=["asst_abc123"],
            thread_ids=[],
            example_assistant="asst_abc123",
        )
    assert not checked.ready
    assert checked.problems == [
        f"POST {server.base_url}/gzip-bomb/threads/runs: the answer's body is larger than 1 MiB, "
        "more than the suite reads; no valid answer of these operations comes near that (a "
        "wrong Content-Encoding, or a body that never ends?). Raise the limit with "
        "--max-response-mib if this is meant"
    ]


# ---- a whole run -----------------------------------------------------------------------------------

KEY = "sk-bounded-answers-test"


def bomb_after_preflight(sent: Sent) -> Answer | None:
    """The reference server, except that every request with more than an assistant_id (all
    but the preflight's) is answered with a gzip bomb."""
    try:
        body = json.loads(sent.body)
    except ValueError:
        return None
    if not isinstance(body, dict) or set(body) <= {"assistant_id"}:
        return None
    headers = {"content-type": "application/json", "content-encoding": "gzip"}
    return Answer(200, headers, bomb(256 << 20))


@pytest.mark.slow
def test_a_run_against_a_bombing_target_finishes_and_names_the_cause(tmp_path: Path) -> None:
    app = Wrapper(create_app(api_keys=[KEY], any_assistant=True), on_request=bomb_after_preflight)
    with serve_in_thread(app) as live:
        suite = [live.base_url, "--profile", "quick", "--reports", str(tmp_path)]
        done = contract_cli(
            *suite, "--max-response-mib", "8", "--", "--phases", "examples", api_key=KEY
        )
    assert done.returncode == 1, done.stdout + done.stderr
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert any("larger than 8 MiB" in error for error in summary["errors"]), summary
    # Each distinct error says how to send its first case again.
    curls = summary["errored_cases"].values()
    assert any(curl.endswith(f" {live.base_url}/threads/runs") for curl in curls), curls
    # Uncapped, each bombed answer would take 256 MiB and more in the suite's process.
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1 << 20  # KiB: 1 GiB
