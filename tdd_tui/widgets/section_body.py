"""SectionBody: one section's parts (or the details), built on its first visit and kept.

The section screen holds one body per visited section and shows one at a time,
so going back to a section shows it as it was left, scroll position included,
without building or restyling anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Static, TextArea

from tdd_tui.draft import DOCUMENT, UNPLACED, Answer, Draft
from tdd_tui.shapes import fits
from tdd_tui.template import Kind, Part, Section, Template
from tdd_tui.widgets.checklist import Checklist
from tdd_tui.widgets.fields import Field
from tdd_tui.widgets.kept_answer import KeptAnswer
from tdd_tui.widgets.part import PartEditor
from tdd_tui.widgets.section_head import Nav, SectionHead

TITLE_REQUIRED = "A title is required: it names the draft and heads the exported document."

# Imported text that matched no part: shown first, editable, until the author empties it.
UNPLACED_PART = Part(
    id=UNPLACED,
    label="Unplaced text (from import)",
    kind=Kind.TEXT,
    question="This came from the imported document but did not match any part here. "
    "Move each piece into the part it answers, then delete it from this box.",
    why="Nothing from an import is dropped. Until this box is empty, the export keeps its "
    "text under its own label, so a reviewer would see it out of place.",
)


def part_widget(
    part: Part, value: Answer, na_reason: str | None, *, can_be_na: bool = True
) -> Widget:
    """The part's editor, or, for an answer its input cannot show, that answer kept read-only."""
    if not fits(part, value):
        return KeptAnswer(part, value)
    return PartEditor(part, value, na_reason, can_be_na=can_be_na)


REVIEW_NOTES_SHOWN = 12  # past this, the notes say how many more there are


class SectionBody(VerticalScroll, can_focus=False):
    """The details (section=None) or one numbered section: its parts, checklist and nav.

    Not a Tab stop itself: Tab goes from one place to type to the next, and
    the view follows the cursor (the mouse wheel scrolls it too).

    It shows the draft and never changes it: the edits in it reach the screen
    as messages (Field.Changed, Checklist.Ticked, PartEditor.NotApplicableRequested,
    and the section N/A and navigation buttons), and the screen applies them.
    """

    @dataclass
    class Moved(Message):
        """The cursor is now in this body's part (None: in no part)."""

        body: SectionBody
        part_id: str | None

    def __init__(
        self,
        section: Section | None,
        key: str,
        draft: Draft,
        template: Template,
        *,
        read_only: bool = False,
        in_steps: bool = False,
    ) -> None:
        super().__init__(id=f"content-{key}", classes="content")
        self.section = section
        self.key = key
        self.draft = draft  # read to build the parts; changed only by the screen
        self.template = template
        self.read_only = read_only
        # Built ahead in idle time: one child per step, so a key pressed meanwhile
        # waits for one part to be built, never for the whole section.
        self.in_steps = in_steps
        self._pending: list[Widget] | None = None
        self.left_in: Widget | None = None  # the input the cursor was in when last shown
        self._review_text = ""  # what the reviewer notes show (hidden when empty)
        self._cursor_check_due = False

    # -- layout ----------------------------------------------------------

    def compose(self) -> ComposeResult:
        widgets = list(self._content())
        if self.in_steps:
            self._pending = widgets
            return
        yield from widgets

    @property
    def built(self) -> bool:
        return self._pending is None and self.is_mounted

    async def build_step(self) -> bool:
        """Mount the next child; False once all are (and the body is ready to show)."""
        if self._pending:
            await self.mount(self._pending.pop(0))
        if self._pending:
            return True
        self._built_all()
        return False

    async def finish(self) -> None:
        """Everything still to build, now: the user asked for this section."""
        if self._pending:
            widgets, self._pending = self._pending, []
            await self.mount_all(widgets)
        self._built_all()

    def _built_all(self) -> None:
        if self._pending is not None:
            self._pending = None
            self._ready()

    def _content(self) -> Iterator[Widget]:
        draft = self.draft
        section = self.section
        if section is None:
            yield SectionHead(
                "Details",
                "Who wrote this, when, and where it stands. Reviewers read this block first.",
                may_be_na=False,
            )
            yield from self._unplaced(DOCUMENT)
            for part in self.template.metadata:
                yield part_widget(part, draft.metadata.get(part.id, ""), None, can_be_na=False)
            known = {s.id for s in self.template.sections}
            for section_id, answers in draft.answers.items():
                if section_id not in known:  # a whole section the template no longer has
                    yield from self._older_answers(answers, set(), f" (section '{section_id}')")
            yield Nav()
            return
        # Only a section the template lets be skipped (or one marked already) gets the link.
        yield SectionHead(
            section.heading,
            section.purpose,
            may_be_na=section.may_be_na,
            reason=draft.not_applicable_reason(section.id),
        )
        yield from self._unplaced(section.id)
        for heading, parts in section.headings():
            # A heading over one part of the same name would say it twice.
            if heading and not (len(parts) == 1 and parts[0].label == heading):
                yield Static(heading, classes="subheading", markup=False)
            for part in parts:
                yield part_widget(
                    part,
                    draft.answer(section.id, part.id),
                    draft.not_applicable_reason(section.id, part.id),
                )
        yield from self._older_answers(
            draft.answers.get(section.id, {}), set(p.id for p in section.parts)
        )
        yield Static("", classes="review-notes", markup=False)
        if section.checklist:
            yield Checklist(section.checklist, draft.ticked(section.id))
        yield Nav()

    def _unplaced(self, key: str) -> Iterator[Widget]:
        text = self.draft.unplaced.get(key)
        if text:
            yield PartEditor(UNPLACED_PART, text, None, can_be_na=False)

    def _older_answers(
        self, answers: dict[str, Answer], known: set[str], where: str = ""
    ) -> Iterator[Widget]:
        """Answers to parts this template no longer has: kept in the draft, shown, never dropped."""
        older = {part_id: value for part_id, value in answers.items() if part_id not in known}
        if not older:
            return
        yield Static(
            f"From an older template{where}", classes="subheading older-title", markup=False
        )
        for part_id, value in older.items():
            if isinstance(value, str):
                text = value
            else:
                text = "\n".join(
                    "; ".join(f"{k}: {v}" for k, v in item.items())
                    if isinstance(item, dict)
                    else f"• {item}"
                    for item in value
                )
            yield Static(f"{part_id}:\n{text}", classes="older-answer", markup=False)

    def on_mount(self) -> None:
        if self._pending is None:
            self._ready()

    def _ready(self) -> None:
        self.show_section_na()
        self.check_title()
        if self.read_only:
            self._lock_inputs()

    def _lock_inputs(self) -> None:
        """Read-only: nothing here may look editable, since nothing would be saved."""
        for area in self.query(TextArea):
            area.read_only = True
        for widget in self.query("Input, Select, SelectionList, Checkbox, Button"):
            widget.disabled = True

    def show_review(self, messages: list[str]) -> None:
        """This section's reviewer warnings, listed under its parts."""
        shown = messages[:REVIEW_NOTES_SHOWN]
        if len(messages) > len(shown):  # thousands of imported goals: thousands of notes
            more = len(messages) - len(shown)
            shown.append(f"… and {more} more like these: `tdd-tui check` lists every one")
        text = "Reviewers will ask:\n" + "\n".join(shown) if messages else ""
        if text == self._review_text:  # on every switch and save: nothing to find or lay out
            return
        notes = self.query(".review-notes")
        if notes:
            self._review_text = text
            note = notes.first(Static)
            note.update(text)
            note.display = bool(messages)

    # -- focus and position ----------------------------------------------

    def focus_part(self, part_id: str | None) -> None:
        editors = self.editors()
        target = next((e for e in editors if e.part.id == part_id), None)
        if target is None and editors:
            target = next((e for e in editors if e.na_reason is None), editors[0])
        if target is not None:
            widget = target.field.input_widget()
            if widget is not None:
                if isinstance(widget, TextArea):
                    widget.move_cursor(widget.document.end)  # carry on where the text ends
                self.screen.set_focus(widget, scroll_visible=False)
            if editors and target is editors[0]:
                self.scroll_home(animate=False)
            else:
                target.scroll_visible(animate=False)

    def focus_section(self) -> None:
        """The cursor into the section as it shows now: its first part, or, when the whole
        section is not applicable, its checklist (else the sections list beside it)."""
        if not self.has_class("-section-na"):
            self.focus_part(None)
            return
        boxes = self.query(Checkbox)
        if boxes:
            boxes.first().focus()
        else:
            self.screen.query_one("#sections").focus()

    def focus_after(self, editor: PartEditor) -> None:
        """Focus the next part that can be typed in (else the one before): its own input is gone."""
        editors = self.editors()
        if editor not in editors:
            return
        at = editors.index(editor)
        for other in [*editors[at + 1 :], *reversed(editors[:at])]:
            widget = other.field.input_widget()
            if other.na_reason is None and widget is not None:
                widget.focus()  # scrolls it into view
                return

    def current_editor(self) -> PartEditor | None:
        node: Widget | None = self.screen.focused
        while node is not None and not isinstance(node, PartEditor):
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return node if node is not None and node.parent is self else None

    def return_focus(self) -> bool:
        """Back to a section already shown: the cursor where it was, the scroll untouched."""
        widget = self.left_in
        if widget is None or not widget.is_attached or not widget.focusable:
            return False
        self.screen.set_focus(widget, scroll_visible=False)
        return True

    @on(TextArea.SelectionChanged)
    @on(Field.Changed)
    def _typed_or_moved(self) -> None:
        # After a mouse scroll the cursor may be off screen: what is typed is shown.
        if not self._cursor_check_due:
            self._cursor_check_due = True
            self.call_after_refresh(self.show_cursor)

    def show_cursor(self, *, again: bool = True) -> None:
        """Scroll so that the cursor is on screen (a line of room around it), if it is not."""
        self._cursor_check_due = False
        widget = self.screen.focused
        if widget is None or not self.display or self not in widget.ancestors:
            return
        view = self.content_region
        where = widget.region
        if not where or where.bottom <= view.y or where.y >= view.bottom:
            widget.scroll_visible(animate=False, immediate=True)
            if again:  # the cursor may be further down a tall text: look once more
                self.call_after_refresh(self.show_cursor, again=False)
            return
        if isinstance(widget, TextArea):
            row = widget.cursor_screen_offset.y
            if row < view.y:
                self.scroll_relative(y=row - view.y - 1, animate=False, immediate=True)
            elif row >= view.bottom:
                self.scroll_relative(y=row - view.bottom + 2, animate=False, immediate=True)

    def on_descendant_focus(self) -> None:
        self.left_in = self.screen.focused
        editor = self.current_editor()
        if editor is not None:
            self.post_message(self.Moved(self, editor.part.id))

    def editors(self) -> list[PartEditor]:
        """The parts, in order (children of the body: no query of the whole tree, which
        was most of what reading the inputs cost on every switch)."""
        return [child for child in self.children if isinstance(child, PartEditor)]

    def editor_for(self, part_id: str) -> PartEditor | None:
        return next((e for e in self.editors() if e.part.id == part_id), None)

    def fields(self) -> Iterator[tuple[Part, Field]]:
        """Every part's input, to read what it shows now, even if its messages are queued.

        Read before every flush (quit, leaving the screen, the external editor):
        a key typed a moment before ctrl+q is on screen before its message arrives.
        """
        for editor in self.editors():
            yield editor.part, editor.field

    async def reshaped(self, kept: KeptAnswer, value: Answer) -> None:
        """The kept answer, moved into its part's shape, becomes an ordinary part."""
        editor = PartEditor(kept.part, value, None, can_be_na=self.section is not None)
        place = self.children.index(kept)
        await kept.remove()  # first: the editor takes over its id
        await self.mount(editor, before=place)
        editor.field.focus_input()

    # -- showing what the screen changed ---------------------------------

    def check_title(self) -> None:
        if self.section is None:
            editor = self.query_one("#part-title", PartEditor)
            editor.show_message("" if self.draft.title.strip() else TITLE_REQUIRED)

    def show_section_na(self) -> None:
        if self.section is None:
            return
        reason = self.draft.not_applicable_reason(self.section.id)
        self.set_class(reason is not None, "-section-na")
        self.query_one(SectionHead).show_not_applicable(reason)
