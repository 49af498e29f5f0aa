"""Nothing is one key press from gone: removals and not-applicable marks come back with ctrl+z."""

from __future__ import annotations

from textual.widgets import Button, Input, TextArea
from textual.widgets._toast import Toast

from tdd_tui.screens.dialogs import AskText
from tdd_tui.widgets.lists import ItemArea
from tdd_tui.widgets.part import PartEditor
from tests.ui.conftest import SIZE, editing, make_app, notes, on_disk, wait_until


def part(screen, part_id: str) -> PartEditor:
    return screen.body.query_one(f"#part-{part_id}", PartEditor)


async def saved_now(pilot, app) -> None:
    """Wait for the autosave, as a user who pauses would: the removal is on disk."""
    state = app.session.autosave.state
    await wait_until(pilot, lambda: not state.dirty and not state.saving)


ROWS = [
    {"option": "Token bucket in Redis", "pros": "Shared", "cons": "A network hop"},
    {"option": "Local counters", "pros": "Fast", "cons": "Drifts across pods"},
    {"option": "Envoy rate limit", "pros": "Off the shelf", "cons": "Another service"},
]


async def test_a_removed_row_comes_back_with_ctrl_z_after_the_autosave(store, template):
    draft = store.create(template, "Rate limiting")
    draft.set_answer("tradeoffs", "alternatives", [dict(r) for r in ROWS])
    async with editing(store, template, draft, "tradeoffs") as (app, pilot, screen):
        shown = notes(app)
        group = part(screen, "alternatives")
        second = group.query(".record")[1]
        second.query(".record-input").first().focus()
        await pilot.press("f8")
        await pilot.pause()
        await saved_now(pilot, app)
        assert on_disk(store, draft.id).answer("tradeoffs", "alternatives") == [ROWS[0], ROWS[2]]
        assert any("Removed row #2" in n and "ctrl+z" in n for n in shown)
        await pilot.press("ctrl+z")
        await pilot.pause()
        await saved_now(pilot, app)
        assert on_disk(store, draft.id).answer("tradeoffs", "alternatives") == ROWS
        # The cursor is back in the row that came back, and Tab goes on through its fields.
        rows = group.query(".record")
        assert app.focused in rows[1].query(".record-input")
        assert isinstance(app.focused, TextArea) and app.focused.text == "Local counters"


async def test_ctrl_z_after_typing_undoes_the_typing_first(store, template):
    draft = store.create(template, "Rate limiting")
    draft.set_answer("goals", "goals", ["Cut p99 to 20 ms", "No new services"])
    async with editing(store, template, draft, "goals") as (app, pilot, screen):
        goals = part(screen, "goals")
        goals.query(".remove-item").first(Button).press()
        await pilot.pause()
        assert app.session.value("goals", "goals") == ["No new services"]
        # Typing after the removal: ctrl+z is the text field's own undo again.
        await pilot.press("end", *" soon")
        await wait_until(pilot, lambda: app.session.value("goals", "goals")[-1].endswith("soon"))
        assert app.session.value("goals", "goals") == ["No new services soon"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.value("goals", "goals") == ["No new services"]
        # The removed item is still offered by the notice's Undo.
        await app.action_undo()
        await pilot.pause()
        assert app.session.value("goals", "goals") == ["Cut p99 to 20 ms", "No new services"]
        assert app.focused is goals.query(ItemArea).first()


async def test_the_notice_will_not_undo_over_later_changes_to_the_part(store, template):
    draft = store.create(template, "Rate limiting")
    draft.set_answer("goals", "goals", ["One", "Two"])
    async with editing(store, template, draft, "goals") as (app, pilot, screen):
        shown = notes(app)
        goals = part(screen, "goals")
        goals.query(".remove-item").first(Button).press()
        await pilot.pause()
        goals.query(ItemArea).first().focus()
        await pilot.press("end", *"!")
        await wait_until(pilot, lambda: app.session.value("goals", "goals") == ["Two!"])
        await app.action_undo()
        await pilot.pause()
        assert app.session.value("goals", "goals") == ["Two!"]
        assert any("can no longer be undone" in n for n in shown)


async def test_marking_a_part_and_a_section_not_applicable_is_undone_by_ctrl_z(store, template):
    draft = store.create(template, "Rate limiting")
    draft.set_answer("security", "pii", "Emails are hashed before they are logged.")
    async with editing(store, template, draft, "security") as (app, pilot, screen):
        pii = part(screen, "pii")
        pii.field.focus_input()
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, AskText)
        await pilot.press(*"No personal data", "enter")
        await pilot.pause()
        assert app.session.draft.not_applicable_reason("security", "pii") == "No personal data"
        await saved_now(pilot, app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.draft.not_applicable_reason("security", "pii") is None
        assert app.focused is pii.field.input_widget()
        await saved_now(pilot, app)
        assert on_disk(store, draft.id).not_applicable_reason("security", "pii") is None

        await app.go("current_state")  # a section the template lets be skipped
        await pilot.pause()
        screen.body.query_one(".section-na", Button).press()
        await pilot.pause()
        await pilot.press(*"A new service", "enter")
        await pilot.pause()
        assert app.session.draft.not_applicable_reason("current_state") == "A new service"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.draft.not_applicable_reason("current_state") is None
        assert "-section-na" not in screen.body.classes
        assert app.focused is not None and app.focused.parent is not None


async def test_ctrl_z_in_a_line_field_brings_back_a_deleted_line(store, template):
    draft = store.create(template, "Rate limiting")
    draft.metadata["target_release"] = "2027-Q1"
    async with editing(store, template, draft, "metadata") as (app, pilot, screen):
        field = part(screen, "target_release").query_one(Input)
        field.focus()
        await pilot.press("end", "ctrl+u")  # the whole line, in one key
        await pilot.pause()
        assert app.session.draft.metadata.get("target_release", "") == ""
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert field.value == "2027-Q1"
        assert app.session.draft.metadata["target_release"] == "2027-Q1"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert field.value == ""


async def test_text_area_undo_still_works_inside_a_part(store, template):
    draft = store.create(template, "Rate limiting")
    async with editing(store, template, draft, "summary") as (_app, pilot, screen):
        area = part(screen, "summary").query_one(TextArea)
        area.focus()
        await pilot.press(*"Hello")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert area.text == ""


async def test_undo_in_the_notice_works_by_mouse(store, template):
    draft = store.create(template, "Rate limiting")
    draft.set_answer("goals", "goals", ["Cut p99 to 20 ms", "No new services"])
    draft.position.section = "goals"
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        part(app.screen, "goals").query(".remove-item").first(Button).press()
        await pilot.pause(0.3)
        toast = app.screen.query_one(Toast)
        lines = str(toast.render()).splitlines()
        assert lines[0].startswith("Removed the item “Cut p99 to 20 ms”.")
        row = next(i for i, line in enumerate(lines) if "Undo" in line)
        # The toast has a margin of one cell and padding of one column on the left.
        await pilot.click(toast, offset=(lines[row].index("Undo") + 3, row + 1))
        await pilot.pause()
        assert app.session.value("goals", "goals") == ["Cut p99 to 20 ms", "No new services"]
