"""Group parts: repeatable records with sub-fields (a failure mode, an alternative).

A record is one box holding an input per field and nothing else: its number
is the box's title, each field's label the title of its input, and "✕ Remove"
a link in the box's lower edge. (A heading row, a label per field and a button
made a record twice the widgets its text needed.)
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import VerticalGroup
from textual.markup import escape
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Static, TextArea

from tdd_tui.draft import Answer, Record
from tdd_tui.template import Part
from tdd_tui.widgets.buttons import MouseButton
from tdd_tui.widgets.fields import Field, TookAway
from tdd_tui.widgets.line_input import LineInput
from tdd_tui.widgets.typed_area import TypedArea

RECORDS_AT_FIRST = 30  # records built when the part is shown; the rest on request, kept meanwhile


def _records(value: Answer) -> list[Record]:
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def _typed(widget: Widget) -> str:
    if isinstance(widget, TextArea):
        return widget.text
    return widget.value if isinstance(widget, Input) else ""


class RecordBox(VerticalGroup):
    """One record: its number in the top edge, a remove link in the bottom one."""

    @dataclass
    class Remove(Message):
        box: RecordBox

    def __init__(self, number: int, *inputs: Widget) -> None:
        super().__init__(*inputs, classes="record")
        self.border_title = f"#{number}"
        self.border_subtitle = "[@click=remove]✕ Remove (f8)[/]"

    def action_remove(self) -> None:
        self.post_message(self.Remove(self))


class GroupField(Field):
    """Repeatable records (a failure mode: scenario, detection, mitigation, recovery).

    Tab goes from field to field, row after row; F7 adds a row after the one with
    the cursor, F8 removes it (the buttons do the same by mouse).

    A very long table shows its first records and a button for the next ones;
    the records not shown yet are kept as they are and saved with the rest.
    """

    BINDINGS = [
        # Priority: a TextArea in the row would take f7 (select all) first.
        Binding("f7", "add_row", "Add row", priority=True, id="table.add"),
        Binding("f8", "remove_row", "Remove row", priority=True, id="table.remove"),
    ]

    def __init__(self, part: Part, value: Answer, *, id: str | None = None) -> None:
        super().__init__(part, value, id=id)
        self.tail: list[Record] = _records(value)[RECORDS_AT_FIRST:]

    def compose(self) -> ComposeResult:
        records = _records(self.initial)[:RECORDS_AT_FIRST]
        with VerticalGroup(classes="records"):
            for index, record in enumerate(records or [{}]):
                yield self._record(record, index + 1)
        yield Button(self._more_label(), classes="more-records", compact=True)
        yield MouseButton("+ Add a row (f7)", classes="add-record", compact=True)
        yield Static(
            "tab: next field · f7: add a row after this one · f8: remove this row · ctrl+z: undo",
            classes="part-hint",
        )

    def on_mount(self) -> None:
        self.query_one(".more-records").display = bool(self.tail)

    def _more_label(self) -> str:
        step = min(len(self.tail), RECORDS_AT_FIRST)
        return f"Show {step} more of {len(self.tail)} rows not shown"

    @on(Button.Pressed, ".more-records")
    async def _more(self, event: Button.Pressed) -> None:
        event.stop()
        batch, self.tail = self.tail[:RECORDS_AT_FIRST], self.tail[RECORDS_AT_FIRST:]
        box = self.query_one(".records", VerticalGroup)
        start = len(box.children)
        await box.mount_all([self._record(r, start + i + 1) for i, r in enumerate(batch)])
        event.button.label = self._more_label()
        event.button.display = bool(self.tail)

    def _record(self, record: Record, number: int) -> RecordBox:
        children: list[Widget] = []
        for field in self.part.fields:
            value = record.get(field.id, "")
            widget: Widget
            if field.kind == "text":
                widget = TypedArea(
                    value,
                    soft_wrap=True,
                    tab_behavior="focus",
                    name=field.id,
                    classes="record-input",
                )
            else:
                widget = LineInput(value, name=field.id, classes="record-input")
            widget.border_title = escape(field.label)
            children.append(widget)
        return RecordBox(number, *children)

    @property
    def value(self) -> list[Record]:
        out: list[Record] = []
        for box in self.query(".record"):
            record: Record = {}
            for widget in box.query(".record-input"):
                text = _typed(widget)
                if widget.name and text.strip():
                    record[widget.name] = text
            if record:
                out.append(record)
        return out + self.tail

    def load(self, value: Answer) -> None:
        self._show(value)

    def _show(self, value: Answer) -> AwaitComplete:
        records = _records(value)
        self.tail = records[RECORDS_AT_FIRST:]
        box = self.query_one(".records", VerticalGroup)
        removed = box.remove_children()
        shown = records[:RECORDS_AT_FIRST] or [{}]
        mounted = box.mount_all([self._record(r, i + 1) for i, r in enumerate(shown)])
        button = self.query_one(".more-records", Button)
        button.label = self._more_label()
        button.display = bool(self.tail)
        return AwaitComplete(removed, mounted)

    async def restore(self, value: Answer, index: int) -> None:
        await self._show(value)
        rows = list(self.query_one(".records", VerticalGroup).children)
        if rows:
            row = rows[min(index, len(rows) - 1)]
            row.query(".record-input").first().focus()

    def _renumber(self) -> None:
        for index, box in enumerate(self.query_one(".records", VerticalGroup).children):
            box.border_title = f"#{index + 1}"

    @on(Input.Changed, ".record-input")
    @on(TextArea.Changed, ".record-input")
    def _edited(self, event: Message) -> None:
        event.stop()
        self.changed()

    def _row_of(self, widget: Widget | None) -> Widget | None:
        """The record (row) a widget sits in."""
        node = widget
        while node is not None and node is not self:
            if node.has_class("record"):
                return node
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return None

    @on(Button.Pressed, ".add-record")
    async def _add(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_add_row()

    async def action_add_row(self) -> None:
        """A new row after the one with the cursor (or at the end), the cursor in it."""
        box = self.query_one(".records", VerticalGroup)
        after = self._row_of(self.screen.focused)
        record = self._record({}, len(box.children) + 1)
        if after is not None:
            await box.mount(record, after=after)
        else:
            await box.mount(record)
        self._renumber()
        record.query(".record-input").first().focus()
        record.scroll_visible()

    async def action_remove_row(self) -> None:
        row = self._row_of(self.screen.focused)
        if row is not None:
            await self._remove_row(row)

    @on(RecordBox.Remove)
    async def _remove(self, event: RecordBox.Remove) -> None:
        event.stop()
        await self._remove_row(event.box)

    async def _remove_row(self, record: Widget) -> None:
        box = self.query_one(".records", VerticalGroup)
        rows = list(box.children)
        at = rows.index(record) if record in rows else 0
        took = None
        if any(_typed(w).strip() for w in record.query(".record-input")):
            # Text is going: the screen keeps it for ctrl+z.
            took = TookAway(f"row #{at + 1}", self.value, at)
        if len(rows) == 1:
            for widget in record.query(".record-input"):
                if isinstance(widget, TextArea):
                    widget.load_text("")
                elif isinstance(widget, Input):
                    widget.value = ""
            record.query(".record-input").first().focus()
        else:
            await record.remove()
            # The cursor stays in the table: the row that took its place, or the one before.
            rest = list(box.children)
            target = rest[min(at, len(rest) - 1)].query(".record-input").first()
            target.focus(scroll_visible=False)
            # Once the rows below have moved up: the row may have been above the view.
            self.call_after_refresh(target.scroll_visible, animate=False)
        self._renumber()
        self.changed(took)
