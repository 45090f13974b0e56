"""A directory swap never leaves its target missing: not on error, not when killed mid-swap.

The kill is real (SIGKILL, in a child process) and lands where the two-rename swap is weakest:
between its renames. The next swap of the target finishes the interrupted one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from runspec.dirswap import DirectorySwap, scratch_prefix


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*") if p.is_file()}


def write_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def leftovers(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name.startswith(f".{target.name}."))


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_the_fresh_tree_replaces_the_target_and_nothing_is_left(
    tmp_path: Path, exchange: bool
) -> None:
    target = tmp_path / "dist"
    write_tree(target, {"old.txt": "old", "same.txt": "1"})
    with DirectorySwap(target, exchange=exchange) as swap:
        fresh = swap.scratch / "dist"
        write_tree(fresh, {"new.txt": "new", "same.txt": "2"})
        swap.replace_with(fresh)
    assert tree(target) == {"new.txt": "new", "same.txt": "2"}
    assert leftovers(target) == []


def test_a_target_that_does_not_exist_yet_is_created(tmp_path: Path) -> None:
    target = tmp_path / "out" / "generated"
    with DirectorySwap(target) as swap:
        write_tree(swap.scratch / "g", {"a.py": "x = 1\n"})
        swap.replace_with(swap.scratch / "g")
    assert tree(target) == {"a.py": "x = 1\n"}


def test_an_error_before_the_swap_leaves_the_target_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "generated"
    write_tree(target, {"a.py": "old"})

    def failing_build() -> None:
        with DirectorySwap(target) as swap:
            write_tree(swap.scratch / "generated", {"a.py": "half"})
            raise RuntimeError("a step failed")

    with pytest.raises(RuntimeError):
        failing_build()
    assert tree(target) == {"a.py": "old"}
    assert leftovers(target) == []


KILLED_BETWEEN_RENAMES = """
import os, signal, sys
from pathlib import Path
from runspec.dirswap import DirectorySwap

target = Path(sys.argv[1])
kill = lambda: os.kill(os.getpid(), signal.SIGKILL)
with DirectorySwap(target, exchange=False, between_renames=kill) as swap:
    fresh = swap.scratch / target.name
    fresh.mkdir()
    (fresh / "version.txt").write_text("new")
    swap.replace_with(fresh)
"""

KILLED_WHILE_BUILDING = """
import os, signal, sys
from pathlib import Path
from runspec.dirswap import DirectorySwap

target = Path(sys.argv[1])
with DirectorySwap(target) as swap:
    (swap.scratch / target.name).mkdir()
    os.kill(os.getpid(), signal.SIGKILL)
"""


def run_killed(script: str, target: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), str(target)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr


def test_a_kill_between_the_renames_is_finished_by_the_next_swap(tmp_path: Path) -> None:
    target = tmp_path / "dist"
    write_tree(target, {"version.txt": "old"})
    run_killed(KILLED_BETWEEN_RENAMES, target)
    # The window: the target is gone, both trees are parked in the scratch directory.
    assert not target.exists()
    assert [name.startswith(scratch_prefix(target)) for name in leftovers(target)] == [True]
    with DirectorySwap(target):
        assert tree(target) == {"version.txt": "new"}
    assert leftovers(target) == []


def test_a_kill_while_building_leaves_the_target_and_scratch_the_next_run_removes(
    tmp_path: Path,
) -> None:
    target = tmp_path / "generated"
    write_tree(target, {"version.txt": "old"})
    run_killed(KILLED_WHILE_BUILDING, target)
    assert tree(target) == {"version.txt": "old"}
    assert len(leftovers(target)) == 1
    with DirectorySwap(target):
        pass
    assert leftovers(target) == []
    assert tree(target) == {"version.txt": "old"}


def test_an_old_tree_parked_by_an_earlier_version_is_put_back(tmp_path: Path) -> None:
    target = tmp_path / "dist"
    write_tree(tmp_path / ".dist.tmp-abc123" / "previous", {"version.txt": "old"})
    write_tree(tmp_path / ".dist.tmp-abc123" / "dist", {"version.txt": "half"})
    with DirectorySwap(target):
        assert tree(target) == {"version.txt": "old"}
    assert leftovers(target) == []


def test_scratch_space_is_ignored_by_git(tmp_path: Path) -> None:
    from runspec import PROJECT_ROOT

    names = [".generated.swap-x1/f", ".dist.swap-x2/f", ".generated.abcd/old/f", ".dist.tmp-1/f"]
    done = subprocess.run(
        ["git", "check-ignore", "--no-index", *names],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.split() == names
    assert os.path.exists(PROJECT_ROOT / ".gitignore")
