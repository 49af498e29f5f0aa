"""Writing files so that a crash leaves the old one or the new one, and only where a file belongs.

The bottom of the core: every other module that writes goes through here.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


class NotAFile(ValueError):
    """A path where a regular file cannot be written: a folder, a FIFO, a device, a socket."""


def atomic_write(
    path: Path,
    data: bytes,
    mode: int = 0o600,
    *,
    fsync: bool = True,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Replace path with data so that a crash leaves the old file or the new one.

    fsync=False is for files that can be rebuilt (the drafts index): still never
    half-written, but not forced to disk. before_replace runs at the last moment
    before the rename (to check nobody else wrote path meanwhile; it raises to stop).
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
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if fsync:
        fsync_folder(path.parent)


def atomic_create(path: Path, data: bytes) -> bool:
    """Write a new file at path, whole, only if there is none: False if the name is taken.

    Two processes creating the same name at once: exactly one gets it (the
    link of a complete temporary file either makes the name or fails).
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:
            # No hard links here (some FUSE and FAT file systems): claim the name
            # exclusively, then put the whole file over the empty claim.
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                return False
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    fsync_folder(path.parent)
    return True


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


class TooBig(ValueError):
    """A file over the size a reader accepts."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most limit bytes.

    A FIFO, a device or a folder raises NotAFile without blocking (a FIFO
    named like a template would otherwise hang every command, /dev/zero would
    fill the memory); a larger file raises TooBig. OSError as usual otherwise.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = next((w for test, w in _KINDS if test(info.st_mode)), "not a regular file")
            raise NotAFile(f"{path} is {what}")
        if info.st_size > limit:
            raise TooBig(f"{path} is {info.st_size / (1024 * 1024):.1f} MB")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooBig(f"{path} is over {limit / (1024 * 1024):.0f} MB")
    return data


def real_folder(path: Path, mode: int = 0o700) -> Path:
    """A folder of the app's own (.history, .trash, .locks): created if missing, and never a
    symbolic link or a file, which would send the writes elsewhere."""
    try:
        path.mkdir(mode=mode)
    except FileExistsError:
        info = os.lstat(path)
        if not stat.S_ISDIR(info.st_mode):
            raise NotADirectoryError(
                errno.ENOTDIR,
                f"{path} is not a plain folder (a symbolic link or a file?); move it away",
                str(path),
            ) from None
    return path


def mode_of(path: Path, default: int) -> int:
    """The permission bits of an existing file, so replacing it keeps them; else default."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return default
