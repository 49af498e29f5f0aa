"""One input widget per part kind. Each shows a value and posts Field.Changed on edits.

They never touch the Draft: the screen applies the change (posting style of
posting's widgets, where each maps to and from the model).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Select, SelectionList, Static, TextArea

from tdd_tui.draft import Answer, Record
from tdd_tui.template import Part

TALL_LINES = 20  # past this many lines a text part stops growing and scrolls


class Field(VerticalGroup):
    """Base of the part inputs: `value` in the draft's shape, `Changed` when edited."""

    DEFAULT_CSS = "Field { height: auto; }"

    @dataclass
    class Changed(Message):
        field: Field
        value: Answer

    def __init__(self, part: Part, value: Answer, *, id: str | None = None) -> None:
        super().__init__(id=id, classes=f"field field-{part.kind}")
        self.part = part
        self.initial = value

    @property
    def value(self) -> Answer:
        raise NotImplementedError

    def load(self, value: Answer) -> None:
        """Show a value that changed elsewhere (the external editor)."""
        raise NotImplementedError

    def changed(self) -> None:
        self.post_message(self.Changed(self, self.value))

    def input_widget(self) -> Widget | None:
        """The first place to type (not a button)."""
        kinds: tuple[type[Widget], ...] = (Input, TextArea, Select, SelectionList)
        return next((w for w in self.query("*") if isinstance(w, kinds)), None)

    def focus_input(self) -> None:
        widget = self.input_widget()
        if widget is not None:
            widget.focus()


def _text(value: Answer) -> str:
    return value if isinstance(value, str) else ""


def _items(value: Answer) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


class LineField(Field):
    def compose(self) -> ComposeResult:
        yield Input(_text(self.initial), placeholder=self.part.placeholder)

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    def load(self, value: Answer) -> None:
        self.query_one(Input).value = _text(value)

    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        event.stop()
        self.changed()


class DateField(LineField):
    """A date as YYYY-MM-DD; anything else is kept as typed and flagged."""

    def compose(self) -> ComposeResult:
        yield Input(_text(self.initial), placeholder=self.part.placeholder or "YYYY-MM-DD")
        yield Static("", classes="field-error", markup=False)

    def on_mount(self) -> None:
        self._validate()

    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        event.stop()
        self._validate()
        self.changed()

    def _validate(self) -> None:
        text = self.value.strip()
        message = ""
        if text:
            try:
                dt.date.fromisoformat(text)
            except ValueError:
                message = (
                    f"'{text}' is not a date: use YYYY-MM-DD, e.g. {dt.date.today().isoformat()}"
                )
        error = self.query_one(".field-error", Static)
        error.update(message)
        error.display = bool(message)


class TextField(Field):
    def compose(self) -> ComposeResult:
        area = TextArea(
            _text(self.initial), soft_wrap=True, tab_behavior="focus", show_line_numbers=False
        )
        area.placeholder = self.part.placeholder
        yield area

    @property
    def value(self) -> str:
        return self.query_one(TextArea).text

    def load(self, value: Answer) -> None:
        self.query_one(TextArea).load_text(_text(value))

    def on_mount(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """A long text gets a fixed height: an auto height re-lays out the screen on every key."""
        area = self.query_one(TextArea)
        lines = area.document.line_count
        tall = lines > TALL_LINES or (
            area.size.width > 0 and area.wrapped_document.height > TALL_LINES
        )
        area.set_class(tall, "-tall")

    @on(TextArea.Changed)
    def _edited(self, event: TextArea.Changed) -> None:
        event.stop()
        self._fit()
        self.changed()


class ChoiceField(Field):
    def compose(self) -> ComposeResult:
        current = _text(self.initial)
        options = [(c, c) for c in self.part.choices]
        if current and current not in self.part.choices:
            options.append((current, current))  # a hand-edited value stays visible
        yield Select(options, value=current or Select.NULL, allow_blank=not self.part.required)

    @property
    def value(self) -> str:
        selected = self.query_one(Select).value
        return selected if isinstance(selected, str) else ""

    def load(self, value: Answer) -> None:
        self.query_one(Select).value = _text(value) or Select.NULL

    @on(Select.Changed)
    def _edited(self, event: Select.Changed) -> None:
        event.stop()
        self.changed()


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


class ListField(Field):
    """Bullet items: Enter adds one below, Backspace in an empty item removes it, alt+up/down move."""

    def compose(self) -> ComposeResult:
        with VerticalGroup(classes="items"):
            for item in _items(self.initial) or [""]:
                yield self._row(item)
        yield Button("+ Add item", classes="add-item", compact=True)

    def _row(self, text: str) -> HorizontalGroup:
        area = ItemArea(text, soft_wrap=True, tab_behavior="focus", compact=True, classes="item")
        area.placeholder = self.part.placeholder
        return HorizontalGroup(
            Static("•", classes="bullet"),
            area,
            Button("✕", classes="remove-item", compact=True, tooltip="Remove this item"),
            classes="item-row",
        )

    def _areas(self) -> list[ItemArea]:
        return list(self.query(ItemArea))

    @property
    def value(self) -> list[str]:
        return [a.text for a in self._areas() if a.text.strip()]

    def load(self, value: Answer) -> None:
        items = self.query_one(".items", VerticalGroup)
        items.remove_children()
        items.mount_all([self._row(v) for v in (_items(value) or [""])])

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
        if len(areas) == 1:
            area.load_text("")
        elif isinstance(area.parent, Widget):
            index = areas.index(area)
            await area.parent.remove()
            areas[index - 1 if index else 1].focus()
        self.changed()

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
                kind="list",
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
            self.changed()


class GroupField(Field):
    """Repeatable records (a failure mode: scenario, detection, mitigation, recovery)."""

    def compose(self) -> ComposeResult:
        records = (
            [r for r in self.initial if isinstance(r, dict)]
            if isinstance(self.initial, list)
            else []
        )
        with VerticalGroup(classes="records"):
            for index, record in enumerate(records or [{}]):
                yield self._record(record, index + 1)
        yield Button(
            f"+ Add {self.part.label.lower().rstrip('s')}", classes="add-record", compact=True
        )

    def _record(self, record: Record, number: int) -> VerticalGroup:
        children: list[Widget] = [
            HorizontalGroup(
                Static(f"#{number}", classes="record-number"),
                Button("✕ Remove", classes="remove-record", compact=True),
                classes="record-head",
            )
        ]
        for field in self.part.fields:
            children.append(Static(field.label, classes="record-label", markup=False))
            value = record.get(field.id, "")
            if field.kind == "text":
                children.append(
                    TextArea(
                        value,
                        soft_wrap=True,
                        tab_behavior="focus",
                        name=field.id,
                        classes="record-input",
                    )
                )
            else:
                children.append(Input(value, compact=True, name=field.id, classes="record-input"))
        return VerticalGroup(*children, classes="record")

    @property
    def value(self) -> list[Record]:
        out: list[Record] = []
        for box in self.query(".record"):
            record: Record = {}
            for widget in box.query(".record-input"):
                text = (
                    widget.text
                    if isinstance(widget, TextArea)
                    else widget.value
                    if isinstance(widget, Input)
                    else ""
                )
                if widget.name and text.strip():
                    record[widget.name] = text
            if record:
                out.append(record)
        return out

    def load(self, value: Answer) -> None:
        records = [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []
        box = self.query_one(".records", VerticalGroup)
        box.remove_children()
        box.mount_all([self._record(r, i + 1) for i, r in enumerate(records or [{}])])

    def _renumber(self) -> None:
        for index, number in enumerate(self.query(".record-number").results(Static)):
            number.update(f"#{index + 1}")

    @on(Input.Changed, ".record-input")
    @on(TextArea.Changed, ".record-input")
    def _edited(self, event: Message) -> None:
        event.stop()
        self.changed()

    @on(Button.Pressed, ".add-record")
    async def _add(self, event: Button.Pressed) -> None:
        event.stop()
        box = self.query_one(".records", VerticalGroup)
        record = self._record({}, len(box.children) + 1)
        await box.mount(record)
        record.query(".record-input").first().focus()
        record.scroll_visible()

    @on(Button.Pressed, ".remove-record")
    async def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        box = self.query_one(".records", VerticalGroup)
        record = next((a for a in event.button.ancestors if a.has_class("record")), None)
        if not isinstance(record, Widget):
            return
        if len(box.children) == 1:
            for widget in record.query(".record-input"):
                if isinstance(widget, TextArea):
                    widget.load_text("")
                elif isinstance(widget, Input):
                    widget.value = ""
        else:
            await record.remove()
        self._renumber()
        self.changed()


FIELD_FOR_KIND: dict[str, type[Field]] = {
    "line": LineField,
    "text": TextField,
    "date": DateField,
    "choice": ChoiceField,
    "list": ListField,
    "multi": MultiField,
    "group": GroupField,
}


def field_for(part: Part, value: Answer, *, id: str | None = None) -> Field:
    return FIELD_FOR_KIND[part.kind](part, value, id=id)
