"""MessageContent: One part of a message."""

from typing import Any, TypeAlias

from .message_content_image_file_object import MessageContentImageFileObject
from .message_content_image_url_object import MessageContentImageUrlObject
from .message_content_refusal_object import MessageContentRefusalObject
from .message_content_text_object import MessageContentTextObject

MessageContent: TypeAlias = (
    MessageContentImageFileObject
    | MessageContentImageUrlObject
    | MessageContentTextObject
    | MessageContentRefusalObject
    | dict[str, Any]
)
"""One part of a message.

One of the models above, told apart by ``type``; an object with a ``type`` this client
does not know is kept as the ``dict`` it came as."""
