"""Group parts: repeatable records with sub-fields (a failure mode, an alternative)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalGroup
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Static, TextArea

from tdd_tui.draft import Answer, Record
from tdd_tui.template import Part
from tdd_tui.widgets.fields import Field

RECORDS_AT_FIRST = 30  # records built when the part is shown; the rest on request, kept meanwhile


def _records(value: Answer) -> list[Record]:
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


class GroupField(Field):
    """Repeatable records (a failure mode: scenario, detection, mitigation, recovery).

    A very long table shows its first records and a button for the next ones;
    the records not shown yet are kept as they are and saved with the rest.
    """

    def __init__(self, part: Part, value: Answer, *, id: str | None = None) -> None:
        super().__init__(part, value, id=id)
        self.tail: list[Record] = _records(value)[RECORDS_AT_FIRST:]

    def compose(self) -> ComposeResult:
        records = _records(self.initial)[:RECORDS_AT_FIRST]
        with VerticalGroup(classes="records"):
            for index, record in enumerate(records or [{}]):
                yield self._record(record, index + 1)
        yield Button(self._more_label(), classes="more-records", compact=True)
        yield Button(
            f"+ Add {self.part.label.lower().rstrip('s')}", classes="add-record", compact=True
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
        return out + self.tail

    def load(self, value: Answer) -> None:
        records = _records(value)
        self.tail = records[RECORDS_AT_FIRST:]
        box = self.query_one(".records", VerticalGroup)
        box.remove_children()
        shown = records[:RECORDS_AT_FIRST] or [{}]
        box.mount_all([self._record(r, i + 1) for i, r in enumerate(shown)])
        button = self.query_one(".more-records", Button)
        button.label = self._more_label()
        button.display = bool(self.tail)

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
