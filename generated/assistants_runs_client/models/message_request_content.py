"""MessageRequestContent: One part of a message to create."""

from typing import Any, TypeAlias

from .message_content_image_file_object import MessageContentImageFileObject
from .message_content_image_url_object import MessageContentImageUrlObject
from .message_request_content_text_object import MessageRequestContentTextObject

MessageRequestContent: TypeAlias = (
    MessageContentImageFileObject | MessageContentImageUrlObject | MessageRequestContentTextObject | dict[str, Any]
)
"""One part of a message to create.

One of the models above, told apart by ``type``; an object with a ``type`` this client
does not know is kept as the ``dict`` it came as."""
