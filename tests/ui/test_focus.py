"""Where the cursor goes: always somewhere to type, and on screen when typing."""

from __future__ import annotations

from textual.widgets import TextArea

from tdd_tui.widgets.part import PartEditor
from tests.ui.conftest import editing


def part(screen, part_id: str) -> PartEditor:
    return screen.body.query_one(f"#part-{part_id}", PartEditor)


def on_screen(screen, widget) -> bool:
    view = screen.body.content_region
    where = widget.region
    return bool(where) and where.y >= view.y and where.bottom <= view.bottom


async def test_typing_after_a_mouse_scroll_brings_the_field_back_into_view(store, template):
    draft = store.create(template, "Scrolled")
    async with editing(store, template, draft, "architecture") as (_app, pilot, screen):
        overview = part(screen, "overview").query_one(TextArea)
        overview.focus()
        await pilot.pause()
        body = screen.body
        body.scroll_to(y=60, animate=False)  # as the mouse wheel does: the focus stays
        await pilot.pause()
        assert body.scroll_y > 20 and not on_screen(screen, overview)
        await pilot.press(*"typed")
        await pilot.pause()
        await pilot.pause()
        assert overview.text == "typed"
        assert on_screen(screen, overview)


async def test_the_cursor_of_a_long_part_is_shown_when_typing_at_its_end(store, template):
    draft = store.create(template, "Long")
    text = "\n".join(f"line {n}" for n in range(18))
    draft.set_answer("architecture", "overview", text)
    async with editing(store, template, draft, "architecture") as (_app, pilot, screen):
        area = part(screen, "overview").query_one(TextArea)
        area.focus()
        await pilot.pause()
        area.move_cursor(area.document.end)
        body = screen.body
        body.scroll_to(y=body.max_scroll_y, animate=False)  # the cursor is above the view
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.pause()
        row = area.cursor_screen_offset.y
        view = body.content_region
        assert view.y <= row < view.bottom
