"""Fixtures of the contract tests: the spec as schemathesis loads it, hand-made exchanges, the
reference server in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
import requests
import schemathesis
from schemathesis import Case, CheckContext, Response
from schemathesis.config import ChecksConfig

import runspec.contract.hooks  # noqa: F401  (registers the domain checks)
from runspec import SPEC_PATH
from runspec.contract.profiles import load_config

API_KEY = "sk-contract-test-key-0123456789"
BASE_URL = "http://localhost/v1"
PATHS = {"createThreadAndRun": "/threads/runs", "createRun": "/threads/{thread_id}/runs"}


@pytest.fixture(scope="session")
def api_key() -> Iterator[str]:
    """The key of the in-process server, also exported as ``API_KEY`` for schemathesis.toml."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("API_KEY", API_KEY)
        yield API_KEY


@pytest.fixture(scope="session")
def spec_schema(api_key: str) -> schemathesis.BaseSchema:
    """The spec loaded by schemathesis with the quick profile, for hand-made cases."""
    return schemathesis.openapi.from_path(SPEC_PATH, config=load_config("quick"))


class Exchange:
    """Builds a case of an operation and a response to it, as if the server had answered."""

    def __init__(self, schema: schemathesis.BaseSchema) -> None:
        self.schema = schema

    def case(
        self,
        operation_id: str,
        body: Any = None,
        thread_id: str = "thread_abc123",
    ) -> Case[Any]:
        operation = self.schema[PATHS[operation_id]]["POST"]
        path_parameters = {"thread_id": thread_id} if operation_id == "createRun" else {}
        case: Case[Any] = operation.Case(
            body=body, path_parameters=path_parameters, headers={"OpenAI-Beta": "assistants=v2"}
        )
        return case

    def response(
        self,
        case: Case[Any],
        *,
        status: int = 200,
        body: bytes | Mapping[str, Any] = b"",
        content_type: str | None = "application/json",
        headers: Mapping[str, str] | None = None,
        method: str = "POST",
    ) -> Response:
        content = json.dumps(body).encode() if isinstance(body, Mapping) else body
        path = case.operation.path.format(**(case.path_parameters or {}))
        sent = json.dumps(case.body).encode() if case.body is not None else None
        request = requests.Request(
            method, BASE_URL + path, data=sent, headers={"Content-Type": "application/json"}
        ).prepare()
        response_headers = {"x-request-id": ["req_0123456789abcdef0123456789abcdef"]}
        if content_type is not None:
            response_headers["content-type"] = [content_type]
        for name, value in (headers or {}).items():
            response_headers[name.lower()] = [value]
        return Response(
            status_code=status,
            headers=response_headers,
            content=content,
            request=request,
            elapsed=0.001,
            verify=True,
        )


@pytest.fixture
def exchange(spec_schema: schemathesis.BaseSchema) -> Exchange:
    return Exchange(spec_schema)


@pytest.fixture
def ctx() -> CheckContext:
    """What a check is given besides the case and response, with the default configuration."""
    return CheckContext(
        override=None,
        auth=None,
        headers=None,
        config=ChecksConfig(),
        transport_kwargs=None,
        response_checks=None,
    )


def contract_cli(*arguments: str, api_key: str | None) -> subprocess.CompletedProcess[str]:
    """``runspec contract ARGUMENTS`` in a child process, with the key in ``API_KEY``."""
    environment = {k: v for k, v in os.environ.items() if k != "API_KEY"}
    if api_key is not None:
        environment["API_KEY"] = api_key
    return subprocess.run(
        [sys.executable, "-m", "runspec.cli", "contract", "--api-key-env", "API_KEY", *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
