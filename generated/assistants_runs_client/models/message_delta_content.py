"""MessageDeltaContent: A change to one part of a message."""

from typing import Any, TypeAlias

from .message_delta_content_image_file_object import MessageDeltaContentImageFileObject
from .message_delta_content_image_url_object import MessageDeltaContentImageUrlObject
from .message_delta_content_refusal_object import MessageDeltaContentRefusalObject
from .message_delta_content_text_object import MessageDeltaContentTextObject

MessageDeltaContent: TypeAlias = (
    MessageDeltaContentImageFileObject
    | MessageDeltaContentImageUrlObject
    | MessageDeltaContentTextObject
    | MessageDeltaContentRefusalObject
    | dict[str, Any]
)
"""A change to one part of a message.

One of the models above, told apart by ``type``; an object with a ``type`` this client
does not know is kept as the ``dict`` it came as."""
