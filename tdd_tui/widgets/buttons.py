"""Buttons for the mouse: Tab passes them by, so it only visits places to type.

What each one does has a key too (Enter or Backspace in a list item, F7 and
F8 in a table, F3, ctrl+n and ctrl+b), so the keyboard never needs them, and
a key meant for a field never lands on one (Enter on a focused '✕ Remove'
emptied a record at once).
"""

from __future__ import annotations

from textual.widgets import Button

from tdd_tui.widgets.styled_on_mount import StyledOnMount


class MouseButton(StyledOnMount, Button, can_focus=False):
    """A Button that takes clicks but never the focus."""
