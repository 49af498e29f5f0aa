"""Moving around: sidebar (mouse and keys), next/previous, go to, the palette, resume."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from tdd_tui.app import TddApp
from tdd_tui.screens.home import HomeScreen
from tdd_tui.screens.preview import PreviewScreen
from tdd_tui.screens.section import SectionScreen
from tdd_tui.widgets.part import PartEditor
from tdd_tui.widgets.sidebar import PREVIEW
from tests.ui.conftest import SIZE, editing, make_app, notes, on_disk, wait_until


async def test_next_previous_and_the_ends(store, template):
    draft = store.create(template, "Nav")
    app = make_app(store, template, draft)
    shown = notes(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        visited = [app.screen.key]
        for _ in range(16):
            await pilot.press("ctrl+n")
            await pilot.pause()
            visited.append(app.screen.key)
        assert visited[:16] == ["metadata", *(s.id for s in template.sections)]
        assert visited[-1] == "appendix"  # past the last section: stays, and says what's next
        assert any("last section" in message for message in shown)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.screen.key == "open_questions"


async def test_sidebar_click_and_keyboard(store, template):
    draft = store.create(template, "Nav")
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sections = app.screen.query_one("#sections", OptionList)
        await pilot.click(sections, offset=(4, 3))  # the fourth entry: 3. Goals and Non-Goals
        await pilot.pause()
        assert app.screen.key == "goals"
        sidebar = app.screen.query_one("#sections", OptionList)
        sidebar.focus()
        sidebar.highlighted = sidebar.get_option_index("security")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.key == "security"
        sidebar = app.screen.query_one("#sections", OptionList)
        sidebar.focus()
        sidebar.highlighted = sidebar.get_option_index(PREVIEW)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)


async def test_sidebar_shows_progress(store, template):
    draft = store.create(template, "Nav")
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.go("summary")
        await pilot.pause()
        sidebar = app.screen.query_one("#sections", OptionList)

        def mark(key: str) -> str:
            return str(sidebar.get_option(key).prompt)[0]

        def overall() -> str:
            return str(app.screen.query_one("#overall").render())

        assert mark("summary") == "○" and overall() == "0% complete"
        app.screen.query_one("#part-summary", PartEditor).field.load("We will add limits.")
        app.screen.apply(app.screen.body, template.sections[0].parts[0], "We will add limits.")
        await pilot.pause()
        assert mark("summary") == "●" and overall() != "0% complete"


async def test_go_to_by_number_and_palette(store, template):
    draft = store.create(template, "Nav")
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        app.screen.query_one(Input).value = "12"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.key == "tradeoffs"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Go to 7.")
        await wait_until(pilot, lambda: palette_shows(app, "Go to 7.", first=True))
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, SectionScreen) and app.screen.key == "failure_modes",
        )
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_quit_and_resume_where_you_left_off(store, template):
    draft = store.create(template, "Resume me")
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.go("security")
        await pilot.pause()
        app.screen.query_one("#part-encryption", PartEditor).field.focus_input()
        await pilot.pause()
        await pilot.press(*"TLS 1.3")
        await pilot.press("ctrl+q")
    saved = on_disk(store, draft.id)
    assert saved.answer("security", "encryption") == "TLS 1.3"
    assert (saved.position.section, saved.position.part) == ("security", "encryption")

    again = TddApp(store=store, template=template, open_path=store.path_for(draft.id))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, SectionScreen) and again.screen.key == "security"
        editor = again.screen.current_editor()
        assert editor is not None and editor.part.id == "encryption"


async def test_help_lists_the_keys_and_the_sections_guidance(store, template):
    from textual.widgets import Markdown

    from tdd_tui.screens.help import HelpScreen

    draft = store.create(template, "Help")
    draft.position.section = "rollout"
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.markdown
        assert "| `ctrl+n` | Next |" in text and "| `f5` | Preview |" in text
        assert "## 10. Rollout & Migration Plan" in text
        assert "who decides, what are the steps" in text  # the backout plan's question
        assert app.screen.query_one(Markdown)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)


async def test_help_scrolls_from_the_keyboard_and_groups_the_keys(store, template):
    from tdd_tui.screens.help import HelpScreen

    draft = store.create(template, "Help")
    draft.position.section = "failure_modes"
    app = make_app(store, template, draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.markdown
        groups = ["### On this screen", "### In the field with the cursor", "### Everywhere"]
        assert [text.index(g) for g in groups] == sorted(text.index(g) for g in groups)
        field = text[text.index(groups[1]) : text.index(groups[2])]
        assert "| `f7` | Add row |" in field and "| `f8` | Remove row |" in field
        assert "| `ctrl+z` | Undo removal |" in text
        assert text.index("Everywhere") < text.index("### Editing text")
        scroller = app.screen.query_one("#help-text")
        assert app.focused is scroller
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroller.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert scroller.scroll_y == scroller.max_scroll_y > 0


def palette_shows(app: TddApp, text: str, *, first: bool = False) -> bool:
    """The command palette is open and lists a hit that mentions text (first: as its top hit)."""
    from textual.command import CommandList, CommandPalette

    screen = app.screen
    if not isinstance(screen, CommandPalette):
        return False
    hits = screen.query_one(CommandList)
    return any(
        text.lower() in str(hits.get_option_at_index(i).prompt).lower()
        for i in range(min(hits.option_count, 1 if first else hits.option_count))
    )


async def test_theme_can_be_changed_from_the_palette(store, template):
    draft = store.create(template, "Theme")
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"theme")
        await wait_until(pilot, lambda: palette_shows(app, "theme", first=True))
        await pilot.press("enter")
        await wait_until(pilot, lambda: palette_shows(app, "textual-dark"))  # the theme list
        await pilot.press(*"textual-light")
        await wait_until(pilot, lambda: palette_shows(app, "textual-light", first=True))
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.theme == "textual-light")
        assert isinstance(app.screen, SectionScreen)


async def test_a_visited_section_comes_back_as_it_was_left(store, template, sample):
    async with editing(store, template, sample, "problem") as (app, pilot, screen):
        problem = screen.body
        problem.scroll_end(animate=False)
        await pilot.pause()
        scrolled = problem.scroll_y
        assert scrolled > 0
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.key == "goals" and not problem.display
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.screen is screen and screen.body is problem  # kept, not rebuilt
        assert problem.display and problem.scroll_y == scrolled


async def test_sections_are_built_ahead_while_the_user_is_idle(
    store, template, sample, monkeypatch
):
    monkeypatch.setattr(SectionScreen, "PREBUILD_AFTER", 0.05)
    async with editing(store, template, sample, "summary") as (app, pilot, screen):

        def all_built() -> bool:
            return len(screen.bodies) == len(app.session.keys) and all(
                body.built for body in screen.bodies.values()
            )

        def rehearsed() -> bool:
            return not screen.query(".-rehearsal")

        await wait_until(pilot, all_built, timeout=30)
        await wait_until(pilot, rehearsed)
        shown = [key for key, body in screen.bodies.items() if body.display]
        assert shown == ["summary"]  # built hidden
        built = screen.bodies["security"]
        for _ in range(12):  # and the cursor never goes into a section not on show
            await pilot.press("tab")
            hidden = [body for body in screen.bodies.values() if not body.display]
            assert not any(body in screen.focused.ancestors for body in hidden)
        assert len(built.query(PartEditor)) == len(template.section("security").parts)
        await app.go("security", part="pii")
        await pilot.pause()
        assert screen.body is built and built.display
        focused = screen.focused
        assert focused is not None and built.current_editor() is not None
        assert built.current_editor().part.id == "pii"


async def test_a_section_being_built_ahead_is_finished_when_asked_for(
    store, template, sample, monkeypatch
):
    monkeypatch.setattr(SectionScreen, "PREBUILD_AFTER", 0.05)
    monkeypatch.setattr("tdd_tui.screens.build_ahead.PREBUILD_STEP", 60.0)  # stop after one step
    async with editing(store, template, sample, "summary") as (app, pilot, screen):
        await wait_until(pilot, lambda: "problem" in screen.bodies)
        problem = screen.bodies["problem"]
        assert not problem.built  # a part at a time: most of it is still to come
        await app.go("problem")
        await pilot.pause()
        assert screen.body is problem and problem.built and problem.display
        parts = [e.part.id for e in problem.query(PartEditor)]
        assert parts == [p.id for p in template.section("problem").parts]
        assert problem.current_editor() is not None


async def test_previous_and_next_links_at_the_foot_move_between_sections(store, template, sample):
    from tdd_tui.widgets.section_head import Nav
    from tests.ui.test_wizard import link_offset

    async with editing(store, template, sample, "goals") as (_app, pilot, screen):
        for action, key in (
            ("app.next_section", "requirements"),
            ("app.previous_section", "goals"),
        ):
            nav = screen.body.query_one(Nav)
            nav.scroll_visible(animate=False)
            await pilot.pause()
            await pilot.click(nav, offset=link_offset(nav, action))
            await wait_until(pilot, lambda key=key: screen.key == key)
