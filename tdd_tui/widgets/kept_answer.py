"""KeptAnswer: an answer whose shape its part no longer takes, shown read-only and kept.

A paragraph where the template now asks for a list, records where it asks
for text, a hand edit: the part's input could not show it, and saving what
that input shows would erase it. So it is shown as text, never written by
the editor, until the author asks to move it into the new shape.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.message import Message
from textual.widgets import Button, Static

from tdd_tui.draft import Answer
from tdd_tui.shapes import as_text
from tdd_tui.template import Part

SHAPES = {
    "line": "one line",
    "text": "a paragraph",
    "date": "a date",
    "choice": "one of its choices",
    "list": "a list",
    "multi": "a list",
    "group": "a table of records",
}


class KeptAnswer(VerticalGroup):
    """The part's label, why its answer is read-only, the answer, and a button to reshape it."""

    @dataclass
    class Reshape(Message):
        kept: KeptAnswer

    def __init__(self, part: Part, value: Answer) -> None:
        super().__init__(id=f"part-{part.id}", classes="part kept-answer")
        self.part = part
        self.value = value

    def compose(self) -> ComposeResult:
        wanted = SHAPES.get(self.part.kind, self.part.kind)
        yield Static(self.part.label, classes="kept-label", markup=False)
        yield Static(
            f"Kept as it was: this answer does not fit the part any more (it takes {wanted} "
            "now). It stays in the file untouched until you move it.",
            classes="kept-why",
            markup=False,
        )
        yield Static(as_text(self.value), classes="kept-text", markup=False)
        yield Button(
            f"Move it into {wanted} (every word is kept)",
            classes="kept-reshape",
            compact=True,
        )

    @on(Button.Pressed, ".kept-reshape")
    def _reshape(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Reshape(self))
