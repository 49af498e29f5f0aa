"""One draft file: reading it back (safely, within the size limit) and what a failed write means.

The limit is one limit: the store refuses to write a draft bigger than it
would read back.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import yaml

from tdd_tui import yamlio
from tdd_tui.draft import Draft, DraftError

MAX_DRAFT_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 16

# Which version of a file is on disk: every save replaces the file (a new
# inode), and a hand edit changes its time or size.
Stamp = tuple[int, int, int]


def stamp_of(info: os.stat_result) -> Stamp:
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def disk_stamp(path: Path) -> Stamp | None:
    """The stamp of the file at path now; None if there is none."""
    try:
        return stamp_of(os.stat(path))
    except OSError:
        return None


def read_draft_file(path: Path) -> Draft:
    """Load one draft file; DraftError says what is wrong with it."""
    return read_draft_stamped(path)[0]


def read_draft_stamped(path: Path) -> tuple[Draft, Stamp]:
    """Load one draft file, with the stamp of exactly the bytes that were read.

    Read through one open file, so a save landing in between cannot pair one
    version's text with another's stamp. Only a regular file is read (a FIFO
    named x.yaml would block for ever), and never more than the limit.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise DraftError("does not exist") from None
    except IsADirectoryError:
        raise DraftError("is a folder, not a draft file") from None
    except OSError as exc:
        raise DraftError(f"cannot be read: {_reason(exc, path)}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DraftError("is a folder, not a draft file")
        if not stat.S_ISREG(info.st_mode):
            raise DraftError("is not a regular file (a pipe or a device?), so it was not read")
        if info.st_size > MAX_DRAFT_BYTES:
            raise DraftError(too_big(info.st_size))
        try:
            raw = handle.read(MAX_DRAFT_BYTES + 1)
        except OSError as exc:
            raise DraftError(f"cannot be read: {_reason(exc, path)}") from None
    if len(raw) > MAX_DRAFT_BYTES:
        raise DraftError(too_big(len(raw)))
    return parse_draft(raw), stamp_of(info)


def too_big(size: int) -> str:
    return f"is {size / (1024 * 1024):.1f} MB, over the 20 MB limit for a draft"


def _reason(exc: OSError, path: Path) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied (fix it with: chmod u+rw {path})"
    return exc.strerror or str(exc)


def parse_draft(raw: bytes) -> Draft:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DraftError(f"is not UTF-8 text (bad byte at offset {exc.start})") from None
    try:
        yamlio.check_safe(text, MAX_DEPTH)
    except yamlio.UnsafeYaml as exc:
        where = f" (line {exc.line})" if exc.line else ""
        raise DraftError(f"{exc.problem}{where}") from None
    try:
        data = yamlio.load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" at line {mark.line + 1}" if mark else ""
        raise DraftError(f"is not valid YAML{where}: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise DraftError(f"is not valid YAML: {exc}") from None
    return Draft.from_data(data)


def serialize(draft: Draft) -> bytes:
    return yamlio.dump(draft.to_data()).encode("utf-8")


def describe_os_error(exc: OSError, path: Path) -> str:
    """What went wrong with a write, and what the user can do, in words."""
    failed = Path(exc.filename) if isinstance(exc.filename, str) else None
    if exc.errno in (errno.EACCES, errno.EPERM) and failed is not None and failed.is_file():
        # The file itself (or its history copy), not the folder, is what refused.
        return (
            f"could not save {path.name}: permission denied on {failed}; "
            f"fix it with: chmod u+rw {failed}"
        )
    reasons = {
        errno.ENOSPC: "the disk is full; free some space",
        errno.EDQUOT: "the disk quota is used up; free some space",
        errno.EACCES: f"permission denied on {path.parent}; check its permissions",
        errno.EPERM: f"permission denied on {path.parent}; check its permissions",
        errno.EROFS: f"{path.parent} is on a read-only file system",
        errno.EIO: "the disk reported an I/O error",
        errno.ENOENT: f"the folder {path.parent} does not exist",
    }
    return f"could not save {path.name}: " + reasons.get(exc.errno or 0, exc.strerror or str(exc))
