"""Quitting never drops unsaved text: a failing disk at quit, at Escape, and on a signal."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from tdd_tui import rescue
from tdd_tui.draft_file import read_draft_file
from tdd_tui.screens.choose import Choose
from tdd_tui.screens.dialogs import AskText
from tdd_tui.screens.home import HomeScreen
from tdd_tui.store import StoreError
from tests.ui.conftest import SIZE, make_app, notes, wait_until


@pytest.fixture
def failing_disk(store, template, monkeypatch):
    """A draft open on its summary, with every save of it failing as a full disk would."""
    draft = store.create(template, "Unsaved")
    draft.position.section = "summary"
    app = make_app(store, template, draft)
    monkeypatch.setattr("tdd_tui.autosave.RETRY", 60.0)
    real_write = store.write_data

    def write_data(data, target, **options):
        if target == store.path_for(draft.id):
            raise StoreError("could not save unsaved.yaml: the disk is full; free some space")
        return real_write(data, target, **options)

    monkeypatch.setattr(store, "write_data", write_data)
    return app


async def type_unsaved(pilot, app) -> None:
    await pilot.pause()
    area = app.screen.query_one("#part-summary TextArea", TextArea)
    area.focus()
    await pilot.press(*"Precious words")
    await wait_until(pilot, lambda: bool(app.session and app.session.unsaved()))


def rescued_summaries() -> list[str]:
    return [str(read_draft_file(p).answer("summary", "summary")) for p in rescue.unreported()]


async def test_quit_asks_and_stay_keeps_the_app_and_the_text(failing_disk):
    app = failing_disk
    async with app.run_test(size=SIZE) as pilot:
        await type_unsaved(pilot, app)
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, Choose) and app.screen.armed)
        await pilot.press("s")
        await pilot.pause()
        assert app.is_running and app.session is not None
        area = app.screen.query_one("#part-summary TextArea", TextArea)
        assert area.text == "Precious words"
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, Choose) and app.screen.armed)
        await pilot.press("q")  # quit anyway: the text goes to the rescue folder
    assert rescued_summaries() == ["Precious words"]
    assert "your text was written to" in app.farewell


async def test_write_a_copy_to_another_folder(failing_disk, tmp_path: Path):
    app = failing_disk
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    async with app.run_test(size=SIZE) as pilot:
        await type_unsaved(pilot, app)
        await pilot.press("escape")  # leaving the draft asks too
        await wait_until(pilot, lambda: isinstance(app.screen, Choose) and app.screen.armed)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, AskText))
        app.screen.query_one(Input).value = str(elsewhere)
        await pilot.press("enter")
        await wait_until(pilot, lambda: (elsewhere / "unsaved.yaml").exists())
        assert not isinstance(app.screen, HomeScreen)  # still in the draft
    copy = read_draft_file(elsewhere / "unsaved.yaml")
    assert copy.answer("summary", "summary") == "Precious words"


async def test_a_signal_rescues_the_text_and_the_next_start_says_where(
    failing_disk, store, template
):
    app = failing_disk
    async with app.run_test(size=SIZE) as pilot:
        await type_unsaved(pilot, app)
        app._save_and_exit()  # what SIGTERM and SIGHUP run: nobody there to ask
        await pilot.pause()
    assert rescued_summaries() == ["Precious words"]
    [where] = rescue.unreported()
    again = make_app(store, template)
    shown = notes(again)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert any(str(where) in message and "tdd-tui open" in message for message in shown)
    assert rescue.unreported() == []  # told once
