"""A list part as the text one edits it in: a bullet line per item, the rest indented.

    - First item
    - Second item, which goes on
      onto a second line

One text field holds the whole list, so a list costs what its text costs (a
widget per item made a 500-item list take seconds to open). Reading the text
back is forgiving: `*` and `+` are bullets too, and a line typed without a
bullet is an item of its own. Items are never lost or merged by a round trip:
`items_of(text_of(items)) == items` for any items with text.
"""

from __future__ import annotations

BULLET = "- "
INDENT = "  "
_BULLETS = ("- ", "* ", "+ ")


def text_of(items: list[str]) -> str:
    """The text that shows the items, one bullet each."""
    lines: list[str] = []
    for item in items:
        first, *rest = item.split("\n")
        lines.append(BULLET + first)
        lines.extend(INDENT + line if line else "" for line in rest)
    return "\n".join(lines)


def is_bullet(line: str) -> bool:
    """The line starts an item."""
    return line.startswith(_BULLETS) or line.rstrip() in ("-", "*", "+")


def items_of(text: str) -> list[str]:
    """The items the text shows; an item with no text is left out."""
    items: list[list[str]] = []
    for line in text.split("\n"):
        if is_bullet(line):
            items.append([line[2:]])
        elif items and (line.startswith(INDENT) or not line.strip()):
            items[-1].append(line[len(INDENT) :] if line.startswith(INDENT) else "")
        elif line.strip():  # typed without its bullet (or with one space too few)
            items.append([line.lstrip(" ")])
    out = []
    for lines in items:
        while lines and not lines[-1].strip():
            lines.pop()  # blank lines between items belong to neither
        item = "\n".join(lines)
        if item.strip():
            out.append(item)
    return out


def item_rows(lines: list[str], row: int) -> tuple[int, int]:
    """The rows [start, end) of the item the row is in (its bullet line and what follows)."""
    start = row
    while start > 0 and not is_bullet(lines[start]) and _continues(lines[start]):
        start -= 1
    end = row + 1
    while end < len(lines) and not is_bullet(lines[end]) and _continues(lines[end]):
        end += 1
    while end - 1 > start and not lines[end - 1].strip():
        end -= 1  # trailing blank lines stay where they are
    return start, end


def _continues(line: str) -> bool:
    return line.startswith(INDENT) or not line.strip()
