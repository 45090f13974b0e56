"""Apply Overlay documents (1.0 and 1.1) to an OpenAPI document held as plain data.

Hand-written because no Python library implements the Overlay 1.1 semantics: the merge rules
(arrays concatenated, type clashes reported, see :mod:`runspec.overlay.merge`), ``copy``,
removing primitive array items, and the 1.0/1.1 differences. JSONPath itself is not ours: see
:mod:`runspec.overlay.query`.

How the text is read here:

- Actions run in order, each on the result of the previous one; several overlays run in the
  order given, each on the result of the previous one.
- A target that selects nothing changes nothing; that is a warning, or an error with
  ``strict=True`` (so a spec edit cannot silently make an overlay stale).
- ``remove: true`` removes each selected node from the object or array holding it, and wins
  over ``update``/``copy`` in the same action. The root ``$`` is held by nothing, so it cannot be
  removed. ``remove: false`` (and an action with only a target) does nothing.
- ``update`` and ``copy`` merge a value into every selected node; with two or more nodes they
  must all be objects, all arrays or all primitives. ``copy`` takes its value from the one node
  its own query selects in the current document.
- Overlay 1.0 has no ``copy`` (a schema violation), appends an ``update`` value to a selected
  array as one entry even when it is an array, cannot ``update`` a selected primitive, and
  cannot remove a primitive item of an array ("Primitive-valued items of an array cannot be
  replaced or removed individually"). Removing a primitive object member is accepted in 1.0,
  as the specification's own 1.0 compliant set ``remove-example`` does.

The input is never changed: the engine works on a copy, in which object keys are made strings
(YAML reads ``200:`` as a number; JSON, and so JSONPath, only has string keys). An action that
fails is skipped whole, and the engine carries on to report every problem it can find.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from runspec.overlay.document import Action, Kind, Overlay, read_overlay
from runspec.overlay.errors import OverlayApplyError, OverlayDocumentError, OverlayProblem
from runspec.overlay.merge import (
    MergeConflictError,
    describe,
    is_primitive,
    merge_into_array,
    merge_object,
    merge_problems,
    node_kind,
)
from runspec.overlay.query import Node, QueryError, parent_of

__all__ = ["OverlayResult", "apply_overlay", "apply_overlays", "run_overlays", "to_json_data"]


@dataclass(frozen=True)
class OverlayResult:
    """The changed document, and the warnings met on the way."""

    document: dict[str, Any]
    warnings: tuple[OverlayProblem, ...] = field(default=())


def apply_overlay(
    document: Mapping[str, Any],
    overlay: Mapping[str, Any],
    *,
    strict: bool = False,
    source: str = "<overlay>",
) -> OverlayResult:
    """Apply one Overlay document to ``document`` (which is not changed).

    ``source`` names the overlay in problems and warnings. Raises
    :class:`~runspec.overlay.errors.OverlayDocumentError` if the overlay is invalid and
    :class:`~runspec.overlay.errors.OverlayApplyError` if an action cannot be applied.
    """
    return apply_overlays(document, [(source, overlay)], strict=strict)


def apply_overlays(
    document: Mapping[str, Any],
    overlays: Sequence[tuple[str, Mapping[str, Any]]],
    *,
    strict: bool = False,
) -> OverlayResult:
    """Apply several ``(source, overlay)`` pairs in order; see :func:`apply_overlay`.

    Every overlay is validated before any is applied.
    """
    problems: list[OverlayProblem] = []
    if not isinstance(document, Mapping):
        problems.append(OverlayProblem("<document>", "not an object"))
    read: list[Overlay] = []
    for source, raw in overlays:
        overlay, overlay_problems = read_overlay(to_json_data(raw), source=source)
        problems.extend(overlay_problems)
        if overlay is not None:
            read.append(overlay)
    if problems:
        raise OverlayDocumentError(problems)
    return run_overlays(document, read, strict=strict)


def run_overlays(
    document: Mapping[str, Any], overlays: Sequence[Overlay], *, strict: bool = False
) -> OverlayResult:
    """Apply already-read overlays in order to a copy of ``document``."""
    result: dict[str, Any] = to_json_data(document)
    problems: list[OverlayProblem] = []
    warnings: list[OverlayProblem] = []
    for overlay in overlays:
        for action in overlay.actions:
            _Run(overlay, action, result, strict, problems, warnings).apply()
    if problems:
        raise OverlayApplyError(problems)
    return OverlayResult(document=result, warnings=tuple(warnings))


def to_json_data(value: Any) -> Any:
    """A deep copy of ``value`` in the JSON data model: object keys become strings."""
    if isinstance(value, Mapping):
        return {_json_key(key): to_json_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_json_data(item) for item in value]
    return value


def _json_key(key: Any) -> str:
    return key if isinstance(key, str) else json.dumps(key)


@dataclass
class _Run:
    """One action applied to the document; problems and warnings go to the shared lists."""

    overlay: Overlay
    action: Action
    document: dict[str, Any]
    strict: bool
    problems: list[OverlayProblem]
    warnings: list[OverlayProblem]

    def apply(self) -> None:
        try:
            nodes = self.action.target.select(self.document)
        except QueryError as exc:
            self._problem(str(exc))
            return
        if not nodes:
            if self.strict:
                self._problem("target selects no nodes (an error in strict mode)")
            else:
                self.warnings.append(self._located("target selects no nodes; nothing changed"))
            return
        if self.action.kind is Kind.REMOVE:
            self._remove(nodes)
        elif self.action.kind is Kind.UPDATE:
            self._merge(nodes, self.action.update)
        elif self.action.kind is Kind.COPY:
            self._copy(nodes)

    def _remove(self, nodes: list[Node]) -> None:
        problems: list[str] = []
        for node in nodes:
            if not node.parts:
                problems.append("cannot remove the root node: it is not contained in anything")
            elif (
                self.overlay.version == "1.0"
                and isinstance(node.parts[-1], int)
                and is_primitive(node.value)
            ):
                problems.append(
                    f"cannot remove {describe(node.value)} array item at {node.path}: Overlay "
                    "1.0 cannot remove primitive array items (declare overlay: 1.1.0)"
                )
        if problems:
            self._problems(problems)
            return
        # Find every holder before changing anything, then delete array items from the highest
        # index down, so that removing one item does not shift the others.
        members: list[tuple[dict[str, Any], str]] = []
        items: dict[int, tuple[list[Any], set[int]]] = {}
        for node in nodes:
            holder = parent_of(self.document, node.parts)
            key = node.parts[-1]
            if isinstance(holder, list) and isinstance(key, int):
                items.setdefault(id(holder), (holder, set()))[1].add(key)
            else:
                members.append((holder, str(key)))
        for holder_object, name in members:
            holder_object.pop(name, None)
        for holder_array, indexes in items.values():
            for index in sorted(indexes, reverse=True):
                del holder_array[index]

    def _copy(self, nodes: list[Node]) -> None:
        query = self.action.copy
        assert query is not None
        try:
            sources = query.select(self.document)
        except QueryError as exc:
            self._problem(f"copy {query.expression!r}: {exc}")
            return
        if len(sources) != 1:
            self._problem(
                f"copy {query.expression!r} selects {len(sources)} nodes; "
                "it must select exactly one"
            )
            return
        self._merge(nodes, to_json_data(sources[0].value))

    def _merge(self, nodes: list[Node], value: Any) -> None:
        kinds = sorted({node_kind(node.value) for node in nodes})
        if len(kinds) > 1:
            self._problem(
                f"target selects {len(nodes)} nodes of mixed kinds ({', '.join(kinds)}); "
                "update and copy need all objects, all arrays or all primitives"
            )
            return
        problems: list[str] = []
        for node in nodes:
            problems.extend(
                merge_problems(
                    node.value,
                    value,
                    path=node.path,
                    version=self.overlay.version,
                    name_node=len(nodes) > 1,
                )
            )
        if problems:
            self._problems(problems)
            return
        for node in nodes:
            if isinstance(node.value, dict):
                try:
                    merge_object(node.value, value, path=node.path)
                except MergeConflictError as exc:
                    self._problem(str(exc))
                    return
            elif isinstance(node.value, list):
                merge_into_array(node.value, value, version=self.overlay.version)
            else:
                parent_of(self.document, node.parts)[node.parts[-1]] = to_json_data(value)

    def _located(self, message: str) -> OverlayProblem:
        return OverlayProblem(
            self.overlay.source, message, self.action.index, self.action.target.expression
        )

    def _problem(self, message: str) -> None:
        self.problems.append(self._located(message))

    def _problems(self, messages: list[str]) -> None:
        for message in dict.fromkeys(messages):
            self._problem(message)
