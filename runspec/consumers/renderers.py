"""The three doc renderers (Swagger UI, Redoc, Scalar) in headless Chromium, offline.

Each page is loaded from a ``file:`` URL with no network (a black-hole proxy, no host resolves);
a renderer passes when the DOM it builds shows every operation's summary and none of its error
messages. One Chromium per page (``--dump-dom``): slower than one browser driven over the
DevTools pipe (tests/publish/chromium.py), but a dozen pages need no protocol code.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from runspec.consumers.base import Outcome, Workspace, call, fresh
from runspec.yamlio import load_document

__all__ = ["redoc", "scalar", "swagger_ui"]


# ---- doc renderers in headless Chromium ----------------------------------------------------------
# Each page is loaded from file: with no network; the renderer passes when the DOM it builds shows
# both operations' summaries and none of its error messages.
_RENDER_ERRORS = ("Resolver error", "Parser error", "Something went wrong", "Unable to render")


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _summaries(spec: Path) -> dict[str, tuple[str, str]]:
    """operationId -> (first tag, summary) of every operation."""
    found = {}
    for item in load_document(spec)["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and "operationId" in op:
                found[str(op["operationId"])] = (
                    str((op.get("tags") or [""])[0]),
                    str(op.get("summary")),
                )
    return found


def _rendered(ws: Workspace, page: str, expected: Sequence[str]) -> Outcome:
    """Load ``page`` (a file: URL) and look for ``expected`` texts and no error message."""
    browser = _chromium()
    if browser is None:
        return Outcome.missing("chromium")
    argv = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={ws.work / 'chromium-profile'}", "--virtual-time-budget=20000",
        "--dump-dom", page,
    ]  # fmt: skip
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        return Outcome(False, "chromium: no page in 120 s")
    # The text a reader sees: no scripts or styles, no tags (Scalar breaks lines with <wbr>).
    markup = re.sub(r"<(script|style)\b.*?</\1>", "", done.stdout, flags=re.DOTALL)
    shown = html.unescape(re.sub(r"<[^>]+>", "", markup))
    missing = [text for text in expected if text not in shown]
    errors = [e for e in _RENDER_ERRORS if e in shown]
    if missing or errors:
        return Outcome(False, f"not shown: {missing}; errors shown: {errors}")
    return Outcome(True)


def _spec_json(spec: Path) -> str:
    # Inlined in a <script>: "</" cannot end the element early.
    return json.dumps(load_document(spec)).replace("</", "<\\/")


def swagger_ui(ws: Workspace, spec: Path) -> Outcome:
    dist = ws.root / "node_modules" / "swagger-ui-dist"
    if not dist.is_dir():
        return Outcome.missing("swagger-ui-dist")
    out = fresh(ws.work, "swagger-ui")
    page = out / "index.html"
    page.write_text(
        f'<!doctype html><html><head><meta charset="utf-8">'
        f'<link rel="stylesheet" href="{(dist / "swagger-ui.css").as_uri()}"></head>'
        f'<body><div id="ui"></div><script src="{(dist / "swagger-ui-bundle.js").as_uri()}">'
        f'</script><script>SwaggerUIBundle({{spec: {_spec_json(spec)}, dom_id: "#ui"}});'
        "</script></body></html>",
        encoding="utf-8",
    )
    return _rendered(ws, page.as_uri(), [summary for _, summary in _summaries(spec).values()])


def scalar(ws: Workspace, spec: Path) -> Outcome:
    script = ws.root / "node_modules" / "@scalar" / "api-reference" / "dist" / "browser"
    if not (script / "standalone.js").is_file():
        return Outcome.missing("@scalar/api-reference")
    out = fresh(ws.work, "scalar")
    page = out / "index.html"
    page.write_text(
        '<!doctype html><html><head><meta charset="utf-8"></head><body><div id="app"></div>'
        f'<script src="{(script / "standalone.js").as_uri()}"></script>'
        f'<script>Scalar.createApiReference("#app", {{content: {_spec_json(spec)}}});</script>'
        "</body></html>",
        encoding="utf-8",
    )
    return _rendered(ws, page.as_uri(), [summary for _, summary in _summaries(spec).values()])


def redoc(ws: Workspace, spec: Path) -> Outcome:
    tool = ws.node_bin("redocly")
    if tool is None:
        return Outcome.missing("@redocly/cli (its build-docs is Redoc)")
    out = fresh(ws.work, "redoc")
    page = out / "index.html"
    built = call(
        [tool, "build-docs", spec, "--output", page, "--inlineBundle", "--lint-config", "off"],
        out,
        {"REDOCLY_TELEMETRY": "off"},
    )
    if built.ok is not True:
        return built
    # Redoc shows each operation on its own route (#/<tag>/<operationid>).
    for operation_id, (tag, summary) in _summaries(spec).items():
        route = f"{page.as_uri()}#/{tag.lower()}/{operation_id.lower()}"
        outcome = _rendered(ws, route, [summary])
        if outcome.ok is not True:
            return outcome
    return Outcome(True)
