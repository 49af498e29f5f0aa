"""The drafts list: every draft in the folder with its title, status and progress.

The title, status and progress come from the drafts index (`.index.json`)
when a file has not changed since it was last read, so listing 1,000 drafts
reads none of them.
"""

from __future__ import annotations

import contextlib
import stat
from pathlib import Path

from tdd_tui.draft import Draft, DraftError, overall_progress
from tdd_tui.draft_file import read_draft_file
from tdd_tui.files import atomic_write
from tdd_tui.template import Template

TYPE_CHECKING = False  # typing.TYPE_CHECKING; typing itself is not imported by the CLI
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from tdd_tui.store import DraftStore

    TemplateLookup = Callable[[str], Template | None]

INDEX = ".index.json"  # the drafts list's cache: title, status, progress per unchanged file
INDEX_VERSION = 2  # 2: each entry records its template, and progress is against that one
SYMLINK = "is a symbolic link; a draft must be a plain file in the drafts folder"


class DraftEntry:
    """One file in the drafts folder: what the list shows, and the draft on demand.

    The title, status and progress come from the drafts index when the file has
    not changed since it was last read, so listing 1,000 drafts reads none of them.
    """

    def __init__(
        self,
        id: str,
        path: Path,
        modified: float,
        *,
        error: str | None = None,
        title: str = "",
        status: str = "",
        progress: float | None = None,
        loaded: Draft | None = None,
        template_id: str = "",
    ) -> None:
        self.id = id
        self.path = path
        self.modified = modified
        self.error = error
        self.title = title
        self.status = status
        self.progress = progress
        self.loaded = loaded
        # The template it was written with; progress is None when that one is not here.
        self.template_id = template_id

    def __repr__(self) -> str:
        return f"DraftEntry({self.id!r}, error={self.error!r})"

    @property
    def draft(self) -> Draft | None:
        """The draft itself, read on first use; None (with error set) if it does not load."""
        if self.error is not None:
            return None
        if self.loaded is None:
            try:
                self.loaded = read_draft_file(self.path)
            except DraftError as exc:
                self.error = str(exc)
                return None
        return self.loaded


def entries(store: DraftStore, templates: TemplateLookup | None = None) -> list[DraftEntry]:
    """Every draft in store's folder, newest first (DraftStore.entries says more)."""
    index = _read_index(store.root)
    fresh: dict[str, dict[str, Any]] = {}
    out: list[DraftEntry] = []
    for draft_id in store.ids():
        path = store.path_for(draft_id)
        try:
            info = path.lstat()
        except OSError:
            continue
        if stat.S_ISLNK(info.st_mode):
            out.append(DraftEntry(draft_id, path, info.st_mtime, error=SYMLINK))
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        # Every save replaces the file (a new inode), so this stamp changes with it.
        stamp = [info.st_mtime_ns, info.st_size, info.st_ino]
        known = index.get(draft_id)
        draft: Draft | None = None
        template: Template | None = None
        if isinstance(known, dict) and known.get("stamp") == stamp:
            if templates is not None and not known.get("error"):
                template = templates(str(known.get("template")))
                if template is not None and known.get("progress_for") != _tag(template):
                    known = None  # progress against another template (or none yet)
        else:
            known = None
        if known is None:
            try:
                draft = read_draft_file(path)
                known = {"stamp": stamp, "error": None, "title": draft.title}
                known["status"] = draft.status
                known["template"] = draft.template_id
                template = templates(draft.template_id) if templates is not None else None
                if template is not None:
                    known["progress_for"] = _tag(template)
                    known["progress"] = overall_progress(draft, template)
            except DraftError as exc:
                known = {"stamp": stamp, "error": str(exc), "title": "", "status": ""}
        fresh[draft_id] = known
        progress = known.get("progress") if template is not None else None
        out.append(
            DraftEntry(
                draft_id,
                path,
                info.st_mtime,
                error=known.get("error"),
                title=str(known.get("title") or ""),
                status=str(known.get("status") or ""),
                progress=float(progress) if isinstance(progress, int | float) else None,
                loaded=draft,
                template_id=str(known.get("template") or ""),
            )
        )
    if fresh != index:
        _write_index(store.root, fresh)
    out.sort(key=lambda e: (e.modified, e.id), reverse=True)
    return out


def _read_index(root: Path) -> dict[str, Any]:
    """What the last listing learnt about each draft; empty if missing or unreadable."""
    import json  # here, not at the top: 'export' never needs it

    try:
        data = json.loads((root / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        return {}
    drafts = data.get("drafts")
    return drafts if isinstance(drafts, dict) else {}


def _write_index(root: Path, entries: dict[str, Any]) -> None:
    """Best effort: the index only saves time, and is rebuilt from the drafts if lost."""
    if not root.is_dir():
        return
    import json

    body = json.dumps({"version": INDEX_VERSION, "drafts": entries}, ensure_ascii=False)
    with contextlib.suppress(OSError):
        atomic_write(root / INDEX, body.encode("utf-8"), fsync=False)


def _tag(template: Template) -> str:
    """Which template a cached progress figure was measured against."""
    return f"{template.id}@{template.version}@{template.source}"
