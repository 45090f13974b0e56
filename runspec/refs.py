"""Specs split over several local files: relative ``$ref``s to other files, followed.

A ``$ref`` such as ``schemas/run.yaml#/RunObject`` (or ``common.yaml`` for a whole file) names a
file relative to the file that contains the reference. :func:`load_with_refs` reads the root
document and every file it reaches, and returns *one* document in which each external reference
has become a local one: the other files are placed under the root key ``x-runspec-files`` (by
their path relative to the root file's directory), and their own references are rewritten to
point there. Everything downstream (the spec checks, schema validation, ``runspec diff``) then
only ever follows local ``#/...`` pointers. A document without external references is returned
unchanged, so a single-file spec is not copied.

Each file is read once, so files that refer to each other in a circle are fine; a chain of
``$ref``s that only leads back to itself (``A: {$ref: B}``, ``B: {$ref: A}``) is refused, as is a
missing file or a pointer that names nothing in its file, each with the file and the place of
the reference. Remote references (``https://...``) are left as they are for the checks to report.

Hand-written because the bundlers that do this (``redocly bundle``, ``swagger-cli``) are Node
tools that rewrite the document as a whole, and ``referencing`` resolves lazily at validation
time, which neither the diff nor the checks' error messages can use.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import unquote

__all__ = ["FILES_KEY", "Reader", "RefError", "load_with_refs"]

FILES_KEY = "x-runspec-files"
"""The root key under which the other files of a multi-file spec are placed."""

Reader = Callable[[str], Any]
"""Reads one document by its path (POSIX, relative as given); raises :class:`FileNotFoundError`
when there is no such file, or any ``ValueError`` with a message when it cannot be parsed."""


class RefError(ValueError):
    """An external ``$ref`` cannot be followed; the message names the file and the place."""


def load_with_refs(root: str, read: Reader) -> Any:
    """The document at ``root`` with every relative file ``$ref`` it reaches made local."""
    document = _read(read, root, None)
    if not any(_is_external(ref) for _, ref in _refs(document)):
        return document
    return _Bundle(root, read).build(document)


def _read(read: Reader, path: str, referrer: str | None) -> Any:
    try:
        return read(path)
    except FileNotFoundError:
        where = f" (referenced from {referrer})" if referrer else ""
        raise RefError(f"{path}: no such file{where}") from None


def _is_external(ref: str) -> bool:
    return not ref.startswith("#") and "://" not in ref and not ref.startswith("urn:")


def _is_reference(value: Any) -> bool:
    return isinstance(value, str) and "#" in value and "://" not in value


def _refs(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(place, ref) of every ``$ref`` string under ``node``."""
    stack: list[tuple[str, Any]] = [(path, node)]
    while stack:
        place, value = stack.pop()
        if isinstance(value, Mapping):
            ref = value.get("$ref")
            if isinstance(ref, str):
                yield place, ref
            stack.extend((f"{place}/{_escape(str(k))}", v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{place}/{i}", v) for i, v in enumerate(value))


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _lookup(document: Any, pointer: str) -> Any:
    """The node at a JSON pointer (``/a/b``); ``KeyError`` when it names nothing."""
    node = document
    for raw in pointer.split("/")[1:] if pointer else []:
        part = unquote(raw).replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise KeyError(pointer)
    return node


class _Bundle:
    """The files reached from one root, each read once and rewritten for the combined document."""

    def __init__(self, root: str, read: Reader) -> None:
        self.root = posixpath.normpath(root)
        self.base = posixpath.dirname(self.root)
        self.read = read
        self.documents: dict[str, Any] = {}
        """Every file read so far by its key (its path relative to the root's directory)."""
        self.pending: list[str] = []

    def build(self, document: Any) -> Any:
        self.documents[self._key(self.root)] = document
        combined = self._rewrite(document, self.root)
        files: dict[str, Any] = {}
        while self.pending:
            key = self.pending.pop()
            files[key] = self._rewrite(self.documents[key], posixpath.join(self.base, key))
        if not isinstance(combined, dict):
            raise RefError(f"{self.root}: not a mapping at the top")
        combined = {**combined, FILES_KEY: dict(sorted(files.items()))}
        self._check_chains(combined)
        return combined

    def _key(self, path: str) -> str:
        return posixpath.relpath(posixpath.normpath(path), self.base or ".")

    def _rewrite(self, node: Any, file: str) -> Any:
        if isinstance(node, Mapping):
            copied = {key: self._rewrite(value, file) for key, value in node.items()}
            ref = node.get("$ref")
            if isinstance(ref, str) and not ("://" in ref or ref.startswith("urn:")):
                copied["$ref"] = self._local(ref, file)
            discriminator = copied.get("discriminator")
            if isinstance(discriminator, dict) and isinstance(discriminator.get("mapping"), dict):
                # Mapping values are references too (a bare name means a component: left alone).
                discriminator["mapping"] = {
                    tag: self._local(target, file) if _is_reference(target) else target
                    for tag, target in discriminator["mapping"].items()
                }
            return copied
        if isinstance(node, list):
            return [self._rewrite(item, file) for item in node]
        return node

    def _local(self, ref: str, file: str) -> str:
        """``ref``, written in ``file``, as a pointer into the combined document."""
        target, _, pointer = ref.partition("#")
        path = (
            posixpath.normpath(posixpath.join(posixpath.dirname(file), target)) if target else file
        )
        key = self._key(path)
        if key not in self.documents:
            self.documents[key] = _read(self.read, path, file)
            self.pending.append(key)
        if target or path != self.root:  # a dangling pointer in the root: the checks report it
            try:
                _lookup(self.documents[key], unquote(pointer))
            except KeyError:
                raise RefError(f"{file}: $ref {ref!r}: {path} has nothing at #{pointer}") from None
        if path == self.root:
            return f"#{pointer}"
        return f"#/{FILES_KEY}/{_escape(key)}{pointer}"

    def _check_chains(self, combined: Any) -> None:
        """Refuse a ``$ref`` chain that leads back to itself without reaching a schema."""
        for place, ref in _refs(combined):
            seen = {place}
            while ref.startswith("#"):
                pointer = ref[1:]
                if pointer in seen:
                    raise RefError(f"{self.root}: circular $ref chain through {ref!r}")
                seen.add(pointer)
                try:
                    node = _lookup(combined, pointer)
                except KeyError:  # dangling: reported by whoever follows it, with its place
                    break
                if not (isinstance(node, Mapping) and isinstance(node.get("$ref"), str)):
                    break
                ref = node["$ref"]
