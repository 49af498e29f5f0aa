"""TypedArea: the TextArea of every part, which takes a flood of typed keys as one edit.

A paste from a terminal without bracketed paste (tmux `paste-buffer` without
`-p`, some remote sessions) arrives as one key per character, all queued at
once. Edited a key at a time, 20 KB is 20,000 edits, each followed by its own
reflow, and nothing repaints until the last. The keys already queued for this
field are text it would insert one by one anyway: they go in as one edit, in
the order they came, and the screen repaints after each batch.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Document, Edit, EditResult, Selection


class TypedArea(TextArea):
    # Enter in the flood is a new line; a list (where Enter starts an item) says False.
    FLOOD_TAKES_ENTER = True

    edits = 0  # edits, undos and redos so far, counted as they happen (before any message)
    _been_focused = False

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual 8.2: a table row removed (F8, or rebuilt by ctrl+z) can be drawn once
        # more on its way out, after its styles were dropped, and TextArea raised a
        # KeyError that closed the app (about one run in ten of the tmux test that
        # does this). It is drawn blank: the next frame no longer has it.
        if not self._component_styles:
            return [Strip.blank(crop.width)] * crop.height
        return super().render_lines(crop)

    def on_focus(self) -> None:
        # The first time in (Tab, a jump, a click), the cursor goes where the text ends,
        # as in the one-line fields: at the start, a word typed into a list went in front
        # of its first bullet. A click moves it on to where it clicked (handled next);
        # coming back later finds it where it was left.
        if not self._been_focused:
            self._been_focused = True
            if self.selection == Selection() and self.document.end != (0, 0):
                self.move_cursor(self.document.end)

    def edit(self, edit: Edit) -> EditResult:
        self.edits += 1
        return super().edit(edit)

    def undo(self) -> None:
        self.edits += 1
        super().undo()

    def redo(self) -> None:
        self.edits += 1
        super().redo()

    async def _on_key(self, event: events.Key) -> None:
        if self.read_only or not self._text_key(event):
            return  # TextArea's own handler (called next) decides
        more = self._queued_text()
        if more:
            event.stop()
            event.prevent_default()
            self._replace_via_keyboard(self._char(event) + more, *self.selection)
            # Many lines at once can outgrow the height the view was scrolled for: once
            # laid out, the view goes to the cursor, where the text ends.
            self.call_after_refresh(self.scroll_cursor_visible, animate=False)

    def _text_key(self, event: events.Key) -> bool:
        return event.is_printable or (self.FLOOD_TAKES_ENTER and event.key == "enter")

    @staticmethod
    def _char(event: events.Key) -> str:
        return "\n" if event.key == "enter" else event.character or ""

    def _queued_text(self) -> str:
        """The text of the keys queued right behind this one, taken off the queue."""
        chars: list[str] = []
        while True:
            queued = self._peek_message()
            if not isinstance(queued, events.Key) or not self._text_key(queued):
                return "".join(chars)
            chars.append(self._char(queued))
            self._pending_message = None  # taken: it will not be dispatched again

    def _watch_language(self, language: str | None) -> None:
        # TextArea sets its language (none here) after it built the document, and the
        # watcher built it again: two more passes over every line of a 20,000-line text.
        if language is None and type(self.document) is Document:
            return
        super()._watch_language(language)

    async def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        # Resized to the width the text is wrapped at already (the scrollbar came first,
        # or only the height changed): TextArea would wrap every line again.
        if self.soft_wrap and self.wrapped_document._width == self.wrap_width:
            event.prevent_default()
            self._refresh_size()

    def _watch_show_vertical_scrollbar(self) -> None:
        # Textual 8.2: an undo of a long paste hides the scrollbar before it puts the
        # cursor back, and following a cursor past the end of the text raised a
        # ValueError that closed the app. The undo moves the cursor and the view next.
        past_the_end = self.cursor_location[0] >= self.document.line_count
        # Not wrapped to a width yet: the first resize, which follows, wraps it. A tall
        # part keeps room for its scrollbar (scrollbar-gutter: stable), so the scrollbar
        # coming leaves the width as it was: no second wrap of the whole text either.
        wrapped = self.wrapped_document._width
        if wrapped and self.wrap_width and wrapped != self.wrap_width:
            self._rewrap_and_refresh_virtual_size()
        if not past_the_end:
            self.scroll_cursor_visible()
