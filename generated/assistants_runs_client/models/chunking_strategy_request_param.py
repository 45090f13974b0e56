"""ChunkingStrategyRequestParam: How files are split into chunks."""

from typing import Any, TypeAlias

from .auto_chunking_strategy import AutoChunkingStrategy
from .static_chunking_strategy_request_param import StaticChunkingStrategyRequestParam

ChunkingStrategyRequestParam: TypeAlias = AutoChunkingStrategy | StaticChunkingStrategyRequestParam | dict[str, Any]
"""How files are split into chunks.

One of the models above, told apart by ``type``; an object with a ``type`` this client
does not know is kept as the ``dict`` it came as."""
