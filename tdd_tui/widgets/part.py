"""PartEditor: one part of a section with its guidance, its input and its not-applicable mark."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalGroup
from textual.message import Message
from textual.widgets import Button, Collapsible, Static

from tdd_tui.draft import Answer
from tdd_tui.template import Part
from tdd_tui.widgets.fields import Field
from tdd_tui.widgets.kinds import field_for


def not_applicable_note(reason: str | None) -> str:
    """What a part or section marked not applicable shows; empty when it is not."""
    if reason is None:
        return ""
    return f"Not applicable: {reason}" if reason else "Not applicable."


class PartEditor(VerticalGroup):
    """Label, guiding question, why it matters, an example to reveal, and the input."""

    @dataclass
    class NotApplicableRequested(Message):
        editor: PartEditor

    def __init__(
        self, part: Part, value: Answer, na_reason: str | None, *, can_be_na: bool = True
    ) -> None:
        super().__init__(id=f"part-{part.id}", classes="part")
        self.part = part
        self.value = value
        self.na_reason = na_reason
        self.can_be_na = can_be_na

    def compose(self) -> ComposeResult:
        part = self.part
        with HorizontalGroup(classes="part-head"):
            label = part.label + (" *" if part.required else "")
            yield Static(label, classes="part-label", markup=False)
            if self.can_be_na:
                yield Button(
                    "N/A",
                    classes="na-button",
                    compact=True,
                    tooltip="Mark this part not applicable (F3)",
                )
        yield Static(part.question, classes="question", markup=False)
        if part.why:
            yield Static(f"Why reviewers ask: {part.why}", classes="why", markup=False)
        if part.example:
            with Collapsible(title="Example (F2)", collapsed=True, classes="example"):
                yield Static(part.example.rstrip("\n"), markup=False)
        yield Static("", classes="na-note", markup=False)
        yield field_for(part, self.value)
        yield Static("", classes="part-message", markup=False)

    def on_mount(self) -> None:
        self.show_not_applicable(self.na_reason)

    @property
    def field(self) -> Field:
        return self.query_one(Field)

    def show_not_applicable(self, reason: str | None) -> None:
        self.na_reason = reason
        self.set_class(reason is not None, "-na")
        note = self.query_one(".na-note", Static)
        note.update(not_applicable_note(reason))
        if self.can_be_na:
            self.query_one(".na-button", Button).label = "Undo N/A" if reason is not None else "N/A"

    def show_message(self, message: str) -> None:
        widget = self.query_one(".part-message", Static)
        widget.update(message)
        widget.display = bool(message)

    def toggle_example(self) -> None:
        for collapsible in self.query(Collapsible):
            collapsible.collapsed = not collapsible.collapsed

    @on(Button.Pressed, ".na-button")
    def _na(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.NotApplicableRequested(self))
