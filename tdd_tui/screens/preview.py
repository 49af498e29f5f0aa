"""PreviewScreen: the whole document as it will export, with its table of contents."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import MarkdownViewer

from tdd_tui.widgets.keybar import KeyBar


class PreviewScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back", id="preview.back"),
        Binding("f6", "app.export", "Export", id="preview.export"),
        Binding("t", "toggle_contents", "Contents", id="preview.contents"),
    ]

    def __init__(self, markdown: str) -> None:
        super().__init__(name="preview", classes="preview-screen")
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        yield MarkdownViewer(self.markdown, show_table_of_contents=True, open_links=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(MarkdownViewer).document.focus()

    def action_toggle_contents(self) -> None:
        viewer = self.query_one(MarkdownViewer)
        viewer.show_table_of_contents = not viewer.show_table_of_contents

    def action_close(self) -> None:
        self.dismiss()
