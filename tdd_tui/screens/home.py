"""HomeScreen: the drafts, newest first, and what can be done with them."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tdd_tui.catalog import TemplateCatalog
from tdd_tui.store import DraftEntry, DraftStore, StoreError
from tdd_tui.template import TemplateError
from tdd_tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from tdd_tui.app import TddApp
    from tdd_tui.history import Version
    from tdd_tui.markdown_import import ImportResult
    from tdd_tui.template import Template

WATCH_EVERY = 2.0  # seconds between looks at the drafts folder

EMPTY = (
    "No drafts yet.\n\n"
    "Press n to start a design doc: a title, then one section at a time,\n"
    "with a guiding question and a worked example for every part.\n"
    "Already have one in Markdown? Press i to import it.\n"
    "To see a complete one first: tdd-tui new --example\n\n"
    "Everything saves as you type. Press F1 for the keys."
)


def edited_label(timestamp: float, now: dt.datetime | None = None) -> str:
    """'just now', '5 min ago', 'today 14:02', 'yesterday', '3 Nov 2026'."""
    when = dt.datetime.fromtimestamp(timestamp)
    now = now or dt.datetime.now()
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if when.date() == now.date():
        return f"today {when:%H:%M}"
    if when.date() == (now - dt.timedelta(days=1)).date():
        return f"yesterday {when:%H:%M}"
    return f"{when.day} {when:%b %Y}"


def _done(entry: DraftEntry) -> str:
    """How far along: '?' when the draft's template is not here to measure against."""
    return "?" if entry.progress is None else f"{round(entry.progress * 100)}%"


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("n", "new", "New", id="home.new"),
        # Enter on a row opens it too (the table takes Enter, so the footer shows o).
        Binding("o", "open", "Open", id="home.open"),
        Binding("c", "duplicate", "Duplicate", id="home.duplicate"),
        Binding("r", "rename", "Rename", id="home.rename"),
        Binding("delete,d", "delete", "Delete", id="home.delete"),
        Binding("e", "export", "Export", id="home.export"),
        Binding("i", "import", "Import", id="home.import"),
        Binding("h", "history", "History", id="home.history"),
        Binding("t", "trash", "Trash", id="home.trash"),
        Binding("f1,question_mark", "app.help", "Help", id="home.help"),
    ]
    # What the footer keeps when not all fit (80 columns), most needed first; F1 lists all.
    FOOTER_KEEPS = (
        "home.help",
        "home.new",
        "home.open",
        "home.import",
        "home.export",
        "app.quit",
        "home.delete",
        "home.rename",
        "home.history",
        "home.trash",
        "home.duplicate",
    )

    def __init__(self, store: DraftStore, catalog: TemplateCatalog) -> None:
        super().__init__(name="home", id="home")
        self.store = store
        self.catalog = catalog
        self.entries: list[DraftEntry] = []
        self._seen: object = None  # the drafts folder as last listed
        self._loaded_at = 0.0  # when, by the monotonic clock

    @property
    def tdd(self) -> TddApp:
        return cast("TddApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static("Technical Design Docs", id="home-title", markup=False)
        yield Static(EMPTY, id="empty", markup=False)
        table: DataTable[str | Text] = DataTable(id="drafts", cursor_type="row", zebra_stripes=True)
        table.add_column("Title", key="title")
        table.add_column("Status", key="status")
        table.add_column("Done", key="done")
        table.add_column("Edited", key="edited")
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        # The drafts are listed when this screen is first shown: not at all before a
        # draft opened from the command line (with 1,000 drafts, 0.4 s before its frame).
        # Drafts made, changed or deleted by the CLI or another window show up here
        # too: a stat of the folder every two seconds, a reload only when it changed.
        self.set_interval(WATCH_EVERY, self._watch)

    def on_screen_resume(self) -> None:
        # Back from a draft, whose save changed the folder: its row is new. Not when
        # nothing changed since the last load (with 1,000 drafts, 0.2 s each time).
        if self.app.screen is not self:
            return  # a draft opened at start is on show already: listed when back here
        stale = time.monotonic() - self._loaded_at > 60  # "Edited 5 min ago" moves on
        if stale or self._seen is None or self.store.folder_stamp() != self._seen:
            self.reload()

    def _watch(self) -> None:
        if self.app.screen is not self or self._seen is None:
            return  # not on show (a draft is), or not listed yet: resume lists it
        if self.store.folder_stamp() != self._seen:
            self.reload()

    def reload(self, select: str | None = None) -> None:
        table = self.query_one(DataTable)
        previous = select or self.selected_id()
        try:
            self.entries = self.store.entries(self.catalog.find)
        except StoreError as exc:
            self.entries = []
            self.notify(str(exc), severity="error")
        table.clear()
        for entry in self.entries:
            if entry.error is None:
                table.add_row(
                    Text(entry.title or entry.id),
                    entry.status,
                    _done(entry),
                    edited_label(entry.modified),
                    key=entry.id,
                )
            else:
                table.add_row(
                    Text(f"⚠ {entry.id}: damaged ({entry.error})", style="bold red"),
                    "",
                    "",
                    edited_label(entry.modified),
                    key=entry.id,
                )
        self._seen = self.store.folder_stamp()  # after the listing, which may write its index
        self._loaded_at = time.monotonic()
        empty = not self.entries
        self.query_one("#empty").display = empty
        table.display = not empty
        if previous:
            ids = [e.id for e in self.entries]
            if previous in ids:
                table.move_cursor(row=ids.index(previous))
        if not empty:
            table.focus()

    def selected(self) -> DraftEntry | None:
        table = self.query_one(DataTable)
        if not self.entries or table.cursor_row < 0 or table.cursor_row >= len(self.entries):
            return None
        return self.entries[table.cursor_row]

    def selected_id(self) -> str | None:
        entry = self.selected() if self.entries else None
        return entry.id if entry else None

    def _usable(self) -> DraftEntry | None:
        entry = self.selected()
        if entry is None:
            return None
        if entry.draft is None:
            self._offer_recovery(entry)
            return None
        return entry

    def _offer_recovery(self, entry: DraftEntry) -> None:
        """A damaged draft: offer its last good version, never touch the file otherwise.

        Finding it reads every kept version, so off the event loop.
        """

        def find() -> None:
            good = self.store.last_good_version(entry.id)
            self.app.call_from_thread(self._recovery_found, entry, good)

        self.run_worker(find, thread=True, group="recovery", exit_on_error=False)

    def _recovery_found(self, entry: DraftEntry, good: Version | None) -> None:
        from tdd_tui.screens.dialogs import Confirm

        if good is None:
            self.notify(
                f"{entry.id} cannot be opened: {entry.error}. No earlier version loads; "
                f"the file is left untouched at {entry.path}.",
                severity="error",
                timeout=10,
            )
            return
        when = good.taken.astimezone().strftime("%Y-%m-%d %H:%M")
        self.app.push_screen(
            Confirm(
                "This draft does not load",
                f"{entry.error}\n\nRestore the last version that loads, from {when}? "
                "The damaged file is kept in the history.",
                yes="Restore",
            ),
            lambda yes: self._restore(entry.id, good.number) if yes else None,
        )

    def _restore(self, draft_id: str, number: int) -> None:
        try:
            draft = self.store.restore(draft_id, number)
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Restored “{draft.title}”")
        self.reload(select=draft_id)

    def action_history(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        from tdd_tui import history
        from tdd_tui.screens.dialogs import PickVersion

        kept = history.versions(self.store.root, entry.id)
        if not kept:
            self.notify("No earlier versions yet: one is kept every few minutes while you edit.")
            return
        choices = []
        for version in kept:
            when = version.taken.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            choices.append((version.number, f"{when}  ({version.size:,} bytes)"))
        self.app.push_screen(
            PickVersion(f"Earlier versions of {entry.id}", choices),
            lambda number: self._restore(entry.id, int(number)) if number else None,
        )

    @on(DataTable.RowSelected)
    async def action_open(self) -> None:
        entry = self._usable()
        if entry is not None and entry.draft is not None:
            await self.tdd.open_draft(entry.path)

    def action_new(self) -> None:
        self.tdd.action_new_draft()

    def action_duplicate(self) -> None:
        entry = self._usable()
        if entry is None or entry.draft is None:
            return
        try:
            copy = self.store.duplicate(entry.draft)
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Duplicated as {copy.title}")
        self.reload(select=copy.id)

    def action_rename(self) -> None:
        entry = self._usable()
        if entry is None or entry.draft is None:
            return
        from tdd_tui.screens.dialogs import AskText

        def rename(title: str | None) -> None:
            if not title:
                return
            try:
                self.store.retitle(entry.id, title)
            except StoreError as exc:
                self.notify(str(exc), severity="error")
            self.reload(select=entry.id)

        self.app.push_screen(
            AskText(
                "Rename",
                "New title",
                value=entry.draft.title,
                required="A title is required.",
                ok="Rename",
            ),
            rename,
        )

    def action_delete(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        from tdd_tui.screens.dialogs import Confirm

        name = entry.draft.title if entry.draft else entry.id

        def delete(yes: bool | None) -> None:
            if not yes:
                return
            try:
                where = self.store.delete(entry.id)
            except StoreError as exc:
                self.notify(str(exc), severity="error")
                return
            self.notify(f"Moved “{name}” to the trash: {where.name}. Press t to restore it.")
            self.reload()

        self.app.push_screen(
            Confirm(
                "Delete draft?",
                f"“{name}” will be moved to the trash; t on this screen brings it back.",
                yes="Delete",
                danger=True,
                default_yes=True,
            ),
            delete,
        )

    def action_trash(self) -> None:
        """The deleted drafts, the latest first: Enter puts one back."""
        from tdd_tui import trash
        from tdd_tui.screens.dialogs import PickOne

        items = list(reversed(self.store.trash()))
        if not items:
            self.notify("The trash is empty: deleted drafts wait there until you restore them.")
            return
        choices = [
            (item.name, f"{trash.draft_id_of(item)}  (deleted {trash.deleted_when(item)})")
            for item in items
        ]
        self.app.push_screen(
            PickOne("Trash", "Enter puts the draft back with the others.", choices),
            lambda name: self._untrash(name) if name else None,
        )

    def _untrash(self, name: str) -> None:
        try:
            draft_id = self.store.untrash(name)
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Restored {draft_id} from the trash.")
        self.reload(select=draft_id)

    def action_export(self) -> None:
        entry = self._usable()
        if entry is None or entry.draft is None:
            return
        try:
            template = self.catalog.for_draft(entry.draft)
        except TemplateError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.tdd.export_draft(entry.draft, template)

    def action_import(self) -> None:
        from tdd_tui.screens.dialogs import AskText

        def chosen(answer: str | None) -> None:
            if answer:
                self.import_file(Path(answer.strip()).expanduser())

        self.app.push_screen(
            AskText(
                "Import a Markdown design doc",
                "The file to turn into a new draft (an export, or a doc written by hand).",
                placeholder="~/docs/payments-design.md",
                required="Type the path of a .md file.",
                ok="Import",
                check=lambda answer: self.store.import_problem(Path(answer).expanduser()),
            ),
            chosen,
        )

    def import_file(self, file: Path) -> None:
        """Import on a thread: a large doc takes seconds to read, and the screen stays live."""
        from tdd_tui.importing import import_file

        template = self.catalog.for_new()
        # A big doc takes seconds: after a quarter of a second, the title says it is under way.
        slow = self.set_timer(0.25, lambda: self._working(f"importing {file.name}…"))

        def done() -> None:
            slow.stop()
            self._working("")

        def work() -> None:
            try:
                result = import_file(self.store, file, template)
            except StoreError as exc:
                self.app.call_from_thread(done)
                self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=8)
                return
            self.app.call_from_thread(done)
            self.app.call_from_thread(self._imported, result, template)

        self.run_worker(work, thread=True, group="import", exit_on_error=False)

    def _working(self, doing: str) -> None:
        title = "Technical Design Docs" + (f" · {doing}" if doing else "")
        self.query_one("#home-title", Static).update(title)

    def _imported(self, result: ImportResult, template: Template) -> None:
        draft = result.draft
        summary = "\n".join(result.summary(template))
        self.notify(f"Imported “{draft.title}”.\n{summary}", timeout=12)
        self.reload(select=draft.id)
