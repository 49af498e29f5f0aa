"""Reviewer warnings in the wizard, and the status gates."""

from __future__ import annotations

from textual.widgets import OptionList, Select, Static

from tdd_tui.screens.dialogs import Confirm
from tdd_tui.widgets.part import PartEditor
from tests.ui.conftest import SIZE, make_app, notes, on_disk, wait_until


async def test_warnings_show_in_the_section_and_as_a_sidebar_count(store, template, sample):
    sample.position.section = "requirements"
    app = make_app(store, template, sample)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        notes = app.screen.body.query_one(".review-notes", Static)
        assert not notes.display  # the example has nothing for a reviewer to flag
        app.screen.query_one("#part-performance", PartEditor).field.load("It must be fast.")
        await wait_until(pilot, lambda: notes.display)
        assert "'fast' with no measurable target" in str(notes.render())
        sidebar = app.screen.query_one("#sections", OptionList)
        assert "⚠1" in str(sidebar.get_option("requirements").prompt)


async def test_in_review_with_gaps_asks_first_and_cancel_keeps_draft(store, template):
    draft = store.create(template, "Gaps")
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        status = app.screen.query_one("#part-status", PartEditor).query_one(Select)
        status.value = "In Review"
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "1. Executive Summary: nothing written yet" in app.screen.message
        await pilot.press("escape")
        await pilot.pause()
        assert status.value == "Draft"
        app.action_save_now()
        assert on_disk(store, draft.id).status == "Draft"


async def test_approved_without_success_criteria_is_refused(store, template, sample):
    sample.set_answer("validation", "metrics", "")
    sample.metadata["status"] = "In Review"
    sample.position.section = "metadata"
    app = make_app(store, template, sample)
    shown = notes(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        status = app.screen.query_one("#part-status", PartEditor).query_one(Select)
        status.value = "Approved"
        await pilot.pause()
        assert status.value == "In Review"
        refused = next(m for m in shown if m.startswith("Not approved"))
        assert "Validation & Success Criteria › Metrics: required, empty" in refused
        app.action_save_now()
        assert on_disk(store, sample.id).status == "In Review"


async def test_sending_for_review_anyway_says_so_in_the_doc(store, template):
    draft = store.create(template, "Gaps")
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        status = app.screen.query_one("#part-status", PartEditor).query_one(Select)
        status.value = "In Review"
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.click("#yes")
        await pilot.pause()
        app.action_save_now()
        saved = on_disk(store, draft.id)
        assert saved.status == "In Review"
        assert saved.metadata["review_note"].startswith("Sent for review with ")
        note = app.screen.query_one("#part-review_note", PartEditor).field
        assert note.value == saved.metadata["review_note"]
