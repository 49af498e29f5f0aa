"""EditorSession: the one owner of the open draft.

It holds the draft, the template it was written with, its file, the lock that
makes this window its only writer, and the autosave; every change the editor
makes goes through one of its operations, which keep the draft, the
position and the save schedule in step. Plain Python: the UI hands in how to
set a timer and run a thread, and is told when the save state changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tdd_tui import links
from tdd_tui.autosave import Autosave, SaveState
from tdd_tui.catalog import TemplateCatalog
from tdd_tui.check import Finding, Gate, review, status_gate
from tdd_tui.draft import DOCUMENT, UNPLACED, Answer, Draft, Position
from tdd_tui.linked import PAUSED, SAME, LinkedFile
from tdd_tui.lock import DraftLock
from tdd_tui.store import DraftStore, StoreError
from tdd_tui.template import Template
from tdd_tui.undo import Undo, UndoList

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# The details screen's key, beside the template's section ids (which may not use it).
METADATA = "metadata"
# Below this many characters of answers the review takes a few milliseconds and runs
# on the event loop; above, on a thread (a 1 MB draft takes about 40 ms).
REVIEW_ON_LOOP_UNDER = 100_000


def _size(draft: Draft) -> int:
    total = 0
    for parts in draft.answers.values():
        for value in parts.values():
            if isinstance(value, str):
                total += len(value)
            else:
                for item in value:
                    total += sum(map(len, item.values())) if isinstance(item, dict) else len(item)
    return total


class EditorSession:
    """One draft open for editing in this window."""

    def __init__(
        self,
        store: DraftStore,
        catalog: TemplateCatalog,
        path: Path,
        *,
        set_timer: Callable[[float, Callable[[], None]], Any],
        run_in_thread: Callable[[Callable[[], None]], Any],
        call_on_loop: Callable[..., Any],
        on_save_state: Callable[[SaveState], None],
    ) -> None:
        """Take the lock, then read the draft from disk (never from a copy read earlier).

        StoreError if it does not load; UnknownTemplate if its template is not here.
        """
        self.store = store
        self.path = path
        self.lock = DraftLock(path)
        writable = self.lock.acquire()
        try:
            self.draft: Draft
            self.draft, _, stamp = store.load_stamped(path)
            self.template: Template = catalog.for_draft(self.draft)
        except Exception:
            self.lock.release()
            raise
        self.autosave = Autosave(
            store,
            self.draft,
            path,
            set_timer=set_timer,
            run_in_thread=run_in_thread,
            call_on_loop=call_on_loop,
            on_change=on_save_state,
            stamp=stamp,
        )
        self.read_only_reason = ""
        self.edits = 0  # changes made here: an undo applies to the latest one
        self.undos = UndoList()
        self._run_in_thread = run_in_thread
        self._call_on_loop = call_on_loop
        self.linked = self._linked_file()
        self._reviewed: tuple[tuple[int, int], list[Finding]] | None = None
        if not writable:
            self.autosave.state.read_only = True
            self.read_only_reason = (
                f"Read-only: this draft is open in another tdd-tui (pid {self.lock.holder()}). "
                "Edits here would not be saved."
            )

    # -- where things are --------------------------------------------------

    @property
    def keys(self) -> list[str]:
        """The details, then every section, in order: what next and previous walk through."""
        return [METADATA, *(s.id for s in self.template.sections)]

    @property
    def save_state(self) -> SaveState:
        return self.autosave.state

    def start_key(self) -> str:
        """Where the author was, if that section is still in the template."""
        section = self.draft.position.section
        return section if section in self.keys else METADATA

    def move_to(self, key: str, part: str | None) -> None:
        """The author is now here: written with the next save, never a save of its own."""
        if self.draft.position != Position(key, part):
            self.draft.position = Position(key, part)
            self.autosave.moved()

    # -- edits -----------------------------------------------------------

    def value(self, key: str, part_id: str) -> Answer:
        """What a part holds now: key is a section id or METADATA."""
        if part_id == UNPLACED:
            return self.draft.unplaced.get(DOCUMENT if key == METADATA else key, "")
        if key == METADATA:
            return self.draft.metadata.get(part_id, "")
        return self.draft.answer(key, part_id)

    def set_value(self, key: str, part_id: str, value: Answer) -> bool:
        """Put what the author typed into the draft; True if that changed anything."""
        if self.value(key, part_id) == value:
            return False
        if part_id == UNPLACED:
            if not isinstance(value, str):
                return False
            self.draft.set_unplaced(DOCUMENT if key == METADATA else key, value)
        elif key == METADATA:
            self.draft.set_metadata(part_id, value)
        else:
            self.draft.set_answer(key, part_id, value)
        self.edits += 1
        self.autosave.changed()
        return True

    def set_not_applicable(self, section_id: str, part_id: str | None, reason: str | None) -> None:
        """Mark a part (or, with part_id None, a section) not applicable; None undoes it."""
        before = self.draft.not_applicable_reason(section_id, part_id)
        if before == reason:
            return
        self.edits += 1
        self.draft.set_not_applicable(section_id, part_id, reason)
        self.autosave.changed()
        if reason is not None:
            mark = Undo(section_id, part_id, "the mark", before, reason, True, self.edits)
            self.undos.add(mark)

    def tick(self, section_id: str, item_id: str, ticked: bool) -> None:
        self.edits += 1
        self.draft.set_tick(section_id, item_id, ticked)
        self.autosave.changed()

    # -- the Markdown file this draft edits (tdd-tui edit FILE.md) -------------

    def _linked_file(self) -> LinkedFile | None:
        import os

        link = links.for_draft(self.store.root, self.draft.id)
        if link is None:
            return None
        linked = LinkedFile(self.store, link)
        path = linked.path
        if self.read_only_reason:
            linked.paused = "this window is read-only"
        elif path.exists() and not os.access(path, os.W_OK):
            linked.paused = (
                f"{path.name} is read-only here (permission or mount): your edits are kept "
                "in the draft, and the file is left as it is"
            )
        return linked

    def sync_linked(self) -> str:
        """After a save: bring the linked file up to date if that is safe (linked.sync)."""
        linked = self.linked
        if linked is None:
            return SAME
        if self.edits == 0 and not linked.changed_on_disk():
            return SAME  # nothing typed here yet: the file stays as its author left it
        try:
            return linked.sync(self.template, self.draft)
        except StoreError as exc:
            linked.paused = f"{linked.path.name} could not be written: {exc}"
            return PAUSED

    def take_theirs_file(self) -> None:
        """The linked file as it is on disk becomes the draft; this text goes to history."""
        linked = self.linked
        assert linked is not None
        theirs = linked.theirs(self.template)
        self.store.keep_in_history(self.draft.id, self.draft.to_data())
        draft = self.draft
        draft.metadata, draft.answers = theirs.metadata, theirs.answers
        draft.ticks, draft.not_applicable = theirs.ticks, theirs.not_applicable
        draft.unplaced = theirs.unplaced
        linked.paused = ""
        self.edits += 1
        self.autosave.changed()
        self.flush()

    # -- undo ------------------------------------------------------------

    def took_away(self, key: str, part_id: str, what: str, before: Answer, index: int = 0) -> None:
        """The value just set took something away (a row, an item, the text): keep before."""
        after = self.value(key, part_id)
        if after != before:
            self.undos.add(Undo(key, part_id, what, before, after, False, self.edits, index))

    def undo(self, *, latest_only: bool) -> Undo | None:
        """Give back what the latest undoable action took away; None if there is none.

        latest_only (ctrl+z): only if nothing was edited since, so that ctrl+z after
        typing undoes the typing. Otherwise (Undo in the notice): as long as the
        part still holds what the action left.
        """
        entry = self.undos.latest()
        if entry is None:
            return None
        if latest_only and entry.edits != self.edits:
            return None
        if entry.mark:
            now: Answer | None = self.draft.not_applicable_reason(entry.key, entry.part_id)
        else:
            assert entry.part_id is not None
            now = self.value(entry.key, entry.part_id)
        if now != entry.after:
            return None
        self.undos.pop()
        if entry.mark:
            before = entry.before if isinstance(entry.before, str) else None
            self.edits += 1
            self.draft.set_not_applicable(entry.key, entry.part_id, before)
            self.autosave.changed()
        else:
            assert entry.part_id is not None and entry.before is not None
            self.set_value(entry.key, entry.part_id, entry.before)
        return entry

    def status_gate(self, status: str) -> Gate:
        """What moving to status takes (core rules: tdd_tui.check.status_gate)."""
        return status_gate(self.template, self.draft, status)

    # -- what the document still needs -------------------------------------

    def review(self) -> list[Finding]:
        """The review of the draft as it is now (worked out again only after a change)."""
        key = (id(self.draft), self.edits)
        if self._reviewed is None or self._reviewed[0] != key:
            self._reviewed = (key, review(self.template, self.draft))
        return self._reviewed[1]

    def review_in_background(self, done: Callable[[list[Finding]], None]) -> None:
        """The review of a copy of the draft, on a thread; done(findings) on the loop.

        A whole review of a long draft takes tens of milliseconds: after a save it
        is worked out off the event loop, so typing never waits for it.
        """
        key = (id(self.draft), self.edits)
        if (self._reviewed is not None and self._reviewed[0] == key) or _size(
            self.draft
        ) < REVIEW_ON_LOOP_UNDER:
            done(self.review())  # a few milliseconds: at once, and in order with the rest
            return
        copy = Draft.from_data(self.draft.to_data())
        template = self.template

        def work() -> None:
            found = review(template, copy)
            self._call_on_loop(finish, found)

        def finish(found: list[Finding]) -> None:
            if self._reviewed is None or self._reviewed[0] != (id(self.draft), self.edits):
                self._reviewed = (key, found)
            done(found)

        self._run_in_thread(work)

    def export_text(self) -> str:
        from tdd_tui.markdown import export_markdown

        return export_markdown(self.template, self.draft)

    # -- saving ----------------------------------------------------------

    def save_soon(self) -> None:
        """Leaving a screen: the write starts now, off the event loop."""
        self.autosave.save_soon()

    def flush(self, *, even_if_empty: bool = False) -> bool:
        """Everything to disk, now, on this thread; True if it is there."""
        return self.autosave.flush(even_if_empty=even_if_empty)

    def copy(self) -> Draft:
        """A new draft with this one's text (read-only here: carry on in the copy)."""
        return self.store.duplicate(self.draft)

    # -- when someone else saved the draft ---------------------------------

    @property
    def conflict(self) -> str | None:
        """Why nothing is being written: the file changed elsewhere since it was read."""
        return self.autosave.state.conflict

    def keep_mine(self) -> bool:
        """Write this window's text over the other version (kept in the history first)."""
        return self.autosave.overwrite()

    def keep_both(self) -> Draft:
        """This window's text as a new draft; the file keeps the other version."""
        copy = self.store.duplicate(self.draft, title=f"{self.draft.title} (my version)")
        self.autosave.stop()
        return copy

    def take_theirs(self) -> None:
        """Give up this window's text for the other version; this text goes to the history."""
        self.store.keep_in_history(self.draft.id, self.draft.to_data())
        self.autosave.stop()

    def unsaved(self) -> str | None:
        """Why text typed here is not on disk (the last save failed), or None if it is.

        A draft changed elsewhere is not counted: closing it keeps this window's
        text as a new draft without asking (see close).
        """
        state = self.autosave.state
        if state.read_only or not state.dirty or state.conflict:
            return None
        return state.error or None

    def write_copy(self, folder: Path) -> Path:
        """This window's text as a draft file in another folder (when its own cannot be written)."""
        target = folder / f"{self.draft.id}.yaml"
        n = 2
        while target.exists():
            target = folder / f"{self.draft.id}-{n}.yaml"
            n += 1
        self.store.write_data(self.draft.to_data(), target, expect=None)
        return target

    def close(self) -> str | None:
        """Save what is in memory and let other windows write the draft.

        Never drops text: if the file changed elsewhere and nobody chose, this
        window's text becomes a new draft; if saving fails, it goes to a rescue
        folder. Returns what to tell the author about where it went.
        """
        try:
            self.flush()
            if self.conflict and self.autosave.state.dirty:
                copy = self.keep_both()
                return (
                    "The draft was changed elsewhere while it was open here; your version is "
                    f"kept as the draft {copy.id} ({copy.title})."
                )
            problem = self.unsaved()
            if problem:
                from tdd_tui.rescue import rescue

                where = rescue(self.draft.id, self.draft.to_data())
                self.autosave.stop()
                if where is None:
                    return f"Your last changes to {self.draft.title} could not be saved: {problem}"
                return f"Saving failed ({problem}); your text was written to {where}"
            return None
        finally:
            self.lock.release()
