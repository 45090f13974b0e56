"""TextAnnotation: A marked span of a text part."""

from typing import Any, TypeAlias

from .message_content_text_annotations_file_citation_object import MessageContentTextAnnotationsFileCitationObject
from .message_content_text_annotations_file_path_object import MessageContentTextAnnotationsFilePathObject

TextAnnotation: TypeAlias = (
    MessageContentTextAnnotationsFileCitationObject | MessageContentTextAnnotationsFilePathObject | dict[str, Any]
)
"""A marked span of a text part.

One of the models above, told apart by ``type``; an object with a ``type`` this client
does not know is kept as the ``dict`` it came as."""
