"""AssistantTool: A tool the assistant may use."""

from typing import Any, TypeAlias

from .assistant_tools_code import AssistantToolsCode
from .assistant_tools_file_search import AssistantToolsFileSearch
from .assistant_tools_function import AssistantToolsFunction

AssistantTool: TypeAlias = AssistantToolsCode | AssistantToolsFileSearch | AssistantToolsFunction | dict[str, Any]
"""A tool the assistant may use.

One of the models above, told apart by ``type``; an object with a ``type`` this client
does not know is kept as the ``dict`` it came as."""
