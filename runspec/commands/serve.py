"""``runspec serve``: run the reference server (:mod:`runspec.server`) with uvicorn.

It prints the base URL and the key to use (masked, unless it is the built-in ``sk-local-test``),
then serves until interrupted. The key comes from the ``RUNSPEC_API_KEY`` environment variable,
or ``--api-key`` (visible in the process list), or is the built-in one. Access logging is
off and uvicorn picks its fastest installed HTTP parser and event loop (httptools and uvloop
when present, else h11 and asyncio), so the command is fit for load tests as it is; with
httptools, sizes, timeouts and connections are bounded and bad HTTP gets the API's error body
(:mod:`runspec.server.http`).
Ctrl-C (SIGINT) stops it gracefully with exit code 0; SIGTERM too, and the process then ends
by that signal, as uvicorn does. Exit code 2 means bad input (an unusable ``--assistants`` file, a
port that cannot be bound).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import socket
import sys
from pathlib import Path
from typing import Any

__all__ = ["KEY_VARIABLE", "register"]

# The environment variable the key is read from (a command line is visible to every user).
KEY_VARIABLE = "RUNSPEC_API_KEY"


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _seconds(text: str) -> float:
    value = float(text)
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds >= 0, got {text}")
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be 0..65535, got {value}")
    return value


def _http_protocol(limits: Any) -> Any:
    """uvicorn's httptools protocol with ``limits`` (:mod:`runspec.server.http`), or, without
    httptools, uvicorn's h11 one (with h11's own limits)."""
    try:
        import httptools  # noqa: F401
    except ImportError:
        return "h11"
    from runspec.server.http import limited_protocol

    return limited_protocol(limits)


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "serve",
        help="run the reference server (a stateful fake of both run endpoints)",
        description=(
            "Serve createThreadAndRun and createRun as the hosted API did, validated by the "
            "spec. Prints the base URL and the API key to use."
        ),
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default %(default)s)"
    )
    parser.add_argument(
        "--port", type=_port, default=8000, help="port (default %(default)s; 0 picks a free one)"
    )
    parser.add_argument(
        "--api-key",
        dest="api_keys",
        metavar="KEY",
        action="extend",
        nargs="+",
        help=(
            f"an accepted API key; repeatable. Prefer the {KEY_VARIABLE} environment variable: "
            "a key on the command line shows in the process list (default, with neither: "
            "sk-local-test)"
        ),
    )
    parser.add_argument(
        "--assistants", metavar="FILE", type=Path, help="YAML file of assistants to add"
    )
    parser.add_argument(
        "--any-assistant",
        action="store_true",
        help="accept every well-formed asst_... id, creating the assistant on first use",
    )
    parser.add_argument(
        "--run-duration",
        metavar="SECONDS",
        type=_seconds,
        default=0.0,
        help="how long a run stays active (default 0: terminal when the response is sent)",
    )
    parser.add_argument(
        "--max-threads",
        metavar="N",
        type=_positive_int,
        default=10_000,
        help="threads kept in memory, least recently used evicted (default %(default)s)",
    )
    parser.add_argument(
        "--max-body-bytes",
        metavar="N",
        type=_positive_int,
        help="larger request bodies get 413 (default 1048576, 1 MiB)",
    )
    parser.add_argument(
        "--max-body-values",
        metavar="N",
        type=_positive_int,
        help=(
            "request bodies holding more JSON values (array items and object members, at any "
            "level) get 400; what a body costs the server is its values, not its bytes "
            "(default 20000)"
        ),
    )
    parser.add_argument(
        "--max-connections",
        metavar="N",
        type=_positive_int,
        default=1_000,
        help=(
            "open connections served at once; more get 503 (default %(default)s). Headers "
            "must arrive within 10 s and bodies within 30 s; idle connections close after 5 s"
        ),
    )
    parser.add_argument(
        "--fault-injection",
        action="store_true",
        help="honour the x-runspec-fault request header (for client tests only)",
    )
    parser.add_argument(
        "--spec", type=Path, default=None, help="the spec to serve (default: the project's)"
    )
    parser.add_argument(
        "--log-level",
        default="warning",
        choices=["critical", "error", "warning", "info", "debug"],
        help="uvicorn log level (default %(default)s)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so that other commands do not pay for the server's imports.
    import uvicorn

    from runspec import SPEC_PATH
    from runspec.server import (
        DEFAULT_API_KEY,
        AssistantsFileError,
        ServerConfig,
        create_app,
        load_assistants,
    )
    from runspec.server.errors import mask_key
    from runspec.server.http import HttpLimits
    from runspec.server.operations import base_path
    from runspec.spec import SpecSchemas
    from runspec.yamlio import YamlError

    spec_path = args.spec or SPEC_PATH
    from_environment = os.environ.get(KEY_VARIABLE, "").strip()
    keys: list[str] = [
        *([from_environment] if from_environment else []),
        *(args.api_keys or []),
    ] or [DEFAULT_API_KEY]
    try:
        schemas = SpecSchemas.from_path(spec_path)
        assistants = load_assistants(args.assistants, schemas) if args.assistants else []
    except (AssistantsFileError, YamlError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    defaults = ServerConfig()
    app = create_app(
        api_keys=keys,
        assistants=assistants,
        any_assistant=args.any_assistant,
        run_duration=args.run_duration,
        max_threads=args.max_threads,
        max_body_bytes=args.max_body_bytes or defaults.max_body_bytes,
        max_body_values=args.max_body_values or defaults.max_body_values,
        fault_injection=args.fault_injection,
        spec_path=spec_path,
    )
    # What exists now (the spec, its compiled validators, the imported modules) lives as long as
    # the server: moved out of the collector's reach, a full collection under load takes
    # microseconds instead of tens of milliseconds (a p99 spike).
    gc.collect()
    gc.freeze()
    # A big body is handled on a worker thread; the event loop gets the GIL back from it after
    # this long at most, once the worker's current C call returns (each is bounded by the limit
    # of values). A small request takes the GIL several times over (reading, handling, writing),
    # so Python's default of 5 ms would add tens of milliseconds; at 0.2 ms it adds about one
    # (make bench). With no worker busy, nothing waits for the GIL and the interval costs nothing.
    sys.setswitchinterval(0.0002)
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    # IPPROTO_TCP, not the default 0: asyncio only sets TCP_NODELAY on accepted connections of
    # a socket whose protocol says TCP, and without it keep-alive requests wait ~40 ms (Nagle
    # against delayed ACKs).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.host, args.port))
    except OSError as exc:
        sock.close()
        print(f"error: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 2
    port = sock.getsockname()[1]
    host = f"[{args.host}]" if family == socket.AF_INET6 else args.host
    base_url = f"http://{host}:{port}{base_path(schemas.document)}"
    # The built-in key is public (it is in the README); any other is a secret, shown masked.
    shown = keys[0] if keys[0] == DEFAULT_API_KEY else mask_key(keys[0])
    source = f" (from {KEY_VARIABLE})" if from_environment else ""
    more = f" (and {len(keys) - 1} more)" if len(keys) > 1 else ""
    print("runspec reference server")
    print(f"  base URL: {base_url}")
    print(f"  API key:  {shown}{source}{more}")
    if args.fault_injection:
        print("  fault injection is ON (x-runspec-fault header)")
    example_key = keys[0] if keys[0] == DEFAULT_API_KEY else "<the key>"
    print(f"  e.g. OPENAI_BASE_URL={base_url} OPENAI_API_KEY={example_key}")
    sys.stdout.flush()
    config = uvicorn.Config(
        app,
        lifespan="off",
        access_log=False,
        log_level=args.log_level,
        server_header=False,
        http=_http_protocol(HttpLimits(max_connections=args.max_connections)),
        loop="auto",
        timeout_keep_alive=int(HttpLimits().keep_alive_timeout),
    )
    # uvicorn shuts down gracefully on Ctrl-C, then re-raises it: that is a clean exit here.
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(config).run(sockets=[sock])
    return 0
