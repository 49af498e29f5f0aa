"""The home screen: drafts newest first, and new, open, duplicate, rename, delete."""

from __future__ import annotations

import os

from textual.widgets import DataTable, Input, Static

from tdd_tui.screens.dialogs import AskText, Confirm
from tdd_tui.screens.home import HomeScreen
from tdd_tui.screens.section import SectionScreen
from tests.ui.conftest import SIZE, make_app, on_disk, wait_until


def rows(app) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_empty_home_says_how_to_start(store, template):
    app = make_app(store, template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        empty = app.screen.query_one("#empty", Static)
        assert empty.display and "Press n to start" in str(empty.render())
        assert not app.screen.query_one(DataTable).display


async def test_drafts_are_listed_newest_first_with_progress(store, template):
    old = store.create(template, "Old idea")
    store.create(template, "[TBD] Payments")
    os.utime(store.path_for(old.id), (1_700_000_000, 1_700_000_000))
    (store.root / "broken.yaml").write_text("format: [\n")
    app = make_app(store, template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        listed = rows(app)
        assert "[TBD] Payments" in listed  # user text is shown as typed, never as markup
        assert listed.index("[TBD] Payments") < listed.index("Old idea")
        assert any("broken: damaged" in r for r in listed)
        table = app.screen.query_one(DataTable)
        row = table.get_row_at(listed.index("[TBD] Payments"))
        assert [str(c) for c in row[1:3]] == ["Draft", "0%"]


async def test_new_draft_needs_a_title_then_opens_the_details(store, template):
    app = make_app(store, template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, AskText)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AskText)
        assert "title is required" in str(app.screen.query_one(".dialog-error", Static).render())
        app.screen.query_one(Input).value = "Rate limiting"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.key == "metadata"
        draft = on_disk(store, "rate-limiting")
        assert (draft.title, draft.metadata["author"], draft.status) == (
            "Rate limiting",
            "Test Author",
            "Draft",
        )


async def test_open_duplicate_rename_delete(store, template):
    store.create(template, "Search index")
    app = make_app(store, template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert sorted(store.ids()) == ["search-index", "search-index-copy"]
        assert rows(app)[0] == "Search index (copy)"

        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one(Input).value = "Search index, second try"
        await pilot.press("enter")
        await pilot.pause()
        assert on_disk(store, "search-index-copy").title == "Search index, second try"

        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("escape")  # Escape keeps it
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(store.ids()) == 2
        # Enter deletes (the default): the trash gives it back, t on this screen.
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert store.ids() == ["search-index"]
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert sorted(store.ids()) == ["search-index", "search-index-copy"]
        assert on_disk(store, "search-index-copy").title == "Search index, second try"
        assert rows(app)[0] == "Search index, second try"
        assert store.trash() == []
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert store.ids() == ["search-index"]
        assert len(store.trash()) == 1

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.session.draft.id == "search-index"


async def test_a_damaged_draft_is_never_opened_or_overwritten(store, template):
    (store.root).mkdir(parents=True)
    bad = store.root / "bad.yaml"
    bad.write_text("format: 1\nid: bad\n  oops: [\n")
    app = make_app(store, template)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert bad.read_text() == "format: 1\nid: bad\n  oops: [\n"


async def test_keys_left_out_of_the_footer_are_listed_by_f1(store, template):
    from textual.widgets import Markdown

    from tdd_tui.screens.help import HelpScreen

    store.create(template, "Any")
    app = make_app(store, template)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.markdown
        keys = (
            ("c", "Duplicate"),
            ("r", "Rename"),
            ("h", "History"),
            ("i", "Import"),
            ("t", "Trash"),
        )
        for key, what in keys:
            assert f"| `{key}` | {what} |" in text
        # This screen's keys come first, the table's own (cursor moves) last.
        assert text.index("### On this screen") < text.index("### Everywhere")
        assert text.index("### Everywhere") < text.index("### Editing text")
        assert text.index("| `t` | Trash |") < text.index("### Everywhere")
        assert app.screen.query_one(Markdown)


async def test_closing_a_draft_hands_its_objects_back_to_the_collector(store, template, sample):
    import gc

    app = make_app(store, template, sample)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert gc.get_freeze_count() > 0  # the open draft's screen, set aside
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert gc.get_freeze_count() == 0


async def test_drafts_made_by_the_cli_appear_without_a_key(store, template, monkeypatch):
    monkeypatch.setattr("tdd_tui.screens.home.WATCH_EVERY", 0.1)
    store.create(template, "Already here")
    app = make_app(store, template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert rows(app) == ["Already here"]
        store.create(template, "Made by the CLI")
        await wait_until(pilot, lambda: "Made by the CLI" in rows(app))
        store.delete("already-here")
        await wait_until(pilot, lambda: rows(app) == ["Made by the CLI"])


def count_loads(monkeypatch) -> list[int]:
    """One entry each time the home screen reads the drafts list."""
    loads: list[int] = []
    original = HomeScreen.reload

    def counted(self, select=None):
        loads.append(1)
        original(self, select)

    monkeypatch.setattr(HomeScreen, "reload", counted)
    return loads


async def test_the_list_is_read_once_at_start_and_again_when_a_draft_changed(
    store, template, monkeypatch
):
    from textual.screen import Screen

    draft = store.create(template, "Payments")
    loads = count_loads(monkeypatch)
    app = make_app(store, template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(loads) == 1 and rows(app) == ["Payments"]
        await app.push_screen(Screen())  # away and back, nothing changed: no second read
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        assert len(loads) == 1
        await app.push_screen(Screen())  # away; the draft is renamed meanwhile
        await pilot.pause()
        draft.set_metadata("title", "Payment retries")
        store.save(draft)
        app.pop_screen()
        await pilot.pause()
        assert rows(app) == ["Payment retries"]


async def test_a_draft_opened_at_start_lists_the_drafts_only_when_home_shows(
    store, template, monkeypatch
):
    """`tdd-tui open` with 1,000 drafts: their list is read when it is wanted, not before
    the draft's first frame; Escape shows it, read then."""
    draft = store.create(template, "Payments")
    store.create(template, "Search")
    loads = count_loads(monkeypatch)
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and loads == []
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause()
        assert len(loads) == 1 and sorted(rows(app)) == ["Payments", "Search"]
