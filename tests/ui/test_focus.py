"""Where the cursor goes: always somewhere to type, and on screen when typing."""

from __future__ import annotations

from textual.widgets import TextArea

from tdd_tui.widgets.part import PartEditor
from tdd_tui.widgets.section_head import SectionHead
from tests.ui.conftest import editing, wait_until


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


def typeable(app) -> bool:
    """The focus is on a place to type (or tick), shown and enabled, inside the screen."""
    from textual.widgets import Checkbox, Input, Select, SelectionList

    widget = app.focused
    if not isinstance(widget, TextArea | Input | Select | SelectionList | Checkbox):
        return False
    if widget.disabled or getattr(widget, "read_only", False):
        return False
    node = widget
    while node is not None and node is not app.screen:
        if not node.display:
            return False
        node = node.parent
    where = widget.region
    return bool(where) and app.screen.region.contains_region(where)


async def test_focus_lands_where_one_can_type_after_every_action(store, template, sample):
    from textual.widgets import Checkbox

    from tdd_tui.screens.dialogs import AskText
    from tdd_tui.screens.help import HelpScreen

    sample.position.section = "summary"
    async with editing(store, template, sample, "summary") as (app, pilot, screen):
        assert typeable(app)  # resume: the part left off in

        await pilot.press("ctrl+n")  # a section switch
        await wait_until(pilot, lambda: screen.key == "problem" and typeable(app))

        await pilot.press("f1")  # a dialog, closed with escape
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: typeable(app))

        await pilot.press("ctrl+g")  # go to, cancelled
        await pilot.pause()
        assert isinstance(app.screen, AskText)
        await pilot.press("escape")
        await wait_until(pilot, lambda: typeable(app))

        await pilot.press("f3")  # not applicable, cancelled then done
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        before = app.focused
        assert typeable(app)
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press(*"Covered elsewhere", "enter")
        await wait_until(
            pilot, lambda: typeable(app) and app.focused is not before
        )  # the next part

        await app.go("goals")  # an item added with Enter
        await pilot.pause()
        goals = part(screen, "goals")
        goals.query(TextArea).last().focus()
        await pilot.press("end", "enter")
        await wait_until(
            pilot, lambda: typeable(app) and app.focused is goals.query(TextArea).last()
        )
        await pilot.press("backspace")  # the empty item removed again
        await wait_until(pilot, lambda: typeable(app))

        await app.go("failure_modes")  # a row removed, then given back
        await pilot.pause()
        rows = part(screen, "failure_modes").query(".record")
        rows.first().query(".record-input").first().focus()
        await pilot.press("f8")
        await wait_until(pilot, lambda: typeable(app))
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: typeable(app))

        await app.go("current_state")  # the whole section not applicable
        await pilot.pause()
        screen.body.query_one(SectionHead).action_section_na()
        await pilot.pause()
        await pilot.press(*"A batch job with no user data", "enter")
        await wait_until(pilot, lambda: isinstance(app.focused, Checkbox) and typeable(app))
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: typeable(app) and isinstance(app.focused, TextArea))


async def test_tab_into_a_line_field_never_selects_it_so_typing_adds(store, template):
    from textual.widgets import Input

    draft = store.create(template, "Kept title")
    draft.metadata["author"] = "Dana"
    async with editing(store, template, draft, "metadata") as (app, pilot, screen):
        title = part(screen, "title").query_one(Input)
        title.focus()
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        author = part(screen, "author").query_one(Input)
        assert app.focused is author
        await pilot.press(*" Okafor")
        await pilot.pause()
        assert author.value == "Dana Okafor"
        await pilot.press("shift+tab")
        await pilot.pause()
        await pilot.press("!")
        await pilot.pause()
        assert title.value == "Kept title!"


async def test_tab_into_a_part_with_text_carries_on_where_its_text_ends(store, template):
    # At the start, a word typed into a list went in front of its first bullet.
    draft = store.create(template, "Tabbed")
    draft.set_answer("goals", "goals", ["Cut p99 to 300 ms"])
    draft.set_answer("goals", "non_goals", ["Billing", "Internal APIs"])
    async with editing(store, template, draft, "goals") as (app, pilot, screen):
        goals = part(screen, "goals").query_one(TextArea)
        await wait_until(pilot, lambda: app.focused is goals)
        await pilot.press("enter", *"Keep 429s rare", "tab")
        non_goals = part(screen, "non_goals").query_one(TextArea)
        await wait_until(pilot, lambda: app.focused is non_goals)
        await pilot.press("enter", *"gRPC")
        await wait_until(
            pilot, lambda: app.session.draft.answer("goals", "non_goals")[-1] == "gRPC"
        )
        assert app.session.draft.answer("goals", "goals") == ["Cut p99 to 300 ms", "Keep 429s rare"]
        assert app.session.draft.answer("goals", "non_goals") == [
            "Billing",
            "Internal APIs",
            "gRPC",
        ]


async def test_a_click_into_a_part_puts_the_cursor_where_it_clicked(store, template):
    draft = store.create(template, "Clicked")
    draft.set_answer("goals", "goals", ["Cut p99 to 300 ms"])
    draft.set_answer("goals", "non_goals", ["Billing", "Internal APIs", "gRPC"])
    async with editing(store, template, draft, "goals") as (app, pilot, screen):
        non_goals = part(screen, "non_goals").query_one(TextArea)
        # The first line, a few columns in (inside the border and the padding).
        await pilot.click(non_goals, offset=(6, 1))
        await wait_until(pilot, lambda: app.focused is non_goals)
        await pilot.pause()
        assert non_goals.cursor_location[0] == 0
