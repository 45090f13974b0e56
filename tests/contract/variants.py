"""Valid variations of the reference server, each injected as an ASGI wrapper around it.

The counterpart of :mod:`tests.contract.mutants`: every :class:`Variant` rewrites the reference
server's answers in a way the standards allow (SSE framing, JSON layout, content coding, extra
fields and headers), so the suite must pass it exactly as it passes the server itself. A check
that fails one of them is a false alarm on some independent server.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from tests.contract.mutants import Answer, ResponseHook, Sent, Wrapper, _read_body

__all__ = ["VARIANTS", "Variant"]

Chunker = Callable[[bytes], Iterator[bytes]]


class Rewritten(Wrapper):
    """Like :class:`Wrapper`, but may send the body in pieces, without a ``content-length``;
    counts the answers it changed, so that a test knows the freedom was exercised at all."""

    def __init__(self, app: ASGIApp, rewrite: ResponseHook, chunks: Chunker | None) -> None:
        super().__init__(app, on_response=self._rewrite)
        self.rewrite = rewrite
        self.chunks = chunks
        self.changed = 0

    def _rewrite(self, sent: Sent, answer: Answer) -> None:
        before = (answer.body, dict(answer.headers))
        self.rewrite(sent, answer)
        if self.chunks is not None or (answer.body, answer.headers) != before:
            self.changed += 1

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.chunks is None:
            await super().__call__(scope, receive, send)
            return
        sent = Sent(
            method=scope["method"],
            path=scope["path"],
            headers={k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]},
            body=await _read_body(receive),
        )
        answer = await self._call_app(scope, sent)
        assert self.on_response is not None
        self.on_response(sent, answer)
        answer.headers.pop("content-length", None)
        raw = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in answer.headers.items()]
        await send({"type": "http.response.start", "status": answer.status, "headers": raw})
        body = answer.body if sent.method != "HEAD" else b""
        for piece in self.chunks(body):
            await send({"type": "http.response.body", "body": piece, "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})


@dataclass(frozen=True)
class Variant:
    """One freedom a server has: how its answers are rewritten, and in what pieces they go out."""

    name: str
    freedom: str
    rewrite: ResponseHook
    chunks: Chunker | None = None
    # The phases that exercise it: the examples' runs, and fuzzing's streams and error answers
    # (the coverage phase adds 1,200 cases of the same few answers, for 4 s a variant).
    phases: tuple[str, ...] = ("examples", "fuzzing")

    def wrap(self, app: ASGIApp) -> Rewritten:
        return Rewritten(app, self.rewrite, self.chunks)

    def __str__(self) -> str:
        return self.name


# ---- the rewrites ---------------------------------------------------------------------------------


def _streams(change: Callable[[bytes], bytes]) -> ResponseHook:
    def hook(sent: Sent, answer: Answer) -> None:
        if answer.media_type == "text/event-stream":
            answer.body = change(answer.body)

    return hook


def _line_ends(end: bytes) -> Callable[[bytes], bytes]:
    # JSON text escapes its newlines, so every b"\n" of a stream is a line end.
    return lambda body: body.replace(b"\n", end)


def _with_comments(body: bytes) -> bytes:
    events = body.split(b"\n\n")
    commented = [
        b": keep-alive\n" + event.replace(b"\ndata:", b"\n:a comment\ndata:", 1) for event in events
    ]
    return b": stream opened\n\n" + b"\n\n".join(commented)


def _strip_spaces(body: bytes) -> bytes:
    lines = body.split(b"\n")
    return b"\n".join(
        b"event:" + line[7:]
        if line.startswith(b"event: ")
        else b"data:" + line[6:]
        if line.startswith(b"data: ")
        else line
        for line in lines
    )


def _ids_and_retry(body: bytes) -> bytes:
    events = [event for event in body.split(b"\n\n") if event]
    numbered = [b"id: %d\n" % (index + 1) + event for index, event in enumerate(events)]
    return b"retry: 3000\n\n" + b"\n\n".join(numbered) + b"\n\n"


def _fibonacci_pieces(body: bytes) -> Iterator[bytes]:
    """The body in pieces of 1, 2, 3, 5, 8 and 13 bytes, over and over: lines and UTF-8
    characters are cut anywhere."""
    sizes, start, turn = (1, 2, 3, 5, 8, 13), 0, 0
    while start < len(body):
        size = sizes[turn % len(sizes)]
        yield body[start : start + size]
        start, turn = start + size, turn + 1


def _reordered(value: Any) -> Any:
    """The same JSON value with every object's keys in reverse order."""
    if isinstance(value, dict):
        return {key: _reordered(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [_reordered(item) for item in value]
    return value


def _relaid(text: bytes | str) -> str:
    return json.dumps(_reordered(json.loads(text)), indent=2, separators=(" ,", " : "))


def _json_layout(sent: Sent, answer: Answer) -> None:
    if answer.media_type == "application/json" and answer.body:
        answer.body = _relaid(answer.body).encode()
    elif answer.media_type == "text/event-stream":
        events = []
        for event in answer.events():
            data = event.data if not event.data.startswith("{") else _relaid(event.data)
            lines = "".join(f"data: {line}\n" for line in data.split("\n"))
            events.append(f"event: {event.event}\n{lines}\n")
        answer.body = "".join(events).encode()


def _compressed(coding: str, compress: Callable[[bytes], bytes]) -> ResponseHook:
    """The body in ``coding`` when the client accepts it (RFC 9110, Accept-Encoding)."""

    def hook(sent: Sent, answer: Answer) -> None:
        accepted = [
            part.split(";")[0].strip()
            for part in sent.headers.get("accept-encoding", "").split(",")
        ]
        if coding in accepted and answer.body:
            answer.body = compress(answer.body)
            answer.headers["content-encoding"] = coding
            answer.headers["vary"] = "accept-encoding"

    return hook


def _with_extra(value: Any) -> Any:
    if isinstance(value, dict):
        extra = dict(value, x_gateway={"region": "eu-1", "cached": False})
        if isinstance(value.get("error"), dict):
            extra["error"] = dict(value["error"], request_id="req_123")
        return extra
    return value


def _extra_fields(sent: Sent, answer: Answer) -> None:
    if answer.media_type == "application/json" and answer.body:
        answer.set_json(_with_extra(answer.json()))
    elif answer.media_type == "text/event-stream":
        events = answer.events()
        for index, event in enumerate(events):
            if event.data.startswith("{"):
                events[index] = type(event)(event.event, json.dumps(_with_extra(event.json())))
        answer.set_events(events)


def _extra_headers(sent: Sent, answer: Answer) -> None:
    answer.headers.update(
        {
            "server": "gateway/1.0",
            "via": "1.1 edge-proxy",
            "cache-control": "no-store",
            "x-gateway-trace": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            "openai-processing-ms": "7",
            "openai-version": "2020-10-01",
            "strict-transport-security": "max-age=31536000",
        }
    )


def _unchanged(sent: Sent, answer: Answer) -> None:
    return None


VARIANTS: tuple[Variant, ...] = (
    Variant("sse-crlf", "event-stream lines end with CRLF", _streams(_line_ends(b"\r\n"))),
    Variant("sse-cr", "event-stream lines end with a bare CR", _streams(_line_ends(b"\r"))),
    Variant("sse-comments", "comment lines before and inside events", _streams(_with_comments)),
    Variant("sse-no-space", "no space after the field's colon", _streams(_strip_spaces)),
    Variant(
        "sse-id-retry", "id: on every event and a retry: block first", _streams(_ids_and_retry)
    ),
    Variant("chunked", "every answer in pieces of 1 to 13 bytes", _unchanged, _fibonacci_pieces),
    Variant(
        "json-layout",
        "indented JSON, odd separators, keys in reverse order",
        _json_layout,
    ),
    Variant("gzip", "gzip content coding when accepted", _compressed("gzip", gzip.compress)),
    Variant(
        "gzip-chunked",
        "gzip content coding sent in pieces, as a compressing proxy streams it",
        _compressed("gzip", gzip.compress),
        _fibonacci_pieces,
    ),
    Variant(
        "deflate", "deflate content coding when accepted", _compressed("deflate", zlib.compress)
    ),
    Variant(
        "extra-fields",
        "unknown fields in every object and error",
        _extra_fields,
    ),
    Variant("extra-headers", "headers the spec does not name", _extra_headers),
)
