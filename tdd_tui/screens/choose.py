"""Choose: a question with a few named answers, each on a button and a key."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tdd_tui.record import Record


class Answer(Record):
    id: str
    label: str  # on the button
    key: str  # a letter that picks it


class Choose(ModalScreen[str | None]):
    """Enter or a click on a button, or its key, picks an answer; Escape decides later (None).

    It can appear while the author is typing (a save found the draft changed):
    for a moment keys are not taken as answers, so the letters already on their
    way pick nothing.
    """

    BINDINGS = [Binding("escape", "later", "Later", id="dialog.later")]
    GRACE = 0.8  # seconds before a key can answer

    def __init__(self, title: str, message: str, answers: list[Answer]) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.message = message
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.message, classes="dialog-prompt", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for number, answer in enumerate(self.answers):
                    yield Button(
                        f"{answer.label} ({answer.key})",
                        id=f"answer-{answer.id}",
                        variant="primary" if number == 0 else "default",
                    )

    armed = False

    def on_mount(self) -> None:
        self.set_timer(self.GRACE, self._arm)

    def _arm(self) -> None:
        self.armed = True
        self.query_one(Button).focus()

    def on_key(self, event: events.Key) -> None:
        if not self.armed:
            event.stop()
            event.prevent_default()
            return
        for answer in self.answers:
            if event.key == answer.key:
                self.dismiss(answer.id)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("answer-"):
            self.dismiss(event.button.id.removeprefix("answer-"))

    def action_later(self) -> None:
        self.dismiss(None)
