"""Calling the generated client (``generated/assistants_runs_client``) from the benchmark.

The generated package is not type-checked with the project (it lives outside ``runspec``), so it is
imported by name and wrapped here, in the one place that knows its call signatures.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import httpx

from runspec.bench.fixtures import API_KEY, CREATE_RUN_BODY, THREAD_ID

__all__ = ["GeneratedClient"]


class GeneratedClient:
    """``createRun`` (plain and streamed) through the generated client."""

    def __init__(self, base_url: str, *, transport: httpx.BaseTransport | None = None) -> None:
        package = importlib.import_module("assistants_runs_client")
        self._create_run: Any = importlib.import_module(
            "assistants_runs_client.api.runs.create_run"
        )
        models = importlib.import_module("assistants_runs_client.models")
        self._request_model: Any = models.CreateRunRequest
        httpx_args: dict[str, Any] = {"transport": transport} if transport else {}
        self.client: Any = package.AuthenticatedClient(
            base_url=base_url, token=API_KEY, httpx_args=httpx_args
        )

    def create_run(self) -> object:
        body = self._request_model.from_dict(CREATE_RUN_BODY)
        result = self._create_run.sync(THREAD_ID, client=self.client, body=body)
        if result is None or type(result).__name__ != "RunObject":
            raise RuntimeError(f"createRun through the generated client gave {result!r}")
        return result

    def count_stream_events(self) -> int:
        """Open a streamed ``createRun``, decode every event into its model, count them."""
        body = self._request_model.from_dict(CREATE_RUN_BODY)
        stream: Callable[..., Any] = self._create_run.stream
        with stream(THREAD_ID, client=self.client, body=body) as events:
            return sum(1 for _ in events)

    def close(self) -> None:
        self.client.get_httpx_client().close()
