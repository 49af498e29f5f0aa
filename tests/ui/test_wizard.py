"""Filling a draft through the real widgets: every part kind, checklists, not applicable."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Button, Checkbox, Input, Select, SelectionList, Static, TextArea

from tdd_tui.draft import Draft
from tdd_tui.screens.dialogs import AskText, Confirm
from tdd_tui.widgets.lists import ListArea
from tdd_tui.widgets.part import PartEditor
from tdd_tui.widgets.records import RecordBox
from tdd_tui.widgets.section_head import SectionHead
from tests.ui.conftest import SIZE, make_app, on_disk, wait_until


def new_draft(store, template) -> Draft:
    return store.create(template, "Rate limiting", author="Dana")


def part(app, part_id: str) -> PartEditor:
    return app.screen.query_one(f"#part-{part_id}", PartEditor)


async def test_details_line_date_choice_multi_and_list(store, template):
    draft = new_draft(store, template)
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.key == "metadata"
        part(app, "target_release").query_one(Input).value = "2027-Q1"
        date = part(app, "date")
        date.query_one(Input).value = "next tuesday"
        await pilot.pause()
        error = date.query_one(".field-error", Static)
        assert error.display and "not a date: use YYYY-MM-DD" in str(error.render())
        date.query_one(Input).value = "2026-12-01"
        await pilot.pause()
        assert not error.display
        stakeholders = part(app, "stakeholders")
        stakeholders.query_one(SelectionList).select("Security")
        stakeholders.query_one(SelectionList).select("Product")
        other = stakeholders.query_one(ListArea)
        other.focus()
        await pilot.press(*"Legal")
        adrs = part(app, "related_adrs").query_one(ListArea)
        adrs.focus()
        await pilot.press(*"ADR-1", "enter", *"ADR-2")
        part(app, "status").query_one(Select).value = "In Review"
        await pilot.pause()
        assert isinstance(app.screen, Confirm)  # the sections are empty: it asks first
        await pilot.click("#yes")
        await pilot.pause()
        assert part(app, "status").query_one(Select).value == "In Review"
        await wait_until(
            pilot,
            lambda: not app.session.autosave.state.dirty and not app.session.autosave.state.saving,
        )
        meta = on_disk(store, draft.id).metadata
        assert meta["target_release"] == "2027-Q1"
        assert meta["date"] == "2026-12-01"
        assert meta["status"] == "In Review"
        assert meta["stakeholders"] == ["Product", "Security", "Legal"]
        assert meta["related_adrs"] == ["ADR-1", "ADR-2"]


async def test_title_is_required_inline_without_a_dead_end(store, template):
    draft = new_draft(store, template)
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        title = part(app, "title")
        title.query_one(Input).value = ""
        await pilot.pause()
        message = title.query_one(".part-message", Static)
        assert message.display and "title is required" in str(message.render())
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.key == "summary"  # moving on is never blocked


@pytest.mark.build_ahead  # typed while sections are built ahead, as in the app
async def test_text_list_and_reorder(store, template):
    draft = new_draft(store, template)
    draft.position.section = "goals"
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.key == "goals"
        first = part(app, "goals").query_one(ListArea)
        first.focus()
        await pilot.press(*"p99 < 300 ms", "enter", *"5% cap")
        await pilot.pause()
        await pilot.press("alt+up")
        await pilot.pause()
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.screen.key == "problem"
        area = part(app, "user_impact").query_one(TextArea)
        area.focus()
        await pilot.press(*"Timeouts", "enter", *"daily")
        app.action_save_now()
        saved = on_disk(store, draft.id)
        assert saved.answer("goals", "goals") == ["5% cap", "p99 < 300 ms"]
        assert saved.answer("problem", "user_impact") == "Timeouts\ndaily"


@pytest.mark.build_ahead  # typed while sections are built ahead, as in the app
async def test_group_records_add_fill_remove(store, template):
    draft = new_draft(store, template)
    draft.position.section = "failure_modes"
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        group = part(app, "failure_modes")
        first = list(group.query(".record-input").results(TextArea))
        first[0].load_text("Redis down")
        first[1].load_text("fail-open counter pages")
        add = group.query_one(".add-record", Button)
        add.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(add)
        await pilot.pause()
        fields = len(group.part.fields)
        second = list(group.query(".record-input").results(TextArea))[fields:]
        assert app.focused is second[0]
        second[0].load_text("Bad config push")
        second[-1].load_text("Revert from audit log")
        await pilot.pause()
        app.action_save_now()
        assert on_disk(store, draft.id).answer("failure_modes", "failure_modes") == [
            {"scenario": "Redis down", "detection": "fail-open counter pages"},
            {"scenario": "Bad config push", "recovery": "Revert from audit log"},
        ]
        first_box = group.query(RecordBox).first()
        first_box.scroll_visible(animate=False)
        await pilot.pause()
        await click_remove_link(pilot, first_box)  # "✕ Remove (f8)", in the box's lower edge
        await pilot.pause()
        app.action_save_now()
        assert on_disk(store, draft.id).answer("failure_modes", "failure_modes") == [
            {"scenario": "Bad config push", "recovery": "Revert from audit log"},
        ]
        assert [str(box.border_title) for box in group.query(RecordBox)] == ["#1"]
        # Each field's label is its input's title.
        labels = [str(w.border_title) for w in group.query(".record-input")]
        assert labels == [field.label for field in group.part.fields]


async def click_remove_link(pilot, box: RecordBox) -> None:
    """Click along the box's lower edge, from the right, until the link removes it."""
    region = box.region
    for x in range(region.width - 1, 0, -1):
        await pilot.click(box, offset=(x, region.height - 1))
        await pilot.pause()
        if not box.is_attached:
            return
    raise AssertionError("no remove link in the record's lower edge")


async def test_checklist_and_not_applicable(store, template):
    draft = new_draft(store, template)
    draft.position.section = "security"
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#checklist").query(Checkbox).first()
        box.toggle()
        await pilot.pause()
        part(app, "pii").field.focus_input()
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, AskText)
        app.screen.query_one(Input).value = "No personal data is stored"
        await pilot.press("enter")
        await pilot.pause()
        pii = part(app, "pii")
        assert pii.has_class("-na") and "No personal data" in str(pii.guide.render())
        # Typing goes on in the next part, not nowhere.
        focused = app.screen.focused
        assert focused is not None and focused in part(app, "encryption").query("*")
        await pilot.press(*"TLS 1.3 on every hop")
        assert part(app, "encryption").field.value == "TLS 1.3 on every hop"
        app.action_save_now()
        saved = on_disk(store, draft.id)
        assert saved.ticked("security") == ["threats"]
        assert saved.not_applicable == {"security.pii": "No personal data is stored"}

        await pilot.press("ctrl+g")
        await pilot.pause()
        app.screen.query_one(Input).value = "5"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.key == "current_state"
        head = app.screen.body.query_one(SectionHead)
        await pilot.click(head, offset=link_offset(head, "section_na"))
        await pilot.pause()
        app.screen.query_one(Input).value = "A new service"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.body.has_class("-section-na")
        app.action_save_now()
        assert on_disk(store, draft.id).not_applicable["current_state"] == "A new service"
        assert "Not applicable: A new service" in str(head.render())
        await pilot.click(head, offset=link_offset(head, "section_na"))  # undo
        await pilot.pause()
        app.action_save_now()
        assert "current_state" not in on_disk(store, draft.id).not_applicable


async def test_list_keys_join_split_remove_and_undo(store, template):
    draft = new_draft(store, template)
    draft.set_answer("goals", "non_goals", ["Billing", "gRPC", "Weights"])
    draft.position.section = "goals"
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field = part(app, "non_goals")
        area = field.query_one(ListArea)
        assert area.text == "- Billing\n- gRPC\n- Weights"
        area.focus()
        area.move_cursor((1, 2))  # where gRPC's text starts
        await pilot.press("backspace")  # joins it to the item above
        assert field.field.value == ["BillinggRPC", "Weights"]
        await pilot.press("ctrl+z")  # TextArea's own undo gives the item back
        assert field.field.value == ["Billing", "gRPC", "Weights"]
        area.move_cursor((0, len("- Billing")))
        await pilot.press("enter", *"Pricing")  # enter at the end of an item: a new one
        assert field.field.value == ["Billing", "Pricing", "gRPC", "Weights"]
        await pilot.press("enter", "backspace")  # an empty item goes with one backspace
        assert area.text == "- Billing\n- Pricing\n- gRPC\n- Weights"
        area.move_cursor((2, 0))
        await pilot.press("enter", *"Auth")  # at the start of an item: a new one above it
        assert field.field.value == ["Billing", "Pricing", "Auth", "gRPC", "Weights"]
        area.move_cursor((0, len("- Billing")))
        await pilot.press("delete")  # at the end of an item: the next joins it
        assert field.field.value == ["BillingPricing", "Auth", "gRPC", "Weights"]
        await pilot.press("ctrl+z")
        area.move_cursor((4, 3))
        await pilot.press("alt+up", "alt+up")  # Weights up two places, the cursor with it
        assert field.field.value == ["Billing", "Pricing", "Weights", "Auth", "gRPC"]
        assert area.cursor_location == (2, 3)
        await pilot.press("alt+down")
        assert field.field.value == ["Billing", "Pricing", "Auth", "Weights", "gRPC"]
        await pilot.pause()
        app.action_save_now()
        saved = on_disk(store, draft.id).answer("goals", "non_goals")
        assert saved == ["Billing", "Pricing", "Auth", "Weights", "gRPC"]


async def test_list_add_button_and_pasted_lines(store, template):
    draft = new_draft(store, template)
    draft.position.section = "goals"
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field = part(app, "non_goals")
        area = field.query_one(ListArea)
        await pilot.click(field.query_one(".add-item"))
        await pilot.pause()
        assert app.focused is area and area.text == "- "
        await pilot.press(*"Billing")
        await pilot.click(field.query_one(".add-item"))
        await pilot.click(field.query_one(".add-item"))  # the empty item is reused
        assert area.text == "- Billing\n- "
        app.post_message(events.Paste("Quotas\nWeights\n  per tenant"))
        await pilot.pause()
        assert area.text == "- Billing\n- Quotas\n- Weights\n  per tenant"
        assert field.field.value == ["Billing", "Quotas", "Weights\nper tenant"]


def link_offset(widget, action: str) -> tuple[int, int]:
    """Where in the widget a click runs action (found from what is drawn, wrapping included)."""
    region = widget.region
    for y in range(region.height):
        for x in range(region.width):
            style = widget.screen.get_style_at(region.x + x, region.y + y)
            if style.meta.get("@click", "").startswith(action):
                return x, y
    raise AssertionError(f"no {action} link drawn")


async def test_guide_links_show_the_example_and_mark_not_applicable(store, template):
    draft = new_draft(store, template)
    draft.position.section = "security"
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pii = part(app, "pii")
        pii.scroll_visible(animate=False, top=True)
        await pilot.pause()
        assert not pii.query(".example")  # built only when first shown
        await pilot.click(pii.guide, offset=link_offset(pii.guide, "example"))
        await pilot.pause()
        example = pii.query_one(".example", Static)
        assert example.display
        assert str(example.render()).startswith(pii.part.example.strip()[:20])
        await pilot.click(pii.guide, offset=link_offset(pii.guide, "example"))
        await pilot.pause()
        assert not example.display

        await pilot.click(pii.guide, offset=link_offset(pii.guide, "not_applicable"))
        await pilot.pause()
        assert isinstance(app.screen, AskText)
        app.screen.query_one(Input).value = "Nothing personal"
        await pilot.press("enter")
        await pilot.pause()
        assert "Not applicable: Nothing personal" in str(pii.guide.render())
        assert "Applies after all (F3)" in str(pii.guide.render()).splitlines()[0]


async def test_tab_only_visits_fields_and_f7_f8_add_and_remove_rows(store, template):
    draft = new_draft(store, template)
    draft.position.section = "tradeoffs"
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        group = part(app, "alternatives")
        group.query(".record-input").first().focus()
        # Tab through the whole row, typing in each field: every word lands in its own field.
        fields = [f.label for f in template.section("tradeoffs").part("alternatives").fields]
        for label in fields:
            assert not isinstance(app.focused, Button)
            await pilot.press(*label.split()[0])
            await pilot.press("tab")
        row = on_disk_after_save(app, store, draft.id)
        assert row == [{f.id: f.label.split()[0] for f in part(app, "alternatives").part.fields}]
        # F7 adds a row after this one, the cursor in it; F8 removes the row with the cursor.
        group.query(".record-input").first().focus()
        await pilot.press("f7")
        await pilot.pause()
        assert len(group.query(".record")) == 2
        assert app.focused in group.query(".record").last().query(".record-input")
        await pilot.press(*"Second")
        await pilot.press("f8")
        await pilot.pause()
        assert len(group.query(".record")) == 1
        assert app.focused in group.query(".record").first().query(".record-input")
        # Enter in a field never presses a button.
        await pilot.press("enter")
        await pilot.pause()
        assert len(group.query(".record")) == 1


def on_disk_after_save(app, store, draft_id):
    app.action_save_now()
    return on_disk(store, draft_id).answer("tradeoffs", "alternatives")


async def test_a_section_every_design_answers_cannot_be_skipped_and_n_a_needs_a_reason(
    store, template
):
    from tests.ui.conftest import notes

    draft = new_draft(store, template)
    draft.position.section = "security"
    app = make_app(store, template, draft)
    shown = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.body.query_one(SectionHead).link is None  # no link to skip Security
        app.screen._toggle_section_na()  # what F3 does with the cursor in no part
        await pilot.pause()
        assert any(n.startswith("Every design answers 8. Security") for n in shown)
        assert app.session.draft.not_applicable_reason("security") is None
        # F3 in a part asks for the reason and will not take an empty one.
        part(app, "pii").field.focus_input()
        await pilot.press("f3")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AskText)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "Say why" in str(dialog.query_one(".dialog-error").render())
        await pilot.press(*"Only service accounts call it", "enter")
        await pilot.pause()
        reason = app.session.draft.not_applicable_reason("security", "pii")
        assert reason == "Only service accounts call it"
