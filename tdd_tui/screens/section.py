"""SectionScreen: the one screen that serves the details and every section, driven by the template.

The top bar, sidebar and footer are built once per draft. Each section's parts
live in a SectionBody, built on the first visit and kept; moving between
sections shows one body and hides the other. The bodies only show the draft:
every edit in them reaches this screen as a message, and is applied through
the editor session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, HorizontalGroup
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Button, Static

from tdd_tui.check import Finding
from tdd_tui.draft import Answer, is_answered, without_surrogates
from tdd_tui.memory import settle_memory
from tdd_tui.screens.build_ahead import BuildAhead
from tdd_tui.session import METADATA, EditorSession
from tdd_tui.template import Part, Section
from tdd_tui.widgets.checklist import Checklist
from tdd_tui.widgets.fields import Field, TextField
from tdd_tui.widgets.kept_answer import KeptAnswer
from tdd_tui.widgets.keybar import KeyBar
from tdd_tui.widgets.part import PartEditor
from tdd_tui.widgets.save_status import SaveStatus
from tdd_tui.widgets.section_body import SectionBody
from tdd_tui.widgets.section_head import SectionHead
from tdd_tui.widgets.sidebar import Sidebar

if TYPE_CHECKING:
    from tdd_tui.app import TddApp


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
        # Priority: it gives back a removed row before a field's own undo is asked.
        Binding("ctrl+z", "undo", "Undo removal", show=False, priority=True, id="editor.undo"),
        Binding("f1", "app.help", "Help", id="editor.help"),
        Binding("question_mark", "app.help", "Help", show=False, id="editor.help_key"),
    ]

    # What the footer keeps when the terminal is narrow (80 columns), most needed first:
    # help lists every key, so it is never dropped.
    FOOTER_KEEPS = (
        "editor.help",
        "editor.next",
        "editor.preview",
        "editor.export",
        "editor.not_applicable",
        "editor.external",
        "editor.previous",
        "editor.example",
        "editor.goto",
        "editor.home",
    )

    # Focus goes to the part the user was on, never to the first widget (the sidebar).
    AUTO_FOCUS = ""

    # Seconds without an edit or a move before unvisited sections are built,
    # hidden, a part at a time; then the first visit to one costs what a revisit
    # does. None builds each section only when it is first shown.
    PREBUILD_AFTER: float | None = 0.3

    def __init__(self, session: EditorSession, key: str) -> None:
        super().__init__(classes="section-screen")
        self.session = session
        self.bodies: dict[str, SectionBody] = {}
        self.body = self.new_body(key)
        self.ahead = BuildAhead(self)

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

    def new_body(self, key: str, *, in_steps: bool = False) -> SectionBody:
        session = self.session
        section = None if key == METADATA else session.template.section(key)
        body = SectionBody(
            section,
            key,
            session.draft,
            session.template,
            read_only=bool(session.read_only_reason),
            in_steps=in_steps,
        )
        self.bodies[key] = body
        return body

    # -- layout ----------------------------------------------------------

    def compose(self) -> ComposeResult:
        session = self.session
        with Horizontal(id="top-bar"):
            yield Static(session.draft.title or "Untitled", id="doc-title", markup=False)
            yield SaveStatus()
        if session.read_only_reason:
            with HorizontalGroup(id="read-only"):
                yield Static(session.read_only_reason, id="read-only-reason", markup=False)
                yield Button("Open a copy", id="open-copy", compact=True, variant="warning")
        with Horizontal(id="body"):
            yield Sidebar(session.template, session.draft, self.key)
            with Container(id="content"):
                yield self.body
        yield KeyBar()

    async def show(self, key: str, part: str | None = None) -> None:
        """Show a section's body (building it on the first visit), with the cursor in part."""
        self.ahead.activity()
        previous = self.body
        body = self.bodies.get(key)
        built_now = body is None
        if body is not None and self.ahead.take(body):
            built_now = True
            await body.finish()
        if body is None:
            body = self.new_body(key)
            body.display = False  # shown below, in the same frame as the old one is hidden
            await self.query_one("#content").mount(body)
        if body is not previous:
            self.body = body
            previous.display = False
            body.display = True
            self.query_one(Sidebar).show_current(key)
            self.refresh_review_soon()
        if part is not None or not body.return_focus():
            body.focus_part(part)
        self.ahead.later()  # and once idle, what this switch made is set aside too
        if built_now or body is previous:  # previous: the first section, built with the screen
            self._settle()

    def _settle(self) -> None:
        # Once painted (the editor has wrapped its lines), a section lives as long as
        # the draft: out of the garbage collector's way.
        self.call_after_refresh(settle_memory)

    @on(Button.Pressed, "#open-copy")
    async def _open_copy(self) -> None:
        await self.tdd.action_open_copy()

    def _edited(self) -> None:
        """The draft changed (and autosave knows): progress marks and the title."""
        self.ahead.activity()
        self.query_one(Sidebar).refresh_progress(self.key)
        if self.key == METADATA:
            self._show_title()

    def _show_title(self) -> None:
        # Only when it changed: an update re-lays out the screen, and this runs on every key.
        title = self.session.draft.title or "Untitled"
        shown = self.query_one("#doc-title", Static)
        if str(shown.content) != title:
            shown.update(title)

    def commit(self) -> None:
        """Apply what the inputs show to the draft, even if their messages are still queued.

        An input not edited since it was last read is passed by: what it shows is in
        the draft already, and a text the author never touched is never rewritten
        (reading it back could tidy it: a list's blank lines, say).
        """
        for part, field in list(self.body.fields()):
            edits = field.edits()
            if edits is not None and edits == field.read_at:
                continue
            field.read_at = edits
            value = field.value
            if not field.touched and not is_answered(value):
                continue  # an empty the author did not make: never written over the answer
            self.apply(self.body, part, value)
        current = self.current_editor()
        if current is not None:
            self.session.move_to(self.key, current.part.id)

    def forget_inputs(self) -> None:
        """The draft was replaced under this screen: its inputs must not be written back."""
        for body in self.bodies.values():
            if not body.built:
                continue
            for part, field in body.fields():
                field.touched = False
                field.load(self.session.value(body.key, part.id))

    def refresh_review(self, found: list[Finding]) -> None:
        """Reviewer warnings: counted per section in the sidebar, listed for this section."""
        if not self.is_attached:
            return
        # Empty parts show as progress in the sidebar and unticked items in the checklist
        # itself; the notes are the rest of what reviewers would say.
        shown_elsewhere = ("missing", "unplaced", "checklist")
        findings = [f for f in found if f.kind not in shown_elsewhere]
        counts: dict[str, int] = {}
        for finding in findings:
            if finding.section:
                counts[finding.section] = counts.get(finding.section, 0) + 1
        self.query_one(Sidebar).show_warnings(counts)
        self.body.show_review(
            [f"⚠ {f.where}: {f.message}" for f in findings if f.section == self.key]
        )

    def refresh_review_soon(self) -> None:
        """The review as the draft is now: at once if it is known or quick to work out,
        else worked out on a thread (a draft of thousands of items) and shown when done."""
        self.session.review_in_background(self.refresh_review)

    def on_screen_resume(self) -> None:
        if self.focused is None and not self.body.return_focus():
            self.body.focus_part(None)
        self.query_one(Sidebar).refresh_progress()
        self.refresh_review_soon()
        self._show_title()
        self.query_one(SaveStatus).show(self.session.save_state)

    @on(Sidebar.Selected)
    async def _jump(self, event: Sidebar.Selected) -> None:
        await self.tdd.go(event.key)

    # -- actions on the part with the cursor -------------------------------

    def current_editor(self) -> PartEditor | None:
        return self.body.current_editor()

    def action_not_applicable(self) -> None:
        """F3: the part with the cursor, or else the whole section."""
        if self._read_only():
            return
        editor = self.current_editor()
        if editor is not None and editor.can_be_na:
            self.toggle_part_na(self.body, editor)
        elif self.section is not None:
            self._toggle_section_na()

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
        before = editor.field.value
        text = await self.tdd.edit_externally(before, editor.part.label)
        if text is not None and text != before:
            editor.field.load(text)
            self.apply(self.body, editor.part, text)
            self.session.took_away(
                self.key, editor.part.id, "the text from before the editor", before
            )
            self.session.flush()  # what the editor saved is on disk at once
        editor.field.focus_input()

    # -- undo ------------------------------------------------------------

    def offer_undo(self, done: str) -> None:
        """Say what an action took away, and how to have it back."""
        self.notify(f"{escape(done)} [b][@click=app.undo]Undo[/][/] (ctrl+z)", title="", timeout=8)

    async def action_undo(self) -> None:
        """ctrl+z: give back a removal that was the last edit; else the field's own undo."""
        if not await self.undo(latest_only=True):
            raise SkipAction()

    async def undo(self, *, latest_only: bool) -> bool:
        """Give back what the latest removal or mark took away, the cursor on it."""
        entry = self.session.undo(latest_only=latest_only)
        if entry is None:
            return False
        if entry.key != self.key:
            await self.show(entry.key)
        body = self.body
        editor = body.editor_for(entry.part_id) if entry.part_id else None
        if entry.mark and editor is None:
            body.show_section_na()
            body.focus_section()
        elif entry.mark and editor is not None:
            editor.show_not_applicable(None)
            editor.field.focus_input()
        elif editor is not None and entry.before is not None:
            await editor.field.restore(entry.before, entry.at)
        self._edited()
        if entry.mark:
            self.notify("No longer marked not applicable.", timeout=4)
        else:
            self.notify(f"Brought back {escape(entry.what)}.", timeout=4)
        return True

    # -- edits from the bodies -------------------------------------------

    @on(SectionBody.Moved)
    def _moved(self, event: SectionBody.Moved) -> None:
        if event.body is self.body:
            self.session.move_to(self.key, event.part_id)

    @on(Field.Changed)
    def _field_changed(self, event: Field.Changed) -> None:
        editor = event.field.parent
        body = editor.parent if editor is not None else None
        if not (isinstance(editor, PartEditor) and isinstance(body, SectionBody)):
            event.field.dropped()  # a field no longer shown: nothing to read
            return
        # Read now: one read however many keys came since the message was posted.
        self.apply(body, editor.part, event.field.taken())
        took = event.took
        if took is not None:
            self.session.took_away(body.key, editor.part.id, took.what, took.before, took.at)
            self.offer_undo(f"Removed {took.what}.")

    def apply(self, body: SectionBody, part: Part, value: Answer) -> None:
        """What the author typed into part, into the draft (through the session)."""
        value, replaced = without_surrogates(value)
        if replaced:
            self.notify(
                "Some pasted characters were broken (lone surrogates) and were replaced with �.",
                severity="warning",
            )
            editor = body.editor_for(part.id)
            if editor is not None:
                editor.field.load(value)
        session = self.session
        if (
            body.key == METADATA
            and part.id == "status"
            and isinstance(value, str)
            and value != session.value(body.key, part.id)
            and not self._status_allowed(body, value)
        ):
            return
        if not session.set_value(body.key, part.id, value):
            return  # nothing changed
        if body.key == METADATA and part.id == "title":
            body.check_title()
        self._edited()

    def _status_allowed(self, body: SectionBody, status: str) -> bool:
        """The core's gate for the new status: refused, asked first, or fine."""
        from tdd_tui.screens.dialogs import Confirm

        session = self.session
        gate = session.status_gate(status)
        if not gate.refused and not gate.gaps:
            return True
        status_field = body.query_one("#part-status", PartEditor).field
        previous = session.draft.status
        status_field.load(previous)
        problems = gate.gaps
        listed = "\n".join(f"• {f.where}: {f.message}" for f in problems[:12])
        more = f"\n… and {len(problems) - 12} more" if len(problems) > 12 else ""
        if gate.refused:
            self.notify(f"{gate.refused}:\n{listed}{more}", severity="error", timeout=15)
            return False

        def decided(yes: bool | None) -> None:
            if yes:
                session.set_value(METADATA, "status", status)
                status_field.load(status)
                self._note_sent_with_gaps(body, len(problems))
                self._edited()

        self.app.push_screen(
            Confirm(
                "Send for review with gaps?",
                f"Reviewers will find {len(problems)} gap(s):\n{listed}{more}",
                yes="Mark In Review anyway",
            ),
            decided,
        )
        return False

    def _note_sent_with_gaps(self, body: SectionBody, count: int) -> None:
        """Sent for review anyway: the doc says so, in its review note (kept if written)."""
        import datetime as dt

        if str(self.session.value(METADATA, "review_note")).strip():
            return
        note = f"Sent for review with {count} known gap(s) on {dt.date.today().isoformat()}."
        if self.session.set_value(METADATA, "review_note", note):
            editor = body.editor_for("review_note")
            if editor is not None:
                editor.field.load(note)

    @on(Checklist.Ticked)
    def _ticked(self, event: Checklist.Ticked) -> None:
        if self.section is not None:
            self.session.tick(self.section.id, event.item_id, event.ticked)
            self._edited()

    @on(PartEditor.NotApplicableRequested)
    def _part_na(self, event: PartEditor.NotApplicableRequested) -> None:
        if not self._read_only():
            self.toggle_part_na(self.body, event.editor)

    @on(KeptAnswer.Reshape)
    async def _reshape(self, event: KeptAnswer.Reshape) -> None:
        from tdd_tui.shapes import reshape

        kept = event.kept
        body = kept.parent
        if not isinstance(body, SectionBody):
            return
        value = reshape(kept.part, kept.value)
        self.session.set_value(body.key, kept.part.id, value)
        await body.reshaped(kept, value)
        self._edited()

    def toggle_part_na(self, body: SectionBody, editor: PartEditor) -> None:
        section = body.section
        assert section is not None

        def mark(reason: str | None) -> None:
            self.session.set_not_applicable(section.id, editor.part.id, reason)
            editor.show_not_applicable(reason)
            self._edited()
            # Where typing goes next: the part's own input when it is back, else the next part.
            if reason is None:
                editor.field.focus_input()
            else:
                body.focus_after(editor)
                self.offer_undo(f"Marked {editor.part.label} not applicable.")

        if editor.na_reason is not None:
            mark(None)
            return
        self._ask_reason(
            f"{editor.part.label}: not applicable",
            "Why does this not apply? Reviewers will read the reason.",
            "e.g. No personal data is stored or logged.",
            mark,
        )

    def _read_only(self) -> bool:
        """Read-only, the marks are not changed either: say so (nothing would be saved)."""
        if self.session.read_only_reason:
            self.notify(self.session.read_only_reason, severity="warning", timeout=6)
        return bool(self.session.read_only_reason)

    @on(SectionHead.NotApplicableRequested)
    def _toggle_section_na(self) -> None:
        if self._read_only():
            return
        body = self.body
        section = body.section
        assert section is not None

        def mark(reason: str | None) -> None:
            self.session.set_not_applicable(section.id, None, reason)
            body.show_section_na()
            body.focus_section()
            self._edited()
            if reason is not None:
                self.offer_undo(f"Marked {section.heading} not applicable.")

        if self.session.draft.not_applicable_reason(section.id) is not None:
            mark(None)
            return
        if not section.may_be_na:
            self.notify(
                f"Every design answers {section.heading}. Mark single parts not applicable "
                "instead: F3 in the part, with its reason.",
                severity="warning",
                timeout=8,
            )
            return
        self._ask_reason(
            f"{section.heading}: not applicable",
            "Why does this section not apply to this design?",
            "e.g. A new service: there is no current system.",
            mark,
        )

    def _ask_reason(
        self, title: str, prompt: str, example: str, then: Callable[[str], None]
    ) -> None:
        from tdd_tui.screens.dialogs import AskText

        self.app.push_screen(
            AskText(
                title,
                prompt,
                placeholder=example,
                ok="Mark not applicable",
                required="Say why: reviewers read the reason, and a mark without one fails review.",
            ),
            lambda reason: then(reason) if reason is not None else None,
        )
