"""HelpScreen: the keys in force, this app's first and grouped, then the section's guidance."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from tdd_tui.template import Section


class KeyHelp(NamedTuple):
    group: str  # where it works: GROUPS
    keys: str  # "delete / d"
    does: str


# In the order help lists them: this app's keys first, the widgets' generic ones last.
SCREEN = "On this screen"
FIELD = "In the field with the cursor"
EVERYWHERE = "Everywhere"
WIDGET = "Editing text and moving in lists (every text field)"
GROUPS = (SCREEN, FIELD, EVERYWHERE, WIDGET)

FOCUS = (
    "Tab and shift+Tab move through the places you can type, in reading order: "
    "every part, list item and table field. Buttons are for the mouse; each has a key."
)


def help_markdown(keys: list[KeyHelp], section: Section | None) -> str:
    lines = ["## Keys", "", FOCUS]
    for group in GROUPS:
        listed = [k for k in keys if k.group == group]
        if not listed:
            continue
        lines += ["", f"### {group}", "", "| key | does |", "| --- | --- |"]
        lines += [f"| `{k.keys}` | {k.does} |" for k in listed]
    lines += [
        "",
        "Everything saves as you type; there is nothing to save before quitting (ctrl+q).",
        "ctrl+p opens the command palette: go to a section, preview, export, theme.",
    ]
    if section is not None:
        lines += ["", f"## {section.heading}", "", section.purpose, ""]
        for part in section.parts:
            lines += [f"**{part.label}**: {part.question}", ""]
            if part.why:
                lines += [f"*Why:* {part.why}", ""]
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "close", "Close", id="help.close")]

    def __init__(self, markdown: str) -> None:
        super().__init__(classes="dialog")
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box help-box"):
            with VerticalScroll(id="help-text"):
                yield Markdown(self.markdown)
            yield Static("↑ ↓ pgup pgdn home end scroll · escape closes", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#help-text").focus()  # the arrow and page keys scroll at once

    def action_close(self) -> None:
        self.dismiss()
