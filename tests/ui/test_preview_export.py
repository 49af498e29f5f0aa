"""Preview shows the document with its gaps; export writes exactly what the CLI would."""

from __future__ import annotations

import os
import stat

from textual.widgets import Button, Input, MarkdownViewer, Static

from tdd_tui.markdown import export_markdown
from tdd_tui.screens.dialogs import ExportDialog
from tdd_tui.screens.preview import PreviewScreen
from tdd_tui.screens.section import SectionScreen
from tests.ui.conftest import SIZE, make_app, notes, wait_until


async def test_preview_renders_the_document_with_gaps(store, template):
    draft = store.create(template, "[TBD] Payments")
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, PreviewScreen) and len(app.screen.query("MarkdownH2")) == 15
            ),
        )
        assert isinstance(app.screen, PreviewScreen)
        viewer = app.screen.query_one(MarkdownViewer)
        assert viewer.show_table_of_contents
        assert app.screen.markdown == export_markdown(template, draft)
        assert "*TBD*" in app.screen.markdown
        headings = [str(s.render()) for s in viewer.document.query("MarkdownH2")]
        assert "1. Executive Summary" in headings[0] and len(headings) == 15
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)


async def test_preview_shows_its_first_screen_then_the_rest_saying_so(store, template, sample):
    app = make_app(store, template, sample)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_preview()
        await pilot.pause(0)
        screen = app.screen
        assert isinstance(screen, PreviewScreen)
        document = screen.query_one(MarkdownViewer).document
        # The first screenful is there, with a line saying the rest is on its way.
        assert 0 < len(document.query("MarkdownH2")) < 15
        progress = screen.query_one("#preview-progress", Static)
        assert progress.display and "the rest follows" in str(progress.render())
        await wait_until(pilot, lambda: screen.done, timeout=20)  # a loaded machine is slow
        await pilot.pause()
        assert not progress.display
        assert document.source == export_markdown(template, sample)
        assert len(document.query("MarkdownH2")) == 15


async def test_export_lists_gaps_writes_and_confirms_overwrite(store, template, tmp_path, sample):
    app = make_app(store, template, sample)
    target = tmp_path / "out" / "design.md"
    target.parent.mkdir()
    shown = notes(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.session.draft.set_answer("summary", "summary", "")
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        missing = [str(s.render()) for s in app.screen.query(".missing Static").results(Static)]
        assert missing == ["• 1. Executive Summary: nothing written yet"]
        # The same rule as the CLI's: the id, unique where the title may not be.
        assert app.screen.query_one("#path", Input).value == "./rate-limiting-public-api.md"
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == export_markdown(template, app.session.draft)
        assert any(f"Wrote {target}" in message for message in shown)

        target.write_text("someone else's file")
        await pilot.press("f6")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert "already exists" in str(app.screen.query_one(".dialog-error", Static).render())
        assert str(app.screen.query_one("#ok", Button).label) == "Overwrite"
        assert target.read_text() == "someone else's file"
        await pilot.click("#ok")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == export_markdown(template, app.session.draft)


async def test_export_to_a_missing_folder_says_so(store, template, tmp_path):
    draft = store.create(template, "X")
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(tmp_path / "nope" / "x.md")
        await pilot.press("enter")
        await pilot.pause()
        assert "does not exist" in str(app.screen.query_one(".dialog-error", Static).render())


async def test_export_refuses_a_fifo_on_screen_and_leaves_it(store, template, tmp_path):
    draft = store.create(template, "X")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(fifo)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)  # still asking, nothing written
        error = str(app.screen.query_one(".dialog-error", Static).render())
        assert "named pipe" in error
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


async def test_two_drafts_with_one_title_propose_two_files(store, template):
    first = store.create(template, "Same title")
    second = store.create(template, "Same title")
    proposed = []
    for draft in (first, second):
        app = make_app(store, template, draft)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("f6")
            await pilot.pause()
            proposed.append(app.screen.query_one("#path", Input).value)
    assert proposed == ["./same-title.md", "./same-title-2.md"]


async def test_export_for_a_wiki_leaves_the_checklists_out(store, template, tmp_path, sample):
    from textual.widgets import Checkbox

    app = make_app(store, template, sample)
    target = tmp_path / "wiki.md"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#path", Input).value = str(target)
        dialog.query_one("#no-checklists", Checkbox).value = True
        await pilot.click("#ok")
        await pilot.pause()
    text = target.read_text(encoding="utf-8")
    assert "Review checklist" not in text and "- [x]" not in text
    assert text == export_markdown(template, sample, checklists=False)
    assert "## 15. Appendix" in text
