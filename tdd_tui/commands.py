"""The command palette (ctrl+p): go to any section, preview, export, save, home."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from tdd_tui.app import TddApp


class DraftCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = cast("TddApp", self.app)
        session = app.session
        if session is None:
            return [("New draft", app.action_new_draft, "Start a new design doc")]
        commands: list[tuple[str, Callable[[], object], str]] = [
            ("Go to Details", partial(app.go, "metadata"), "Title, author, date, status"),
        ]
        for section in session.template.sections:
            commands.append(
                (f"Go to {section.heading}", partial(app.go, section.id), section.purpose)
            )
        commands += [
            ("Preview document", app.action_preview, "The whole document as it will export"),
            ("Export to Markdown", app.action_export, "Write the document to a .md file"),
            ("Save now", app.action_save_now, "Autosave already runs; this writes at once"),
            ("Home", app.action_home, "Back to the list of drafts"),
        ]
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
