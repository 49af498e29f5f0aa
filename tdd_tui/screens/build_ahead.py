"""Building sections before they are asked for, a part at a time, while the user is idle.

After PREBUILD_AFTER seconds without an edit or a move, the next section not
built yet is built hidden, one child every PREBUILD_STEP, never while a save
runs, then laid out once out of sight; its first visit then costs what a
revisit does.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import TextArea

from tdd_tui.memory import settle_memory

if TYPE_CHECKING:
    from tdd_tui.screens.section import SectionScreen
    from tdd_tui.widgets.section_body import SectionBody

PREBUILD_STEP = 0.02  # seconds between steps of building ahead: room for a key in between
REHEARSAL_REFRESHES = 10  # at most this many screen refreshes to wait for a rehearsal's layout


def _unwrapped(widget: Widget) -> bool:
    """A text that wraps, not wrapped at its width yet."""
    if not isinstance(widget, TextArea) or not widget.soft_wrap or not widget.display:
        return False
    return widget.wrapped_document._width != widget.wrap_width


def _layout(body: SectionBody) -> list[object] | None:
    """The sizes the body's widgets were laid out at, or None if it is not laid out."""
    if not body.size.width:
        return None
    sizes: list[object] = []
    for widget in body.walk_children(Widget):
        if _unwrapped(widget):
            return None
        sizes.append(widget.size)
    return sizes


class BuildAhead:
    """The section screen's builder of unvisited sections."""

    def __init__(self, screen: SectionScreen) -> None:
        self.screen = screen
        self.building: SectionBody | None = None  # being built ahead, a part at a time
        self._timer: Timer | None = None
        self._last_activity = time.monotonic()

    def activity(self) -> None:
        """An edit or a move: building waits until the user is idle again."""
        self._last_activity = time.monotonic()

    def take(self, body: SectionBody) -> bool:
        """The user asked for this body: True if it was being built (finish it now)."""
        if body is self.building:
            self.building = None
            return True
        return False

    def later(self, delay: float | None = None) -> None:
        """Build ahead after delay, or once the user has been idle for PREBUILD_AFTER."""
        after = self.screen.PREBUILD_AFTER
        if after is None:
            return
        if self._timer is not None:
            self._timer.stop()
        wait = after if delay is None else delay
        self._timer = self.screen.set_timer(wait, self._step)

    def _next_unbuilt(self) -> str | None:
        """The next section after this one not built yet, wrapping round to the details."""
        keys = self.screen.session.keys
        key = self.screen.key
        start = keys.index(key) if key in keys else 0
        for candidate in keys[start + 1 :] + keys[:start]:
            if candidate not in self.screen.bodies:
                return candidate
        return None

    def _rehearse(self, body: SectionBody) -> None:
        """Lay the built body out once, under the one on show, then hide it again.

        Laid out, a section's text is wrapped and its widgets sized: its first
        visit then costs what a revisit does (half of it, for the long ones).
        """
        body.add_class("-rehearsal")  # a layer under the section on show (app.tcss)
        body.display = True

        def done(refreshes: int = 0, before: list[object] | None = None) -> None:
            shown = body is self.screen.body
            sizes = _layout(body)
            if not shown and refreshes < REHEARSAL_REFRESHES and (sizes is None or sizes != before):
                # Not laid out yet, or laid out again since the last look (a text wrapped
                # at its width turns out taller): wait for the next refresh.
                body.call_after_refresh(done, refreshes + 1, sizes)
                return
            if not shown:
                body.display = False
            body.remove_class("-rehearsal")
            # Once built, a section lives as long as the draft: out of the collector's way.
            settle_memory()

        body.call_after_refresh(done)

    async def _step(self) -> None:
        """One small step: a new hidden body, or one more of its parts."""
        self._timer = None
        screen = self.screen
        after = screen.PREBUILD_AFTER
        assert after is not None
        idle = time.monotonic() - self._last_activity
        if idle < after:
            self.later(after - idle)
            return
        if not screen.is_current:  # a dialog is open: wait for the next move or edit
            return
        if screen.session.save_state.saving:  # one thing at a time
            self.later(PREBUILD_STEP * 5)
            return
        body = self.building
        if body is None:
            key = self._next_unbuilt()
            if key is None:
                # All built, the user idle: what the last switches made (the lines they
                # drew) is set aside too, so that no full collection lands in a switch.
                settle_memory()
                return
            body = self.building = screen.new_body(key, in_steps=True)
            body.display = False
            await screen.query_one("#content").mount(body)
        elif not await body.build_step():
            self.building = None
            self._rehearse(body)
        self.later(PREBUILD_STEP)
