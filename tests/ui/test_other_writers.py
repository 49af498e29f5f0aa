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
    await wait_until(pilot, lambda: isinstance(app.screen, Choose) and app.screen.armed)


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


async def test_answers_that_no_longer_fit_are_shown_kept_and_never_emptied(store, template):
    from textual.widgets import Static

    from tdd_tui.widgets.kept_answer import KeptAnswer

    draft = store.create(template, "Misfits")
    draft.set_metadata("stakeholders", "Payments team, SRE")  # a hand edit: text, not a list
    draft.set_answer("goals", "goals", "Cut p99 to 200 ms\nNo new servers")  # was text
    draft.set_answer("problem", "user_impact", ["Slow checkouts", "Timeouts"])  # was a list
    draft.position.section = "goals"
    store.save(draft)
    before = store.path_for(draft.id).read_bytes()
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        kept = app.screen.query_one("#part-goals", KeptAnswer)
        assert "Cut p99 to 200 ms" in str(kept.query_one(".kept-text", Static).render())
        for key in ("metadata", "problem", "goals", "summary"):  # visit, commit, leave
            await app.go(key)
            await pilot.pause()
        summary_area(app).insert("Typed.")
        await pilot.press("ctrl+q")
    after = on_disk(store, draft.id)
    assert after.metadata["stakeholders"] == "Payments team, SRE"
    assert after.answer("goals", "goals") == "Cut p99 to 200 ms\nNo new servers"
    assert after.answer("problem", "user_impact") == ["Slow checkouts", "Timeouts"]
    assert summary_of(after) == "Typed." and before != store.path_for(draft.id).read_bytes()


async def test_a_kept_answer_moves_into_the_new_shape_on_request(store, template):
    from textual.widgets import Button

    from tdd_tui.widgets.lists import ListField

    draft = store.create(template, "Reshape")
    draft.set_answer("goals", "goals", "Cut p99 to 200 ms\nNo new servers")
    draft.position.section = "goals"
    store.save(draft)
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#part-goals .kept-reshape", Button).press()
        await wait_until(pilot, lambda: bool(app.screen.query("#part-goals ListField")))
        field = app.screen.query_one("#part-goals ListField", ListField)
        assert field.value == ["Cut p99 to 200 ms", "No new servers"]
        await pilot.press("ctrl+q")
    assert on_disk(store, draft.id).answer("goals", "goals") == [
        "Cut p99 to 200 ms",
        "No new servers",
    ]


async def test_a_changed_team_template_keeps_every_answer(store, tmp_path):
    from tdd_tui.app import TddApp
    from tdd_tui.catalog import TemplateCatalog
    from tests.conftest import ROOT

    source = (ROOT / "examples" / "team-template.yaml").read_text(encoding="utf-8")
    v1 = load_template_text(tmp_path / "v1.yaml", source)
    draft = store.create(v1, "Retries")
    draft.set_answer("context", "why_now", "Declines doubled.")
    draft.set_answer("rollout", "steps", ["Shadow mode", "10% of cards"])
    draft.position.section = "context"
    store.save(draft)
    # Version 2 turns the paragraph into a list and the list into a paragraph.
    changed = source.replace("version: 1", "version: 2")
    changed = changed.replace("      - id: why_now\n", "      - id: why_now\n", 1)
    lines = changed.split("\n")
    for i, line in enumerate(lines):
        if line.strip() == "- id: why_now":
            lines[i + 2] = lines[i + 2].replace("kind: text", "kind: list")
        if line.strip() == "- id: steps":
            lines[i + 2] = lines[i + 2].replace("kind: list", "kind: text")
    v2 = load_template_text(tmp_path / "v2.yaml", "\n".join(lines))
    assert v2.section("context").part("why_now").kind == "list"  # type: ignore[union-attr]
    app = TddApp(store=store, catalog=TemplateCatalog.of(v2), open_path=store.path_for(draft.id))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in ("proposal", "rollout", "context"):
            await app.go(key)
            await pilot.pause()
        await pilot.press("ctrl+q")
    after = on_disk(store, draft.id)
    assert after.answer("context", "why_now") == "Declines doubled."
    assert after.answer("rollout", "steps") == ["Shadow mode", "10% of cards"]


def load_template_text(path, text: str):
    from tdd_tui.template_reader import load_template

    path.write_text(text, encoding="utf-8")
    return load_template(path)


async def test_keys_already_on_their_way_do_not_answer_the_question(
    store, template, clash, monkeypatch
):
    monkeypatch.setattr(Choose, "GRACE", 3.0)  # longer than Pilot takes to press the keys below
    app = make_app(store, template, clash)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hand_edit(store, "clash", "their summary")
        summary_area(app).focus()
        await pilot.press("end", *" mine")
        await wait_until(pilot, lambda: isinstance(app.screen, Choose))
        await pilot.press(*"typing on: the mb")  # t, m and b: none of them is an answer yet
        assert isinstance(app.screen, Choose)
        await wait_until(pilot, lambda: app.screen.armed)
        await pilot.press("m")
        await wait_until(pilot, lambda: summary_of(on_disk(store, "clash")) == "the summary mine")


async def test_a_very_long_list_opens_and_keeps_every_item(store, template):
    from textual.widgets import Static

    from tdd_tui.widgets.lists import ListArea
    from tdd_tui.widgets.records import RECORDS_AT_FIRST

    goals = [f"Goal number {n}" for n in range(2_000)]
    modes = [{"scenario": f"Failure {n}", "detection": "alert"} for n in range(500)]
    draft = store.create(template, "Long")
    draft.set_answer("goals", "goals", goals)
    draft.set_answer("failure_modes", "failure_modes", modes)
    draft.position.section = "goals"
    store.save(draft)
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        area = app.screen.query_one("#part-goals ListArea", ListArea)  # one for the list
        assert area.document.line_count == 2_000
        area.focus()
        area.insert("Edited: ", (0, len("- Goal number 0")))
        # A reviewer's note for each goal: the first ones, and how many more there are.
        notes = app.screen.query_one("#content-goals .review-notes", Static)
        await wait_until(pilot, lambda: "more like these" in str(notes.render()), timeout=10)
        assert len(str(notes.render()).splitlines()) <= 14
        await app.go("failure_modes")
        await pilot.pause()
        records = app.screen.query_one("#part-failure_modes").query(".record")
        assert len(records) == RECORDS_AT_FIRST
        await pilot.press("ctrl+q")
    after = on_disk(store, draft.id)
    assert after.answer("goals", "goals") == ["Goal number 0Edited: ", *goals[1:]]
    assert after.answer("failure_modes", "failure_modes") == modes
