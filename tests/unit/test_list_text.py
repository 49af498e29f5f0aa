"""A list as the text one edits it in: bullets in, items out, nothing lost or merged."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tdd_tui.list_text import item_rows, items_of, text_of


def test_items_show_as_bullets_with_their_later_lines_indented():
    text = text_of(["First", "Second, which goes on\nonto a second line", "Third\n\nwith a gap"])
    assert text == (
        "- First\n- Second, which goes on\n  onto a second line\n- Third\n\n  with a gap"
    )
    assert items_of(text) == [
        "First",
        "Second, which goes on\nonto a second line",
        "Third\n\nwith a gap",
    ]


def test_reading_back_is_forgiving():
    text = "* star\n+ plus\nno bullet\n   indented: goes on\n-\n- \n\n- last  "
    assert items_of(text) == ["star", "plus", "no bullet\n indented: goes on", "last  "]
    assert items_of("- a\n  - nested\n\n- b") == ["a\n- nested", "b"]
    assert items_of("typed without a bullet") == ["typed without a bullet"]
    assert items_of("") == [] and items_of("- \n- ") == []


def _normal(item: str) -> str:
    lines = item.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


_ITEM = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=40)


@given(st.lists(_ITEM, max_size=8))
def test_any_items_come_back_as_they_were(items):
    expected = [_normal(i) for i in items if i.strip()]
    assert items_of(text_of(items)) == expected
    assert items_of(text_of(expected)) == expected


def test_the_rows_of_an_item_are_its_bullet_and_what_follows():
    lines = ["- a", "  more", "", "- b", "c", "  d"]
    assert item_rows(lines, 0) == (0, 2)
    assert item_rows(lines, 1) == (0, 2)
    assert item_rows(lines, 2) == (0, 2)  # a blank line is in no item: it goes with the one above
    assert item_rows(lines, 3) == (3, 4)
    assert item_rows(lines, 5) == (4, 6)
