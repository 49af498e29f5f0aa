"""The save-state line: "saved 3 s ago", "saving…", or what went wrong, in words."""

from __future__ import annotations

import time

from textual.widgets import Static

from tdd_tui.autosave import SaveState


def describe(state: SaveState, at: float) -> tuple[str, str]:
    """The text and a CSS class for a save state."""
    if state.read_only:
        return "read-only", "-readonly"
    if state.conflict:
        return "⚠ changed elsewhere: ctrl+s to choose which version to keep", "-error"
    if state.error:
        return f"⚠ {state.error}. Your text is kept in memory; saving is retried.", "-error"
    if state.saving:
        return "saving…", "-saving"
    if state.dirty:
        return "editing…", "-dirty"
    if state.saved_at is None:
        return "", ""
    ago = int(at - state.saved_at)
    return (
        "saved" if ago < 2 else f"saved {ago} s ago" if ago < 60 else f"saved {ago // 60} min ago"
    ), "-saved"


class SaveStatus(Static):
    """Sits at a fixed width (styles/app.tcss) so that "saving…" and "saved", twice a
    save, repaint one line instead of laying out the whole screen again."""

    def __init__(self) -> None:
        super().__init__("", id="save-status", markup=False)
        self.state: SaveState | None = None
        self._shown = ("", "")

    def on_mount(self) -> None:
        self.set_interval(1.0, self.redraw)

    def show(self, state: SaveState) -> None:
        self.state = state
        self.redraw()

    def redraw(self) -> None:
        if self.state is None:
            return
        text, css = describe(self.state, time.monotonic())
        if (text, css) != self._shown:
            # Only an error (width: auto) changes the line's width.
            resized = "-error" in (css, self._shown[1])
            self._shown = (text, css)
            self.update(text, layout=resized)
            self.set_classes(css)
