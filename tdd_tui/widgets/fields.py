"""One input widget per part kind. Each shows a value and posts Field.Changed on edits.

They never touch the Draft: the screen applies the change (posting style of
posting's widgets, where each maps to and from the model).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Select, SelectionList, Static, TextArea

from tdd_tui.draft import Answer
from tdd_tui.template import Part
from tdd_tui.widgets.line_input import LineInput
from tdd_tui.widgets.typed_area import TypedArea

TALL_LINES = 20  # past this many lines a text part stops growing and scrolls


class TookAway(NamedTuple):
    """What an action (not typing) took out of a field, so that it can be given back."""

    what: str  # "the removed item"
    before: Answer  # the field's value before the action
    at: int  # the item or row it was


class Field(VerticalGroup):
    """Base of the part inputs: `value` in the draft's shape, `Changed` when edited."""

    DEFAULT_CSS = "Field { height: auto; }"

    @dataclass
    class Changed(Message):
        """The field was edited. It carries no copy of the text: a paste that arrives a
        key at a time would queue one copy per key. Its handler reads `field.taken()`."""

        field: Field
        took: TookAway | None = None  # a row or item removed: the screen keeps an undo

    def __init__(self, part: Part, value: Answer, *, id: str | None = None) -> None:
        super().__init__(id=id, classes=f"field field-{part.kind}")
        self.part = part
        self.initial = value
        self.touched = False  # the author has changed it (its Changed message went out)
        self._posted = False  # a Changed is on its way: more keys need no other
        self.read_at: int | None = 0  # edits() when the screen last read its value

    @property
    def value(self) -> Answer:
        raise NotImplementedError

    def edits(self) -> int | None:
        """How many edits its input has taken, counted as each happens (its messages
        may still be queued); None if it cannot say, and then it is always read."""
        return None

    def load(self, value: Answer) -> None:
        """Show a value that changed elsewhere (the external editor)."""
        raise NotImplementedError

    def changed(self, took: TookAway | None = None) -> None:
        self.touched = True
        if self._posted and took is None:
            return  # the Changed on its way reads the value when it is handled
        self._posted = True
        self.post_message(self.Changed(self, took))

    def taken(self) -> Answer:
        """The value now, for the handler of Changed; the next edit posts again."""
        self._posted = False
        return self.value

    def dropped(self) -> None:
        """The Changed on its way was not for anyone: the next edit posts again."""
        self._posted = False

    async def restore(self, value: Answer, index: int) -> None:
        """Show a value given back by an undo, the cursor on what came back."""
        self.load(value)
        self.focus_input()

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
        yield LineInput(_text(self.initial), placeholder=self.part.placeholder)

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    def edits(self) -> int | None:
        return self.query_one(LineInput).edits

    def load(self, value: Answer) -> None:
        self.query_one(Input).value = _text(value)

    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        event.stop()
        self.changed()


class DateField(LineField):
    """A date as YYYY-MM-DD; anything else is kept as typed and flagged."""

    def compose(self) -> ComposeResult:
        yield LineInput(_text(self.initial), placeholder=self.part.placeholder or "YYYY-MM-DD")
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


class AreaField(Field):
    """A field typed in one TextArea that grows with its text, up to a height, then scrolls."""

    def on_mount(self) -> None:
        self._fit()

    def edits(self) -> int | None:
        return self.query_one(TypedArea).edits

    def _fit(self) -> None:
        """A long text gets a fixed height: an auto height re-lays out the screen on every key."""
        area = self.query_one(TextArea)
        lines = area.document.line_count
        tall = lines > TALL_LINES or (
            area.size.width > 0 and area.wrapped_document.height > TALL_LINES
        )
        if tall != area.has_class("-tall"):
            area.set_class(tall, "-tall")
            # Its height changes under the cursor (a long paste made it tall): once laid
            # out at the new height, the view goes to the cursor again.
            area.call_after_refresh(area.scroll_cursor_visible, animate=False)

    @on(TextArea.Changed)
    def _edited(self, event: TextArea.Changed) -> None:
        event.stop()
        self._fit()
        self.changed()


class TextField(AreaField):
    def compose(self) -> ComposeResult:
        area = TypedArea(
            _text(self.initial), soft_wrap=True, tab_behavior="focus", show_line_numbers=False
        )
        area.placeholder = self.part.placeholder
        yield area

    @property
    def value(self) -> str:
        return self.query_one(TextArea).text

    def load(self, value: Answer) -> None:
        self.query_one(TextArea).load_text(_text(value))


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
