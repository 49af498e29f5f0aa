"""The top level of markdown-it's token stream, and the small readings shared by the importer.

Structure comes from the tokens; text is always cut from the source lines the
tokens point at, so nothing the parser drops (NUL, link references) is lost.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from tdd_tui.markdown_escape import unescape_item

NUMBER = re.compile(r"^(?:section\s+)?\d+(?:\.\d+)*\s*[.):\-–—]?\s+", re.I)
_MARKER_WIDTH = re.compile(r"^[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)")


@functools.lru_cache(maxsize=8192)
def key(text: str) -> str:
    """A heading or label reduced to what matters for matching: words, lower case."""
    text = text.lower().replace("&", " and ")
    text = re.sub(r"\([^)]*\)", " ", text)
    return " ".join(re.findall(r"[a-z0-9]+", text))


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


# -- blocks: the top level of the token stream ---------------------------------


@dataclass
class Block:
    kind: str
    start: int
    end: int
    tokens: list[Token]

    @property
    def inline(self) -> Token | None:
        return next((t for t in self.tokens if t.type == "inline"), None)

    @property
    def level(self) -> int:
        return int(self.tokens[0].tag[1]) if self.kind == "heading" else 0


def blocks_of(tokens: list[Token]) -> list[Block]:
    out: list[Block] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = index
        if token.nesting == 1:
            depth = 0
            for end in range(index, len(tokens)):
                depth += tokens[end].nesting
                if depth == 0:
                    break
        kind = token.type.removesuffix("_open")
        line_map = token.map or [0, 0]
        out.append(Block(kind, line_map[0], line_map[1], tokens[index : end + 1]))
        index = end + 1
    return out


def list_items(lines: list[str], block: Block) -> list[tuple[int, int, str]]:
    """The direct items of a list: (first line, end line, text without the marker)."""
    items = []
    depth = 0
    for token in block.tokens:
        if token.type == "list_item_open" and depth == 1 and token.map:
            start, end = token.map
            first = lines[start]
            match = _MARKER_WIDTH.match(first)
            width = match.end() if match else 2
            if match and not first[match.end() :] and match.group(0) == match.group(0).rstrip():
                width += 1
            rest = lines[start + 1 : end]
            text = unescape_item(first[width:], rest, width)
            items.append((start, end, text))
        depth += token.nesting if token.type.endswith(("list_open", "list_close")) else 0
    return items


def split_label(text: str) -> tuple[str | None, str]:
    """'**Label:** rest', '**Label**: rest' or 'Label: rest' -> (label, rest)."""
    text = text.lstrip()
    if text.startswith("**"):
        close = text.find("**", 2)
        if close > 2:
            label = text[2:close]
            rest = text[close + 2 :]
            if label.endswith(":"):
                return label[:-1].strip(), rest.lstrip(" \t")
            if rest.startswith(":"):
                return label.strip(), rest[1:].lstrip(" \t")
            if not rest.strip():
                return label.strip(), rest
        return None, text
    head, sep, rest = text.partition(":")
    if (
        sep
        and head.strip()
        and "\n" not in head
        and len(head) <= 80
        and not head.startswith(("[", "<", "`"))
    ):
        return head.strip(), rest.lstrip(" \t")
    return None, text


def table_cells(lines: list[str], block: Block) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a table, cut from the source lines markdown-it found its rows on.

    The cells are split the way markdown-it splits them (at a pipe without a
    backslash before it); taking them from the source keeps every character,
    where the token content has NUL replaced.
    """
    header: list[str] = []
    rows: list[list[str]] = []
    in_head = False
    for token in block.tokens:
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open" and token.map:
            cells = _split_row(lines[token.map[0]])
            if in_head:
                header = cells
            else:
                rows.append(cells)
    return header, rows


def _split_row(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    cells = re.split(r"(?<!\\)\|", line)
    return [cell.strip().replace("\\|", "|") for cell in cells]
