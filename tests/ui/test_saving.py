"""Autosave as a user sees it: on disk after a pause, errors in words, nothing lost on quit."""

from __future__ import annotations

import contextlib
import stat
from pathlib import Path

from textual.widgets import TextArea

from tdd_tui.store import StoreError
from tdd_tui.widgets.part import PartEditor
from tdd_tui.widgets.save_status import SaveStatus
from tests.ui.conftest import SIZE, editing, make_app, notes, on_disk, saved, wait_until


def status(app) -> str:
    return str(app.screen.query_one(SaveStatus).render())


async def open_summary(store, template, title="Saving"):
    draft = store.create(template, title)
    draft.position.section = "summary"
    return draft, make_app(store, template, draft)


async def test_typing_reaches_disk_after_a_pause(store, template):
    draft, app = await open_summary(store, template)
    path = store.path_for(draft.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"abc")
        assert "abc" not in saved(path)  # not on every keystroke: after the pause
        await wait_until(pilot, lambda: "summary: abc" in saved(path))
        await wait_until(pilot, lambda: status(app).startswith("saved"))


async def test_a_failing_disk_keeps_the_text_and_says_so(store, template, monkeypatch):
    draft, app = await open_summary(store, template)
    path = store.path_for(draft.id)
    monkeypatch.setattr("tdd_tui.autosave.RETRY", 0.3)
    real_write = store.write_data
    failing = {"on": True}

    def write_data(data, target, **options):
        if failing["on"]:
            raise StoreError("could not save saving.yaml: the disk is full; free some space")
        real_write(data, target)

    monkeypatch.setattr(store, "write_data", write_data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Precious words")
        await wait_until(pilot, lambda: "disk is full" in status(app))
        assert "kept in memory" in status(app)
        assert app.screen.query_one(TextArea).text == "Precious words"
        assert "Precious words" not in saved(path)
        failing["on"] = False
        await wait_until(pilot, lambda: "Precious words" in saved(path))
        await wait_until(pilot, lambda: status(app).startswith("saved"))


async def test_quit_straight_after_typing_loses_nothing(store, template):
    draft, app = await open_summary(store, template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Last words", "ctrl+q")
    assert on_disk(store, draft.id).answer("summary", "summary") == "Last words"


async def test_leaving_a_section_saves_at_once(store, template):
    draft, app = await open_summary(store, template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"abc", "escape")
        await pilot.pause()
        assert on_disk(store, draft.id).answer("summary", "summary") == "abc"


def editor_script(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-editor"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


async def test_external_editor_round_trip(store, template, tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, 'printf "\\n\\nAdded in vim." >> "$1"\n'))
    draft, app = await open_summary(store, template)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Draft text", "ctrl+o")
        await pilot.pause()
        editor = app.screen.query_one("#part-summary", PartEditor)
        assert editor.field.value == "Draft text\n\nAdded in vim."
        app.action_save_now()
        assert (
            on_disk(store, draft.id).answer("summary", "summary") == "Draft text\n\nAdded in vim."
        )


async def test_text_saved_in_the_editor_is_kept_whatever_its_exit_status(
    store, template, tmp_path, monkeypatch
):
    # vim exits 1 when its terminal goes away after :w: what it saved must not be lost.
    monkeypatch.setenv(
        "EDITOR", editor_script(tmp_path, 'echo "Saved, then lost the tty" > "$1"; exit 1\n')
    )
    draft, app = await open_summary(store, template)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    shown = notes(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press(*"Old text", "ctrl+o")
        await pilot.pause()
        field = app.screen.query_one("#part-summary", PartEditor).field
        assert field.value == "Saved, then lost the tty"
        assert any("exited with status 1" in m and "applied" in m for m in shown)
        # On disk at once, not after the next pause.
        assert on_disk(store, draft.id).answer("summary", "summary") == "Saved, then lost the tty"


async def test_an_editor_that_fails_without_saving_changes_nothing(
    store, template, tmp_path, monkeypatch
):
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "exit 3\n"))
    _draft, app = await open_summary(store, template)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    shown = notes(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press(*"Keep me", "ctrl+o")
        await pilot.pause()
        assert app.screen.query_one("#part-summary", PartEditor).field.value == "Keep me"
        assert any("exited with status 3" in message for message in shown)


async def test_moving_alone_neither_bumps_edited_nor_makes_a_version(store, template, monkeypatch):
    import datetime as dt
    import os

    from tdd_tui import history

    monkeypatch.setattr(history, "SPACING", dt.timedelta(0))  # every edit would make one
    draft, app = await open_summary(store, template)
    path = store.path_for(draft.id)
    os.utime(path, (1_700_000_000, 1_700_000_000))
    updated = on_disk(store, draft.id).updated
    kept = history.versions(store.root, draft.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(3):
            await pilot.press("ctrl+n")
            await pilot.pause()
        await pilot.press("ctrl+q")
    after = on_disk(store, draft.id)
    assert after.position.section == "requirements"  # where the author was: saved
    assert os.stat(path).st_mtime == 1_700_000_000  # "Edited" still says when it was edited
    assert after.updated == updated
    assert history.versions(store.root, draft.id) == kept


async def test_a_paste_arriving_a_key_at_a_time_is_saved_whole_and_in_order(store, template):
    """Keys posted all at once, as a terminal without bracketed paste sends them: they are
    taken in a few edits, a batch of keys each (the app lets the loop run every 20 ms in
    between, to paint and save), and not one key is lost or moved."""
    from textual import events
    from textual.keys import _character_to_key

    from tdd_tui.widgets.fields import Field

    pasted = "".join(f"Line {i}: retries back off, then stop.\n" for i in range(30))
    draft, app = await open_summary(store, template)
    posted = []
    original = Field.changed

    def counted(self, took=None):
        posted.append(self._posted)
        original(self, took)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        Field.changed = counted  # type: ignore[method-assign]
        try:
            for char in pasted:
                key = "enter" if char == "\n" else _character_to_key(char)
                app.post_message(events.Key(key, char))
            area = app.focused
            assert isinstance(area, TextArea)
            await wait_until(pilot, lambda: area.text == pasted, timeout=30)
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: saved_text(store, draft.id) == pasted, timeout=10)
            edits = len(posted)
            await pilot.press("ctrl+z")  # takes out the last batch, not a single key
            assert pasted.startswith(area.text) and len(pasted) - len(area.text) > 1
        finally:
            Field.changed = original  # type: ignore[method-assign]
    assert edits < len(pasted) // 10  # 1,170 keys: batches, not an edit a key


def saved_text(store, draft_id: str) -> str:
    answer = on_disk(store, draft_id).answer("summary", "summary")
    return answer if isinstance(answer, str) else ""


async def test_moving_through_a_section_rewrites_nothing_the_author_did_not_touch(store, template):
    # A list as a hand edit or an older version left it: an item ending in a blank line,
    # which the list field shows without. Passing through must not tidy the file.
    draft = store.create(template, "Untouched")
    draft.answers["goals"] = {"goals": ["Cut p99 to 2 ms\n", "Keep the error rate"]}
    draft.position.section = "goals"
    store.save(draft)
    app = make_app(store, template, draft)
    before = saved(store.path_for(draft.id))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.go("requirements")
        await app.go("goals")
        await app.go("summary")
        await pilot.pause(0.3)
        app.commit()
        app.session.flush()
        await pilot.pause()
    assert on_disk(store, draft.id).answers["goals"]["goals"] == [
        "Cut p99 to 2 ms\n",
        "Keep the error rate",
    ]
    assert "Cut p99 to 2 ms" in before


async def test_a_key_whose_message_is_still_queued_is_in_the_draft_on_a_switch(store, template):
    # What a switch (or quit) reads: the inputs as they show now, before their messages.
    from tdd_tui.widgets.line_input import LineInput
    from tdd_tui.widgets.lists import ListArea

    draft = store.create(template, "Queued")
    async with editing(store, template, draft, "goals") as (app, pilot, _screen):
        area = app.screen.query_one("#part-goals", PartEditor).query_one(ListArea)
        area.insert("- Cut p99 to 2 ms")  # no await: its Changed is not handled yet
        app.commit()
        assert app.session.draft.answer("goals", "goals") == ["Cut p99 to 2 ms"]
        await app.go("metadata")
        await pilot.pause()
        title = app.screen.query_one("#part-title", PartEditor).query_one(LineInput)
        title.insert_text_at_cursor(" v2")
        app.commit()
        assert app.session.draft.title == "Queued v2"
        await app.go("summary")
        await pilot.pause()
        text = app.screen.query_one("#part-summary", PartEditor).query_one(TextArea)
        text.insert("Fewer 429s")
        text.undo()
        text.insert("Fewer 503s")
        app.commit()
        assert app.session.draft.answer("summary", "summary") == "Fewer 503s"
