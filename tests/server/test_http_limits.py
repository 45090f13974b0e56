"""The HTTP layer of ``runspec serve`` bounds what one client can hold, and answers bad HTTP with
the API's error body (:mod:`runspec.server.http`).

Each case is raw bytes on a real socket to uvicorn running the server's protocol, with limits
made small (sizes in KiB, timeouts of half a second) so the tests are quick.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator

import pytest

from runspec.server import create_app
from runspec.server.http import HttpLimits
from runspec.server.testing import LiveServer, serve_in_thread
from tests.server.support import ASSISTANT, KEY

LIMITS = HttpLimits(
    max_request_line=2_048,
    max_header_bytes=8_192,
    header_timeout=0.5,
    body_timeout=0.5,
    keep_alive_timeout=0.5,
    max_connections=4,
)
BODY = json.dumps({"assistant_id": ASSISTANT}).encode()


def request(path: str = "/v1/threads/runs", *, extra: bytes = b"", body: bytes = BODY) -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {KEY}\r\n"
        "OpenAI-Beta: assistants=v2\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n".encode()
        + extra
        + b"\r\n"
        + body
    )


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    with serve_in_thread(create_app(), limits=LIMITS) as live:
        yield live


def exchange(server: LiveServer, *parts: bytes, pause: float = 0.0, wait: float = 5.0) -> bytes:
    """Send ``parts`` (``pause`` seconds apart), then read until the server closes (or ``wait``)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=wait) as sock:
        for part in parts:
            try:
                sock.sendall(part)
            except (BrokenPipeError, ConnectionResetError):
                break  # the server gave up on us: what it said is still there to read
            time.sleep(pause)
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except TimeoutError:
            raise AssertionError(f"still open after {wait} s; got {received[:300]!r}") from None
        except ConnectionResetError:
            pass
        return received


def answer(raw: bytes) -> tuple[int, dict[str, str], dict[str, object]]:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, json.loads(body)


def assert_api_error(raw: bytes, status: int, *message: str) -> None:
    code, headers, body = answer(raw)
    assert code == status, raw[:300]
    assert headers["content-type"] == "application/json"
    assert headers["x-request-id"].startswith("req_")
    error = body["error"]
    assert isinstance(error, dict)
    assert set(error) == {"message", "type", "param", "code"}
    for part in message:
        assert part in str(error["message"])


def test_a_good_request_is_answered_as_usual(server: LiveServer) -> None:
    raw = exchange(server, request(extra=b"Connection: close\r\n"))
    assert answer(raw)[0] == 200


def test_a_big_body_is_not_taken_for_headers(server: LiveServer) -> None:
    message = {"role": "user", "content": "x" * 600_000}
    big = json.dumps({"assistant_id": ASSISTANT, "thread": {"messages": [message]}}).encode()
    raw = exchange(server, request(extra=b"Connection: close\r\n", body=big))
    assert answer(raw)[0] == 200
    # and two requests in one go (the second's head after the first's body)
    pipelined = request(body=big) + request(extra=b"Connection: close\r\n")
    raw = exchange(server, pipelined)
    assert raw.count(b"HTTP/1.1 200 ") == 2


@pytest.mark.parametrize(
    "sent",
    [
        pytest.param(request(extra=b"X-Bad: a\x00b\r\n"), id="NUL in a header"),
        pytest.param(request(extra=b"X-Bad: a\nX-Other: b\r\n"), id="bare LF in a header"),
        pytest.param(
            request(extra=b"Transfer-Encoding: chunked\r\n"), id="Content-Length and chunked"
        ),
        pytest.param(
            request("/v1/threads/thr\xc3\xa9ad/runs".encode("latin-1").decode()),
            id="raw UTF-8 path",
        ),
        pytest.param(b"GARBAGE\r\n\r\n", id="not HTTP"),
    ],
)
def test_malformed_http_gets_an_api_error_body(server: LiveServer, sent: bytes) -> None:
    assert_api_error(exchange(server, sent), 400, "Invalid HTTP request received.")


def test_a_long_request_line_is_refused(server: LiveServer) -> None:
    raw = exchange(server, request("/v1/threads/" + "a" * 4_000 + "/runs"))
    assert_api_error(raw, 414, "Request line too long", "2048")


def test_large_headers_are_refused_before_they_are_read_whole(server: LiveServer) -> None:
    huge = b"X-Big: " + b"a" * 200_000 + b"\r\n"
    raw = exchange(server, request(extra=huge))
    assert_api_error(raw, 431, "Request headers too large", "8192")


def test_many_headers_are_refused_too(server: LiveServer) -> None:
    many = b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 50) for i in range(400))
    assert_api_error(exchange(server, request(extra=many)), 431)


def test_headers_that_do_not_arrive_in_time_are_answered_408(server: LiveServer) -> None:
    started = time.monotonic()
    raw = exchange(server, b"POST /v1/threads/runs HTTP/1.1\r\nHost: x\r\n")
    assert_api_error(raw, 408, "Request headers not received within 0.5 seconds.")
    assert time.monotonic() - started < 3


def test_slow_headers_do_not_reset_the_clock(server: LiveServer) -> None:
    trickle = [b"POST /v1/threads/runs HTTP/1.1\r\n", *(b"X-%d: 1\r\n" % i for i in range(10))]
    raw = exchange(server, *trickle, pause=0.1)
    assert_api_error(raw, 408, "headers")


def test_a_body_shorter_than_its_length_is_answered_408(server: LiveServer) -> None:
    whole = request()
    raw = exchange(server, whole[:-5])
    assert_api_error(raw, 408, "Request body not received within 0.5 seconds.")


def test_a_connection_that_sends_nothing_is_closed(server: LiveServer) -> None:
    raw = exchange(server)
    assert_api_error(raw, 408, "headers")


def test_an_idle_keep_alive_connection_is_closed(server: LiveServer) -> None:
    started = time.monotonic()
    raw = exchange(server, request())  # keep-alive: the server closes it, or this fails
    assert raw.count(b"HTTP/1.1 ") == 1  # the answer, then a quiet close
    assert answer(raw)[0] == 200
    assert time.monotonic() - started < 3


def test_connections_beyond_the_cap_get_503(server: LiveServer) -> None:
    held = [
        socket.create_connection(("127.0.0.1", server.port)) for _ in range(LIMITS.max_connections)
    ]
    try:
        time.sleep(0.1)
        raw = exchange(server)
        assert_api_error(raw, 503, "Too many open connections")
    finally:
        for sock in held:
            sock.close()
