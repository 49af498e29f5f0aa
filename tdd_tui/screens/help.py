"""HelpScreen: the keys in force and the current section's guidance."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Markdown

from tdd_tui.template import Section


def help_markdown(keys: list[tuple[str, str]], section: Section | None) -> str:
    lines = ["## Keys", "", "| key | does |", "| --- | --- |"]
    lines += [f"| `{key}` | {description} |" for key, description in keys]
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
            yield Markdown(self.markdown)

    def action_close(self) -> None:
        self.dismiss()
