"""PreviewScreen: the whole document as it will export, with its table of contents.

A whole design doc is hundreds of Markdown blocks, and building them all took
more than a second before anything showed. So the first screenful is shown at
once and the rest is added a section at a time after it, with a line at the
bottom saying so until it is done.
"""

from __future__ import annotations

import asyncio

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import MarkdownViewer, Static

from tdd_tui.markdown import pieces
from tdd_tui.widgets.keybar import KeyBar

FIRST_LINES = 40  # Markdown lines in the first piece: about a screenful once rendered


class PreviewScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back", id="preview.back"),
        Binding("f6", "app.export", "Export", id="preview.export"),
        Binding("t", "toggle_contents", "Contents", id="preview.contents"),
    ]

    def __init__(self, markdown: str) -> None:
        super().__init__(name="preview", classes="preview-screen")
        self.markdown = markdown
        self.pieces = pieces(markdown, FIRST_LINES)
        self.done = len(self.pieces) <= 1  # every section is on screen

    def compose(self) -> ComposeResult:
        yield MarkdownViewer(self.pieces[0] if self.pieces else "", open_links=False)
        yield Static(self._progress(1), id="preview-progress", markup=False)
        yield KeyBar()

    def _progress(self, shown: int) -> str:
        return f"Showing {shown} of {len(self.pieces)} parts of the document; the rest follows…"

    def on_mount(self) -> None:
        self.query_one(MarkdownViewer).document.focus()
        self.query_one("#preview-progress").display = not self.done
        if not self.done:
            self.call_after_refresh(self._start_rest)

    def _start_rest(self) -> None:
        self.run_worker(self._add_the_rest(), group="preview", exclusive=True)

    async def _add_the_rest(self) -> None:
        document = self.query_one(MarkdownViewer).document
        progress = self.query_one("#preview-progress", Static)
        for shown, piece in enumerate(self.pieces[1:], start=2):
            await document.append(piece)
            progress.update(self._progress(shown))
            await asyncio.sleep(0)  # keys and repaints between sections
        self.done = True
        progress.display = False

    def action_toggle_contents(self) -> None:
        viewer = self.query_one(MarkdownViewer)
        viewer.show_table_of_contents = not viewer.show_table_of_contents

    def action_close(self) -> None:
        self.dismiss()
