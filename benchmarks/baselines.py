"""Tiny Textual apps that set the floor tdd-tui is compared against."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static, TextArea


class BareStatic(App[None]):
    """The least a Textual app can show: one Static."""

    def compose(self) -> ComposeResult:
        yield Static("hello")


class BareTextArea(App[None]):
    """One TextArea holding the same text as the part under test."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield TextArea(self.text, soft_wrap=True)
