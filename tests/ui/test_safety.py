"""Safety as a user sees it: read-only when open elsewhere, recovery from home, no empty overwrite."""

from __future__ import annotations

import datetime as dt

from textual.widgets import OptionList, Static, TextArea

from tdd_tui import history
from tdd_tui.lock import DraftLock
from tdd_tui.screens.dialogs import AskText, Confirm, PickVersion
from tdd_tui.screens.home import HomeScreen
from tdd_tui.widgets.part import PartEditor
from tdd_tui.widgets.save_status import SaveStatus
from tests.ui.conftest import SIZE, make_app, notes, on_disk, wait_until


async def test_a_draft_open_elsewhere_is_read_only_with_an_offer_of_a_copy(store, template):
    draft = store.create(template, "Shared")
    draft.position.section = "summary"
    path = store.save(draft)
    other_window = DraftLock(path)
    assert other_window.acquire()
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        banner = str(app.screen.query_one("#read-only-reason", Static).render())
        assert "open in another tdd-tui" in banner and "read-only" in banner.lower()
        assert app.screen.query_one(TextArea).read_only
        assert "read-only" in str(app.screen.query_one(SaveStatus).render())
        await pilot.press("f3")  # no mark changes either, and it says why
        await pilot.pause()
        assert app.session.draft.not_applicable == {} and not isinstance(app.screen, AskText)
        await pilot.click("#open-copy")
        await pilot.pause()
        assert app.session.draft.id == "shared-copy" and not app.session.read_only_reason
        assert not app.screen.query_one(TextArea).read_only
    other_window.release()
    assert sorted(store.ids()) == ["shared", "shared-copy"]


async def test_emptying_the_whole_document_is_not_autosaved(store, template, monkeypatch):
    draft = store.create(template, "")
    draft.metadata.pop("title", None)
    draft.set_answer("summary", "summary", "Only paragraph")
    draft.position.section = "summary"
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#part-summary", PartEditor).field.load("")
        await pilot.pause()
        await wait_until(
            pilot,
            lambda: "whole document is empty" in str(app.screen.query_one(SaveStatus).render()),
        )
        assert on_disk(store, draft.id).answer("summary", "summary") == "Only paragraph"
        await pilot.press("ctrl+s")  # on purpose: saved
        await pilot.pause()
        assert on_disk(store, draft.id).answer("summary", "summary") == ""


async def test_a_broken_paste_is_cleaned_with_a_message(store, template):
    draft = store.create(template, "Paste")
    draft.position.section = "summary"
    app = make_app(store, template, draft)
    shown = notes(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.screen.query_one("#part-summary", PartEditor).field.load("half \ud83d pair")
        await pilot.pause()
        assert any("replaced" in message for message in shown)
        app.action_save_now()
        assert on_disk(store, draft.id).answer("summary", "summary") == "half \ufffd pair"


async def test_home_restores_an_earlier_version_and_a_damaged_draft(store, template, monkeypatch):
    monkeypatch.setattr(history, "SPACING", dt.timedelta(0))
    draft = store.create(template, "Recover me")
    draft.set_answer("summary", "summary", "good")
    store.save(draft)
    draft.set_answer("summary", "summary", "bad")
    store.save(draft)
    app = make_app(store, template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, PickVersion)
        versions = app.screen.query_one(OptionList)
        versions.focus()
        versions.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert on_disk(store, draft.id).answer("summary", "summary") == "good"

        store.path_for(draft.id).write_text("format: 1\n  broken: [\n")
        app.screen.reload()
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        assert "does not load" in str(app.screen.query_one(".dialog-title", Static).render())
        await pilot.click("#yes")
        await pilot.pause()
        assert on_disk(store, draft.id).title == "Recover me"
        assert isinstance(app.screen, HomeScreen)


async def test_answers_to_parts_the_template_no_longer_has_are_shown_and_kept(store, template):
    draft = store.create(template, "Older")
    draft.answers["summary"] = {"summary": "Current text", "elevator_pitch": "[Old] pitch text"}
    draft.answers["retired_section"] = {"notes": ["kept item"]}
    draft.position.section = "summary"
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        older = [str(s.render()) for s in app.screen.body.query(".older-answer").results(Static)]
        assert older == ["elevator_pitch:\n[Old] pitch text"]  # shown as typed, not as markup
        await app.go("metadata")
        await pilot.pause()
        older = [str(s.render()) for s in app.screen.body.query(".older-answer").results(Static)]
        assert older == ["notes:\n• kept item"]
        await pilot.press("ctrl+q")
    saved = on_disk(store, draft.id)
    assert saved.answer("summary", "elevator_pitch") == "[Old] pitch text"
    assert saved.answer("retired_section", "notes") == ["kept item"]
