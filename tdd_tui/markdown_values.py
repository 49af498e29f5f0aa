"""The values an import gives a part: the pieces of text read for it, made into the
part's kind (text, a list's items, a choice), and the words counted."""

from __future__ import annotations

import re
from typing import assert_never

from tdd_tui.draft import Answer
from tdd_tui.markdown_blocks import blocks_of, key, list_items, parser
from tdd_tui.markdown_escape import inline, trim_blank_lines, unescape_block
from tdd_tui.template import Kind, Part


def words_in(value: object) -> int:
    if isinstance(value, str):
        return len(re.findall(r"\w+", value))
    if isinstance(value, dict):
        return sum(words_in(v) for v in value.values())
    if isinstance(value, list | tuple):
        return sum(words_in(v) for v in value)
    return 0


def part_value(part: Part, pieces: list[str], labels: tuple[str, ...]) -> Answer:
    text = trim_blank_lines("\n\n".join(trim_blank_lines(p) for p in pieces))
    kind = part.kind
    match kind:
        case Kind.TEXT:
            return unescape_block(text, labels)
        case Kind.LIST | Kind.MULTI:
            return list_value(text)
        case Kind.CHOICE:
            value = inline(unescape_block(text))
            return next((c for c in part.choices if key(c) == key(value)), value)
        case Kind.LINE | Kind.DATE | Kind.GROUP:
            return inline(unescape_block(text))
        case _:
            assert_never(kind)


def list_value(text: str) -> list[str]:
    """A list part's items: the items of its lists, and any other block as one item."""
    lines = text.split("\n")

    def raw(start: int, end: int) -> str:
        return trim_blank_lines("\n".join(lines[start:end]))

    items: list[str] = []
    cursor = 0
    for block in blocks_of(parser().parse(text)):
        between = raw(cursor, block.start)
        if between.strip():
            items.append(unescape_block(between))
        cursor = block.end
        if block.kind in ("bullet_list", "ordered_list"):
            items.extend(t for _, _, t in list_items(lines, block) if t.strip())
        else:
            items.append(unescape_block(raw(block.start, block.end)))
    tail = raw(cursor, len(lines))
    if tail.strip():
        items.append(unescape_block(tail))
    return [i for i in items if i.strip()]
