"""List parts: bullet items to add, remove and reorder; multi-choice with free entries."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, SelectionList, Static, TextArea

from tdd_tui.draft import Answer
from tdd_tui.template import Kind, Part
from tdd_tui.widgets.buttons import MouseButton
from tdd_tui.widgets.fields import Field, TookAway, _items


class ItemArea(TextArea):
    """One bullet item: wraps like prose; Enter starts the next item instead of a new line."""

    BINDINGS = [
        Binding("alt+up", "move(-1)", "Move item up", show=False, id="list.up"),
        Binding("alt+down", "move(1)", "Move item down", show=False, id="list.down"),
    ]

    @dataclass
    class Command(Message):
        area: ItemArea
        command: str
        step: int = 0

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Command(self, "new"))
            return
        if event.key == "backspace" and not self.text:
            event.stop()
            event.prevent_default()
            self.post_message(self.Command(self, "remove"))
            return
        await super()._on_key(event)

    def action_move(self, step: int) -> None:
        self.post_message(self.Command(self, "move", step))


def _short(text: str, most: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= most else line[: most - 1] + "…"


SHOWN_AT_FIRST = 50  # items built when the part is shown; the rest on request, kept meanwhile


class ListField(Field):
    """Bullet items: Enter adds one below, Backspace in an empty item removes it, alt+up/down move.

    A very long list (an import of thousands of goals) shows its first items
    and a button for the next ones: each item is a few widgets, and building
    them all took minutes. The items not shown yet are kept as they are and
    saved with the rest.
    """

    def __init__(self, part: Part, value: Answer, *, id: str | None = None) -> None:
        super().__init__(part, value, id=id)
        items = _items(value)
        self.tail: list[str] = items[SHOWN_AT_FIRST:]  # not built yet, never dropped

    def compose(self) -> ComposeResult:
        with VerticalGroup(classes="items"):
            for item in _items(self.initial)[:SHOWN_AT_FIRST] or [""]:
                yield self._row(item)
        yield Button(self._more_label(), classes="more-items", compact=True)
        yield MouseButton("+ Add item", classes="add-item", compact=True)
        yield Static(
            "enter: next item · backspace in an empty item: remove it · alt+↑ alt+↓: move it",
            classes="part-hint",
        )

    def on_mount(self) -> None:
        self.query_one(".more-items").display = bool(self.tail)

    def _more_label(self) -> str:
        step = min(len(self.tail), SHOWN_AT_FIRST)
        return f"Show {step} more of {len(self.tail)} items not shown"

    @on(Button.Pressed, ".more-items")
    async def _more(self, event: Button.Pressed) -> None:
        event.stop()
        await self.show_more()

    async def show_more(self) -> None:
        """Build the next items of a long list."""
        batch, self.tail = self.tail[:SHOWN_AT_FIRST], self.tail[SHOWN_AT_FIRST:]
        items = self.query_one(".items", VerticalGroup)
        rows = [self._row(text) for text in batch]
        await items.mount_all(rows)
        button = self.query_one(".more-items", Button)
        button.label = self._more_label()
        button.display = bool(self.tail)
        if rows:
            rows[0].query_one(ItemArea).focus()

    def _row(self, text: str) -> HorizontalGroup:
        area = ItemArea(text, soft_wrap=True, tab_behavior="focus", compact=True, classes="item")
        area.placeholder = self.part.placeholder
        return HorizontalGroup(
            Static("•", classes="bullet"),
            area,
            MouseButton(
                "✕",
                classes="remove-item",
                compact=True,
                tooltip="Remove this item (backspace in an empty item)",
            ),
            classes="item-row",
        )

    def _areas(self) -> list[ItemArea]:
        return list(self.query(ItemArea))

    @property
    def value(self) -> list[str]:
        return [a.text for a in self._areas() if a.text.strip()] + self.tail

    def load(self, value: Answer) -> None:
        self._show(value)

    def _show(self, value: Answer) -> AwaitComplete:
        everything = _items(value)
        self.tail = everything[SHOWN_AT_FIRST:]
        items = self.query_one(".items", VerticalGroup)
        removed = items.remove_children()
        mounted = items.mount_all([self._row(v) for v in (everything[:SHOWN_AT_FIRST] or [""])])
        button = self.query_one(".more-items", Button)
        button.label = self._more_label()
        button.display = bool(self.tail)
        return AwaitComplete(removed, mounted)

    async def restore(self, value: Answer, index: int) -> None:
        await self._show(value)
        areas = self._areas()
        if areas:
            areas[min(index, len(areas) - 1)].focus()

    async def _add_after(self, after: ItemArea | None) -> None:
        items = self.query_one(".items", VerticalGroup)
        row = self._row("")
        if after is not None and isinstance(after.parent, Widget):
            await items.mount(row, after=after.parent)
        else:
            await items.mount(row)
        row.query_one(ItemArea).focus()

    async def _remove_row(self, area: ItemArea) -> None:
        areas = self._areas()
        took = None
        if area.text.strip():  # text is going: the screen keeps it for ctrl+z
            index = [a for a in areas if a.text.strip()].index(area)
            took = TookAway(f"the item “{_short(area.text)}”", self.value, index)
        if len(areas) == 1:
            area.load_text("")
        elif isinstance(area.parent, Widget):
            index = areas.index(area)
            await area.parent.remove()
            areas[index - 1 if index else 1].focus()
        self.changed(took)

    @on(ItemArea.Command)
    async def _command(self, event: ItemArea.Command) -> None:
        event.stop()
        if event.command == "new":
            await self._add_after(event.area)
        elif event.command == "remove":
            await self._remove_row(event.area)
        elif event.command == "move":
            areas = self._areas()
            index = areas.index(event.area)
            other = index + event.step
            if 0 <= other < len(areas):
                mine, theirs = event.area.text, areas[other].text
                event.area.load_text(theirs)
                areas[other].load_text(mine)
                areas[other].focus()
                self.changed()

    @on(TextArea.Changed, ".item")
    def _edited(self, event: TextArea.Changed) -> None:
        event.stop()
        self.changed()

    @on(Button.Pressed, ".add-item")
    async def _add(self, event: Button.Pressed) -> None:
        event.stop()
        areas = self._areas()
        if areas and not areas[-1].text.strip():
            areas[-1].focus()
            return
        await self._add_after(areas[-1] if areas else None)

    @on(Button.Pressed, ".remove-item")
    async def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        row = event.button.parent
        if row is not None:
            await self._remove_row(row.query_one(ItemArea))


class MultiField(Field):
    """The template's choices to tick, plus free entries of the author's own."""

    def compose(self) -> ComposeResult:
        chosen = _items(self.initial)
        yield SelectionList[str](*[(c, c, c in chosen) for c in self.part.choices])
        others = [c for c in chosen if c not in self.part.choices]
        yield Static("Others", classes="others-label")
        yield ListField(
            Part(
                id=f"{self.part.id}_others",
                label="Others",
                kind=Kind.LIST,
                question="",
                placeholder="Another one",
            ),
            others,
        )

    @property
    def value(self) -> list[str]:
        ticked = list(self.query_one(SelectionList).selected)
        ordered = [c for c in self.part.choices if c in ticked]
        return ordered + [o for o in self.query_one(ListField).value if o not in ordered]

    def load(self, value: Answer) -> None:
        chosen = _items(value)
        selection = self.query_one(SelectionList)
        selection.deselect_all()
        for choice in chosen:
            if choice in self.part.choices:
                selection.select(choice)
        self.query_one(ListField).load([c for c in chosen if c not in self.part.choices])

    @on(SelectionList.SelectedChanged)
    def _ticked(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        self.changed()

    @on(Field.Changed)
    def _others(self, event: Field.Changed) -> None:
        if event.field is not self:
            event.stop()
            event.field.taken()  # this field's own value is read from its parts
            took = event.took
            if took is not None:  # the item was one of the others: the whole value before
                ticked = [c for c in self.value if c in self.part.choices]
                before = ticked + [o for o in _items(took.before) if o not in ticked]
                took = took._replace(before=before, at=len(ticked) + took.at)
            self.changed(took)
