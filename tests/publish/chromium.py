"""A headless Chromium driven over the DevTools protocol on a pipe, for the offline-docs test.

``chromium --dump-dom`` starts a browser per page, which on a small CI machine costs seconds each;
one browser over ``--remote-debugging-pipe`` (fds 3 and 4, NUL-separated JSON) loads each page
once and switches between its views by changing the URL fragment. The browser gets no network
(a black-hole proxy, every host unresolvable) and records every request a page makes, so a test
can assert that only ``file:`` URLs were fetched.

Debian's package is ``chromium``; ``.ci/run`` installs it. As root it needs ``--no-sandbox``.

Closing asks the browser to quit over the protocol, then kills its whole process group: helper
processes (renderers, crashpad) can outlive the main one and keep writing into the profile, which
once made removing the profile fail with "Directory not empty" on a CI machine.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

__all__ = ["BROWSER_NAMES", "Browser", "find_chromium"]

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--proxy-server=http://127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-pipe",
)


def find_chromium() -> str | None:
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """One headless browser with one tab; ``with Browser(path) as browser: ...``."""

    def __init__(self, executable: str, *, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.requests: list[str] = []
        self._profile = tempfile.TemporaryDirectory(prefix="runspec-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire_fds() -> None:  # in the child: fd 3 reads commands, fd 4 writes replies
            commands = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            replies = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(commands, 3)  # dup2 makes them inheritable; every other fd is not (PEP 446)
            os.dup2(replies, 4)

        self._process = subprocess.Popen(
            [executable, *_FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire_fds,  # the fds the protocol pipe needs; this helper has one thread
            close_fds=False,
            start_new_session=True,  # its own process group, so close() can end every helper
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})
        self._session: str | None = attached["sessionId"]
        self._call("Network.enable", {})
        self._call("Page.enable", {})

    # ---- protocol --------------------------------------------------------------------------------
    def _call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if getattr(self, "_session", None):
            message["sessionId"] = self._session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            if reply.get("method") == "Network.requestWillBeSent":
                self.requests.append(reply["params"]["request"]["url"])

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium exited")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    # ---- pages -------------------------------------------------------------------------------------
    def evaluate(self, expression: str) -> Any:
        reply = self._call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        return reply.get("result", {}).get("value")

    def open(self, path: Path, fragment: str = "") -> None:
        """Load a local file (a fresh document, even if it is the same file)."""
        self._call("Page.navigate", {"url": "about:blank"})
        self._call("Page.navigate", {"url": path.resolve().as_uri() + fragment})

    def show(self, fragment: str) -> None:
        """Switch the loaded page to another fragment (a client-side route)."""
        self.evaluate(f"location.hash = {json.dumps(fragment.lstrip('#'))}; true")

    def text_when(self, ready: Callable[[str], bool]) -> str:
        """The page's visible text as soon as ``ready(text)`` holds (or at the timeout)."""
        deadline = time.monotonic() + self.timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.evaluate("document.body ? document.body.innerText : ''") or ""
            if ready(text):
                return text
            time.sleep(0.1)
        return text

    def close(self) -> None:
        try:
            self._quit()
        finally:
            os.close(self._to_browser)
            os.close(self._from_browser)
            self._remove_profile()

    def _quit(self) -> None:
        self._session = None  # Browser.close is a browser-level command, not the tab's
        # Already gone or not answering: the kill below ends it either way.
        with contextlib.suppress(OSError, RuntimeError, TimeoutError):
            self._call("Browser.close", {})
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()

    def _remove_profile(self) -> None:
        # A helper killed a moment ago may still have had a write in flight: try a few times.
        for _ in range(20):
            try:
                shutil.rmtree(self._profile.name)
                break
            except FileNotFoundError:
                break
            except OSError:
                time.sleep(0.1)
        self._profile.cleanup()  # a no-op once the tree is gone; otherwise it raises the cause

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
