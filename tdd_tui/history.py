"""Earlier versions of each draft: kept before it is overwritten, thinned with age, restorable.

Versions live in `<drafts>/.history/<id>/<UTC time>.yaml`. A version is taken
of the file about to be replaced, at most every few minutes while typing, so a
bad edit, a bad paste or a damaged file can be rolled back. Thinning keeps
every version of the last hour, one an hour for a day, one a day for a month,
and never more than a size cap.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from tdd_tui.files import real_folder
from tdd_tui.record import Record

SPACING = dt.timedelta(minutes=5)  # at most one version per draft this often
MAX_VERSIONS = 60
MAX_BYTES = 50 * 1024 * 1024
STAMP = "%Y%m%dT%H%M%S%fZ"


class Version(Record):
    number: int  # 1 is the newest
    path: Path
    taken: dt.datetime
    size: int


def folder(root: Path, draft_id: str) -> Path:
    return root / ".history" / draft_id


def versions(root: Path, draft_id: str) -> list[Version]:
    """Newest first."""
    base = folder(root, draft_id)
    found: list[tuple[dt.datetime, Path, int]] = []
    try:
        names = os.listdir(base)
    except OSError:
        return []
    for name in names:
        if not name.endswith(".yaml"):
            continue
        try:
            taken = dt.datetime.strptime(name[:-5], STAMP).replace(tzinfo=dt.UTC)
            size = (base / name).stat().st_size
        except (ValueError, OSError):
            continue
        found.append((taken, base / name, size))
    found.sort(reverse=True)
    return [Version(i + 1, path, taken, size) for i, (taken, path, size) in enumerate(found)]


def keep_version(
    root: Path, draft_id: str, current: Path, *, now: dt.datetime | None = None, force: bool = False
) -> Path | None:
    """Copy the file about to be replaced into the history, unless one was kept very recently."""
    now = now or dt.datetime.now(dt.UTC)
    if not current.is_file():
        return None
    existing = versions(root, draft_id)
    if existing and not force and now - existing[0].taken < SPACING:
        return None
    target = _new_version_path(root, draft_id, now)
    shutil.copyfile(current, target, follow_symlinks=False)
    os.chmod(target, 0o600)
    thin(root, draft_id, now=now)
    return target


def keep_bytes(root: Path, draft_id: str, data: bytes) -> Path:
    """A version made of data (text that is not on disk anywhere else), always kept."""
    now = dt.datetime.now(dt.UTC)
    target = _new_version_path(root, draft_id, now)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    thin(root, draft_id, now=now)
    return target


def _new_version_path(root: Path, draft_id: str, now: dt.datetime) -> Path:
    """A free name for a version taken now, in a history folder only its owner can read."""
    real_folder(root / ".history")
    base = real_folder(folder(root, draft_id))
    target = base / f"{now.strftime(STAMP)}.yaml"
    while target.exists():  # two versions in one microsecond: the next free one
        now += dt.timedelta(microseconds=1)
        target = base / f"{now.strftime(STAMP)}.yaml"
    return target


def thin(root: Path, draft_id: str, *, now: dt.datetime | None = None) -> list[Path]:
    """Drop versions the schedule no longer needs; returns what was removed."""
    now = now or dt.datetime.now(dt.UTC)
    kept: set[str] = set()
    removed: list[Path] = []
    total = 0
    for version in versions(root, draft_id):
        age = now - version.taken
        if age <= dt.timedelta(hours=1):
            bucket = f"recent-{version.path.name}"
        elif age <= dt.timedelta(days=1):
            bucket = version.taken.strftime("hour-%Y%m%d%H")
        elif age <= dt.timedelta(days=31):
            bucket = version.taken.strftime("day-%Y%m%d")
        else:
            bucket = version.taken.strftime("month-%Y%m")
        too_many = len(kept) >= MAX_VERSIONS or total + version.size > MAX_BYTES
        if bucket in kept or too_many:
            version.path.unlink(missing_ok=True)
            removed.append(version.path)
        else:
            kept.add(bucket)
            total += version.size
    return removed


def find(root: Path, draft_id: str, number: int) -> Version | None:
    return next((v for v in versions(root, draft_id) if v.number == number), None)
