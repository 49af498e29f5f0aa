"""Nothing is one key press from gone: removals and not-applicable marks come back with ctrl+z."""

from __future__ import annotations

from textual.widgets import Input, TextArea
from textual.widgets._toast import Toast

from tdd_tui.screens.dialogs import AskText
from tdd_tui.widgets.lists import ListArea
from tdd_tui.widgets.part import PartEditor
from tdd_tui.widgets.records import RecordBox
from tdd_tui.widgets.section_head import SectionHead
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
    draft.set_answer("tradeoffs", "alternatives", [dict(r) for r in ROWS[:2]])
    async with editing(store, template, draft, "tradeoffs") as (app, pilot, screen):
        group = part(screen, "alternatives")
        group.query(RecordBox).first().action_remove()
        await pilot.pause()
        assert app.session.value("tradeoffs", "alternatives") == [ROWS[1]]
        # Typing after the removal: ctrl+z is the text field's own undo again.
        group.query(".record-input").first().focus()
        await pilot.press("end", *" soon")
        value = lambda: app.session.value("tradeoffs", "alternatives")[0]["option"]  # noqa: E731
        await wait_until(pilot, lambda: value() == "Local counters soon")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert value() == "Local counters"
        # The removed row is still offered by the notice's Undo.
        await app.action_undo()
        await pilot.pause()
        assert app.session.value("tradeoffs", "alternatives") == ROWS[:2]
        assert app.focused is group.query(".record-input").first()


async def test_the_notice_will_not_undo_over_later_changes_to_the_part(store, template):
    draft = store.create(template, "Rate limiting")
    draft.set_answer("tradeoffs", "alternatives", [dict(r) for r in ROWS[:2]])
    async with editing(store, template, draft, "tradeoffs") as (app, pilot, screen):
        shown = notes(app)
        group = part(screen, "alternatives")
        group.query(RecordBox).first().action_remove()
        await pilot.pause()
        group.query(".record-input").first().focus()
        await pilot.press("end", *"!")
        value = lambda: app.session.value("tradeoffs", "alternatives")[0]["option"]  # noqa: E731
        await wait_until(pilot, lambda: value() == "Local counters!")
        await app.action_undo()
        await pilot.pause()
        assert value() == "Local counters!"
        assert any("can no longer be undone" in n for n in shown)


async def test_a_list_item_taken_by_one_key_comes_back_after_the_autosave(store, template):
    draft = store.create(template, "Rate limiting")
    draft.set_answer("goals", "goals", ["Cut p99 to 20 ms", "No new services"])
    async with editing(store, template, draft, "goals") as (app, pilot, screen):
        area = part(screen, "goals").query_one(ListArea)
        area.focus()
        area.select_line(0)
        await pilot.press("backspace", "backspace")  # the text, then the empty item
        await saved_now(pilot, app)
        assert on_disk(store, draft.id).answer("goals", "goals") == ["No new services"]
        await pilot.press("ctrl+z")
        await saved_now(pilot, app)
        assert on_disk(store, draft.id).answer("goals", "goals") == [
            "Cut p99 to 20 ms",
            "No new services",
        ]


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
        screen.body.query_one(SectionHead).action_section_na()
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
    draft.set_answer("tradeoffs", "alternatives", [dict(r) for r in ROWS])
    draft.position.section = "tradeoffs"
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        part(app.screen, "alternatives").query(RecordBox).first().action_remove()
        await pilot.pause(0.3)
        toast = app.screen.query_one(Toast)
        lines = str(toast.render()).splitlines()
        assert lines[0].startswith("Removed row #1.")
        row = next(i for i, line in enumerate(lines) if "Undo" in line)
        # The toast has a margin of one cell and padding of one column on the left.
        await pilot.click(toast, offset=(lines[row].index("Undo") + 3, row + 1))
        await pilot.pause()
        assert app.session.value("tradeoffs", "alternatives") == ROWS


async def test_ctrl_z_takes_out_a_long_paste_and_redo_puts_it_back(store, template):
    """The part grows a scrollbar with the paste and loses it with the undo: the cursor
    must be back in the text before the view follows it."""
    from textual import events

    pasted = "".join(f"Line {i} of a long paste.\n" for i in range(40))
    draft = store.create(template, "Rate limiting")
    async with editing(store, template, draft, "summary") as (app, pilot, screen):
        area = part(screen, "summary").query_one(TextArea)
        area.focus()
        app.post_message(events.Paste(pasted))
        await wait_until(pilot, lambda: area.text == pasted)
        await pilot.pause()
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: area.text == "")
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: area.text == pasted)
        await saved_now(pilot, app)
        assert on_disk(store, draft.id).answer("summary", "summary") == pasted


async def test_the_cursor_stays_in_view_after_a_paste_typed_key_by_key(store, template):
    """A paste a terminal types out key by key arrives in chunks; the part grows tall (and
    scrolls inside) on the way: its view ends on the cursor, where the paste ends."""
    from textual import events
    from textual.keys import _character_to_key

    pasted = "".join(f"Line {i} of a long paste.\n" for i in range(60)) + "The end."
    draft = store.create(template, "Rate limiting")
    async with editing(store, template, draft, "summary") as (app, pilot, screen):
        area = part(screen, "summary").query_one(TextArea)
        area.focus()
        for start in range(0, len(pasted), 300):  # as the terminal's reads deliver it
            for char in pasted[start : start + 300]:
                key = "enter" if char == "\n" else _character_to_key(char)
                app.post_message(events.Key(key, char))
            await pilot.pause()
        await wait_until(pilot, lambda: area.text == pasted)
        await pilot.pause()
        x, y = area.cursor_screen_offset
        assert area.content_region.contains(x, y)


async def test_a_part_replaced_from_the_editor_comes_back_with_ctrl_z(
    store, template, tmp_path, monkeypatch
):
    # An editor that empties the file: the part's whole text replaced in one go.
    import contextlib

    from tests.ui.test_saving import editor_script

    monkeypatch.setenv("EDITOR", editor_script(tmp_path, ': > "$1"\n'))
    draft = store.create(template, "Replaced")
    draft.set_answer("summary", "summary", "Three careful paragraphs.")
    async with editing(store, template, draft, "summary") as (app, pilot, screen):
        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: part(screen, "summary").field.value == "")
        await saved_now(pilot, app)
        assert on_disk(store, draft.id).answer("summary", "summary") in ("", None)
        await pilot.press("ctrl+z")
        await wait_until(
            pilot, lambda: part(screen, "summary").field.value == "Three careful paragraphs."
        )
        await saved_now(pilot, app)
        assert on_disk(store, draft.id).answer("summary", "summary") == "Three careful paragraphs."
