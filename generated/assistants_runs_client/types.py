"""Shared types: the UNSET marker of fields left out, and the detailed response."""

from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, BinaryIO, Generic, Literal, TypeVar

import httpx
from attrs import define


class Unset:
    """The type of :data:`UNSET`: a field or argument that was not given (and is not sent)."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()

# A timeout for one call or a client: seconds, an httpx.Timeout, or None for no timeout.
TimeoutTypes = httpx.Timeout | float | None

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A successful response: status, headers and body as received, and the parsed body."""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T

    @property
    def request_id(self) -> str | None:
        """The server's id of this request (``x-request-id``), to quote in bug reports."""
        return self.headers.get("x-request-id")


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "TimeoutTypes", "Unset"]
