"""PartEditor: one part of a section with its guidance, its input and its not-applicable mark.

A section has up to a dozen parts, and every widget costs time when the section
is first shown. So the label, the N/A switch, the question, why reviewers ask,
the Example switch and the not-applicable note are one widget (PartGuide) drawing
one block of text, and the part is four widgets in all: editor, guide, field,
input. The example itself is built the first time it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from tdd_tui.draft import Answer
from tdd_tui.template import Part
from tdd_tui.widgets.fields import Field
from tdd_tui.widgets.kinds import field_for


def not_applicable_note(reason: str | None) -> str:
    """What a part or section marked not applicable shows; empty when it is not."""
    if reason is None:
        return ""
    return f"Not applicable: {reason}" if reason else "Not applicable."


class PartGuide(Widget):
    """Label (and N/A switch), question, why reviewers ask, the Example switch, the N/A note."""

    ALLOW_SELECT = True
    auto_links = False  # the N/A and Example links are styled here, not recoloured

    def __init__(self, part: Part, *, can_be_na: bool, na_reason: str | None) -> None:
        super().__init__(classes="part-guide")
        self.part = part
        self.can_be_na = can_be_na
        self.na_reason = na_reason
        self.example_shown = False
        self._drawn: Content | None = None  # what render() made, until what it shows changes

    def show_not_applicable(self, reason: str | None) -> None:
        if reason != self.na_reason:
            self.na_reason = reason
            self._drawn = None
            self.refresh(layout=True)

    def show_example(self, shown: bool) -> None:
        if shown != self.example_shown:
            self.example_shown = shown
            self._drawn = None
            self.refresh(layout=True)

    def render(self) -> Content:
        # Asked for by each measure and each paint: made once (parsing its links and
        # styles was a tenth of a section's first visit).
        if self._drawn is None:
            self._drawn = self._draw()
        return self._drawn

    def _draw(self) -> Content:
        part = self.part
        label = Content.styled(part.label + (" *" if part.required else ""), "bold")
        if self.can_be_na:
            switch = (
                " Applies after all (F3) "
                if self.na_reason is not None
                else " Not applicable (F3) "
            )
            link = Content.from_markup(
                "[@click=not_applicable][bold $text on $panel]$switch[/][/]", switch=switch
            )
            # Beside the label, not right-aligned: reading self.size while Textual
            # measures the height recomputes the whole screen's map, for every part.
            label = Content.assemble(label, "   ", link)
        lines = [label, Content(part.question)]
        if part.why:
            lines.append(
                Content.from_markup("[$foreground-muted]Why reviewers ask: $why", why=part.why)
            )
        if part.example:
            arrow = "▼" if self.example_shown else "▶"
            lines.append(Content.from_markup(f"[@click=example]{arrow} Example (F2)[/]"))
        if self.na_reason is not None:
            note = not_applicable_note(self.na_reason)
            lines.append(Content.from_markup("[$warning]$note", note=note))
        return Content("\n").join(lines)

    def action_not_applicable(self) -> None:
        editor = self.parent
        if isinstance(editor, PartEditor):
            editor.post_message(PartEditor.NotApplicableRequested(editor))

    def action_example(self) -> None:
        editor = self.parent
        if isinstance(editor, PartEditor):
            editor.toggle_example()


class PartEditor(VerticalGroup):
    """The guide, then the input; a message under it only when there is one to show."""

    @dataclass
    class NotApplicableRequested(Message):
        editor: PartEditor

    def __init__(
        self, part: Part, value: Answer, na_reason: str | None, *, can_be_na: bool = True
    ) -> None:
        super().__init__(id=f"part-{part.id}", classes="part")
        self.part = part
        self.guide = PartGuide(part, can_be_na=can_be_na, na_reason=na_reason)
        self.field: Field = field_for(part, value)
        self.set_class(na_reason is not None, "-na")

    @property
    def na_reason(self) -> str | None:
        return self.guide.na_reason

    @property
    def can_be_na(self) -> bool:
        return self.guide.can_be_na

    def compose(self) -> ComposeResult:
        yield self.guide
        yield self.field

    def show_not_applicable(self, reason: str | None) -> None:
        self.set_class(reason is not None, "-na")
        self.guide.show_not_applicable(reason)

    def show_message(self, message: str) -> None:
        """A problem with what was typed, under the input (mounted the first time one shows)."""
        shown = self.query(".part-message")
        if shown:
            widget = shown.first(Static)
        elif message:
            widget = Static("", classes="part-message", markup=False)
            self.mount(widget)
        else:
            return
        widget.update(message)
        widget.display = bool(message)

    def toggle_example(self) -> None:
        """Show the example under the guide, or hide it (built the first time it shows)."""
        shown = not self.guide.example_shown
        self.guide.show_example(shown)
        examples = self.query(".example")
        if examples:
            examples.first().display = shown
        elif shown:
            example = Static(self.part.example.rstrip("\n"), classes="example", markup=False)
            self.mount(example, after=self.guide)
