"""What one action took away, kept so that ctrl+z (or Undo in its notice) brings it back.

Removing a list item or a table row, replacing a part's text from the external
editor, and marking a part or a section not applicable each leave an Undo.
Typing inside a field has the field's own undo; these are the changes a field
cannot undo by itself, because the widget that held the text is gone.

An Undo is applied to the draft like any other edit, so it is saved like one:
undoing after the autosave has written the removal writes the text back.
"""

from __future__ import annotations

from typing import NamedTuple

from tdd_tui.draft import Answer

KEPT = 20  # the most recent ones; older removals are in the draft's history


class Undo(NamedTuple):
    key: str  # a section id, or the details' key
    part_id: str | None  # None: the whole section's not-applicable mark
    what: str  # what comes back, for the notice: "the removed row #2"
    before: Answer | None  # the value (or, for a mark, the reason) before the action
    after: Answer | None  # and after it: the undo applies only while this is still so
    mark: bool  # a not-applicable mark, not a value
    edits: int  # the session's edit count just after the action
    at: int = 0  # the item or row it was, to put the cursor back on it


class UndoList:
    """The recent undoable actions of one editing session, the latest last."""

    def __init__(self) -> None:
        self._entries: list[Undo] = []

    def add(self, entry: Undo) -> None:
        self._entries.append(entry)
        del self._entries[:-KEPT]

    def latest(self) -> Undo | None:
        return self._entries[-1] if self._entries else None

    def pop(self) -> Undo:
        return self._entries.pop()
