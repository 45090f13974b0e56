"""A client library for accessing OpenAI Assistants v2 runs, generated from its OpenAPI spec.

Create an :class:`AuthenticatedClient` and pass it to the operations (each a module of
:mod:`assistants_runs_client.api`, also importable from here, with the models of their request
bodies); every model is in :mod:`assistants_runs_client.models`, errors in
:mod:`assistants_runs_client.errors`, streamed events in :mod:`assistants_runs_client.streaming`::

    from assistants_runs_client import AuthenticatedClient, CreateRunRequest, CreateThreadAndRunRequest, create_run, create_thread_and_run
"""

from . import errors, models, streaming, types
from ._retries import RetryPolicy
from .api.runs import create_run, create_thread_and_run
from .client import AuthenticatedClient, Client
from .models.create_run_request import CreateRunRequest
from .models.create_thread_and_run_request import CreateThreadAndRunRequest

__version__ = "1.0.0"

__all__ = (
    "AuthenticatedClient",
    "Client",
    "RetryPolicy",
    "__version__",
    "errors",
    "models",
    "streaming",
    "types",
    "create_run",
    "create_thread_and_run",
    "CreateRunRequest",
    "CreateThreadAndRunRequest",
)
