"""One draft file: reading it back (safely, within the size limit) and what a failed write means.

The limit is one limit: the store refuses to write a draft bigger than it
would read back.
"""

from __future__ import annotations

import errno
from pathlib import Path

import yaml

from tdd_tui import yamlio
from tdd_tui.draft import Draft, DraftError

MAX_DRAFT_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 16


def read_draft_file(path: Path) -> Draft:
    """Load one draft file; DraftError says what is wrong with it."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DraftError("does not exist") from None
    except OSError as exc:
        raise DraftError(f"cannot be read: {exc.strerror}") from None
    if size > MAX_DRAFT_BYTES:
        raise DraftError(f"is {size // (1024 * 1024)} MB, over the 20 MB limit for a draft")
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise DraftError("is a folder, not a draft file") from None
    except OSError as exc:
        raise DraftError(f"cannot be read: {exc.strerror}") from None
    return parse_draft(raw)


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
