"""Writing files so that a crash leaves the old one or the new one, and only where a file belongs.

The bottom of the core: every other module that writes goes through here.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class NotAFile(ValueError):
    """A path where a regular file cannot be written: a folder, a FIFO, a device, a socket."""


def atomic_write(path: Path, data: bytes, mode: int = 0o600, *, fsync: bool = True) -> None:
    """Replace path with data so that a crash leaves the old file or the new one.

    fsync=False is for files that can be rebuilt (the drafts index): still never
    half-written, but not forced to disk.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
        if mode != 0o600:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if fsync:
        fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a folder; the rename is still atomic
    finally:
        os.close(fd)


def public_mode() -> int:
    """The mode a new ordinary file gets under the current umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_KINDS = (
    (stat.S_ISDIR, "a folder; give a file name inside it"),
    (stat.S_ISFIFO, "a named pipe (FIFO), not a file"),
    (stat.S_ISCHR, "a device, not a file"),
    (stat.S_ISBLK, "a device, not a file"),
    (stat.S_ISSOCK, "a socket, not a file"),
)


def writable_target(path: Path) -> Path:
    """Where a write to path really goes: the path itself, or the file a symlink points to.

    An export replaces a file atomically (a new file renamed over the old one),
    which would turn a symbolic link into a plain file and leave what it points
    to stale. So a link is followed and the file it names is replaced; the link
    stays a link. Anything that is not a regular file (a folder, a FIFO, a
    device, a socket), or a link to one, is refused with NotAFile.
    """
    real = Path(os.path.realpath(path))
    try:
        info = os.stat(real)
    except FileNotFoundError:
        if path.is_symlink():
            raise NotAFile(f"{path} is a link to {real}, which does not exist") from None
        if not real.parent.is_dir():
            raise NotAFile(f"the folder {path.parent} does not exist") from None
        return real
    except OSError as exc:
        raise NotAFile(f"{path} cannot be read: {exc.strerror}") from None
    for test, what in _KINDS:
        if test(info.st_mode):
            shown = f"{path} (a link to {real})" if path.is_symlink() else str(path)
            raise NotAFile(f"{shown} is {what}")
    return real


def mode_of(path: Path, default: int) -> int:
    """The permission bits of an existing file, so replacing it keeps them; else default."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return default
