"""A second template in the real app: each draft shown, measured and exported with its own."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, OptionList

from tdd_tui.app import TddApp
from tdd_tui.catalog import TemplateCatalog
from tdd_tui.draft import overall_progress
from tdd_tui.lock import DraftLock
from tdd_tui.markdown import export_markdown
from tdd_tui.screens.dialogs import ExportDialog
from tdd_tui.screens.home import HomeScreen
from tdd_tui.screens.section import SectionScreen
from tdd_tui.store import DraftStore
from tdd_tui.template import Template
from tdd_tui.template_reader import load_template
from tests.conftest import ROOT
from tests.ui.conftest import SIZE, notes, on_disk, wait_until

TEAM = ROOT / "examples" / "team-template.yaml"


def team_draft(store: DraftStore, team: Template) -> str:
    draft = store.create(team, "Payment retries")
    draft.set_answer("context", "why_now", "Declines doubled after the sale.")
    draft.set_answer("proposal", "change", "A retry worker with a per-card budget.")
    store.save(draft)
    return draft.id


def done_column(app: TddApp, draft_id: str) -> str:
    table = app.screen.query_one(DataTable)
    return str(table.get_row(draft_id)[2])


async def test_home_measures_and_exports_each_draft_with_its_own_template(
    store, template, sample, tmp_path: Path
):
    team = load_template(TEAM)
    draft_id = team_draft(store, team)
    store.save(sample)
    expected = f"{round(overall_progress(on_disk(store, draft_id), team) * 100)}%"
    # The built-in template is the one this run starts new drafts with.
    app = TddApp(store=store, catalog=TemplateCatalog.of(template, team))
    target = tmp_path / "retries.md"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert done_column(app, draft_id) == expected != "0%"
        example_done = done_column(app, sample.id)
        # Open the team draft, go home: the other draft is still measured with its own.
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(draft_id))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SectionScreen))
        assert app.session is not None and app.session.template.id == "one_pager"
        assert app.screen.query_one("#part-team")  # the team template's own detail
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert done_column(app, sample.id) == example_done != "0%"
        assert done_column(app, draft_id) == expected
        # Export from home: the team draft's text, in the team template's shape.
        table.move_cursor(row=table.get_row_index(draft_id))
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog))
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await wait_until(pilot, target.exists)
    text = target.read_text(encoding="utf-8")
    assert text == export_markdown(team, on_disk(store, draft_id))
    assert "Declines doubled after the sale." in text and text.startswith("# Design One-Pager")


async def test_a_draft_whose_template_is_missing_says_so_and_is_not_opened(store, template):
    team = load_template(TEAM)
    draft_id = team_draft(store, team)
    app = TddApp(store=store, template=template)  # the team template is not here
    shown = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert done_column(app, draft_id) == "?"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.session is None
        assert any("template 'one_pager'" in message for message in shown)
        await pilot.press("e")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    assert on_disk(store, draft_id).answer("context", "why_now")  # untouched


async def test_sections_named_like_the_sidebars_own_entries_open(store, tmp_path: Path):
    # "preview" and "export" were the sidebar's entry ids: a template using them crashed.
    text = TEAM.read_text(encoding="utf-8")
    text = text.replace("  - id: proposal", "  - id: preview").replace(
        "  - id: rollout", "  - id: export"
    )
    odd = tmp_path / "odd.yaml"
    odd.write_text(text, encoding="utf-8")
    template = load_template(odd)
    draft = store.create(template, "Odd ids")
    app = TddApp(store=store, template=template, open_path=store.path_for(draft.id))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sidebar = app.screen.query_one("#sections", OptionList)
        assert sidebar.option_count == len(template.sections) + 3  # the details, preview, export
        await app.go("preview")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.key == "preview"
        await app.go("export")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.key == "export"


async def test_rename_and_delete_leave_a_draft_open_in_another_window_alone(store, template):
    draft = store.create(template, "Busy")
    other_window = DraftLock(store.path_for(draft.id))
    assert other_window.acquire()
    app = TddApp(store=store, template=template)
    shown = notes(app)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("r")
            await pilot.pause()
            app.screen.query_one(Input).value = "Renamed under its feet"
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("d")
            await pilot.pause()
            await pilot.click("#yes")
            await pilot.pause()
    finally:
        other_window.release()
    assert on_disk(store, draft.id).title == "Busy" and store.ids() == [draft.id]
    assert sum("open in another tdd-tui" in message for message in shown) == 2
