"""Which other methods a complete Assistants server may serve on the paths of this spec.

The spec describes two operations, but a server that implements the whole Assistants API serves
more on the same URLs: ``GET /threads/{thread_id}/runs`` lists runs, and ``/threads/runs`` is
also matched by ``/threads/{thread_id}`` (a thread whose id is ``runs``), where GET, POST and
DELETE retrieve, modify and delete a thread. Such a server is right not to answer 405 there,
so the ``unsupported_method`` check must not expect it (see the ``filter_failure`` hook).

:data:`ASSISTANTS_API_PATHS` is the thread part of OpenAI's Assistants v2 API, the paths and
methods of OpenAI's official spec (github.com/openai/openai-openapi, ``openapi.yaml``) that can
match a URL of this spec. The methods allowed on a path of this spec are derived from it by
matching path templates segment by segment, so the table stays a plain copy of OpenAI's.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["ASSISTANTS_API_PATHS", "full_api_methods"]

ASSISTANTS_API_PATHS: Mapping[str, frozenset[str]] = {
    "/threads": frozenset({"POST"}),
    "/threads/runs": frozenset({"POST"}),
    "/threads/{thread_id}": frozenset({"GET", "POST", "DELETE"}),
    "/threads/{thread_id}/runs": frozenset({"GET", "POST"}),
}


def full_api_methods(path: str) -> frozenset[str]:
    """The methods the full Assistants API serves on URLs that match ``path`` (a template)."""
    methods: set[str] = set()
    for template, served in ASSISTANTS_API_PATHS.items():
        if _may_match(template, path):
            methods |= served
    return frozenset(methods)


def _may_match(template: str, path: str) -> bool:
    """Whether some URL matches both: a parameter in ``template`` matches any one segment, a
    parameter in ``path`` stands for a segment that may be anything, so only a parameter matches it."""
    ours, theirs = path.strip("/").split("/"), template.strip("/").split("/")
    if len(ours) != len(theirs):
        return False
    return all(
        _is_parameter(t) or (not _is_parameter(o) and o == t)
        for o, t in zip(ours, theirs, strict=True)
    )


def _is_parameter(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")
