"""The reference server: a stateful fake of the two run endpoints, validated by the spec.

``create_app(...)`` returns the Starlette app (see :mod:`runspec.server.app`); ``runspec serve``
runs it with uvicorn. Modules, one job each:

=============== ==================================================================
``app``         the app, its routes, the order of checks, the two handlers
``operations``  the operations, parameters and body schemas read from the spec
``validation``  compiled schema checks and jsonschema errors → OpenAI messages
``checks``      the checks before a handler: key, headers, parameters, body
``errors``      the API's error answers and their exact messages
``state``       threads, runs and assistants in memory; LRU; per-thread locking
``runs``        a run's outcome, timing, usage and stream events
``objects``     thread, message, step and run objects as JSON
``assistants``  the seeded assistant and ``--assistants`` files
``faults``      test-only fault injection (``x-runspec-fault``)
``tokens``      the tokenizer of replies and usage: one token per word
``ids``         object and request ids
``jsonwire``    strict JSON in, compact JSON out
``testing``     running the app on a loopback port; checking what it sends
=============== ==================================================================
"""

from runspec.server.app import DEFAULT_API_KEY, ServerConfig, create_app
from runspec.server.assistants import Assistant, AssistantsFileError, load_assistants

__all__ = [
    "DEFAULT_API_KEY",
    "Assistant",
    "AssistantsFileError",
    "ServerConfig",
    "create_app",
    "load_assistants",
]
