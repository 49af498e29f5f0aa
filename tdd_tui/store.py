"""DraftStore: where drafts live on disk, and every read and write of them.

Writes are atomic (temporary file in the same folder, fsync, rename, fsync
of the folder), so a crash leaves the old file or the new one, never half.
A file that does not load is reported, never overwritten.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from pathlib import Path

from tdd_tui import history, listing, trash, yamlio
from tdd_tui.draft import Draft, DraftError, Position, now, slugify, valid_id
from tdd_tui.draft_file import (
    MAX_DEPTH,
    MAX_DRAFT_BYTES,
    Stamp,
    describe_os_error,
    disk_stamp,
    parse_draft,
    read_draft_file,
    read_draft_stamped,
)
from tdd_tui.files import (
    NotAFile,
    TooBig,
    atomic_create,
    atomic_write,
    mode_of,
    public_mode,
    read_regular,
    writable_target,
)
from tdd_tui.lock import held_elsewhere
from tdd_tui.template import Template

TYPE_CHECKING = False  # typing.TYPE_CHECKING; typing itself is not imported by the CLI
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    TemplateLookup = Callable[[str], Template | None]

DRAFT_SUFFIX = ".yaml"
MAX_IMPORT_BYTES = 10 * 1024 * 1024
# Re-exported: callers that read drafts have always found these here.
__all__ = ["MAX_DEPTH", "MAX_DRAFT_BYTES", "DraftEntry", "parse_draft", "read_draft_file"]


DraftEntry = listing.DraftEntry


class StoreError(Exception):
    """A draft that cannot be found, read or written; the message says which and why."""


def decode_markdown(raw: bytes, name: str, encoding: str = "utf-8") -> str:
    """The bytes of a doc to import as text; StoreError says why they are not."""
    if b"\0" in raw[:8192]:
        raise StoreError(f"{name} is a binary file, not Markdown text; nothing was imported")
    try:
        return raw.decode(encoding)
    except LookupError:
        raise StoreError(f"'{encoding}' is not an encoding Python knows (try cp1252)") from None
    except UnicodeDecodeError as exc:
        raise StoreError(
            f"{name} is not {encoding} text (bad byte at offset {exc.start}); "
            "give its encoding with --encoding (a Windows file is often cp1252)"
        ) from None


class DraftChanged(StoreError):
    """The draft file is not the one this window last read or wrote: someone else saved it."""

    def __init__(self, path: Path, kept: Path | None) -> None:
        self.path = path
        self.kept = kept  # their version, as kept in the history
        super().__init__(
            f"{path.name} was changed outside this window (another window, a hand edit, "
            "a git pull); nothing was written over it"
        )


class DraftStore:
    """The drafts folder: one YAML file per draft, named by the draft's id."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def ensure_root(self) -> None:
        try:
            if not self.root.exists():
                self.root.mkdir(parents=True, mode=0o700)
                os.chmod(self.root, 0o700)
            elif not self.root.is_dir():
                raise StoreError(f"{self.root} is not a folder; pass --drafts-dir with a folder")
        except PermissionError:
            raise StoreError(f"cannot create {self.root}: permission denied") from None
        except OSError as exc:
            raise StoreError(f"cannot create {self.root}: {exc.strerror}") from None

    # -- naming ----------------------------------------------------------

    def path_for(self, draft_id: str) -> Path:
        if not valid_id(draft_id):
            raise StoreError(f"'{draft_id}' is not a valid draft id")
        return self.root / f"{draft_id}{DRAFT_SUFFIX}"

    def ids(self) -> list[str]:
        try:
            names = os.listdir(self.root)
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise StoreError(f"cannot read {self.root}: {exc.strerror}") from None
        return sorted(
            name[: -len(DRAFT_SUFFIX)]
            for name in names
            if name.endswith(DRAFT_SUFFIX) and valid_id(name[: -len(DRAFT_SUFFIX)])
        )

    def folder_stamp(self) -> tuple[int, int] | None:
        """Changes whenever a draft is added, saved (a rename), deleted or renamed here."""
        try:
            info = os.stat(self.root)
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_nlink)

    def resolve(self, ref: str) -> Path:
        """The file for DRAFT: an id, a unique prefix of one, or a path."""
        if not ref:
            raise StoreError("no draft given; 'tdd-tui list' shows the drafts")
        looks_like_path = os.sep in ref or ref.endswith((".yaml", ".yml")) or ref.startswith(".")
        if looks_like_path:
            path = Path(ref).expanduser()
            if path.is_file():
                return path
            if path.is_dir():
                raise StoreError(f"{ref} is a folder, not a draft file")
            raise StoreError(f"no draft file at {ref}")
        if valid_id(ref) and self.path_for(ref).is_file():
            return self.path_for(ref)
        matches = [i for i in self.ids() if i.startswith(ref.lower())]
        if len(matches) == 1:
            return self.path_for(matches[0])
        if not matches:
            raise StoreError(f"no draft '{ref}' in {self.root}; 'tdd-tui list' shows the drafts")
        shown = ", ".join(matches[:5]) + (", ..." if len(matches) > 5 else "")
        raise StoreError(f"'{ref}' matches {len(matches)} drafts ({shown}); type more of the id")

    # -- reading ---------------------------------------------------------

    def load(self, ref: str | Path) -> tuple[Draft, Path]:
        draft, path, _ = self.load_stamped(ref)
        return draft, path

    def load_stamped(self, ref: str | Path) -> tuple[Draft, Path, Stamp]:
        """The draft, its file, and the stamp of the version read (see write_data's expect)."""
        path = ref if isinstance(ref, Path) else self.resolve(ref)
        if path.parent == self.root and path.is_symlink():
            raise StoreError(f"{path} {listing.SYMLINK}")
        try:
            draft, stamp = read_draft_stamped(path)
        except DraftError as exc:
            raise StoreError(f"{path} {exc}") from None
        return draft, path, stamp

    def entries(self, templates: TemplateLookup | None = None) -> list[DraftEntry]:
        """Every draft in the folder, newest first; damaged ones carry their reason.

        With templates (a template id to the template, or None when it is not
        here), each entry's progress against its own template is filled in.
        """
        return listing.entries(self, templates)

    # -- writing ---------------------------------------------------------

    def save_new(self, draft: Draft) -> Path:
        """Save draft under a new id made from its title, never over another draft.

        The id is claimed by creating the file: two processes creating drafts
        with the same title at once get two ids, never one file.
        """
        self.ensure_root()
        base = slugify(draft.title)
        taken = set(self.ids())
        for n in range(1, 100_000):
            candidate = base if n == 1 else f"{base}-{n}"
            if candidate in taken:
                continue
            draft.id = candidate
            draft.updated = now()
            payload = yamlio.dump(draft.to_data()).encode("utf-8")
            path = self.path_for(candidate)
            try:
                if atomic_create(path, payload):
                    return path
            except OSError as exc:
                raise StoreError(describe_os_error(exc, path)) from None
            taken.add(candidate)
        raise StoreError(f"no free id for a draft called {draft.title!r}")

    def save(self, draft: Draft, path: Path | None = None) -> Path:
        """Write the draft atomically; StoreError says why it could not be."""
        target = path or self.path_for(draft.id)
        draft.updated = now()
        self.write_data(draft.to_data(), target)
        return target

    def write_data(
        self,
        data: dict[str, Any],
        path: Path,
        *,
        in_thread: bool = False,
        expect: Stamp | bool | None = True,
        position_only: bool = False,
    ) -> Stamp | None:
        """Write a draft snapshot (Draft.to_data) to path; safe to call from a thread.

        expect is the stamp of the file this writer last read or wrote (None: it
        expects no file). If the file on disk is another one now (another window,
        a hand edit, a git pull), nothing is written: that version is kept in the
        history and DraftChanged is raised. expect=True writes without looking.
        Returns the stamp of the file written.

        position_only: nothing but where the author was has changed, so no history
        version is taken and the file keeps its time ("Edited" means edited).
        """
        if path.parent == self.root:
            self.ensure_root()
        try:
            payload = yamlio.dump(data, in_thread=in_thread).encode("utf-8")
        except UnicodeEncodeError:
            raise StoreError(
                "the text holds characters that cannot be saved (a broken surrogate pair); "
                "delete the last paste and try again"
            ) from None
        if len(payload) > MAX_DRAFT_BYTES:
            # One limit: never write what could not be opened again.
            raise StoreError(
                f"not saved: the draft would be {len(payload) / (1024 * 1024):.1f} MB, over the "
                "20 MB limit; shorten the last paste (your text is kept in memory)"
            )

        def unchanged() -> None:
            if expect is not True:
                found = disk_stamp(path)
                if found != expect:
                    kept = self._keep_theirs(path) if found is not None else None
                    raise DraftChanged(path, kept)

        unchanged()  # before anything is written, and again at the last moment
        try:
            edited = None
            if position_only:
                with contextlib.suppress(OSError):
                    edited = os.stat(path)
            elif path.parent == self.root:
                history.keep_version(self.root, path.stem, path)
            atomic_write(path, payload, before_replace=unchanged)
            if edited is not None:
                os.utime(path, ns=(edited.st_atime_ns, edited.st_mtime_ns))
        except OSError as exc:
            raise StoreError(describe_os_error(exc, path)) from None
        return disk_stamp(path)

    def _keep_theirs(self, path: Path) -> Path | None:
        """The other writer's version, into the history before anything else happens."""
        if path.parent != self.root:
            return None
        try:
            return history.keep_version(self.root, path.stem, path, force=True)
        except OSError:
            return None

    def keep_in_history(self, draft_id: str, data: dict[str, Any]) -> Path:
        """This window's text as a version of the draft, without touching the draft file."""
        payload = yamlio.dump(data).encode("utf-8")
        try:
            return history.keep_bytes(self.root, draft_id, payload)
        except OSError as exc:
            raise StoreError(describe_os_error(exc, self.path_for(draft_id))) from None

    def export_problem(self, path: Path) -> str | None:
        """Why an export could not be written at path (a folder, a FIFO...); None if it can."""
        try:
            writable_target(path)
        except NotAFile as exc:
            return str(exc)
        return None

    def write_export(
        self, path: Path, text: str, *, before_replace: Callable[[], None] | None = None
    ) -> None:
        """Write exported Markdown where the user asked, atomically.

        Only ever a regular file: a symbolic link is followed (the file it points
        to is replaced, the link stays), and a folder, FIFO, device or socket is
        refused. A replaced file keeps its permissions; a new one gets the usual.
        """
        try:
            target = writable_target(path)
        except NotAFile as exc:
            raise StoreError(f"not exported: {exc}") from None
        try:
            atomic_write(
                target,
                text.encode("utf-8"),
                mode=mode_of(target, public_mode()),
                before_replace=before_replace,
            )
        except OSError as exc:
            raise StoreError(describe_os_error(exc, target)) from None

    def duplicate(self, draft: Draft, title: str | None = None) -> Draft:
        """A new draft with the same content; titled "<title> (copy)" unless told otherwise."""
        copy = Draft.from_data(draft.to_data())
        copy.metadata["title"] = title if title is not None else f"{draft.title} (copy)"
        copy.created = now()
        self.save_new(copy)
        return copy

    def retitle(self, draft_id: str, title: str) -> Draft:
        """Rename a draft as it is on disk now (never from a copy read earlier)."""
        self._not_open_elsewhere(draft_id, "renamed")
        draft, path = self.load(self.path_for(draft_id))
        draft.set_metadata("title", title)
        self.save(draft, path)
        return draft

    def not_open_elsewhere(self, draft_id: str, done: str) -> None:
        """StoreError if another tdd-tui has the draft open (done: what was not done)."""
        self._not_open_elsewhere(draft_id, done)

    def _not_open_elsewhere(self, draft_id: str, done: str) -> None:
        holder = held_elsewhere(self.path_for(draft_id))
        if holder is not None:
            raise StoreError(
                f"{draft_id} is open in another tdd-tui (pid {holder}), so it was not {done}; "
                "close it there first"
            )

    def restore(self, draft_id: str, number: int) -> Draft:
        """Put version `number` (1 = newest) back; the current file becomes a version first."""
        version = history.find(self.root, draft_id, number)
        if version is None:
            raise StoreError(
                f"{draft_id} has no version {number}; 'tdd-tui history {draft_id}' lists them"
            )
        try:
            draft = read_draft_file(version.path)
        except DraftError as exc:
            raise StoreError(f"version {number} of {draft_id} {exc}") from None
        path = self.path_for(draft_id)
        self._not_open_elsewhere(draft_id, "restored")
        try:
            history.keep_version(self.root, draft_id, path, force=True)
            atomic_write(path, version.path.read_bytes())
        except OSError as exc:
            raise StoreError(describe_os_error(exc, path)) from None
        return draft

    def last_good_version(self, draft_id: str) -> history.Version | None:
        """The newest kept version of a draft that loads: what a damaged draft goes back to."""
        for version in history.versions(self.root, draft_id):
            try:
                read_draft_file(version.path)
            except DraftError:
                continue
            return version
        return None

    def clean_temporary_files(self, older_than: float = 60.0) -> list[Path]:
        """Remove half-written temporary files a crash left behind (never a draft)."""
        removed: list[Path] = []
        try:
            names = os.listdir(self.root)
        except OSError:
            return removed
        cutoff = time.time() - older_than
        for name in names:
            if name.startswith(".") and name.endswith(".tmp"):
                path = self.root / name
                with contextlib.suppress(OSError):
                    if path.stat().st_mtime < cutoff:
                        path.unlink()
                        removed.append(path)
        return removed

    def trash(self) -> list[Path]:
        """The deleted drafts, oldest deletion first (each with its history beside it)."""
        return trash.items(self.root)

    def empty_trash(self) -> int:
        """Delete the trashed drafts for good, their histories with them."""
        return trash.empty(self.root)

    def delete(self, draft_id: str) -> Path:
        """Move a draft to the trash folder (never unlinked outright); returns where it went."""
        source = self.path_for(draft_id)
        self._not_open_elsewhere(draft_id, "deleted")
        try:
            return trash.move_in(self.root, source, draft_id)
        except trash.TrashError as exc:
            raise StoreError(str(exc)) from None

    def untrash(self, name: str) -> str:
        """Put a deleted draft back (name: its id, or a trash file's name); returns its id now."""
        self.ensure_root()
        try:
            return trash.restore(self.root, name, set(self.ids()))
        except trash.TrashError as exc:
            raise StoreError(str(exc)) from None

    def import_problem(self, path: Path) -> str | None:
        """Why path cannot be imported, found without reading it; None if it may be."""
        import stat

        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            return f"{path} does not exist"
        except OSError as exc:
            return f"cannot read {path}: {exc.strerror}"
        if stat.S_ISDIR(mode):
            return f"{path} is a folder; import takes one Markdown file"
        if not stat.S_ISREG(mode):
            return f"{path} is not a regular file; import takes a Markdown file"
        if not os.access(path, os.R_OK):
            return f"{path} cannot be read: permission denied"
        return None

    def read_markdown(self, path: Path, encoding: str = "utf-8") -> str:
        """A Markdown file to import, as text; StoreError says why it cannot be."""
        try:
            raw = read_regular(path, MAX_IMPORT_BYTES)
        except FileNotFoundError:
            raise StoreError(f"{path} does not exist") from None
        except IsADirectoryError:
            raise StoreError(f"{path} is a folder; import takes one Markdown file") from None
        except NotAFile as exc:
            raise StoreError(f"{exc}; import takes a Markdown file") from None
        except TooBig as exc:
            raise StoreError(f"{exc}, over the 10 MB import limit") from None
        except OSError as exc:
            raise StoreError(f"{path} cannot be read: {exc.strerror}") from None
        return decode_markdown(raw, str(path), encoding)

    def create(
        self,
        template: Template,
        title: str,
        *,
        author: str = "",
        date: dt.date | None = None,
    ) -> Draft:
        draft = Draft(
            id="new",
            template_id=template.id,
            template_version=template.version,
            position=Position("metadata", None),
        )
        draft.set_metadata("title", title.strip())
        draft.set_metadata("author", author)
        draft.set_metadata("date", (date or dt.date.today()).isoformat())
        draft.set_metadata("status", "Draft")
        self.save_new(draft)
        return draft
