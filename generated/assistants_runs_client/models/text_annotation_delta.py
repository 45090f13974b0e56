"""TextAnnotationDelta: An annotation added to a text part."""

from typing import Any, TypeAlias

from .message_delta_content_text_annotations_file_citation_object import (
    MessageDeltaContentTextAnnotationsFileCitationObject,
)
from .message_delta_content_text_annotations_file_path_object import MessageDeltaContentTextAnnotationsFilePathObject

TextAnnotationDelta: TypeAlias = (
    MessageDeltaContentTextAnnotationsFileCitationObject
    | MessageDeltaContentTextAnnotationsFilePathObject
    | dict[str, Any]
)
"""An annotation added to a text part.

One of the models above, told apart by ``type``; an object with a ``type`` this client
does not know is kept as the ``dict`` it came as."""
