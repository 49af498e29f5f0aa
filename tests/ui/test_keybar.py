"""The keys along the bottom: what each screen offers, in order, and a click presses one."""

from __future__ import annotations

from tdd_tui.screens.help import HelpScreen
from tdd_tui.screens.section import SectionScreen
from tdd_tui.widgets.keybar import KeyBar
from tests.ui.conftest import make_app


def shown(app) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def test_section_keys_in_the_screens_order_with_the_palette_on_the_right(
    store, template, sample
):
    sample.position.section = "summary"  # a text part has the focus: TextArea binds f6 itself
    app = make_app(store, template, sample)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = shown(app)
        # Short of room, the footer keeps what a new user must find, f1 above all.
        assert line.startswith(" ^n Next  f3 N/A  ^o Editor  f5 Preview  f6 Export  f1 Help ")
        assert line.rstrip().endswith("^p palette")
        assert len(line) == 80
        assert "Pre" not in line.replace("Preview", "")  # a key is shown whole or not at all
    app = make_app(store, template, sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        line = shown(app)
        assert line.startswith(" esc Home  ^n Next  ^b Back  ^g Go to  f2 Example  f3 N/A ")


async def test_clicking_a_key_presses_it(store, template, sample):
    sample.position.section = "summary"
    app = make_app(store, template, sample)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        column = shown(app).index("^n Next")
        await pilot.click(bar, offset=(column + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.key == "problem"
        column = shown(app).index("f1 Help")
        await pilot.click(bar, offset=(column + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_home_keys(store, template):
    store.create(template, "Any")
    app = make_app(store, template)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = shown(app)
        for key in ("n New", "o Open", "e Export", "i Import", "f1 Help", "^q Quit"):
            assert key in line, key


async def test_the_key_under_the_mouse_is_highlighted(store, template, sample):
    sample.position.section = "summary"
    app = make_app(store, template, sample)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        y = bar.region.y
        next_at = shown(app).index("^n Next") + 1
        back_at = shown(app).index("^b Back") + 1

        def background(x: int):
            return app.screen.get_style_at(bar.region.x + x, y).bgcolor

        before = background(next_at)
        assert before == background(back_at)
        await pilot.hover(bar, offset=(next_at, 0))
        await pilot.pause()
        assert background(next_at) != before  # under the mouse
        assert background(back_at) == before  # the others stay as they were
