"""The section's review checklist: one checkbox per question a reviewer will ask."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Checkbox, Static

from tdd_tui.template import ChecklistItem
from tdd_tui.widgets.styled_on_mount import StyledOnMount


class ChecklistBox(StyledOnMount, Checkbox):
    """A checkbox whose question wraps under itself, beside the box, instead of being cut off."""

    def __init__(self, label: Content, value: bool, *, name: str) -> None:
        super().__init__(label, value, name=name, compact=True)
        self._wrapped: tuple[int, list[str]] = (-1, [])  # the width, and the lines at it

    def _lines(self, width: int) -> list[str]:
        if self._wrapped[0] != width:
            room = max(8, width - self._button.cell_length - 2)
            self._wrapped = (width, textwrap.wrap(self._label.plain, room) or [""])
        return self._wrapped[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        button = self._button
        # outer_size, not size: size looks the widget up in the screen's map.
        width = self.outer_size.width - self.styles.gutter.width
        style = self.get_visual_style("toggle--label")
        indent = Content(" " * button.cell_length)
        lines = [
            Content.assemble(button if n == 0 else indent, Content(f" {line} ").stylize(style))
            for n, line in enumerate(self._lines(width))
        ]
        return Content("\n").join(lines)


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
            yield ChecklistBox(Content(item.text), item.id in self.ticked, name=item.id)

    @on(Checkbox.Changed)
    def _changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.checkbox.name:
            self.post_message(self.Ticked(event.checkbox.name, event.value))
