"""A client library for accessing OpenAI Assistants v2 runs, generated from its OpenAPI spec.

Create an :class:`AuthenticatedClient` and pass it to the operations in
:mod:`assistants_runs_client.api`; models are in :mod:`assistants_runs_client.models`, errors in
:mod:`assistants_runs_client.errors`, streamed events in :mod:`assistants_runs_client.streaming`.
"""

from ._retries import RetryPolicy
from .client import AuthenticatedClient, Client

__version__ = "1.0.0"

__all__ = (
    "AuthenticatedClient",
    "Client",
    "RetryPolicy",
    "__version__",
)
