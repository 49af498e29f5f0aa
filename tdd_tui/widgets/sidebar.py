"""The sidebar: details, every section with its progress, then preview and export."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tdd_tui.draft import Draft, Progress, metadata_progress, overall_progress, section_progress
from tdd_tui.session import METADATA
from tdd_tui.template import Template

MARKS = {
    Progress.EMPTY: ("○", "dim"),
    Progress.STARTED: ("◐", "yellow"),
    Progress.COMPLETE: ("●", "green"),
    Progress.NOT_APPLICABLE: ("–", "dim"),
}
# The sidebar's own entries, beside the template's sections: ids no template can
# have (template ids start with a letter).
PREVIEW = "_preview"
EXPORT = "_export"


class Sidebar(Vertical):
    """Click or Enter on an entry posts Sidebar.Selected with its key."""

    @dataclass
    class Selected(Message):
        key: str

    def __init__(self, template: Template, draft: Draft, current: str) -> None:
        super().__init__(id="sidebar")
        self.template = template
        self.draft = draft
        self.current = current
        self._shown: dict[str, str] = {}
        self.warnings: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="overall", markup=False)
        yield OptionList(*self._options(), id="sections")

    def on_mount(self) -> None:
        self.refresh_progress()
        self.show_current(self.current)

    def _prompt(self, key: str) -> Text:
        if key == METADATA:
            state, title = metadata_progress(self.draft, self.template), "Details"
        else:
            section = self.template.section(key)
            assert section is not None
            state, title = (
                section_progress(self.draft, section),
                f"{section.number:>2}. {section.title}",
            )
        mark, style = MARKS[state]
        warnings = self.warnings.get(key, 0)
        flag = (f"⚠{warnings} ", "yellow") if warnings else ("", "")
        return Text.assemble((f"{mark} ", style), flag, title, no_wrap=True, overflow="ellipsis")

    def _options(self) -> list[Option | None]:
        keys = [METADATA, *(s.id for s in self.template.sections)]
        options: list[Option | None] = [Option(self._prompt(k), id=k) for k in keys]
        options.append(None)
        options.append(Option("  Preview", id=PREVIEW))
        options.append(Option("  Export…", id=EXPORT))
        return options

    def show_current(self, key: str) -> None:
        """Highlight the section on show.

        Only the highlight moves: changing an entry's text re-renders the whole
        list, which was a quarter of the time a switch between sections took.
        """
        self.current = key
        options = self.query_one(OptionList)
        options.highlighted = options.get_option_index(key)

    def refresh_progress(self, key: str | None = None) -> None:
        """Redraw the progress marks (of one entry, or of all) and the overall figure.

        Called on every edit, so it touches the widgets only when a mark or the
        figure really changed: each update re-lays out the screen.
        """
        options = self.query_one(OptionList)
        keys = [key] if key else [METADATA, *(s.id for s in self.template.sections)]
        for k in keys:
            prompt = self._prompt(k)
            if self._shown.get(k) != prompt.plain:
                self._shown[k] = prompt.plain
                options.replace_option_prompt(k, prompt)
        overall = f"{round(overall_progress(self.draft, self.template) * 100)}% complete"
        if self._shown.get("overall") != overall:
            self._shown["overall"] = overall
            self.query_one("#overall", Static).update(overall)

    def show_warnings(self, counts: dict[str, int]) -> None:
        """How many reviewer warnings each section has (shown as ⚠N)."""
        if counts != self.warnings:
            self.warnings = counts
            self.refresh_progress()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Selected(event.option.id))
