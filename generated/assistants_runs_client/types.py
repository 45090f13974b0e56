"""Shared types: the UNSET marker of fields left out, values kept from a newer server, and the
detailed response.

Parsing answers is lenient by default, like the official SDK: a value of an enum this client does
not know (a run status ``"paused"`` from a newer server) is kept as an :class:`UnknownValue`, a
``str``, so that the known values keep their ``Literal`` type and a ``match`` can still be
exhaustive. A client made with ``strict=True`` raises
:class:`~assistants_runs_client.errors.APIResponseValidationError` instead. A required field the answer
leaves out is always an ``APIResponseValidationError`` naming it: its type promises the value, and
an object without it would fail far from the cause (the SDK's ``AttributeError`` on first use),
except that a required field whose value may be ``null`` reads as ``None`` when it is missing
(its type says it can be None; code written for the spec handles that). ``strict=True`` makes a
missing field an error in every case.
"""

from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

import httpx
from attrs import define


class Unset:
    """The type of :data:`UNSET`: a field or argument that was not given (and is not sent).

    There is one ``UNSET``: copies and unpickled objects refer to it, so ``is UNSET`` and model
    equality survive ``copy.deepcopy`` and ``pickle``.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"

    def __reduce__(self) -> str:
        return "UNSET"  # pickled by name: loads as the module's one instance

    def __copy__(self) -> "Unset":
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> "Unset":
        return self


UNSET: Unset = Unset()


class UnknownValue(str):
    """A value of an enum that this client does not know, kept as the ``str`` it came as.

    Enum types are ``Literal[...known values...] | UnknownValue``: ``isinstance(value,
    UnknownValue)`` tells a newer server's value from the known ones.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"UnknownValue({str(self)!r})"


_strict: ContextVar[bool] = ContextVar("assistants_runs_client_strict", default=False)


@contextmanager
def strict_parsing(strict: bool = True) -> Iterator[None]:
    """Within this block, ``from_dict`` rejects enum values it does not know (TypeError) instead of
    keeping them as :class:`UnknownValue`. A client made with ``strict=True`` parses its answers so."""
    token = _strict.set(strict)
    try:
        yield
    finally:
        _strict.reset(token)


def is_strict() -> bool:
    """Whether parsing is strict here (see :func:`strict_parsing`)."""
    return _strict.get()


def unknown_value(value: object, name: str, allowed: frozenset[str]) -> UnknownValue:
    """``value`` kept as an :class:`UnknownValue`; TypeError if it is not a string, or if parsing is
    strict (see :func:`strict_parsing`)."""
    if isinstance(value, str) and not _strict.get():
        return UnknownValue(value)
    raise TypeError(f"{name}: unexpected value {value!r:.80}; expected one of {sorted(allowed)!r}")


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


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "TimeoutTypes",
    "UnknownValue",
    "Unset",
    "is_strict",
    "strict_parsing",
    "unknown_value",
]
