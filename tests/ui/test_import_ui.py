"""Import from the home screen, and the unplaced note the wizard shows afterwards."""

from __future__ import annotations

from textual.widgets import DataTable, Input, TextArea

from tdd_tui.markdown import export_markdown
from tdd_tui.screens.dialogs import AskText
from tdd_tui.screens.section import SectionScreen
from tests.conftest import DATA
from tests.ui.conftest import SIZE, make_app, notes, on_disk, wait_until

DOC = DATA / "import" / "extra-and-missing.md"


async def test_import_from_home_then_empty_the_unplaced_note(store, template):
    app = make_app(store, template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        assert isinstance(app.screen, AskText)
        app.screen.query_one(Input).value = str(DOC)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "image-thumbnails-at-the-edge" in store.ids())
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert str(table.get_row_at(table.cursor_row)[0]) == "Image thumbnails at the edge"
        draft = on_disk(store, "image-thumbnails-at-the-edge")
        assert draft.unplaced["goals"].startswith("Some context")

        await pilot.press("enter")  # open it: it lands on the first unplaced note
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SectionScreen) and screen.key == "goals"
        note = screen.query_one("#part-_unplaced")
        assert "Unplaced text (from import)" in str(note.query_one(".part-guide").render())
        area = note.query_one(TextArea)
        assert area.has_focus and area.text.startswith("Some context")
        area.clear()
        await pilot.press("ctrl+s")
        await pilot.pause()
    draft = on_disk(store, "image-thumbnails-at-the-edge")
    assert "goals" not in draft.unplaced
    assert "rollout" in draft.unplaced  # the other notes are untouched
    assert "Some context" not in export_markdown(template, draft)


async def test_a_binary_file_is_refused_on_screen_and_nothing_is_created(store, template, tmp_path):
    binary = tmp_path / "diagram.md"
    binary.write_bytes(b"\x89PNG\x00\x00\x00")
    app = make_app(store, template)
    shown = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        app.screen.query_one(Input).value = str(binary)
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: any("is a binary file, not Markdown text" in m for m in shown)
        )
    assert store.entries() == []


async def test_new_draft_offers_the_teams_templates(store, template):
    from textual.widgets import OptionList

    from tdd_tui.app import TddApp
    from tdd_tui.catalog import TemplateCatalog
    from tdd_tui.screens.dialogs import PickOne
    from tdd_tui.template_reader import load_template
    from tests.conftest import ROOT

    team = load_template(ROOT / "examples" / "team-template.yaml")
    app = TddApp(store=store, catalog=TemplateCatalog.of(template, team))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        app.screen.query_one(Input).value = "Payment retries"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickOne)
        options = app.screen.query_one(OptionList)
        assert "Design one-pager" in str(options.get_option_at_index(1).prompt)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        assert app.screen.query_one("#part-team")  # the team template's own detail
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.key == "context"
    draft = on_disk(store, "payment-retries")
    assert draft.template_id == "one_pager"


async def test_a_mistyped_path_keeps_the_dialog_open_with_what_is_wrong(store, template, tmp_path):
    app = make_app(store, template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AskText)
        field = dialog.query_one(Input)
        field.value = str(tmp_path / "desgin.md")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # still open, the path still there to fix
        error = str(dialog.query_one(".dialog-error").render())
        assert "desgin.md does not exist" in error
        field.value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "is a folder" in str(dialog.query_one(".dialog-error").render())
        field.value = str(DOC)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "image-thumbnails-at-the-edge" in store.ids())


async def test_a_slow_import_says_it_is_under_way(store, template, monkeypatch):
    import time

    import tdd_tui.importing

    real = tdd_tui.importing.import_file

    def slow(*args, **kwargs):
        time.sleep(0.8)
        return real(*args, **kwargs)

    monkeypatch.setattr(tdd_tui.importing, "import_file", slow)
    app = make_app(store, template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.import_file(DOC)
        title = app.screen.query_one("#home-title")
        await wait_until(pilot, lambda: "importing extra-and-missing.md…" in str(title.render()))
        await wait_until(pilot, lambda: "image-thumbnails-at-the-edge" in store.ids())
        await wait_until(pilot, lambda: str(title.render()) == "Technical Design Docs")
