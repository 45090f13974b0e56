"""The data every measurement shares: credentials, request bodies and a full run object.

The run object is deliberately full (three tools: ``code_interpreter``, ``file_search`` with ranking
options and ``function`` with parameters; metadata; a truncation strategy), so parsing it exercises
the unions and nested objects a real answer has. It is valid against ``RunObject`` of the spec
(checked by the bench tests).
"""

from __future__ import annotations

import json
from typing import Any, Final

from runspec import SPEC_PATH
from runspec.spec import load_spec, resolve_pointer

__all__ = [
    "API_KEY",
    "ASSISTANT_ID",
    "BETA_HEADER",
    "CREATE_RUN_BODY",
    "CREATE_RUN_STREAM_BODY",
    "RUN_OBJECT",
    "RUN_OBJECT_BYTES",
    "THREAD_ID",
    "request_headers",
    "spec_stream_example",
]

API_KEY: Final = "sk-local-test"
ASSISTANT_ID: Final = "asst_abc123"
THREAD_ID: Final = "thread_abc123"
BETA_HEADER: Final = "assistants=v2"

CREATE_RUN_BODY: Final[dict[str, Any]] = {
    "assistant_id": ASSISTANT_ID,
    "additional_instructions": "Answer in one paragraph.",
    "metadata": {"ticket": "T-1042"},
}
CREATE_RUN_STREAM_BODY: Final[dict[str, Any]] = {**CREATE_RUN_BODY, "stream": True}

RUN_OBJECT: Final[dict[str, Any]] = {
    "id": "run_0ImRqCNOBVY1Yr2yi5CLXyjy",
    "object": "thread.run",
    "created_at": 1699063290,
    "assistant_id": ASSISTANT_ID,
    "thread_id": THREAD_ID,
    "status": "queued",
    "required_action": None,
    "last_error": None,
    "expires_at": 1699063890,
    "started_at": None,
    "cancelled_at": None,
    "failed_at": None,
    "completed_at": None,
    "incomplete_details": None,
    "model": "gpt-4o",
    "instructions": "You are a helpful assistant. Answer in one paragraph.",
    "tools": [
        {"type": "code_interpreter"},
        {
            "type": "file_search",
            "file_search": {
                "max_num_results": 20,
                "ranking_options": {"ranker": "default_2024_08_21", "score_threshold": 0.5},
            },
        },
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "Current weather for a city.",
                "parameters": {
                    "type": "object",
                    "properties": {
                        "city": {"type": "string", "description": "City name."},
                        "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                    },
                    "required": ["city"],
                },
                "strict": True,
            },
        },
    ],
    "metadata": {"ticket": "T-1042", "user": "u-42"},
    "usage": None,
    "temperature": 0.7,
    "top_p": 1.0,
    "max_prompt_tokens": 2000,
    "max_completion_tokens": 1000,
    "truncation_strategy": {"type": "last_messages", "last_messages": 10},
    "tool_choice": "auto",
    "parallel_tool_calls": True,
    "response_format": "auto",
}
RUN_OBJECT_BYTES: Final = json.dumps(RUN_OBJECT, separators=(",", ":")).encode()


def request_headers(*, stream: bool = False) -> dict[str, str]:
    """The headers a client sends to either run operation."""
    return {
        "Authorization": f"Bearer {API_KEY}",
        "OpenAI-Beta": BETA_HEADER,
        "Content-Type": "application/json",
        "Accept": "text/event-stream" if stream else "application/json",
    }


def spec_stream_example() -> bytes:
    """The spec's recorded ``createThreadAndRun`` stream, for when no server is there to record one."""
    media = resolve_pointer(
        load_spec(SPEC_PATH),
        "#/paths/~1threads~1runs/post/responses/200/content/text~1event-stream",
    )
    text: str = next(iter(media["x-transcripts"].values()))["value"]
    return text.encode()
