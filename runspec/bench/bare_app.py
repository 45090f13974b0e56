"""The "bare route" peer: a Starlette app that answers both run operations with no validation.

It shows what the reference server's work (auth, header and body validation, run state, ids) costs
on top of the framework: it reads the JSON body only to see ``stream``, then returns a fixed run
object, or a fixed recorded event stream as one body, as the reference server sends the stream of
a 0-second run.
Run it as ``python -m runspec.bench.bare_app --port N [--stream-file F]`` (``F`` is read at the
first streamed request, so it may be written after the app starts); it serves with the same
uvicorn settings as ``runspec serve``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from runspec.bench.fixtures import RUN_OBJECT_BYTES, spec_stream_example
from runspec.bench.procs import HOST

__all__ = ["create_bare_app", "main", "split_events"]

_NO_CACHE = {"Cache-Control": "no-cache"}


def split_events(stream: bytes) -> list[bytes]:
    """The events of an SSE body, each with its blank-line terminator."""
    text = stream.replace(b"\r\n", b"\n")
    return [chunk + b"\n\n" for chunk in text.split(b"\n\n") if chunk.strip()]


def create_bare_app(stream: Callable[[], bytes]) -> Starlette:
    """The app; ``stream()`` gives the recorded stream (read at the first streamed request)."""
    recorded: list[bytes] = []

    async def create(request: Request) -> Response:
        body = json.loads(await request.body())
        if body.get("stream") is True:
            if not recorded:
                recorded.append(stream())
            return Response(recorded[0], media_type="text/event-stream", headers=_NO_CACHE)
        return Response(RUN_OBJECT_BYTES, media_type="application/json")

    return Starlette(
        routes=[
            Route("/threads/runs", create, methods=["POST"]),
            Route("/threads/{thread_id}/runs", create, methods=["POST"]),
            Route("/v1/threads/runs", create, methods=["POST"]),
            Route("/v1/threads/{thread_id}/runs", create, methods=["POST"]),
        ]
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--stream-file", type=Path)
    args = parser.parse_args(argv)
    stream_file: Path | None = args.stream_file
    stream = stream_file.read_bytes if stream_file else spec_stream_example
    # the uvicorn settings of `runspec serve` (runspec/commands/serve.py)
    config = uvicorn.Config(
        create_bare_app(stream),
        host=HOST,
        port=args.port,
        lifespan="off",
        access_log=False,
        log_level="warning",
        server_header=False,
        http="auto",
        loop="auto",
    )
    uvicorn.Server(config).run()


if __name__ == "__main__":
    main()
