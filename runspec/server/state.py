"""The server's memory: assistants, threads with their messages and runs, bounded.

Threads live in an LRU map of at most ``max_threads`` entries; the least recently used thread is
dropped first. Each thread keeps its newest :data:`MAX_MESSAGES` messages and :data:`MAX_RUNS`
runs, and the store as a whole keeps about ``max_bytes`` of memory, evicting old threads beyond
it. What is charged is what is kept: each message's JSON plus the overhead of the objects that
hold it (:data:`MESSAGE_OVERHEAD`), each run's record (:data:`RUN_OVERHEAD`), each thread's own
(:data:`THREAD_OVERHEAD`). Messages are kept encoded, so a thread is a handful of objects for the
garbage collector however much it holds. With ``--any-assistant``, assistants created on first
use are bounded by ``max_threads`` too; configured ones are never dropped.

Starting a run is one critical section per thread (:meth:`Store.start_run`): check that no run is
active, add the request's messages, create the run, mark it active. Nothing in it awaits, and it
holds the thread's lock, so of many concurrent creates on a thread exactly one wins.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple, Protocol, TypeVar

from runspec.server import errors
from runspec.server.assistants import ASSISTANT_ID, Assistant
from runspec.server.jsonwire import dumps_to_keep, loads
from runspec.server.objects import message_text

__all__ = [
    "MAX_MESSAGES",
    "MAX_RUNS",
    "MESSAGE_OVERHEAD",
    "RUN_OVERHEAD",
    "THREAD_OVERHEAD",
    "ActiveRun",
    "Store",
    "StoredMessage",
    "StoredRun",
    "Thread",
]

MAX_MESSAGES = 100
MAX_RUNS = 16


class ActiveRun(Protocol):
    """What the store needs to know of a run."""

    @property
    def id(self) -> str: ...

    @property
    def ends(self) -> float:
        """The monotonic time at which the run stops being active."""
        ...


R = TypeVar("R", bound=ActiveRun)

# What one kept thing costs in memory beyond its JSON (CPython 3.11, 64-bit: the objects that
# hold it, their allocator's rounding, the string of an id), measured by
# tests/server/test_memory.py, which fails when what is kept outgrows what is charged.
THREAD_OVERHEAD = 1024
MESSAGE_OVERHEAD = 160
RUN_OVERHEAD = 192


class StoredMessage(NamedTuple):
    """A message of a thread, compact: its API object as JSON, its role and its token count.

    The object is kept encoded (one ``bytes``) instead of as the dozen dicts and lists it decodes
    to; its text is worked out again when a run needs it.
    """

    encoded: bytes
    role: str
    tokens: int
    text_given: str | None = None  # its text, when the maker has it at hand (not kept)

    @property
    def object(self) -> dict[str, Any]:
        """The message object of the API."""
        value: dict[str, Any] = loads(self.encoded)
        return value

    @property
    def text(self) -> str:
        """Its text parts, joined by blank lines."""
        return message_text(self.object)

    @property
    def cost(self) -> int:
        """What it is charged against the store's byte limit."""
        return len(self.encoded) + MESSAGE_OVERHEAD


class StoredRun(NamedTuple):
    """What a thread keeps of a run once it is created: its id and when it stops being active."""

    id: str
    ends: float

    def is_active(self, now: float) -> bool:
        return now < self.ends


def _text_cost(text: str | None) -> int:
    return 0 if text is None else sys.getsizeof(text)


# What a thread keeps of a message, (JSON, role, tokens), and of a run, (id, end): exact tuples of
# strings and numbers, which the garbage collector stops tracking, so that a full collection
# walks one object per thread (the Thread) however many messages and runs the store holds.
_Message = tuple[bytes, str, int]
_Run = tuple[str, float]


class Thread:
    """A thread and what happened on it: its newest messages and runs.

    The thread object never changes, so it is kept as its JSON; messages and runs are tuples
    trimmed to :data:`MAX_MESSAGES` and :data:`MAX_RUNS`. ``size`` is what the thread is charged
    against the store's byte limit: an estimate of the memory all of it takes.
    """

    __slots__ = (
        "_active",
        "_last_user",
        "_last_user_text",
        "_messages",
        "_runs",
        "added",
        "created_at",
        "encoded",
        "id",
        "lock",
        "size",
        "tokens",
    )

    def __init__(
        self,
        id: str,
        created_at: int,
        metadata: Mapping[str, Any],
        tool_resources: Mapping[str, Any] | None,
    ) -> None:
        self.id = id
        self.created_at = created_at
        self.encoded = dumps_to_keep(
            {
                "id": id,
                "object": "thread",
                "created_at": created_at,
                "tool_resources": tool_resources,
                "metadata": metadata,
            }
        )
        self._messages: tuple[_Message, ...] = ()
        self._runs: tuple[_Run, ...] = ()
        self._active: _Run | None = None
        self.lock = threading.Lock()
        self.size = THREAD_OVERHEAD + len(self.encoded)
        # Kept up to date by add(), so that a run need not walk the messages:
        self.tokens = 0  # of the kept messages
        self.added = 0  # messages ever added; the kept ones are the last len(messages)
        self._last_user: int | None = None  # position of the newest user message with text
        # ... and its text, when it came with it: a run's reply repeats it, and decoding a big
        # message again for it costs more than keeping its text (charged to the thread) does
        self._last_user_text: str | None = None

    @property
    def messages(self) -> list[StoredMessage]:
        """The kept messages, oldest first."""
        return [StoredMessage(*message) for message in self._messages]

    @property
    def runs(self) -> list[StoredRun]:
        """The kept runs, oldest first."""
        return [StoredRun(*run) for run in self._runs]

    @property
    def active_run(self) -> StoredRun | None:
        """The newest run (which may be over by now), or None."""
        return None if self._active is None else StoredRun(*self._active)

    def add(self, batch: list[StoredMessage]) -> int:
        """Append messages, dropping the oldest beyond :data:`MAX_MESSAGES`; return the change in
        :attr:`size`."""
        if not batch:
            return 0
        change = 0
        for message in batch:
            if message.role == "user" and message.tokens:
                self._last_user = self.added
                change += _text_cost(message.text_given) - _text_cost(self._last_user_text)
                self._last_user_text = message.text_given
            self.added += 1
        kept = (*self._messages, *((m.encoded, m.role, m.tokens) for m in batch))
        dropped, self._messages = kept[:-MAX_MESSAGES], kept[-MAX_MESSAGES:]
        change += sum(m.cost for m in batch) - sum(len(m[0]) + MESSAGE_OVERHEAD for m in dropped)
        self.tokens += sum(m.tokens for m in batch) - sum(m[2] for m in dropped)
        if self._last_user is not None and self._last_user < self.added - len(self._messages):
            change -= _text_cost(self._last_user_text)
            self._last_user, self._last_user_text = None, None
        self.size += change
        return change

    def add_run(self, run: StoredRun) -> int:
        """Keep ``run`` as the active one; return the change in :attr:`size`."""
        self._active = (run.id, run.ends)
        change = RUN_OVERHEAD if len(self._runs) < MAX_RUNS else 0  # else the oldest goes
        self._runs = (*self._runs, self._active)[-MAX_RUNS:]
        self.size += change
        return change

    def prompt_tokens(self, last_messages: int | None = None) -> int:
        """Tokens of the kept messages, or of the newest ``last_messages`` of them."""
        if last_messages is None or last_messages >= len(self._messages):
            return self.tokens
        return sum(m[2] for m in self._messages[-last_messages:])

    @property
    def last_user_text(self) -> str | None:
        """The text of the newest kept user message that has text."""
        if self._last_user is None:
            return None
        if self._last_user_text is not None:
            return self._last_user_text
        first_kept = self.added - len(self._messages)
        return StoredMessage(*self._messages[self._last_user - first_kept]).text

    @property
    def metadata(self) -> Any:
        return self.object()["metadata"]

    @property
    def tool_resources(self) -> Any:
        return self.object()["tool_resources"]

    def object(self) -> dict[str, Any]:
        """The thread object of the API."""
        value: dict[str, Any] = loads(self.encoded)
        return value


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
            self._bytes += thread.size
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
        make_run: Callable[[Thread], tuple[R, Iterable[StoredMessage]]],
        now: float,
    ) -> R:
        """Add ``messages`` and start the run ``make_run`` builds, unless a run is active.

        ``make_run`` sees the thread with the new messages and returns the run and the messages
        the run writes. Raises the "already has an active run"
        :class:`~runspec.server.errors.ApiError` otherwise.
        """
        with thread.lock:
            active = thread.active_run
            if active is not None and active.is_active(now):
                raise errors.active_run(thread.id, active.id)
            change = thread.add(list(messages))
            run, written = make_run(thread)
            change += thread.add(list(written))
            change += thread.add_run(StoredRun(run.id, run.ends))
        with self._lock:
            # A thread evicted while a request still held it is no longer counted.
            if self._threads.get(thread.id) is thread:
                self._bytes += change
                if change > 0:
                    self._evict(keep=thread)
        return run
