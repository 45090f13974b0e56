"""Replacing a directory by a freshly built tree, so that it is never missing or half-written.

``make generate`` (``generated/``) and ``make publish`` (``dist/``) build their output in scratch
space next to the target, then swap it in::

    with DirectorySwap(Path("dist")) as swap:
        fresh = swap.scratch / "dist"
        ...                      # build fresh; on any error the target is untouched
        swap.replace_with(fresh)

- On Linux the swap is one ``renameat2(RENAME_EXCHANGE)`` call: the target and the fresh tree
  trade places atomically, so no kill can leave the target missing. Python has no binding for it
  (``os.rename`` is ``renameat`` without flags) and no maintained package offers one, so it is
  called through ``ctypes``.
- Elsewhere (or on a filesystem that refuses the exchange) it takes two renames, target out and
  fresh tree in. Before the first, a ``ready`` file marks the fresh tree complete; a kill between
  the renames leaves the target missing with both trees parked in the scratch directory, and the
  next swap of that target (the next run) finishes it first: :meth:`DirectorySwap.recover`.
- Scratch directories are named ``.<target>.swap-*`` (ignored by git, as is every
  ``.<target>.*``) and removed when the swap ends, or by the next run if a kill left them.
  One swap of a target runs at a time: an ``flock`` on a lock file of the target's (in the
  system's temporary directory, so nothing is left beside the target) is held throughout.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

__all__ = ["DirectorySwap", "scratch_prefix"]

_READY = "ready"  # in a scratch directory: the fresh tree there is complete
_FRESH = "fresh"  # the name a fresh tree is parked under in its scratch directory
_PREVIOUS = "previous"  # the target's old tree, parked by the first of two renames

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def scratch_prefix(target: Path) -> str:
    """The name every scratch directory of ``target`` starts with: ``.<name>.swap-``."""
    return f".{target.name}.swap-"


def _lock_path(target: Path) -> Path:
    """The lock file of ``target``'s swaps: in the system's temporary directory, so that nothing
    is left beside the target, one per target path (and user)."""
    key = hashlib.sha256(os.fsencode(target.resolve())).hexdigest()[:32]
    return Path(tempfile.gettempdir()) / f"runspec-swap-{os.getuid()}-{key}.lock"


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False when the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), str(first))


class DirectorySwap:
    """Scratch space next to ``target``, and the swap of a tree built there into ``target``.

    ``exchange=False`` forces the two-rename swap (for tests); ``between_renames`` is called
    between its two renames (for tests that kill the process there).
    """

    def __init__(
        self,
        target: Path,
        *,
        exchange: bool = True,
        between_renames: Callable[[], None] | None = None,
    ) -> None:
        self.target = target
        self.exchange = exchange
        self.between_renames = between_renames
        self._scratch: Path | None = None
        self._lock: int | None = None

    @property
    def scratch(self) -> Path:
        """This swap's scratch directory (same filesystem as the target)."""
        if self._scratch is None:
            raise RuntimeError("DirectorySwap is used as a context manager")
        return self._scratch

    def __enter__(self) -> DirectorySwap:
        parent = self.target.parent
        parent.mkdir(parents=True, exist_ok=True)
        self._lock = os.open(_lock_path(self.target), os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        self.recover()
        self._scratch = Path(tempfile.mkdtemp(prefix=scratch_prefix(self.target), dir=parent))
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if self._scratch is not None:
                shutil.rmtree(self._scratch, ignore_errors=True)
                self._scratch = None
        finally:
            if self._lock is not None:
                os.close(self._lock)  # releases the flock
                self._lock = None

    def replace_with(self, fresh: Path) -> None:
        """Make the tree at ``fresh`` (inside :attr:`scratch`) the target's."""
        if not self.target.exists():
            os.replace(fresh, self.target)
            return
        if self.exchange and _exchange(fresh, self.target):
            return  # the old tree is at ``fresh`` now, and goes with the scratch directory
        parked = self.scratch / _FRESH
        if fresh != parked:
            os.replace(fresh, parked)
        (self.scratch / _READY).touch()
        os.replace(self.target, self.scratch / _PREVIOUS)
        if self.between_renames is not None:
            self.between_renames()
        try:
            os.replace(parked, self.target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.replace(self.scratch / _PREVIOUS, self.target)
            raise

    def recover(self) -> list[str]:
        """Finish or undo a swap a kill interrupted, and remove left-over scratch directories.

        Returns what was done, one line each (nothing when there was nothing to do). Call with the
        lock held (``__enter__`` does).
        """
        done = []
        # Earlier versions named their scratch directories ".<target>.<random>" and
        # ".<target>.tmp-<random>", and parked the old tree as "old" or "previous".
        for leftover in sorted(self.target.parent.glob(f".{self.target.name}.*")):
            if not leftover.is_dir():
                continue
            if not self.target.exists():
                fresh = leftover / _FRESH
                if (leftover / _READY).exists() and fresh.is_dir():
                    os.replace(fresh, self.target)
                    done.append(f"{self.target}: finished an interrupted swap ({leftover.name})")
                for previous in (leftover / _PREVIOUS, leftover / "old"):
                    if not self.target.exists() and previous.is_dir():
                        os.replace(previous, self.target)
                        done.append(f"{self.target}: restored from an interrupted swap")
            shutil.rmtree(leftover, ignore_errors=True)
            done.append(f"removed {leftover}")
        return done
