"""How a block of another team's doc names a part: a label opening a paragraph, a
"Not applicable" mark, the columns of a table or the labels of a list's items."""

from __future__ import annotations

import re

from markdown_it.token import Token

from tdd_tui.draft import Answer, Record
from tdd_tui.markdown_blocks import key, split_label
from tdd_tui.markdown_escape import inline
from tdd_tui.template import Part


def paragraph_label(children: list[Token], raw: str) -> tuple[str | None, str, str]:
    """A paragraph that opens with a label: (label, the text after it, how it was written)."""
    if children and children[0].type == "strong_open":
        label, rest = split_label(raw)
        if label is not None:
            return label, rest, "label"
        return None, raw, ""
    if children and children[0].type == "text":
        label, rest = split_label(raw)
        if label is not None and ":" in children[0].content:
            return label, rest, "plain"
    return None, raw, ""


def not_applicable(children: list[Token], raw: str) -> str | None:
    if children and children[0].type == "em_open":
        return not_applicable_text(raw)
    return None


def not_applicable_text(text: str) -> str | None:
    text = text.strip()
    if text == "*Not applicable.*":
        return ""
    if text.startswith("*Not applicable:*"):
        return inline(text[len("*Not applicable:*") :])
    return None


_WRITTEN_NA = re.compile(
    r"^[*_]*(?:n/?a|not applicable)[*_]*\.?[*_]*(?:[ \t]*[:;,\-–—][ \t]*(.*?))?[ \t]*$",
    re.I | re.S,
)


def written_not_applicable(raw: str) -> str | None:
    """ "N/A", "Not applicable.", "N/A - internal only": the reason, or None."""
    text = raw.strip()
    if len(text) > 300:
        return None
    match = _WRITTEN_NA.match(text)
    if match is None:
        return None
    return inline(match.group(1)) if match.group(1) else ""


def records_in(value: Answer) -> list[Record]:
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def field_for(group: Part, name: str) -> str | None:
    """The column a header names: "Failure scenario", or just "Scenario"."""
    wanted = key(name)
    if not wanted:
        return None
    exact = next((f.id for f in group.fields if key(f.label) == wanted), None)
    if exact is not None:
        return exact
    words = set(wanted.split())
    return next((f.id for f in group.fields if words <= set(key(f.label).split())), None)


def record_fields(group: Part, items: list[tuple[int, int, str]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for _, _, text in items:
        label, _ = split_label(text)
        if label:
            field_id = field_for(group, label)
            if field_id:
                found[label] = field_id
    return found
