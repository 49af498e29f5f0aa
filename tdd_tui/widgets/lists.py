"""List parts: one text field holding the items as bullets; multi-choice with free entries."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, SelectionList, Static

from tdd_tui.draft import Answer
from tdd_tui.list_text import BULLET, INDENT, is_bullet, item_rows, items_of, text_of
from tdd_tui.template import Kind, Part
from tdd_tui.widgets.buttons import MouseButton
from tdd_tui.widgets.fields import AreaField, Field, _items
from tdd_tui.widgets.typed_area import TypedArea

LIST_HINT = (
    "enter: new item · backspace at a bullet: join it to the item above"
    " · alt+↑ alt+↓: move the item · ctrl+z: undo"
)


class ListArea(TypedArea):
    """The items of a list, a bullet each. Enter starts an item; every edit is TextArea's own,
    so ctrl+z gives back anything a key took away."""

    FLOOD_TAKES_ENTER = False  # each Enter starts an item

    BINDINGS = [
        Binding("alt+up", "move_item(-1)", "Move item up", show=False, id="list.up"),
        Binding("alt+down", "move_item(1)", "Move item down", show=False, id="list.down"),
    ]

    def _bullet_width(self, row: int) -> int:
        """How much of the row is its bullet (0: the row starts no item)."""
        line = self.document[row]
        return min(len(BULLET), len(line)) if is_bullet(line) else 0

    async def _on_key(self, event: events.Key) -> None:
        if self.read_only:
            return
        handled = False
        if event.key == "enter":
            handled = self._new_item()
        elif event.key == "backspace":
            handled = self._join_up()
        elif event.key == "delete":
            handled = self._join_down()
        elif event.is_printable and not self.text:
            self.insert(BULLET)  # the first item gets its bullet as it is typed
        if handled:
            event.stop()
            event.prevent_default()  # TextArea's own handler (called next) leaves it alone

    def _new_item(self) -> bool:
        start, end = self.selection
        row, column = start
        width = self._bullet_width(row)
        if start == end and width > 0 and column <= width and self.document[row][width:].strip():
            self.insert(BULLET + "\n", (row, 0))  # at the start of an item: a new one above it
            self.move_cursor((row, len(BULLET)))
            return True
        self.replace("\n" + BULLET, *sorted((start, end)), maintain_selection_offset=False)
        return True

    def _join_up(self) -> bool:
        """Backspace at a bullet: the item joins the one above (an empty one just goes)."""
        start, end = self.selection
        row, column = start
        width = self._bullet_width(row)
        if start != end or not width or column > width:
            return False  # an ordinary backspace
        if row == 0:
            if self.document[0][width:].strip() or self.document.line_count == 1:
                return True  # nothing above to join
            self.delete((0, 0), (1, 0), maintain_selection_offset=False)
            return True
        above = self.document[row - 1]
        self.delete((row - 1, len(above)), (row, width), maintain_selection_offset=False)
        return True

    def _join_down(self) -> bool:
        """Delete at the end of an item: the next item joins it."""
        start, end = self.selection
        row, column = start
        if start != end or column != len(self.document[row]):
            return False
        if row + 1 >= self.document.line_count:
            return False
        width = self._bullet_width(row + 1)
        if not width:
            return False
        self.delete((row, column), (row + 1, width), maintain_selection_offset=False)
        return True

    async def _on_paste(self, event: events.Paste) -> None:
        # Pasted lines become items: each gets a bullet unless it has one or is indented.
        row, column = self.selection.start
        lines = event.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        at_line_start = column == 0 and not self.document[row].strip()
        for index, line in enumerate(lines):
            starts = index or at_line_start
            if starts and line.strip() and not is_bullet(line) and not line.startswith(INDENT):
                lines[index] = BULLET + line
        event.text = "\n".join(lines)  # TextArea's own handler, called next, pastes it

    def action_move_item(self, step: int) -> None:
        """Swap the item with the cursor and the one above or below it, as one edit."""
        lines = self.document.lines
        row, column = self.cursor_location
        mine = item_rows(lines, row)
        if step < 0:
            if mine[0] == 0:
                return
            above, below = item_rows(lines, mine[0] - 1), mine
        else:
            after = mine[1]
            while after < len(lines) and not lines[after].strip():
                after += 1
            if after >= len(lines):
                return
            above, below = mine, item_rows(lines, after)
        gap = lines[above[1] : below[0]]
        block = lines[below[0] : below[1]] + gap + lines[above[0] : above[1]]
        last = below[1] - 1
        self.replace(
            "\n".join(block),
            (above[0], 0),
            (last, len(lines[last])),
            maintain_selection_offset=False,
        )
        if step < 0:
            row = above[0] + row - below[0]
        else:
            row = above[0] + (below[1] - below[0]) + len(gap) + row - above[0]
        self.move_cursor((row, column))


class ListField(AreaField):
    """The items in one text field: a 20,000-item list is one widget, not 80,000."""

    def compose(self) -> ComposeResult:
        area = ListArea(
            text_of(_items(self.initial)),
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
        )
        area.placeholder = self.part.placeholder
        yield area
        yield MouseButton("+ Add item", classes="add-item", compact=True)
        yield Static(LIST_HINT, classes="part-hint")

    @property
    def value(self) -> list[str]:
        return items_of(self.query_one(ListArea).text)

    def load(self, value: Answer) -> None:
        self.query_one(ListArea).load_text(text_of(_items(value)))

    @on(Button.Pressed, ".add-item")
    def _add(self, event: Button.Pressed) -> None:
        """A new item at the end (or the cursor in the empty one that is there)."""
        event.stop()
        area = self.query_one(ListArea)
        end = area.document.end
        last = area.document[end[0]]
        if area.text and (not is_bullet(last) or last[len(BULLET) :].strip()):
            area.insert("\n" + BULLET, end)
        elif not area.text:
            area.insert(BULLET, end)
        area.move_cursor(area.document.end)
        area.focus()


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
            self.changed()
