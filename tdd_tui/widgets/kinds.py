"""Which input widget serves which part kind."""

from __future__ import annotations

from tdd_tui.draft import Answer
from tdd_tui.template import Part
from tdd_tui.widgets.fields import ChoiceField, DateField, Field, LineField, TextField
from tdd_tui.widgets.lists import ListField, MultiField
from tdd_tui.widgets.records import GroupField

FIELD_FOR_KIND: dict[str, type[Field]] = {
    "line": LineField,
    "text": TextField,
    "date": DateField,
    "choice": ChoiceField,
    "list": ListField,
    "multi": MultiField,
    "group": GroupField,
}


def field_for(part: Part, value: Answer, *, id: str | None = None) -> Field:
    return FIELD_FOR_KIND[part.kind](part, value, id=id)
