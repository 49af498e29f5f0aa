"""SectionScreen: the one screen that serves the details and every section, driven by the template.

The top bar, sidebar and footer are built once per draft. Each section's parts
live in a SectionBody, built on the first visit and kept; moving between
sections shows one body and hides the other.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, HorizontalGroup
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Static

from tdd_tui.memory import settle_memory
from tdd_tui.template import Section
from tdd_tui.widgets.fields import TextField
from tdd_tui.widgets.keybar import KeyBar
from tdd_tui.widgets.part import PartEditor
from tdd_tui.widgets.save_status import SaveStatus
from tdd_tui.widgets.section_body import SectionBody
from tdd_tui.widgets.sidebar import METADATA, Sidebar

if TYPE_CHECKING:
    from tdd_tui.app import TddApp

PREBUILD_STEP = 0.02  # seconds between steps of building ahead: room for a key in between


class SectionScreen(Screen[None]):
    """The editor: one section (or the details) at a time, the sidebar beside it."""

    # Priority bindings run in the app's own loop, before the focused widget sees
    # the key: keys typed straight after ctrl+n then wait for the new section
    # instead of landing in the old one. (And TextArea would take f6 and f7.)
    BINDINGS = [
        Binding("escape", "app.home", "Home", id="editor.home"),
        Binding("ctrl+n", "app.next_section", "Next", priority=True, id="editor.next"),
        Binding("ctrl+b", "app.previous_section", "Back", priority=True, id="editor.previous"),
        Binding("ctrl+g", "app.go_to", "Go to", priority=True, id="editor.goto"),
        Binding("f2", "toggle_example", "Example", priority=True, id="editor.example"),
        Binding("f3", "not_applicable", "N/A", priority=True, id="editor.not_applicable"),
        Binding("ctrl+o", "external_editor", "Editor", id="editor.external"),
        Binding("f5", "app.preview", "Preview", priority=True, id="editor.preview"),
        Binding("f6", "app.export", "Export", priority=True, id="editor.export"),
        Binding("ctrl+s", "app.save_now", "Save", show=False, id="editor.save"),
        Binding("f1", "app.help", "Help", id="editor.help"),
        Binding("question_mark", "app.help", "Help", show=False, id="editor.help_key"),
    ]

    # Focus goes to the part the user was on, never to the first widget (the sidebar).
    AUTO_FOCUS = ""

    # Seconds without an edit or a move before unvisited sections are built,
    # hidden, a part at a time; then the first visit to one costs what a revisit
    # does. None builds each section only when it is first shown.
    PREBUILD_AFTER: float | None = 1.5

    def __init__(self, key: str) -> None:
        super().__init__(classes="section-screen")
        self.bodies: dict[str, SectionBody] = {}
        self.body = self._new_body(key)
        self._prebuild_timer: Timer | None = None
        self._building: SectionBody | None = None  # being built ahead, a part at a time
        self._last_activity = time.monotonic()

    @property
    def tdd(self) -> TddApp:
        return cast("TddApp", self.app)

    @property
    def key(self) -> str:
        """The section on show (METADATA for the details)."""
        return self.body.key

    @property
    def section(self) -> Section | None:
        return self.body.section

    def _new_body(self, key: str, *, in_steps: bool = False) -> SectionBody:
        section = None if key == METADATA else self.tdd.template.section(key)
        body = SectionBody(section, key, on_edit=self._edited, in_steps=in_steps)
        self.bodies[key] = body
        return body

    # -- layout ----------------------------------------------------------

    def compose(self) -> ComposeResult:
        app = self.tdd
        with Horizontal(id="top-bar"):
            yield Static(app.draft.title or "Untitled", id="doc-title", markup=False)
            yield SaveStatus()
        if app.read_only_reason:
            with HorizontalGroup(id="read-only"):
                yield Static(app.read_only_reason, id="read-only-reason", markup=False)
                yield Button("Open a copy", id="open-copy", compact=True, variant="warning")
        with Horizontal(id="body"):
            yield Sidebar(app.template, app.draft, self.key)
            with Container(id="content"):
                yield self.body
        yield KeyBar()

    async def show(self, key: str, part: str | None = None) -> None:
        """Show a section's body (building it on the first visit), with the cursor in part."""
        self._last_activity = time.monotonic()
        previous = self.body
        body = self.bodies.get(key)
        built_now = body is None or body is self._building
        if body is not None and body is self._building:
            self._building = None
            await body.finish()
        if body is None:
            body = self._new_body(key)
            body.display = False  # shown below, in the same frame as the old one is hidden
            await self.query_one("#content").mount(body)
        if body is not previous:
            self.body = body
            previous.display = False
            body.display = True
            self.query_one(Sidebar).show_current(key)
            self.refresh_review()
        if part is not None or not body.return_focus():
            body.focus_part(part)
        self._prebuild_later()
        if built_now or body is previous:  # previous: the first section, built with the screen
            self._settle()

    def _settle(self) -> None:
        # Once painted (the editor has wrapped its lines), a section lives as long as
        # the draft: out of the garbage collector's way.
        self.call_after_refresh(settle_memory)

    # -- building sections before they are asked for -----------------------

    def _prebuild_later(self, delay: float | None = None) -> None:
        """Build ahead after delay, or once the user has been idle for PREBUILD_AFTER."""
        if self.PREBUILD_AFTER is None:
            return
        if self._prebuild_timer is not None:
            self._prebuild_timer.stop()
        wait = self.PREBUILD_AFTER if delay is None else delay
        self._prebuild_timer = self.set_timer(wait, self._prebuild_next)

    def _next_unbuilt(self) -> str | None:
        """The next section after this one not built yet, wrapping round to the details."""
        keys = self.tdd.keys
        start = keys.index(self.key) if self.key in keys else 0
        for key in keys[start + 1 :] + keys[:start]:
            if key not in self.bodies:
                return key
        return None

    async def _prebuild_next(self) -> None:
        """One small step of building ahead: a new hidden body, or one more of its parts."""
        self._prebuild_timer = None
        assert self.PREBUILD_AFTER is not None
        idle = time.monotonic() - self._last_activity
        if idle < self.PREBUILD_AFTER:
            self._prebuild_later(self.PREBUILD_AFTER - idle)
            return
        if not self.is_current:  # a dialog is open: wait for the next move or edit
            return
        autosave = self.tdd.autosave
        if autosave is not None and autosave.state.saving:  # one thing at a time
            self._prebuild_later(PREBUILD_STEP * 5)
            return
        body = self._building
        if body is None:
            key = self._next_unbuilt()
            if key is None:
                return
            body = self._building = self._new_body(key, in_steps=True)
            body.display = False
            await self.query_one("#content").mount(body)
        elif not await body.build_step():
            self._building = None
            self._settle()
        self._prebuild_later(PREBUILD_STEP)

    @on(Button.Pressed, "#open-copy")
    async def _open_copy(self) -> None:
        await self.tdd.action_open_copy()

    def _edited(self) -> None:
        """A body changed the draft: progress marks, the title, then autosave."""
        self._last_activity = time.monotonic()
        self.query_one(Sidebar).refresh_progress(self.key)
        if self.key == METADATA:
            self._show_title()
        self.tdd.draft_changed()

    def _show_title(self) -> None:
        # Only when it changed: an update re-lays out the screen, and this runs on every key.
        title = self.tdd.draft.title or "Untitled"
        shown = self.query_one("#doc-title", Static)
        if str(shown.content) != title:
            shown.update(title)

    def commit(self) -> None:
        self.body.commit()

    def refresh_review(self) -> None:
        """Reviewer warnings: counted per section in the sidebar, listed for this section."""
        from tdd_tui.check import review

        findings = review(self.tdd.template, self.tdd.draft)
        counts: dict[str, int] = {}
        for finding in findings:
            if finding.section:
                counts[finding.section] = counts.get(finding.section, 0) + 1
        self.query_one(Sidebar).show_warnings(counts)
        self.body.show_review(
            [f"⚠ {f.where}: {f.message}" for f in findings if f.section == self.key]
        )

    def on_screen_resume(self) -> None:
        if self.focused is None and not self.body.return_focus():
            self.body.focus_part(None)
        self.query_one(Sidebar).refresh_progress()
        self.refresh_review()
        self._show_title()
        if self.tdd.autosave is not None:
            self.query_one(SaveStatus).show(self.tdd.autosave.state)

    @on(Sidebar.Selected)
    async def _jump(self, event: Sidebar.Selected) -> None:
        await self.tdd.go(event.key)

    # -- actions on the part with the cursor -------------------------------

    def current_editor(self) -> PartEditor | None:
        return self.body.current_editor()

    def action_not_applicable(self) -> None:
        self.body.not_applicable()

    def action_toggle_example(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.toggle_example()

    async def action_external_editor(self) -> None:
        editor = self.current_editor()
        if editor is None or not isinstance(editor.field, TextField):
            self.notify(
                "Put the cursor in a text part to edit it in your editor.", severity="warning"
            )
            return
        text = await self.tdd.edit_externally(editor.field.value, editor.part.label)
        if text is not None and text != editor.field.value:
            editor.field.load(text)
            self.body.apply(editor.part, text)
        editor.field.focus_input()
