"""TddApp: which screen shows, and at most one open draft (an EditorSession) at a time."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SuspendNotSupported
from textual.binding import Binding
from textual.screen import Screen

from tdd_tui.autosave import SaveState
from tdd_tui.catalog import TemplateCatalog
from tdd_tui.draft import Draft, export_name
from tdd_tui.leaving import Leaving
from tdd_tui.locations import styles_dir
from tdd_tui.memory import release_memory
from tdd_tui.screens.home import HomeScreen
from tdd_tui.session import METADATA, EditorSession
from tdd_tui.store import DraftStore, StoreError
from tdd_tui.template import Template, TemplateError
from tdd_tui.widgets.save_status import SaveStatus
from tdd_tui.widgets.sidebar import EXPORT, PREVIEW

if TYPE_CHECKING:
    from textual.command import Provider

    from tdd_tui.screens.section import SectionScreen


EDITOR = "editor"  # the installed section screen, one per open draft
# The longest run of queued keys handled before the loop is let go (to paint, save, answer
# a signal): a paste a terminal types out key by key queues thousands at once.
KEYS_FOR_AT_MOST = 0.02


def _draft_commands() -> type[Provider]:
    # Imported when the palette opens: textual.command costs ~30 ms at start-up.
    from tdd_tui.commands import DraftCommands

    return DraftCommands


LINKED_WATCH = 2.0  # seconds between looks at the linked Markdown file, if there is one

# The prefixes of the binding ids this app's own widgets declare (list items, tables, lines).
OWN_WIDGET_KEYS = {"list", "table", "line"}


class TddApp(App[None]):
    TITLE = "tdd-tui"
    CSS_PATH = str(styles_dir() / "app.tcss")
    COMMANDS = App.COMMANDS | {_draft_commands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit")]

    def __init__(
        self,
        *,
        store: DraftStore,
        catalog: TemplateCatalog | None = None,
        template: Template | None = None,
        open_path: Path | None = None,
        new_title: str | None = None,
    ) -> None:
        """open_path opens that draft at once; new_title ("" to ask) starts a new one."""
        super().__init__()
        self.store = store
        self.catalog = catalog or TemplateCatalog(template)
        self.session: EditorSession | None = None
        self._start_with = (open_path, new_title)
        self._last_let_go = 0.0  # when key handling last let the loop run (monotonic)
        self._asking = False  # the "changed elsewhere" question is on screen
        self._told_paused = ""  # why the linked file is not written, as last said
        self.notice = ""  # said once the draft is open (the summary of an import)
        self.farewell = ""  # said on stderr after the UI has gone (cli.run_app)

    def get_default_screen(self) -> Screen[None]:
        return HomeScreen(self.store, self.catalog)

    async def on_mount(self) -> None:
        self.store.clean_temporary_files()
        from tdd_tui import rescue

        for rescued in rescue.unreported():
            self.notify(rescue.tell(rescued), severity="warning", timeout=30)
            rescue.mark_reported(rescued)
        # A closed terminal or a kill: save what is in memory, then go (leaving.py).
        Leaving(asyncio.get_running_loop(), self._save_and_exit, self._save_as_held).install()
        path, new_title = self._start_with
        if path is not None:
            await self.open_draft(path)
            if self.notice:
                self.notify(self.notice, timeout=15)
        elif new_title:
            await self.create_draft(new_title)
        elif new_title is not None:
            self.action_new_draft()
        self.set_interval(LINKED_WATCH, self._watch_linked)

    # -- opening and closing a draft -------------------------------------

    async def open_draft(self, path: Path) -> None:
        """Open the draft at path in the editor, where its author left it."""
        self.close_draft()
        try:
            session = EditorSession(
                self.store,
                self.catalog,
                path,
                set_timer=lambda delay, callback: self.set_timer(delay, callback),
                run_in_thread=lambda work: self.run_worker(
                    work, thread=True, group="save", exit_on_error=False
                ),
                call_on_loop=self.call_from_thread,
                on_save_state=self._show_save_state,
            )
        except (StoreError, TemplateError) as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.session = session
        await self.go(session.start_key(), part=session.draft.position.part)

    def commit(self) -> None:
        """Bring the draft up to date with the screen being edited."""
        editing = self.editing()
        if editing is not None:
            editing.commit()

    def close_draft(self) -> None:
        release_memory()  # what the draft's screen holds can be collected once it is gone
        self.final_save()
        if self.session is not None:
            self._rescue_note(self.session.close())
            self.session = None
        if self.is_screen_installed(EDITOR):
            screen = self.get_screen(EDITOR)
            if screen not in self.screen_stack:
                self.uninstall_screen(EDITOR)
                if screen.is_mounted:
                    screen.remove()

    async def create_draft(self, title: str, template: Template | None = None) -> None:
        from tdd_tui.author import default_author

        try:
            draft = self.store.create(
                template or self.catalog.for_new(), title, author=default_author()
            )
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        await self.open_draft(self.store.path_for(draft.id))

    def action_new_draft(self) -> None:
        from tdd_tui.screens.dialogs import AskText

        self.push_screen(
            AskText(
                "New design doc",
                "What is it called? Name the system and the change; you can rename it later.",
                placeholder="e.g. Per-key rate limiting for the public API",
                required="A title is required: it names the draft and heads the document.",
                ok="Create",
            ),
            self._create_if_titled,
        )

    async def _create_if_titled(self, title: str | None) -> None:
        if not title:
            return
        templates = self.catalog.templates
        if len(templates) == 1:
            await self.create_draft(title)
            return
        from tdd_tui.screens.dialogs import PickOne

        async def picked(template_id: str | None) -> None:
            chosen = self.catalog.find(template_id or "")
            if chosen is not None:
                await self.create_draft(title, chosen)

        choices = [
            (t.id, f"{t.name}  ({t.id} v{t.version}, {len(t.sections)} sections)")
            for t in templates
        ]
        self.push_screen(
            PickOne(
                "Which template?", "Your team's templates are listed after the first.", choices
            ),
            picked,
        )

    # -- moving around ---------------------------------------------------

    def editing(self) -> SectionScreen | None:
        """The section screen on top, if one is (built on first use, not at start-up)."""
        from tdd_tui.screens.section import SectionScreen

        return self.screen if isinstance(self.screen, SectionScreen) else None

    def current_key(self) -> str | None:
        editing = self.editing()
        return editing.key if editing is not None else None

    async def go(self, key: str, part: str | None = None) -> None:
        """Show a section (or the details), with the cursor in part.

        Awaited to the end, focus included, so keys typed straight after a
        jump land in the part instead of on a screen with nothing focused.
        """
        if key == PREVIEW:
            self.action_preview()
            return
        if key == EXPORT:
            self.action_export()
            return
        session = self.session
        if session is None or key not in session.keys:
            return
        self.commit()
        session.save_soon()
        from tdd_tui.screens.section import SectionScreen

        if not self.is_screen_installed(EDITOR):
            self.install_screen(SectionScreen(session, key), EDITOR)
        editor = self.get_screen(EDITOR)
        assert isinstance(editor, SectionScreen)
        if not any(screen is editor for screen in self.screen_stack):
            await self.push_screen(editor)
        await editor.show(key, part)
        session.move_to(key, part)

    async def _step(self, step: int) -> None:
        current = self.current_key()
        if current is None or self.session is None:
            return
        keys = self.session.keys
        index = keys.index(current) + step
        if 0 <= index < len(keys):
            await self.go(keys[index])
        elif index == len(keys):
            self.notify("That was the last section. F5 previews the document, F6 exports it.")

    async def action_next_section(self) -> None:
        await self._step(1)

    async def action_previous_section(self) -> None:
        await self._step(-1)

    def action_go_to(self) -> None:
        if self.session is None:
            return
        from tdd_tui.screens.dialogs import AskText

        sections = self.session.template.sections
        last = len(sections)

        async def jump(answer: str | None) -> None:
            if not answer:
                return
            text = answer.strip().rstrip(".")
            if text in ("0", "d", "details"):
                await self.go(METADATA)
            elif text.isdigit() and 1 <= int(text) <= last:
                await self.go(sections[int(text) - 1].id)
            else:
                self.notify(
                    f"'{answer}' is not a section: type 1 to {last}, or 0 for the details.",
                    severity="warning",
                )

        self.push_screen(
            AskText("Go to section", f"Section number (1-{last}; 0 for the details)", ok="Go"), jump
        )

    async def action_home(self) -> None:
        self.final_save()  # while the section is still on screen, so its widgets are committed
        if self.session is not None and self.session.unsaved():
            self._ask_before_leaving("Close", self._go_home)
            return
        await self._go_home()

    async def _go_home(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            await self.pop_screen()
        self.close_draft()

    # -- saving ----------------------------------------------------------

    def _rescue_note(self, note: str | None) -> None:
        """Where text went that could not be saved in place: on screen now, on stderr at exit."""
        if note:
            self.farewell = note
            self.notify(note, severity="warning", timeout=15)

    def _show_save_state(self, state: SaveState) -> None:
        if state.conflict:
            self.call_later(self.ask_which_version)
        if not self.screen_stack:  # shutting down: the save goes on, nothing to show it on
            return
        editing = self.editing()
        if editing is not None:
            # Not a query of the whole screen: with every section built it holds
            # 1,500 widgets, and this runs twice a save (15 ms each time).
            editing.query_one(SaveStatus).show(state)
        if editing is not None and not (state.dirty or state.saving):
            editing.refresh_review_soon()  # after a save, off the loop: it reads the whole doc
            if self.session is not None and self.session.linked is not None and not state.error:
                from tdd_tui.screens.questions import sync_linked_file

                self.call_later(sync_linked_file, self)

    def _watch_linked(self) -> None:
        if self.session is not None and self.session.linked is not None:
            from tdd_tui.screens.questions import watch_linked_file

            watch_linked_file(self)

    async def action_undo(self) -> None:
        """Undo in a removal's notice: give it back, even after typing elsewhere."""
        editing = self.editing()
        if editing is not None and not await editing.undo(latest_only=False):
            self.notify("That can no longer be undone: the part has changed since.")

    def action_save_now(self) -> None:
        session = self.session
        if session is None:
            return
        if session.conflict:
            self.ask_which_version()
            return
        self.commit()
        if session.flush(even_if_empty=True):
            self.notify(f"Saved to {session.path}")
            linked = session.linked
            if linked is not None:
                if "changed on disk" in linked.paused:
                    linked.paused = ""  # asked to decide later: ctrl+s asks again
                from tdd_tui.screens.questions import sync_linked_file

                sync_linked_file(self)
        else:
            self.notify(session.save_state.error or "Not saved", severity="error")

    async def action_quit(self) -> None:
        self.final_save()
        if self.session is not None and self.session.unsaved():
            self._ask_before_leaving("Quit", self._save_and_exit)
            return
        self._save_and_exit()

    def _ask_before_leaving(self, leaving: str, leave: Callable[[], object]) -> None:
        """The last save failed: stay, write a copy, or leave anyway (screens/questions.py)."""
        from tdd_tui.screens.questions import ask_before_leaving

        ask_before_leaving(self, leaving, leave)

    def final_save(self) -> None:
        """Everything in memory to disk, now. Safe to call more than once, and after a crash."""
        if self.session is not None:
            # A screen broken by the crash must not stop the save below.
            with contextlib.suppress(Exception):
                self.commit()
            self.session.flush()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            now = time.monotonic()
            if now - self._last_let_go > KEYS_FOR_AT_MOST:
                # Textual takes queued messages one after another without letting the
                # loop run: 20 KB of keys held it for 4-10 s, SIGHUP unanswered.
                self._last_let_go = now
                await asyncio.sleep(0)
        await super().on_event(event)

    def _save_as_held(self) -> None:
        """The loop is stuck: the draft as the session holds it, from the watchdog's thread."""
        if self.session is not None:
            self.session.flush()

    def _save_and_exit(self) -> None:
        self.final_save()
        if self.session is not None:
            self._rescue_note(self.session.close())
        release_memory()
        self.exit()

    # -- the draft changed on disk while open here -------------------------

    def ask_which_version(self) -> None:
        """Someone else saved the draft: which version to keep (screens/questions.py)."""
        from tdd_tui.screens.questions import ask_which_version

        ask_which_version(self)

    async def action_open_copy(self) -> None:
        """Read-only here because another window has it: carry on in a copy instead."""
        if self.session is None:
            return
        self.commit()
        try:
            copy = self.session.copy()
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return
        await self.action_home()
        await self.open_draft(self.store.path_for(copy.id))
        self.notify(f"Opened a copy: {copy.title}")

    async def edit_externally(self, text: str, label: str) -> str | None:
        from tdd_tui.editor import edit_text

        if self.session is not None:
            self.commit()
            self.session.flush()
        try:
            with self.suspend():
                edited, problem = edit_text(text, label)
        except SuspendNotSupported:
            self.notify("An external editor cannot be opened in this terminal.", severity="warning")
            return None
        if problem:
            self.notify(problem, severity="warning", timeout=8)
        return edited

    # -- preview, export, help -------------------------------------------

    def action_preview(self) -> None:
        if self.session is None:
            return
        from tdd_tui.screens.preview import PreviewScreen

        self.commit()
        self.push_screen(PreviewScreen(self.session.export_text()))

    def action_export(self) -> None:
        if self.session is not None:
            self.commit()
            self.export_draft(self.session.draft, self.session.template)

    def export_draft(self, draft: Draft, template: Template) -> None:
        """Ask where, list what is missing, then write the draft's Markdown there."""
        from tdd_tui.check import missing
        from tdd_tui.markdown import export_markdown
        from tdd_tui.screens.dialogs import ExportChoice, ExportDialog

        def write(choice: ExportChoice | None) -> None:
            if choice is None:
                return
            text = export_markdown(template, draft, checklists=choice.checklists)
            try:
                self.store.write_export(choice.path, text)
            except StoreError as exc:
                self.notify(str(exc), severity="error", timeout=10)
                return
            self.notify(f"Wrote {choice.path}")

        default = f"./{export_name(draft)}"
        self.push_screen(
            ExportDialog(default, missing(template, draft), self.store.export_problem), write
        )

    def action_help(self) -> None:
        from tdd_tui.screens import help

        screen = self.screen
        merged: dict[tuple[str, str], list[str]] = {}
        for node, binding, enabled, _ in screen.active_bindings.values():
            if not binding.description or not enabled:
                continue
            if node is self:
                group = help.EVERYWHERE
            elif node is screen:
                group = help.SCREEN
            elif (binding.id or "").split(".")[0] in OWN_WIDGET_KEYS:
                group = help.FIELD
            else:
                group = help.WIDGET
            keys = merged.setdefault((group, binding.description), [])
            key = binding.key.replace("question_mark", "?")
            if key not in keys:
                keys.append(key)
        found = [help.KeyHelp(g, " / ".join(k), d) for (g, d), k in merged.items()]
        editing = self.editing()
        section = editing.section if editing is not None else None
        self.push_screen(help.HelpScreen(help.help_markdown(found, section)))
