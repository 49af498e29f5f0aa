"""Which Markdown file in a repository each draft is the editor of.

`tdd-tui edit docs/design/x.md` links a draft to the file: the draft is the
safety net (history, undo, autosave), the file is what the team reviews.
`links.json` in the drafts folder holds, per draft id, the file's absolute
path and the digest of its bytes as this app last read or wrote them, so a
change by anyone else (a `git pull`, another editor) is seen, even between
sessions, and never written over.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from tdd_tui.files import atomic_write
from tdd_tui.record import Record

NAME = "links.json"


class Link(Record):
    draft_id: str
    file: str  # absolute, symbolic links resolved: the file that is edited
    digest: str  # sha256 of the file's bytes as last read or written here
    layout_ok: bool = True  # False: a hand-written file, not rewritten before the author agrees


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    """The digest of the file now; "" if it is not there (or cannot be read)."""
    try:
        return digest(path.read_bytes())
    except OSError:
        return ""


def load(root: Path) -> dict[str, Link]:
    """Every link, by draft id; a damaged or missing file is no links (drafts are kept)."""
    try:
        data = json.loads((root / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    out: dict[str, Link] = {}
    if isinstance(data, dict):
        for draft_id, item in data.items():
            with contextlib.suppress(KeyError, TypeError):
                out[draft_id] = Link(
                    draft_id,
                    str(item["file"]),
                    str(item["digest"]),
                    bool(item.get("layout_ok", True)),
                )
    return out


def save(root: Path, links: dict[str, Link]) -> None:
    data = {
        link.draft_id: {"file": link.file, "digest": link.digest, "layout_ok": link.layout_ok}
        for link in links.values()
    }
    root.mkdir(parents=True, exist_ok=True)
    atomic_write(root / NAME, json.dumps(data, indent=2, sort_keys=True).encode("utf-8"))


def put(root: Path, link: Link) -> None:
    links = load(root)
    links[link.draft_id] = link
    save(root, links)


def for_file(root: Path, file: Path) -> Link | None:
    wanted = str(file)
    return next((link for link in load(root).values() if link.file == wanted), None)


def for_draft(root: Path, draft_id: str) -> Link | None:
    return load(root).get(draft_id)
