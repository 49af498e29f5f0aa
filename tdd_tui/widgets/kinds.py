"""Which input widget serves which part kind."""

from __future__ import annotations

from typing import assert_never

from tdd_tui.draft import Answer
from tdd_tui.template import Kind, Part
from tdd_tui.widgets.fields import ChoiceField, DateField, Field, LineField, TextField
from tdd_tui.widgets.lists import ListField, MultiField
from tdd_tui.widgets.records import GroupField


def field_class(kind: Kind) -> type[Field]:
    """The input for a kind; mypy lists this place when a kind is added."""
    match kind:
        case Kind.LINE:
            return LineField
        case Kind.TEXT:
            return TextField
        case Kind.DATE:
            return DateField
        case Kind.CHOICE:
            return ChoiceField
        case Kind.LIST:
            return ListField
        case Kind.MULTI:
            return MultiField
        case Kind.GROUP:
            return GroupField
        case _:
            assert_never(kind)


def field_for(part: Part, value: Answer, *, id: str | None = None) -> Field:
    return field_class(part.kind)(part, value, id=id)
