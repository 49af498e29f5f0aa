"""The Markdown file an open draft is the editor of (`tdd-tui edit FILE.md`).

After each save of the draft, the file is brought up to date, atomically, in
the layout `export` writes. It is never written over when it changed since
this app last read or wrote it (a `git pull`, another editor): the author
chooses theirs, mine or a copy. A hand-written file, whose layout the first
write would change, is not rewritten before the author agrees.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from tdd_tui import links
from tdd_tui.draft import Draft
from tdd_tui.markdown import export_markdown
from tdd_tui.store import DraftStore, StoreError
from tdd_tui.template import Template

# What sync() found.
WRITTEN = "written"  # the file now holds the draft
SAME = "same"  # it already did
CHANGED = "changed"  # someone else changed it: nothing written, ask
LAYOUT = "layout"  # a hand-written file: ask before the first rewrite
PAUSED = "paused"  # the author said not to write it (or it cannot be written)


class FileChanged(StoreError):
    """The file changed between the look and the write: nothing was written over it."""


class LinkedFile:
    def __init__(self, store: DraftStore, link: links.Link) -> None:
        self.store = store
        self.link = link
        self.path = Path(link.file)
        self.paused = ""  # why the file is not being written, shown to the author
        self._seen: tuple[tuple[int, int, int], str] | None = None  # a stat and its digest

    def changed_on_disk(self) -> bool:
        """The file differs from what this app last read or wrote. Looked at every few
        seconds: the file is read and hashed again only when its stat changed."""
        try:
            info = self.path.stat()
        except OSError:
            return self.link.digest != ""
        stat = (info.st_mtime_ns, info.st_size, info.st_ino)
        if self._seen is None or self._seen[0] != stat:
            self._seen = (stat, links.file_digest(self.path))
        return self._seen[1] != self.link.digest

    def sync(self, template: Template, draft: Draft) -> str:
        """Bring the file up to date with the draft, if that is safe; what was found."""
        if self.paused:
            return PAUSED
        if self.changed_on_disk():
            return CHANGED
        text = export_markdown(template, draft)
        if links.digest(text.encode("utf-8")) == self.link.digest:
            return SAME
        if not self.link.layout_ok:
            return LAYOUT
        try:
            self.write(text, expect=self.link.digest)
        except FileChanged:
            return CHANGED
        return WRITTEN

    def write(self, text: str, *, expect: str | None = None) -> None:
        """Write text over the file (StoreError if it cannot be), and remember it.

        expect: the digest the file must still have at the last moment before the
        rename (FileChanged if someone wrote it meanwhile); None writes over it.
        """

        def unchanged() -> None:
            if expect is not None and links.file_digest(self.path) != expect:
                raise FileChanged(f"{self.path.name} changed on disk just now")

        self.store.write_export(self.path, text, before_replace=unchanged)
        self.remember(links.digest(text.encode("utf-8")))

    def remember(self, digest: str, *, layout_ok: bool | None = None) -> None:
        self.link = self.link._replace(
            digest=digest, layout_ok=self.link.layout_ok if layout_ok is None else layout_ok
        )
        links.put(self.store.root, self.link)

    def lines_changed(self, template: Template, draft: Draft) -> int:
        """How many lines of the file the next write would change."""
        try:
            now = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            now = []
        new = export_markdown(template, draft).splitlines()
        changed = 0
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, now, new).get_opcodes():
            if tag != "equal":
                changed += max(i2 - i1, j2 - j1)
        return changed

    def agree_layout(self, template: Template, draft: Draft) -> None:
        """The author agreed: the file is rewritten in the export's layout from now on."""
        self.link = self.link._replace(layout_ok=True)
        self.write(export_markdown(template, draft), expect=self.link.digest)

    def keep_mine(self, template: Template, draft: Draft) -> None:
        self.write(export_markdown(template, draft))
        self.paused = ""

    def write_copy(self, template: Template, draft: Draft) -> Path:
        """Mine to a file beside theirs (x.mine.md, x.mine-2.md...); theirs stays, and
        is not written over until the author says so (keep mine)."""
        stem = self.path.stem
        for n in range(1, 1000):
            target = self.path.with_name(f"{stem}.mine{'' if n == 1 else f'-{n}'}.md")
            if not target.exists():
                break
        self.store.write_export(target, export_markdown(template, draft))
        self.paused = f"your version is in {target.name}; {self.path.name} is left as theirs"
        return target

    def theirs(self, template: Template) -> Draft:
        """The file as it is on disk, read as a draft (StoreError if it cannot be)."""
        data = self.path.read_bytes() if self.path.is_file() else b""
        text = self.store.read_markdown(self.path)
        found, problem = _as_draft(text, template)
        if found is None:
            raise StoreError(f"{self.path} {problem}")
        self.remember(links.digest(data), layout_ok=_same_layout(template, found, text))
        return found


def _as_draft(text: str, template: Template) -> tuple[Draft | None, str]:
    """The text read as a draft, or None and why not. The importer is loaded here, not
    at start-up (markdown-it and the import are 30 ms the home screen does not need)."""
    from tdd_tui.markdown_import import ImportFailed, import_markdown

    try:
        return import_markdown(text, template).draft, ""
    except ImportFailed as exc:
        return None, str(exc)


def _same_layout(template: Template, draft: Draft, text: str) -> bool:
    return export_markdown(template, draft) == text


def link_file(store: DraftStore, draft_id: str, path: Path, template: Template) -> links.Link:
    """Link draft_id to the file at path as it is now (its layout checked)."""
    data = path.read_bytes()
    text = data.decode("utf-8", errors="replace")
    found, _ = _as_draft(text, template)
    same = found is not None and _same_layout(template, found, text)
    link = links.Link(draft_id, str(path), links.digest(data), same)
    links.put(store.root, link)
    return link
