"""Stock Textual showing the same widgets as a section: the fair baseline for a switch.

`snapshot()` walks a section body the app has built and notes, for every widget,
the stock Textual class it is made from (a LineInput is an Input, a PartEditor
a VerticalGroup), its ids and classes, and what it shows. `build()` makes that
tree again from stock classes only, and `MirrorApp` shows it with the app's own
CSS. What is left between the two is the app's own code: its messages, its
bookkeeping, its guidance. `FloorApp` shows each section as one TextArea holding
its Markdown: the least any editor of the same text can do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.app import App, ComposeResult
from textual.containers import Container
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    OptionList,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from tdd_tui.locations import styles_dir

LEAVES = (TextArea, Input, Checkbox, Button, Select, SelectionList, Static, Label, OptionList)


@dataclass
class Node:
    kind: type[Widget]
    args: dict[str, Any]
    id: str | None
    classes: str
    display: bool
    children: list[Node] = field(default_factory=list)


def _stock(widget: Widget) -> type[Widget]:
    return next(
        c
        for c in type(widget).__mro__
        if isinstance(c, type) and issubclass(c, Widget) and c.__module__.startswith("textual.")
    )


def snapshot(widget: Widget) -> Node:
    kind = _stock(widget)
    args: dict[str, Any] = {}
    children: list[Node] = []
    if isinstance(widget, TextArea):
        args = {"text": widget.text, "soft_wrap": widget.soft_wrap}
    elif isinstance(widget, Input):
        args = {"value": widget.value, "placeholder": widget.placeholder}
    elif isinstance(widget, Checkbox):
        args = {"label": widget.label, "value": widget.value, "compact": widget.compact}
    elif isinstance(widget, Button):
        args = {"label": widget.label, "compact": widget.compact}
    elif isinstance(widget, Select):
        args = {"options": [], "prompt": "Select"}
    elif isinstance(widget, SelectionList):
        kind, args = SelectionList, {}
    elif isinstance(widget, OptionList):  # the sidebar: every entry, as the app shows it
        options: list[Option | None] = []
        for option in widget.options:
            options.append(Option(option.prompt, id=option.id))
            if option._divider:
                options.append(None)
        kind, args = OptionList, {"content": options}
    elif isinstance(widget, Static):
        args = {"content": widget.content}
    elif kind is Widget and not widget.children:
        kind, args = Static, {"content": widget.render()}  # drawn by its own render()
    else:
        children = [snapshot(child) for child in widget.children]
    return Node(kind, args, widget.id, " ".join(widget.classes), widget.display, children)


def build(node: Node) -> Widget:
    widget: Widget
    if issubclass(node.kind, OptionList):
        widget = OptionList(*node.args["content"], id=node.id, classes=node.classes)
    elif issubclass(node.kind, LEAVES):
        widget = node.kind(**node.args, id=node.id, classes=node.classes)
    else:
        widget = node.kind(*(build(c) for c in node.children), id=node.id, classes=node.classes)
    widget.display = node.display
    return widget


def frame(screen: Widget, content: Widget) -> list[Node]:
    """The screen around the sections (header, sidebar, key bar), content left empty."""
    nodes = [snapshot(child) for child in screen.children]

    def empty(node: Node) -> None:
        if node.id == content.id:
            node.children = []
        for child in node.children:
            empty(child)

    for node in nodes:
        empty(node)
    return nodes


class MirrorApp(App[None]):
    """The app's screen with stock widgets; sections shown as the app shows them."""

    CSS_PATH = str(styles_dir() / "app.tcss")

    def __init__(self, around: list[Node], bodies: dict[str, Node]) -> None:
        super().__init__()
        self.around = around
        self.nodes = bodies
        self.shown: dict[str, Widget] = {}
        self.current: Widget | None = None

    def compose(self) -> ComposeResult:
        for node in self.around:
            yield build(node)

    async def build_ahead(self) -> None:
        """Every section built and hidden, as the app builds them while the user reads."""
        for key in self.nodes:
            await self._built(key)

    async def _built(self, key: str) -> Widget:
        widget = self.shown.get(key)
        if widget is None:
            widget = self.shown[key] = build(self.nodes[key])
            widget.display = False
            await self.query_one("#content").mount(widget)
        return widget

    async def go(self, key: str) -> None:
        widget = await self._built(key)
        if self.current is not None and self.current is not widget:
            self.current.display = False
        widget.display = True
        self.current = widget
        # The sidebar's highlight moves to the section, as any list of sections would.
        sidebar = self.query_one(OptionList)
        sidebar.highlighted = sidebar.get_option_index(key)
        # The cursor into the section's first place to type, as any editor puts it.
        first = next(iter(widget.query("TextArea, Input")), None)
        if first is not None:
            first.focus(scroll_visible=False)


class FloorApp(App[None]):
    """Each section as one TextArea holding its Markdown."""

    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__()
        self.texts = texts
        self.shown: dict[str, TextArea] = {}
        self.current: TextArea | None = None

    def compose(self) -> ComposeResult:
        yield Container(id="content")

    async def go(self, key: str) -> None:
        area = self.shown.get(key)
        if area is None:
            area = self.shown[key] = TextArea(self.texts[key], soft_wrap=True)
            area.display = False
            await self.query_one("#content").mount(area)
        if self.current is not None and self.current is not area:
            self.current.display = False
        area.display = True
        area.focus()
        self.current = area
