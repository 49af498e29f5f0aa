"""Answers that no longer fit their part: recognised, and reshaped without losing a word."""

from __future__ import annotations

import pytest

from tdd_tui.shapes import as_text, fits, reshape
from tdd_tui.template import Field, Kind, Part

TEXT = "Payments team\nSRE on call"
ITEMS = ["Payments team", "SRE on call"]
RECORDS = [{"risk": "Double charge", "signal": "alert"}, {"risk": "Slow", "gone": "old field"}]


def part(kind: Kind) -> Part:
    fields = (Field("risk", "Risk"), Field("signal", "Signal")) if kind is Kind.GROUP else ()
    choices = ("Payments team", "SRE") if kind in (Kind.CHOICE, Kind.MULTI) else ()
    return Part("p", "P", kind, "?", choices=choices, fields=fields)


def words(value) -> list[str]:
    return sorted(
        as_text(value)
        .replace(";", " ")
        .replace(":", " ")
        .replace("(", " ")
        .replace(")", " ")
        .split()
    )


SHAPED = {"text": TEXT, "items": ITEMS, "records": RECORDS}
FITS = {
    Kind.LINE: {"text"},
    Kind.TEXT: {"text"},
    Kind.DATE: {"text"},
    Kind.CHOICE: {"text"},
    Kind.LIST: {"items"},
    Kind.MULTI: {"items"},
    Kind.GROUP: set(),  # RECORDS has a field the part no longer has
}


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("shape", list(SHAPED))
def test_every_kind_and_shape_pair(kind: Kind, shape: str) -> None:
    value = SHAPED[shape]
    assert fits(part(kind), value) is (shape in FITS[kind])
    moved = reshape(part(kind), value)
    assert fits(part(kind), moved)
    assert words(moved) == words(value) or set(words(value)) <= set(words(moved))


def test_empty_answers_always_fit() -> None:
    for kind in Kind:
        for empty in ("", [], "  "):
            assert fits(part(kind), empty)


def test_a_group_keeps_a_dropped_fields_text_in_its_first_field() -> None:
    assert reshape(part(Kind.GROUP), RECORDS) == [
        {"risk": "Double charge", "signal": "alert"},
        {"risk": "Slow (gone: old field)"},
    ]
    assert reshape(part(Kind.GROUP), "- one\n- two") == [{"risk": "one"}, {"risk": "two"}]


def test_a_paragraph_becomes_items_line_by_line() -> None:
    assert reshape(part(Kind.LIST), "- Payments team\n\n* SRE on call\n") == ITEMS
