"""The Overlay merge rules, for ``update`` and ``copy`` values.

Hand-written because no library implements these rules: JSON Merge Patch (RFC 7396) replaces
arrays and deletes on ``null``, ``deepmerge``-style libraries silently replace on a type clash,
and Overlay 1.1 wants arrays concatenated and a type clash reported as an error.

The rules (Overlay 1.1, "Action Object"), for a selected node and a value:

- object node: the value must be an object; it is merged recursively. For each property:
  only in the node: left unchanged; only in the value: inserted; in both: primitive replaces
  primitive, array is concatenated to array, object is merged into object, and any other pairing
  is an error.
- array node: an array value is concatenated; an object or primitive value is appended.
- primitive node: the value must be a primitive, which replaces the node.

Overlay 1.0 differs at the selected node: an array node gets the value appended as one entry
(an array value included: "the value of this field MUST be an entry to append to the array"),
and primitive nodes cannot be selected for an update at all ("The result of the target JSONPath
expression MUST be zero or more objects or arrays").

Checking is separate from applying, so an action that would fail leaves the document as it was.
"""

from __future__ import annotations

import copy
from typing import Any

from jsonpath.serialize import canonical_string

__all__ = [
    "MergeConflictError",
    "describe",
    "is_primitive",
    "merge_into_array",
    "merge_object",
    "merge_problems",
    "node_kind",
]


def is_primitive(value: Any) -> bool:
    return not isinstance(value, dict | list)


def node_kind(value: Any) -> str:
    """``object``, ``array`` or ``primitive``: the three kinds the Overlay text groups nodes by."""
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return "primitive"


def describe(value: Any) -> str:
    """A JSON type with its article: ``an object``, ``a string``, ``null``, ..."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    return f"a {type(value).__name__}"


def merge_problems(
    node: Any, value: Any, *, path: str, version: str, name_node: bool = True
) -> list[str]:
    """Why ``value`` cannot be merged into ``node``; empty if it can.

    ``path`` is the node's normalized path; messages about the node itself only name it if
    ``name_node`` (it is redundant when the target selects a single node).
    """
    where = f" at {path}" if name_node else ""
    if isinstance(node, dict):
        if not isinstance(value, dict):
            return [f"cannot merge {describe(value)} into an object{where}"]
        return _property_problems(node, value, path)
    if isinstance(node, list):
        return []  # concatenated or appended, whatever it is
    if version == "1.0":
        return [
            f"cannot update {describe(node)}{where}: Overlay 1.0 targets must be objects "
            "or arrays (select the containing object, or declare overlay: 1.1.0)"
        ]
    if not is_primitive(value):
        return [f"cannot merge {describe(value)} into {describe(node)}{where}"]
    return []


class MergeConflictError(ValueError):
    """Raised by :func:`merge_object` on a type clash :func:`merge_problems` could not foresee."""


def merge_object(node: dict[str, Any], value: dict[str, Any], *, path: str = "$") -> None:
    """Merge ``value`` into the object ``node`` in place (after :func:`merge_problems`)."""
    for key, new in value.items():
        old = node.get(key)
        child = f"{path}[{canonical_string(key)}]"
        if key in node and isinstance(old, dict) and isinstance(new, dict):
            merge_object(old, new, path=child)
        elif key in node and isinstance(old, list) and isinstance(new, list):
            old.extend(copy.deepcopy(new))
        elif key not in node or (is_primitive(old) and is_primitive(new)):
            node[key] = copy.deepcopy(new)
        else:
            # merge_problems checks first; this is only reached when an earlier node of the same
            # action changed this one (a target selecting an object and one of its descendants).
            raise MergeConflictError(
                f"cannot merge {describe(new)} into {describe(old)} at {child} "
                "(as changed by an earlier node of this action)"
            )


def merge_into_array(node: list[Any], value: Any, *, version: str) -> None:
    """Concatenate (1.1, array value) or append (anything else) ``value`` to ``node``."""
    if version != "1.0" and isinstance(value, list):
        node.extend(copy.deepcopy(value))
    else:
        node.append(copy.deepcopy(value))


def _property_problems(node: dict[str, Any], value: dict[str, Any], path: str) -> list[str]:
    problems: list[str] = []
    for key, new in value.items():
        if key not in node:
            continue
        old = node[key]
        child = f"{path}[{canonical_string(key)}]"
        if isinstance(old, dict) and isinstance(new, dict):
            problems.extend(_property_problems(old, new, child))
        elif node_kind(old) != node_kind(new):
            problems.append(f"cannot merge {describe(new)} into {describe(old)} at {child}")
    return problems
