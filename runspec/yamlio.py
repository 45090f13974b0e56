"""Read and write YAML/JSON documents without damaging them.

PyYAML follows YAML 1.1, where ``on``/``off``/``yes``/``no`` are booleans and ``2024-10-01`` is a
date. OpenAPI documents are JSON-compatible data, so we load with YAML 1.2 core semantics
instead: only ``true``/``false`` are booleans and timestamps stay strings. On output, keys keep
their order, unicode is written as is and long strings are never re-wrapped; strings that another
YAML 1.1 reader would misread (``on``, ``2024-10-01``) are quoted, because the dumper keeps
PyYAML's default resolvers.

Writes go through a temporary file in the target directory and an atomic rename, so a reader
never sees a half-written document.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

__all__ = ["YamlError", "atomic_write_text", "dump_document", "load_document", "loads_yaml"]


class YamlError(ValueError):
    """A document could not be read; the message names the file and the position."""


# libyaml's parser when PyYAML was built with it (ten times faster on the spec); the resolver,
# which decides what a plain scalar means, is Python in both cases and is the part changed here.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Yaml12Loader(_SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader with YAML 1.2 core-schema booleans and no implicit timestamps."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first, _resolvers in list(_Yaml12Loader.yaml_implicit_resolvers.items()):
    _Yaml12Loader.yaml_implicit_resolvers[_first] = [
        (tag, regexp) for tag, regexp in _resolvers if tag != "tag:yaml.org,2002:bool"
    ]
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


class _BlockDumper(yaml.SafeDumper):
    """Indents sequences inside mappings, as hand-written OpenAPI files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _represent_str)


def loads_yaml(text: str, *, source: str = "<string>") -> Any:
    """Parse YAML (or JSON, a subset) text into plain Python data."""
    try:
        return yaml.load(text, Loader=_Yaml12Loader)
    except yaml.YAMLError as exc:
        raise YamlError(f"{source}: not valid YAML: {exc}") from exc


def load_document(path: str | Path) -> Any:
    """Load a YAML or JSON file; errors name the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise YamlError(f"{path}: cannot read: {exc.strerror}") from exc
    if path.suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise YamlError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from exc
    return loads_yaml(text, source=str(path))


def dump_document(document: Any, *, as_json: bool = False) -> str:
    """Serialise a document as YAML (default) or JSON, keeping key order and unicode."""
    if as_json:
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    text: str = yaml.dump(
        document,
        Dumper=_BlockDumper,
        sort_keys=False,
        allow_unicode=True,
        width=2**31 - 1,
        default_flow_style=False,
    )
    return text


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` so that ``path`` is either untouched or complete."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
