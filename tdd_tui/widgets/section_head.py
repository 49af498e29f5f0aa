"""A section's fixed lines: its heading, purpose and not-applicable mark; the Previous/Next links.

Each is one widget drawing one block of text, links included (the style of
PartGuide): a row of a title, a button, a purpose and a note, and a row of two
buttons, were seven widgets to lay out on every first visit, in every section.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from tdd_tui.widgets.part import not_applicable_note


class SectionHead(Widget):
    """The heading, a link to mark the whole section not applicable, its purpose, the mark."""

    ALLOW_SELECT = True
    auto_links = False  # the link is styled here, not recoloured

    @dataclass
    class NotApplicableRequested(Message):
        """The link was clicked: the screen asks for the reason (or takes the mark off)."""

    def __init__(
        self, heading: str, purpose: str, *, may_be_na: bool, reason: str | None = None
    ) -> None:
        super().__init__(classes="section-head")
        self.heading = heading
        self.purpose = purpose
        self.may_be_na = may_be_na
        self.reason = reason
        self._drawn: Content | None = None  # what render() made, until the mark changes

    def show_not_applicable(self, reason: str | None) -> None:
        if reason != self.reason:
            self.reason = reason
            self._drawn = None
            self.refresh(layout=True)

    @property
    def link(self) -> str | None:
        """The link's words, if the section may be skipped (or is marked already)."""
        if self.reason is not None:
            return "Section applies after all"
        return "Section not applicable" if self.may_be_na else None

    def render(self) -> Content:
        if self._drawn is None:  # asked for by each measure and each paint: made once
            self._drawn = self._draw()
        return self._drawn

    def _draw(self) -> Content:
        title = Content.from_markup("[bold $primary]$heading", heading=self.heading)
        if self.link is not None:
            switch = f" {self.link} "
            link = Content.from_markup(
                "[@click=section_na][bold $text on $panel]$switch[/][/]", switch=switch
            )
            title = Content.assemble(title, "   ", link)
        lines = [
            title,
            Content.from_markup("[italic $foreground-muted]$purpose", purpose=self.purpose),
        ]
        if self.reason is not None:
            note = not_applicable_note(self.reason)
            lines.append(Content.from_markup("[$warning]$note", note=note))
        return Content("\n").join(lines)

    def action_section_na(self) -> None:
        self.post_message(self.NotApplicableRequested())


class Nav(Widget):
    """Previous and Next, as links at the foot of the section (ctrl+b and ctrl+n)."""

    auto_links = False

    def __init__(self) -> None:
        super().__init__(classes="nav")

    def render(self) -> Content:
        return _nav_links()


@cache
def _nav_links() -> Content:
    """The same two links in every section: read from markup once."""
    return Content.from_markup(
        "[@click=app.previous_section][bold $text on $panel] ← Previous (^b) [/][/]"
        "    [@click=app.next_section][bold $text on $primary] Next (^n) → [/][/]"
    )
