"""The reference server as the benchmark runs it: its command line and a thread to run on.

``createRun`` needs an existing thread, so before loading the server the benchmark creates one
with ``createThreadAndRun``. Runs last 0 s (``--run-duration 0``, the default: a run is terminal
once its response is sent), so consecutive runs on that thread never meet an active run.
"""

from __future__ import annotations

import sys

import httpx

from runspec.bench.fixtures import API_KEY, ASSISTANT_ID, CREATE_RUN_STREAM_BODY, request_headers

__all__ = ["BASE_PATH", "create_thread", "record_stream", "reference_argv"]

BASE_PATH = "/v1"


def reference_argv(port: int) -> list[str]:
    """``runspec serve`` on loopback with the bench key, any assistant, 0-second runs."""
    return [
        sys.executable, "-m", "runspec.cli", "serve",
        "--host", "127.0.0.1", "--port", str(port),
        "--api-key", API_KEY, "--any-assistant", "--run-duration", "0",
    ]  # fmt: skip


def create_thread(base_url: str) -> str:
    """Create a thread (and a first run on it) on the server at ``base_url``; return its id."""
    response = httpx.post(
        f"{base_url}{BASE_PATH}/threads/runs",
        json={
            "assistant_id": ASSISTANT_ID,
            "thread": {"messages": [{"role": "user", "content": "Plan a weekend in Lyon."}]},
        },
        headers=request_headers(),
        timeout=30,
    )
    response.raise_for_status()
    thread_id: str = response.json()["thread_id"]
    return thread_id


def record_stream(base_url: str, thread_id: str) -> bytes:
    """The bytes of one streamed ``createRun`` on ``thread_id``: what the stream benchmark decodes."""
    response = httpx.post(
        f"{base_url}{BASE_PATH}/threads/{thread_id}/runs",
        json=CREATE_RUN_STREAM_BODY,
        headers=request_headers(stream=True),
        timeout=30,
    )
    response.raise_for_status()
    return response.content
