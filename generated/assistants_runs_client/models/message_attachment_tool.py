"""MessageAttachmentTool: A tool that may read an attached file."""

from typing import Any, TypeAlias

from .assistant_tools_code import AssistantToolsCode
from .assistant_tools_file_search_type_only import AssistantToolsFileSearchTypeOnly

MessageAttachmentTool: TypeAlias = AssistantToolsCode | AssistantToolsFileSearchTypeOnly | dict[str, Any]
"""A tool that may read an attached file.

One of the models above, told apart by ``type``; an object with a ``type`` this client
does not know is kept as the ``dict`` it came as."""
