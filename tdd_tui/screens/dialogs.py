"""Small modal dialogs with typed results: ask for text, confirm, export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, OptionList, Static
from textual.widgets.option_list import Option

from tdd_tui.check import Finding
from tdd_tui.record import Record


class AskText(ModalScreen[str | None]):
    """One line of text: a title, a reason, a section number. Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(
        self,
        title: str,
        prompt: str,
        *,
        value: str = "",
        placeholder: str = "",
        required: str | None = None,
        ok: str = "OK",
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        """check(text) says what is wrong with an answer, keeping the dialog open; or None."""
        super().__init__(classes="dialog")
        self.check = check
        self.title_text = title
        self.prompt = prompt
        self.value = value
        self.placeholder = placeholder
        self.required = required
        self.ok = ok

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.prompt, classes="dialog-prompt", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            yield Static("", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.ok, variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(".dialog-error").display = False

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        text = self.query_one(Input).value
        problem = self.required if self.required and not text.strip() else None
        if problem is None and self.check is not None:
            problem = self.check(text.strip())
        if problem:
            error = self.query_one(".dialog-error", Static)
            error.update(problem[0].upper() + problem[1:])
            error.display = True
            self.query_one(Input).focus()
            return
        self.dismiss(text.strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(ModalScreen[bool]):
    """A yes/no question; Escape is no, and so is Enter unless yes can be undone (default_yes)."""

    BINDINGS = [Binding("escape", "no", "Cancel", id="dialog.cancel")]

    def __init__(
        self,
        title: str,
        message: str,
        *,
        yes: str = "Yes",
        danger: bool = False,
        default_yes: bool = False,
    ) -> None:
        super().__init__(classes="dialog")
        self.default_yes = default_yes
        self.title_text = title
        self.message = message
        self.yes = yes
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.message, classes="dialog-prompt", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, variant="error" if self.danger else "primary", id="yes")
                yield Button("Cancel", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default_yes else "#no").focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)


class ExportChoice(Record):
    path: Path
    checklists: bool  # False: leave the review checklists out (a wiki, an email)


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Where to write the Markdown, what is still missing, and a second press to overwrite."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(
        self, default: str, findings: list[Finding], problem: Callable[[Path], str | None]
    ) -> None:
        """problem(path) says why an export cannot go there (the store's rule), or None."""
        super().__init__(classes="dialog")
        self.default = default
        self.findings = findings
        self.problem = problem
        self.confirmed_overwrite: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box export-box"):
            yield Static("Export to Markdown", classes="dialog-title")
            if self.findings:
                yield Static(f"Still missing ({len(self.findings)}):", classes="dialog-prompt")
                with VerticalScroll(classes="missing"):
                    for finding in self.findings:
                        yield Static(f"• {finding.where}: {finding.message}", markup=False)
            else:
                yield Static("Every required part is written.", classes="dialog-prompt")
            yield Static("File", classes="dialog-prompt")
            yield Input(self.default, id="path")
            yield Checkbox(
                "Leave out the review checklists (for a wiki or an email)",
                False,
                id="no-checklists",
                compact=True,
            )
            yield Static("", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(".dialog-error").display = False
        self.query_one("#path", Input).focus()

    def _error(self, message: str) -> None:
        error = self.query_one(".dialog-error", Static)
        error.update(message)
        error.display = bool(message)

    @on(Input.Changed, "#path")
    def _path_changed(self) -> None:
        self.confirmed_overwrite = None
        self.query_one("#ok", Button).label = "Export"
        self._error("")

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self._error("Give a file name, e.g. design.md")
            return
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = Path.cwd() / path
        problem = self.problem(path)
        if problem:
            self._error(problem[0].upper() + problem[1:])
            return
        if path.exists() and self.confirmed_overwrite != path:
            self.confirmed_overwrite = path
            self.query_one("#ok", Button).label = "Overwrite"
            self._error(f"{path.name} already exists. Press Overwrite to replace it.")
            return
        keep = not self.query_one("#no-checklists", Checkbox).value
        self.dismiss(ExportChoice(path, keep))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class PickOne(ModalScreen[str | None]):
    """Choose one of a few named things (a template, a version); Enter picks, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str, prompt: str, choices: list[tuple[str, str]]) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.prompt = prompt
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.prompt, classes="dialog-prompt", markup=False)
            yield OptionList(*[Option(label, id=key) for key, label in self.choices], id="choices")

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PickVersion(PickOne):
    """Choose an earlier version to restore; dismissed with its number (as text)."""

    def __init__(self, title: str, choices: list[tuple[int, str]]) -> None:
        super().__init__(
            title,
            "Enter restores the version; the current one is kept in the history.",
            [(str(number), label) for number, label in choices],
        )
