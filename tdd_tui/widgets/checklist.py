"""The section's review checklist: one checkbox per question a reviewer will ask."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.content import Content
from textual.message import Message
from textual.widgets import Checkbox, Static

from tdd_tui.template import ChecklistItem


class Checklist(VerticalGroup):
    @dataclass
    class Ticked(Message):
        item_id: str
        ticked: bool

    def __init__(self, items: tuple[ChecklistItem, ...], ticked: list[str]) -> None:
        super().__init__(id="checklist")
        self.items = items
        self.ticked = set(ticked)

    def compose(self) -> ComposeResult:
        yield Static("Review checklist", classes="checklist-title")
        for item in self.items:
            box = Checkbox(Content(item.text), item.id in self.ticked, name=item.id, compact=True)
            yield box

    @on(Checkbox.Changed)
    def _changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.checkbox.name:
            self.post_message(self.Ticked(event.checkbox.name, event.value))
