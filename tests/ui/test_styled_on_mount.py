"""Widgets that skip Textual's restyles before they are mounted, and only then."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content

from tdd_tui.widgets.checklist import ChecklistBox
from tdd_tui.widgets.typed_area import TypedArea


class Holder(App[None]):
    def compose(self) -> ComposeResult:
        yield ChecklistBox(Content("A reviewer read it"), True, name="read")
        yield TypedArea("some text")


async def test_classes_set_while_made_are_there_once_mounted() -> None:
    async with Holder().run_test() as pilot:
        await pilot.pause()
        box = pilot.app.query_one(ChecklistBox)
        assert box.value and box.compact
        assert box.has_class("-on") and box.has_class("-textual-compact")


async def test_a_removed_text_area_can_still_be_drawn_once_more() -> None:
    # A removed table row is drawn once more before it leaves the screen: its restyle
    # gives back the styles of its parts, or drawing it raised and closed the app.
    async with Holder().run_test() as pilot:
        area = pilot.app.query_one(TypedArea)
        area.focus()
        await pilot.pause()
        await area.remove()
        area.update_node_styles()  # as its blur does
        # What drawing its lines asks for first; it raised a KeyError.
        assert area.get_component_rich_style("text-area--gutter") is not None
