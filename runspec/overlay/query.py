"""RFC 9535 JSONPath queries that return where each node is, not just its value.

Overlay targets must be RFC 9535 queries and nothing more (the Overlay text: tools "MUST fully
implement RFC9535" and overlays "MUST NOT use tool-specific JSONPath extensions"). python-jsonpath
implements RFC 9535 and, in its strict mode, rejects its own extensions (``~`` keys, ``#``
current key, ``^`` pseudo root, ``|``/``&`` unions, ``_`` filter context, non-standard filter
functions), so we use it in strict mode only. To change a document in place we need each node's
location (the keys and indexes leading to it), which its matches carry as ``parts``.

python-jsonpath is laxer than RFC 9535 in one place strict mode does not cover: its member-name
shorthand admits ``-`` (``$.info.x-logo``), which the RFC's grammar (section 2.5.1.1) does not. A
query other tools would reject must not pass here, so shorthand names follow the RFC's grammar,
and a hyphenated one is reported with the bracket form that means what its author wanted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jsonpath import JSONPathEnvironment, JSONPathError
from jsonpath.lex import Lexer

__all__ = ["Node", "Query", "QueryError", "parent_of"]

# RFC 9535 member-name-shorthand: name-first (ALPHA, "_", any non-ASCII scalar) then name-chars
# (name-first or DIGIT); no "-".
_NAME_FIRST = "a-zA-Z_\u0080-\ud7ff\ue000-\U0010ffff"
_SHORTHAND_NAME = f"[{_NAME_FIRST}][{_NAME_FIRST}0-9]*"

# A shorthand segment written with hyphens (``.x-logo``, ``..x-logo``), outside string literals:
# quoted strings are matched first so that ``['x-logo']`` or ``'a.b-c'`` are skipped whole.
_HYPHENATED_SHORTHAND = re.compile(
    r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
    rf"|(?P<dots>\.\.?)(?P<name>[{_NAME_FIRST}][{_NAME_FIRST}0-9_-]*-[{_NAME_FIRST}0-9_-]*)"
)


class _Rfc9535Lexer(Lexer):
    key_pattern = _SHORTHAND_NAME


class _Rfc9535Environment(JSONPathEnvironment):
    lexer_class = _Rfc9535Lexer


_ENV = _Rfc9535Environment(strict=True)

Key = str | int


class QueryError(ValueError):
    """A query is not valid RFC 9535 JSONPath, or could not be evaluated."""


@dataclass(frozen=True)
class Node:
    """One node a query selected."""

    path: str
    """Its normalized path (RFC 9535 section 2.7), e.g. ``$['info']['title']``."""
    parts: tuple[Key, ...]
    """The member names and array indexes from the root to it; ``()`` for the root."""
    value: Any
    """The node itself (the live object for objects and arrays)."""


class Query:
    """A compiled RFC 9535 query."""

    def __init__(self, expression: str) -> None:
        self.expression = expression
        _reject_hyphenated_shorthand(expression)
        try:
            self._path = _ENV.compile(expression)
        except JSONPathError as exc:
            raise QueryError(f"invalid JSONPath: {_describe(exc)}") from exc
        except RecursionError as exc:  # pragma: no cover - pathological nesting
            raise QueryError("invalid JSONPath: nested too deeply") from exc

    def select(self, document: Any) -> list[Node]:
        """The nodes the query selects, in order, each location once.

        RFC 9535 lets a nodelist hold the same node twice (``$.a[0,0]``); an overlay action
        changes each selected node once, so duplicates are dropped.
        """
        try:
            matches = list(self._path.finditer(document))
        except JSONPathError as exc:
            raise QueryError(f"cannot evaluate JSONPath: {_describe(exc)}") from exc
        nodes: list[Node] = []
        seen: set[tuple[Key, ...]] = set()
        for match in matches:
            parts = tuple(match.parts)
            if parts in seen:
                continue
            seen.add(parts)
            if not all(isinstance(part, str | int) for part in parts):  # pragma: no cover
                raise QueryError(f"unexpected location {match.path} (not an RFC 9535 result)")
            nodes.append(Node(path=match.path, parts=parts, value=match.obj))
        return nodes


def parent_of(document: Any, parts: Sequence[Key]) -> Any:
    """The object or array that holds the node at ``parts`` (which must not be the root)."""
    container = document
    for part in parts[:-1]:
        container = container[part]
    return container


def _reject_hyphenated_shorthand(expression: str) -> None:
    """Name the first hyphenated shorthand and show the whole query in bracket form."""
    hyphenated = [
        match for match in _HYPHENATED_SHORTHAND.finditer(expression) if match.group("name")
    ]
    if not hyphenated:
        return
    first = hyphenated[0]
    fixed = _HYPHENATED_SHORTHAND.sub(_bracketed, expression)
    raise QueryError(
        f"invalid JSONPath: member-name shorthand {first.group(0)!r} at character "
        f"{first.start() + 1} cannot contain '-' (RFC 9535 section 2.5.1.1); "
        f"write it in bracket form: {fixed}"
    )


def _bracketed(match: re.Match[str]) -> str:
    name = match.group("name")
    if not name:
        return match.group(0)
    descendant = ".." if match.group("dots") == ".." else ""
    return f"{descendant}['{name}']"


def _describe(exc: JSONPathError) -> str:
    message = str(exc.message) if exc.message is not None else type(exc).__name__
    token = exc.token
    if token is not None:
        return f"{message} at character {token.index + 1}"
    return message
