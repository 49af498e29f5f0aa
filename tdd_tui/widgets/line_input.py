"""LineInput: a one-line input with undo and redo, as the text areas have.

Textual's Input has none, and ctrl+u or ctrl+w there takes a whole line or
word in one key press. Each pause in typing, and each change that removes
more than a character, is a step ctrl+z goes back to.

Nor does Tab into it select the whole line (Input's default): the first key
typed would replace the title. The cursor goes where the text ends.
"""

from __future__ import annotations

from time import monotonic

from textual.binding import Binding
from textual.widgets import Input

from tdd_tui.widgets.styled_on_mount import StyledOnMount

PAUSE = 1.0  # seconds without a change that end one undo step
KEPT = 100


class LineInput(StyledOnMount, Input):
    BINDINGS = [
        Binding("ctrl+z", "undo", "Undo typing", show=False, id="line.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="line.redo"),
    ]

    def __init__(self, value: str = "", **kwargs: object) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(value, **kwargs)  # type: ignore[arg-type]
        self.cursor_position = len(value)
        self._known = value  # the value the last step ended with
        self._undo: list[str] = []
        self._redo: list[str] = []
        self._last_change = 0.0
        self._was_removal = False

    edits = 0  # changes of its value so far, counted as they happen (before any message)

    def _watch_value(self, value: str) -> None:
        self.edits += 1
        super()._watch_value(value)

    def _on_input_changed(self, event: Input.Changed) -> None:
        # Runs before the message bubbles to the field (a handler on the class itself).
        if event.input is not self or event.value == self._known:
            return
        before, now = self._known, event.value
        removal = len(now) < len(before)
        moment = monotonic()
        new_step = (
            not self._undo
            or moment - self._last_change > PAUSE
            or len(before) - len(now) > 1
            or removal != self._was_removal
        )
        if new_step:
            self._undo.append(before)
            del self._undo[:-KEPT]
        self._redo.clear()
        self._known, self._last_change, self._was_removal = now, moment, removal

    def _step(self, source: list[str], target: list[str]) -> None:
        if not source:
            return
        target.append(self.value)
        self._known = source.pop()
        self._last_change = 0.0  # the next change is a step of its own
        self.value = self._known
        self.cursor_position = len(self._known)

    def action_undo(self) -> None:
        self._step(self._undo, self._redo)

    def action_redo(self) -> None:
        self._step(self._redo, self._undo)
