"""One writer per draft: an OS lock (flock) that the kernel releases when its holder dies.

A second tdd-tui that opens the same draft cannot take the lock and opens it
read-only instead. The lock file records the holder's pid, only so the
message can say who has it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from tdd_tui.files import real_folder


class DraftLock:
    def __init__(self, draft_path: Path) -> None:
        self.path = draft_path.parent / ".locks" / f"{draft_path.name}.lock"
        self._fd: int | None = None

    def acquire(self) -> bool:
        """True if this process is now the draft's only writer."""
        try:
            real_folder(self.path.parent)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        except OSError:
            return True  # a folder we cannot lock in (read-only): saving will report it
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return True

    def holder(self) -> str:
        """The pid written by whoever holds the lock, for the message."""
        try:
            return self.path.read_text().strip() or "another process"
        except OSError:
            return "another process"

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
                os.close(self._fd)
            self._fd = None


def held_elsewhere(draft_path: Path) -> str | None:
    """Who has this draft open for editing (a pid), or None when nobody does.

    Rename, delete and restore ask first, so they never change a draft under
    the feet of the window that is writing it.
    """
    lock = DraftLock(draft_path)
    try:
        fd = os.open(lock.path, os.O_RDWR | os.O_NOFOLLOW)
    except OSError:
        return None  # no lock file: nobody has ever opened it for editing here
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return lock.holder()
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)
