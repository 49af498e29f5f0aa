"""Widgets around their mounting: restyles skipped only before it, and drawn safely after removal."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content

from tdd_tui.widgets.checklist import ChecklistBox
from tdd_tui.widgets.line_input import LineInput


class Holder(App[None]):
    def compose(self) -> ComposeResult:
        yield ChecklistBox(Content("A reviewer read it"), True, name="read")
        yield LineInput("some text")


async def test_classes_set_while_made_are_there_once_mounted() -> None:
    async with Holder().run_test() as pilot:
        await pilot.pause()
        box = pilot.app.query_one(ChecklistBox)
        assert box.value and box.compact
        assert box.has_class("-on") and box.has_class("-textual-compact")


async def test_a_removed_input_can_still_be_drawn_once_more() -> None:
    # A removed table row may be drawn once more before it leaves the screen: its
    # restyle gives back the styles of its parts, or drawing it raised and closed the app.
    async with Holder().run_test() as pilot:
        line = pilot.app.query_one(LineInput)
        line.focus()
        await pilot.pause()
        await line.remove()
        line.update_node_styles()  # as its blur does
        # What drawing it asks for; it raised a KeyError.
        assert line.get_component_rich_style("input--cursor") is not None


async def test_a_removed_text_area_drawn_once_more_is_blank_not_a_crash() -> None:
    # A table row removed with F8 (or rebuilt by ctrl+z) can be drawn once more on its
    # way out, its styles already dropped: Textual's TextArea raised and closed the app.
    from textual.geometry import Region

    from tdd_tui.widgets.typed_area import TypedArea

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield TypedArea("a verdict")

    async with One().run_test() as pilot:
        area = pilot.app.query_one(TypedArea)
        await pilot.pause()
        await area.remove()
        lines = area.render_lines(Region(0, 0, 12, 2))
        assert [line.text for line in lines] == [" " * 12, " " * 12]
