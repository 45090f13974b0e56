"""The assistant and thread ids of the spec's examples, which the suite swaps for the target's.

The examples phase sends the spec's examples as they are, and the coverage phase builds most of
its cases from them, so without a swap they name ``asst_abc123`` and ``thread_abc123``: ids a
server of its own does not have. :mod:`.hooks` replaces exactly these values.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from runspec.spec import load_spec

__all__ = ["spec_example_ids"]


@cache
def spec_example_ids() -> tuple[frozenset[str], frozenset[str]]:
    """The assistant and thread ids the spec's examples use (``asst_abc123``, ``thread_abc123``)."""
    document = load_spec()
    assistants: set[str] = set()
    threads: set[str] = set()
    for parameter in document.get("components", {}).get("parameters", {}).values():
        if parameter.get("name") == "thread_id" and isinstance(parameter.get("example"), str):
            threads.add(parameter["example"])
    for item in document.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, Mapping):
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("name") == "thread_id" and "example" in parameter:
                    threads.add(str(parameter["example"]))
            content = operation.get("requestBody", {}).get("content", {})
            for media in content.values():
                for example in media.get("examples", {}).values():
                    value = example.get("value")
                    if isinstance(value, Mapping) and isinstance(value.get("assistant_id"), str):
                        assistants.add(value["assistant_id"])
    return frozenset(assistants), frozenset(threads)
