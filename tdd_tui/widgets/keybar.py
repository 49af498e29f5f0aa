"""KeyBar: the screen's keys along the bottom, one widget drawn once per change.

It looks and works like Textual's Footer (click a key to press it; the command
palette key on the right), but Footer rebuilds a widget per key whenever the
focus moves. On a section screen that was a third of the time it took to move
from one section to the next.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from textual import events
from textual.content import Content
from textual.markup import escape
from textual.screen import Screen
from textual.widget import Widget


@lru_cache(maxsize=256)
def _content(markup: str) -> Content:
    """A key as drawn: the same few dozen on every switch, read from markup once each."""
    return Content.from_markup(markup)


class Key(NamedTuple):
    id: str  # the binding's id, which a screen's FOOTER_KEEPS names
    action: str
    key: str  # what pressing it sends, e.g. "ctrl+n"
    display: str  # how it is shown, e.g. "^n"
    description: str
    enabled: bool


class KeyBar(Widget):
    """One line: every shown binding of the screen, and the command palette's on the right."""

    ALLOW_SELECT = False
    auto_links = False  # keys keep their colours; links would be recoloured and underlined

    def __init__(self) -> None:
        super().__init__(classes="keybar")
        self.keys: tuple[Key, ...] = ()
        self.palette: Key | None = None
        self.hovered: str | None = None  # the key under the mouse, drawn highlighted
        self._drawn: list[tuple[int, int, str]] = []  # first and last column of each key

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        keys: dict[str, Key] = {}  # one entry per action, as Footer shows them
        palette = None
        app = self.app
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            is_palette = binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE
            if not (is_palette or binding.show) or (binding.action in keys and not is_palette):
                continue  # a focused TextArea brings some 30 hidden keys: none drawn, none named
            key = Key(
                binding.id or binding.action,
                binding.action,
                binding.key,
                app.get_key_display(binding),
                binding.description,
                enabled,
            )
            if is_palette:
                palette = key
            else:
                keys[binding.action] = key
        # In the order the screen declares them, whichever widget has the focus.
        declared = [getattr(b, "action", "") for b in screen.BINDINGS]
        shown = tuple(
            sorted(
                keys.values(),
                key=lambda k: declared.index(k.action) if k.action in declared else len(declared),
            )
        )
        if (shown, palette) != (self.keys, self.palette):
            self.keys, self.palette = shown, palette
            self.refresh()  # one line, fixed size: a repaint, never a re-layout

    def _markup(self, key: Key) -> str:
        style = "" if key.enabled else " dim"
        hover = " on $block-hover-background" if key.key == self.hovered else ""
        return (
            f"[@click=press({key.key!r})]"
            f"[bold $footer-key-foreground{style}{hover}] {escape(key.display)} [/]"
            f"[$footer-description-foreground{style}{hover}]{escape(key.description)} [/][/]"
        )

    def _placed(self) -> list[tuple[int, Key, Content]]:
        """Each key drawn, with the column it starts at."""
        # outer_size, not size: size looks the widget up in the screen's map.
        width = self.outer_size.width
        # The palette key stays in view, as with Footer: it is where every other key is found.
        right = _content(self._markup(self.palette)) if self.palette else None
        room = width - (right.cell_length if right else 0)
        drawn = {key: _content(self._markup(key)) for key in self.keys}
        kept = self._kept(drawn, room)
        placed: list[tuple[int, Key, Content]] = []
        column = 0
        for key in self.keys:  # whole keys only: a cut-off "Pre" helps nobody
            if key in kept:
                placed.append((column, key, drawn[key]))
                column += drawn[key].cell_length
        if right is not None and self.palette is not None:
            placed.append((room, self.palette, right))
        return placed

    def _kept(self, drawn: dict[Key, Content], room: int) -> set[Key]:
        """The keys that fit: when not all do, those the screen's FOOTER_KEEPS puts first."""
        if sum(shown.cell_length for shown in drawn.values()) <= room:
            return set(drawn)
        keeps: tuple[str, ...] = getattr(self.screen, "FOOTER_KEEPS", ())
        ranked = sorted(drawn, key=lambda k: keeps.index(k.id) if k.id in keeps else len(keeps))
        kept: set[Key] = set()
        for key in ranked:
            if drawn[key].cell_length <= room:
                kept.add(key)
                room -= drawn[key].cell_length
        return kept

    def render(self) -> Content:
        line = Content()
        self._drawn = []
        for column, key, shown in self._placed():
            line = Content.assemble(line, " " * (column - line.cell_length), shown)
            self._drawn.append((column, column + shown.cell_length, key.key))
        return line

    def on_mouse_move(self, event: events.MouseMove) -> None:
        # Where the keys were drawn, not worked out again on every move of the mouse.
        key = next((k for start, end, k in self._drawn if start <= event.x < end), None)
        if key != self.hovered:
            self.hovered = key
            self.refresh()

    def on_leave(self) -> None:
        if self.hovered is not None:
            self.hovered = None
            self.refresh()

    def action_press(self, key: str) -> None:
        self.app.simulate_key(key)
