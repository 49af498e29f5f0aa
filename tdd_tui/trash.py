"""The trash: deleted drafts, each with its history, until they are restored or emptied.

A deleted draft is never unlinked outright. It moves to `.trash/` in the drafts
folder as `<id>.<when deleted>.yaml`, its history beside it as `.history`,
and comes back under its own id (or, if a new draft took that id since,
`<id>-restored`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from pathlib import Path

from tdd_tui import history, yamlio
from tdd_tui.draft import DraftError
from tdd_tui.draft_file import MAX_DRAFT_BYTES, describe_os_error, parse_draft
from tdd_tui.files import atomic_create, fsync_folder, read_regular, real_folder

SUFFIX = ".yaml"
FOLDER = ".trash"


class TrashError(Exception):
    """A draft that cannot be moved to or from the trash; the message says why."""


def items(root: Path) -> list[Path]:
    """The deleted drafts, oldest deletion first."""
    try:
        found = [p for p in (root / FOLDER).iterdir() if p.suffix == SUFFIX]
    except OSError:
        return []
    return sorted(found, key=lambda p: (_deleted_at(p), p.name))


def draft_id_of(item: Path) -> str:
    """The id the draft had: the name before the deletion stamp."""
    return item.name.split(".", 1)[0]


def _deleted_at(item: Path) -> str:
    parts = item.name.split(".")
    return parts[1] if len(parts) > 2 else ""


def deleted_when(item: Path) -> str:
    """'2026-11-29 20:31' from the stamp in the name (the file's own time if there is none)."""
    try:
        when = dt.datetime.strptime(_deleted_at(item)[:15], "%Y%m%d-%H%M%S")
    except ValueError:
        with contextlib.suppress(OSError):
            when = dt.datetime.fromtimestamp(item.stat().st_mtime)
            return f"{when:%Y-%m-%d %H:%M}"
        return "?"
    return f"{when:%Y-%m-%d %H:%M}"


def move_in(root: Path, source: Path, draft_id: str) -> Path:
    """Move a draft (and its history) into the trash; returns where it went."""
    try:
        trash = real_folder(root / FOLDER)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = trash / f"{draft_id}.{stamp}{SUFFIX}"
        n = 2
        while target.exists() or target.is_symlink():
            target = trash / f"{draft_id}.{stamp}-{n}{SUFFIX}"
            n += 1
        os.replace(source, target)
        # Its history goes with it: a new draft with the same id starts afresh.
        versions = history.folder(root, draft_id)
        if versions.is_dir() and not versions.is_symlink():
            os.replace(versions, target.with_suffix(".history"))
    except OSError as exc:
        raise TrashError(f"could not delete {draft_id}: {exc.strerror}") from None
    fsync_folder(root)
    return target


def empty(root: Path) -> int:
    """Delete the trashed drafts for good, their histories with them."""
    found = items(root)
    for item in found:
        with contextlib.suppress(OSError):
            versions = item.with_suffix(".history")
            if versions.is_dir() and not versions.is_symlink():
                shutil.rmtree(versions)
            item.unlink()
    return len(found)


def find(root: Path, name: str) -> Path:
    """The trashed draft `name` names: a draft id (its latest deletion) or a trash file's name."""
    found = items(root)
    exact = [p for p in found if name in (p.name, p.stem)]
    by_id = [p for p in found if draft_id_of(p) == name]
    match = exact or by_id
    if not match:
        raise TrashError(f"'{name}' is not in the trash; 'tdd-tui trash' lists the drafts that are")
    return match[-1]


def restore(root: Path, name: str, taken: set[str]) -> str:
    """Put a deleted draft back in the drafts folder; returns the id it has now.

    It gets its old id unless a draft has that id now (taken); then
    `<id>-restored`. Its history comes back with it. A file that does not
    load comes back as it is, for the home screen to offer its last good version.
    """
    item = find(root, name)
    try:
        raw = read_regular(item, MAX_DRAFT_BYTES)
    except OSError as exc:
        raise TrashError(describe_os_error(exc, item)) from None
    base = draft_id_of(item)
    for n in range(1, 1000):
        candidate = base if n == 1 else f"{base}-restored" if n == 2 else f"{base}-restored-{n - 1}"
        if candidate in taken:
            continue
        payload = raw
        try:
            draft = parse_draft(raw)
        except DraftError:
            pass  # damaged: back as it was
        else:
            if draft.id != candidate:
                draft.id = candidate
                payload = yamlio.dump(draft.to_data()).encode("utf-8")
        target = root / f"{candidate}{SUFFIX}"
        try:
            if not atomic_create(target, payload):
                continue  # made a moment ago by another window
            item.unlink()
            versions = item.with_suffix(".history")
            if versions.is_dir() and not versions.is_symlink():
                back = history.folder(root, candidate)
                if not back.exists():
                    back.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(versions, back)
        except OSError as exc:
            raise TrashError(describe_os_error(exc, target)) from None
        fsync_folder(root)
        return candidate
    raise TrashError(f"no free id to restore {base} under")
