"""The server's memory: assistants, threads with their messages and runs, bounded.

Threads live in an LRU map of at most ``max_threads`` entries; the least recently used thread is
dropped first. Each thread keeps its newest :data:`MAX_MESSAGES` messages and :data:`MAX_RUNS`
runs, and the store as a whole keeps about ``max_bytes`` of request text (charged by the size of
the bodies that added messages), evicting old threads beyond it. With ``--any-assistant``,
assistants created on first use are bounded the same way; configured ones are never dropped.

Starting a run is one critical section per thread (:meth:`Store.start_run`): check that no run is
active, add the request's messages, create the run, mark it active. Nothing in it awaits, and it
holds the thread's lock, so of many concurrent creates on a thread exactly one wins.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from runspec.server import errors
from runspec.server.assistants import ASSISTANT_ID, Assistant
from runspec.server.tokens import split_tokens

__all__ = ["MAX_MESSAGES", "MAX_RUNS", "ActiveRun", "Store", "StoredMessage", "Thread"]

MAX_MESSAGES = 100
MAX_RUNS = 16


class ActiveRun(Protocol):
    """What the store needs to know of a run."""

    @property
    def id(self) -> str: ...

    def is_active(self, now: float) -> bool: ...


R = TypeVar("R", bound=ActiveRun)


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """A message of a thread: its API object, and what runs read of it, worked out once."""

    object: Mapping[str, Any]
    role: str
    text: str
    tokens: int


@dataclass(eq=False, slots=True)
class Thread:
    """A thread and what happened on it: its newest messages and runs."""

    id: str
    created_at: int
    metadata: Mapping[str, Any]
    tool_resources: Mapping[str, Any] | None
    messages: deque[StoredMessage] = field(default_factory=lambda: deque(maxlen=MAX_MESSAGES))
    runs: deque[ActiveRun] = field(default_factory=lambda: deque(maxlen=MAX_RUNS))
    active_run: ActiveRun | None = None
    size: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Kept up to date by add(), so that a run need not walk the messages:
    tokens: int = 0  # of the kept messages
    added: int = 0  # messages ever added; the kept ones are the last len(messages)
    _last_user: tuple[int, tuple[str, ...]] | None = None  # (position, tokens) of user text

    def add(self, batch: list[StoredMessage]) -> int:
        """Append messages, dropping the oldest beyond :data:`MAX_MESSAGES`; return how many."""
        dropped = max(0, len(self.messages) + len(batch) - MAX_MESSAGES)
        for old in list(itertools.islice(self.messages, min(dropped, len(self.messages)))):
            self.tokens -= old.tokens
        for message in batch[max(0, len(batch) - MAX_MESSAGES) :]:
            self.tokens += message.tokens
        newest: tuple[int, StoredMessage] | None = None
        for message in batch:
            if message.role == "user" and message.tokens:
                newest = (self.added, message)
            self.added += 1
        if newest is not None:
            self._last_user = (newest[0], split_tokens(newest[1].text.strip()))
        self.messages.extend(batch)
        return dropped

    def prompt_tokens(self, last_messages: int | None = None) -> int:
        """Tokens of the kept messages, or of the newest ``last_messages`` of them."""
        if last_messages is None or last_messages >= len(self.messages):
            return self.tokens
        return sum(m.tokens for m in itertools.islice(reversed(self.messages), last_messages))

    @property
    def last_user_tokens(self) -> tuple[str, ...] | None:
        """The tokens of the newest kept user message that has text (see :mod:`.tokens`)."""
        if self._last_user is None or self._last_user[0] < self.added - len(self.messages):
            return None
        return self._last_user[1]

    def object(self) -> dict[str, Any]:
        """The thread object of the API."""
        return {
            "id": self.id,
            "object": "thread",
            "created_at": self.created_at,
            "tool_resources": self.tool_resources,
            "metadata": self.metadata,
        }


class Store:
    """Assistants and threads of one server."""

    def __init__(
        self,
        assistants: Iterable[Assistant],
        *,
        any_assistant: bool = False,
        max_threads: int = 10_000,
        max_bytes: int = 256 * 2**20,
    ) -> None:
        if max_threads < 1:
            raise ValueError("max_threads must be at least 1")
        self.any_assistant = any_assistant
        self.max_threads = max_threads
        self.max_bytes = max_bytes
        self._assistants: dict[str, Assistant] = {a.id: a for a in assistants}
        self._created_assistants: OrderedDict[str, Assistant] = OrderedDict()
        self._threads: OrderedDict[str, Thread] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    # ---- assistants ---------------------------------------------------------------------------

    def add_assistant(self, assistant: Assistant) -> None:
        """Add an assistant (or replace the one with its id) while the server runs."""
        with self._lock:
            self._assistants[assistant.id] = assistant

    def find_assistant(self, assistant_id: str) -> Assistant | None:
        """A configured assistant, or with ``any_assistant`` one created for a well-formed id."""
        found = self._assistants.get(assistant_id)
        if found is not None or not self.any_assistant:
            return found
        with self._lock:
            found = self._created_assistants.get(assistant_id)
            if found is not None:
                self._created_assistants.move_to_end(assistant_id)
                return found
            if not ASSISTANT_ID.fullmatch(assistant_id):
                return None
            found = Assistant(id=assistant_id)
            self._created_assistants[assistant_id] = found
            while len(self._created_assistants) > self.max_threads:
                self._created_assistants.popitem(last=False)
            return found

    # ---- threads ------------------------------------------------------------------------------

    @property
    def thread_count(self) -> int:
        return len(self._threads)

    @property
    def stored_bytes(self) -> int:
        return self._bytes

    def find_thread(self, thread_id: str) -> Thread | None:
        """The thread, marked as most recently used; None if unknown or evicted."""
        with self._lock:
            thread = self._threads.get(thread_id)
            if thread is not None:
                self._threads.move_to_end(thread_id)
            return thread

    def add_thread(self, thread: Thread) -> None:
        with self._lock:
            self._threads[thread.id] = thread
            self._threads.move_to_end(thread.id)
            self._evict(keep=thread)

    def _evict(self, keep: Thread) -> None:
        while len(self._threads) > self.max_threads or (
            self._bytes > self.max_bytes and len(self._threads) > 1
        ):
            oldest_id, oldest = next(iter(self._threads.items()))
            if oldest is keep:
                self._threads.move_to_end(oldest_id)
                continue
            del self._threads[oldest_id]
            self._bytes -= oldest.size

    # ---- runs -----------------------------------------------------------------------------------

    def start_run(
        self,
        thread: Thread,
        messages: Iterable[StoredMessage],
        size: int,
        make_run: Callable[[Thread], tuple[R, Iterable[StoredMessage]]],
        now: float,
    ) -> R:
        """Add ``messages`` and start the run ``make_run`` builds, unless a run is active.

        ``make_run`` sees the thread with the new messages and returns the run and the messages
        the run writes. ``size`` is what the new messages cost against ``max_bytes``. Raises the
        "already has an active run" :class:`~runspec.server.errors.ApiError` otherwise.
        """
        with thread.lock:
            active = thread.active_run
            if active is not None and active.is_active(now):
                raise errors.active_run(thread.id, active.id)
            self._append(thread, messages, size)
            run, written = make_run(thread)
            self._append(thread, written, 0)
            thread.runs.append(run)
            thread.active_run = run
        if size:
            with self._lock:
                self._evict(keep=thread)
        return run

    def _append(self, thread: Thread, messages: Iterable[StoredMessage], size: int) -> None:
        batch = list(messages)
        if not batch:
            return
        kept = len(thread.messages)
        dropped = min(thread.add(batch), kept)
        # Dropped messages give back their share of the thread's bytes.
        refund = thread.size * dropped // kept if dropped else 0
        with self._lock:
            # A thread evicted while a request still held it is no longer counted.
            if self._threads.get(thread.id) is thread:
                self._bytes += size - refund
                thread.size += size - refund
