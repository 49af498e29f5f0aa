"""The file on disk is the truth: other windows, hand edits and the CLI never lose text."""

from __future__ import annotations

import contextlib
import io

import pytest
from textual.widgets import DataTable, TextArea

from tdd_tui import history
from tdd_tui.cli import main
from tdd_tui.draft import Draft
from tdd_tui.draft_file import serialize
from tdd_tui.lock import DraftLock
from tdd_tui.screens.choose import Choose
from tdd_tui.screens.home import HomeScreen
from tdd_tui.screens.section import SectionScreen
from tdd_tui.store import DraftStore
from tests.ui.conftest import SIZE, make_app, notes, on_disk, wait_until


def summary_area(app) -> TextArea:
    return app.screen.query_one("#part-summary TextArea", TextArea)


def summary_of(draft: Draft) -> str:
    text = draft.answer("summary", "summary")
    assert isinstance(text, str)
    return text


def hand_edit(store: DraftStore, draft_id: str, summary: str) -> None:
    """What a text editor, a git pull or a script does: rewrite the YAML in place."""
    draft = on_disk(store, draft_id)
    draft.set_answer("summary", "summary", summary)
    store.path_for(draft_id).write_bytes(serialize(draft))


def kept_summaries(store: DraftStore, draft_id: str) -> list[str]:
    """The summary text of every version in the draft's history."""
    from tdd_tui.draft_file import read_draft_file

    return [summary_of(read_draft_file(v.path)) for v in history.versions(store.root, draft_id)]


async def test_a_draft_saved_in_another_window_is_read_again_not_overwritten(store, template):
    draft = store.create(template, "Shared")
    draft.set_answer("summary", "summary", "one")
    store.save(draft)
    app = make_app(store, template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # window 1 opens it...
        await wait_until(pilot, lambda: isinstance(app.screen, SectionScreen))
        await app.go("summary")
        await pilot.pause()
        summary_area(app).insert(" and one more")
        await pilot.press("escape")  # ...and goes home, the list still showing it
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        # Window 2 takes the lock, writes its words, closes.
        other = DraftLock(store.path_for(draft.id))
        assert other.acquire()
        theirs = on_disk(store, draft.id)
        theirs.set_answer("summary", "summary", summary_of(theirs) + " and two")
        store.save(theirs)
        other.release()
        # Window 1 opens it again from its list: window 2's words are there.
        app.screen.query_one(DataTable).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SectionScreen))
        await app.go("summary")
        await pilot.pause()
        assert summary_area(app).text == "one and one more and two"
        summary_area(app).insert(" and three")
        await pilot.press("ctrl+q")
    assert summary_of(on_disk(store, draft.id)) == "one and one more and two and three"


async def open_and_collide(store, template, pilot, app) -> None:
    """Open the summary, let someone rewrite the file, then type: the save finds it changed."""
    await pilot.pause()
    hand_edit(store, "clash", "their summary")
    area = summary_area(app)
    area.focus()
    await pilot.press("end", *" mine")
    await wait_until(pilot, lambda: isinstance(app.screen, Choose))


@pytest.fixture
def clash(store, template) -> Draft:
    draft = store.create(template, "Clash")
    draft.set_answer("summary", "summary", "the summary")
    draft.position.section = "summary"
    store.save(draft)
    return draft


async def test_a_hand_edit_is_never_overwritten_and_take_theirs_reloads_it(store, template, clash):
    app = make_app(store, template, clash)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_collide(store, template, pilot, app)
        assert summary_of(on_disk(store, "clash")) == "their summary"  # nothing written over
        assert "their summary" in kept_summaries(store, "clash")
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, SectionScreen))
        assert summary_area(app).text == "their summary"
        assert app.screen.key == "summary"
    assert summary_of(on_disk(store, "clash")) == "their summary"
    assert "the summary mine" in kept_summaries(store, "clash")  # yours, in the history


async def test_keep_mine_writes_over_and_keeps_theirs_in_history(store, template, clash):
    app = make_app(store, template, clash)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_collide(store, template, pilot, app)
        await pilot.press("m")
        await wait_until(pilot, lambda: summary_of(on_disk(store, "clash")) == "the summary mine")
        summary_area(app).insert("!")  # and autosave carries on as usual
        await pilot.press("ctrl+q")
    assert summary_of(on_disk(store, "clash")) == "the summary mine!"
    assert "their summary" in kept_summaries(store, "clash")


async def test_keep_both_makes_mine_a_new_draft(store, template, clash):
    app = make_app(store, template, clash)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_collide(store, template, pilot, app)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, SectionScreen))
        assert app.session is not None and app.session.draft.id != "clash"
        mine = app.session.draft.id
    assert summary_of(on_disk(store, "clash")) == "their summary"
    assert summary_of(on_disk(store, mine)) == "the summary mine"
    assert on_disk(store, mine).title == "Clash (my version)"


async def test_quitting_before_choosing_keeps_mine_as_a_new_draft(store, template, clash):
    app = make_app(store, template, clash)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_collide(store, template, pilot, app)
        await pilot.press("escape")  # decide later...
        await pilot.press("ctrl+q")  # ...or never
    assert summary_of(on_disk(store, "clash")) == "their summary"
    mine = [i for i in store.ids() if i != "clash"]
    assert [summary_of(on_disk(store, i)) for i in mine] == ["the summary mine"]
    assert "kept as the draft" in app.farewell


async def test_the_cli_cannot_restore_under_an_open_window(store, template, clash):
    history.keep_version(store.root, "clash", store.path_for("clash"), force=True)
    app = make_app(store, template, clash)
    shown = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = main(["--drafts-dir", str(store.root), "restore", "clash", "1"])
        assert code == 2 and "open in another tdd-tui" in err.getvalue()
        summary_area(app).insert("typed while the CLI tried ")  # at the end
        await pilot.press("ctrl+q")
    assert summary_of(on_disk(store, "clash")) == "the summarytyped while the CLI tried "
    assert not any("changed" in message for message in shown)
