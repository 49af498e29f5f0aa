"""Whether an answer fits its part's kind, and how to move it into that shape.

An answer can stop fitting its part: a team template's next version turns a
paragraph into a list, a hand edit writes `stakeholders: "Payments, SRE"`
where a list is expected, a record gains a field the template dropped. The
editor cannot show such an answer in the part's input, so it shows it
read-only and keeps it in the file untouched, until the author asks to move it
into the new shape with reshape(), which keeps every word.
"""

from __future__ import annotations

from typing import assert_never

from tdd_tui.draft import Answer, is_answered
from tdd_tui.template import Kind, Part


def fits(part: Part, value: Answer) -> bool:
    """True if the part's input can show value exactly (an empty answer always fits)."""
    if not is_answered(value):
        return True
    kind = part.kind
    match kind:
        case Kind.LINE | Kind.TEXT | Kind.DATE | Kind.CHOICE:
            return isinstance(value, str)
        case Kind.LIST | Kind.MULTI:
            return isinstance(value, list) and all(isinstance(v, str) for v in value)
        case Kind.GROUP:
            known = {f.id for f in part.fields}
            return isinstance(value, list) and all(
                isinstance(r, dict) and set(r) <= known for r in value
            )
        case _:
            assert_never(kind)


def as_text(value: Answer) -> str:
    """Any answer as plain text, a line per item or record: what a read-only view shows."""
    if isinstance(value, str):
        return value
    lines = []
    for item in value:
        if isinstance(item, dict):
            lines.append("; ".join(f"{k}: {v}" for k, v in item.items() if v.strip()))
        else:
            lines.append(item)
    return "\n".join(lines)


def _items(value: Answer) -> list[str]:
    if isinstance(value, str):
        items = [line.strip() for line in value.splitlines()]
        return [item.removeprefix("- ").removeprefix("* ") for item in items if item]
    return [line for line in as_text(value).split("\n") if line.strip()]


def reshape(part: Part, value: Answer) -> Answer:
    """value in the shape part's kind takes, keeping every word of it."""
    if fits(part, value):
        return value
    kind = part.kind
    match kind:
        case Kind.TEXT:
            return as_text(value)
        case Kind.LINE | Kind.DATE | Kind.CHOICE:
            return "; ".join(_items(value))
        case Kind.LIST | Kind.MULTI:
            return _items(value)
        case Kind.GROUP:
            first = part.fields[0].id
            if isinstance(value, list) and all(isinstance(r, dict) for r in value):
                # Fields the template no longer has go into the first one, labelled.
                known = {f.id for f in part.fields}
                out: list[dict[str, str]] = []
                for record in value:
                    assert isinstance(record, dict)
                    kept = {k: v for k, v in record.items() if k in known}
                    extra = "; ".join(f"{k}: {v}" for k, v in record.items() if k not in known)
                    if extra:
                        kept[first] = f"{kept.get(first, '')} ({extra})".strip()
                    out.append(kept)
                return out
            return [{first: item} for item in _items(value)]
        case _:
            assert_never(kind)
