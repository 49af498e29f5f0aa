"""Escaping the author's text into the exported document, and back on import.

The author's text is Markdown and is kept as written, except for a line that
would restructure the document around it: a heading of level 1 to 3 (it would
become a new section or sub-heading; "####" and deeper stay the author's own
headings inside the part), a setext underline, a code fence or HTML block that never closes (it
would swallow the rest of the document), a line that reads like one of the
section's labels (a paragraph can start after a rule or a fence, not only
after a blank line, so any line), or a first line that reads like a "Not applicable" or "TBD"
marker. Such a line gets one backslash in front of it.

The rule is made reversible: a line that already starts with backslashes before
one of those shapes gets one more, whatever its context. So `unescape_block`
only has to take one backslash off every line that starts with a backslash and
then one of the shapes, and `unescape_block(escape_block(t)) == t` holds for
every text (with blank lines around it trimmed and line breaks made `\\n`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LEAD = re.compile(r"^( {0,3})(\\*)(.*)$", re.S)
_ATX = re.compile(r"#{1,6}(?=[ \t]|$)")
# A heading that would start a section or a sub-heading of ours; "####" and deeper are
# the author's own headings inside the part, kept as headings.
_ATX_STRUCTURE = re.compile(r"#{1,3}(?=[ \t]|$)")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_MARKERS = ("*Not applicable", "*TBD*")
_HTML_UNTIL = (
    (
        re.compile(r"<(script|pre|style|textarea)(\s|>|$)", re.I),
        re.compile(r"</(script|pre|style|textarea)>", re.I),
    ),
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"<\?"), re.compile(r"\?>")),
    (re.compile(r"<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>")),
)


# HTML blocks that end at a blank line (CommonMark's types 6 and 7): a fence-like line in
# one is HTML, not a fence, so it must not be taken for one.
@cache
def _lone_tag() -> re.Pattern[str]:
    """A line that is a block-level tag, or a whole tag alone (compiled when first needed:
    these two are a millisecond of every start-up otherwise)."""
    block = (
        r"</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col"
        r"|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form"
        r"|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem"
        r"|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td"
        r"|tfoot|th|thead|title|tr|track|ul)(?:[ \t>]|/>|$)"
    )
    whole = (
        r"(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'"
        r"|\"[^\"]*\"))?)*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$"
    )
    return re.compile(f"{block}|{whole}", re.I)


# The first line of a list item: what would make it a new item, heading, quote or table,
# or (after the "- " marker) a thematic break.
_ITEM_START = re.compile(
    r"(?:[-+*]|\d{1,9}\\*[.)])(?=[ \t]|$)|#{1,6}(?=[ \t]|$)|[>|]|(?:-[ \t]*){2,}$"
)


def is_blank(line: str) -> bool:
    """Blank as CommonMark means it: only spaces and tabs (a form feed is text)."""
    return not line.strip(" \t")


def split_lines(text: str) -> list[str]:
    return LINE_BREAK.split(text)


def trim_blank_lines(text: str) -> str:
    """The text without whitespace-only lines at its start and end, line breaks as \\n."""
    lines = split_lines(text)
    while lines and is_blank(lines[0]):
        lines.pop(0)
    while lines and is_blank(lines[-1]):
        lines.pop()
    return "\n".join(lines)


def label_forms(labels: Iterable[str]) -> tuple[str, ...]:
    """The ways a label starts a paragraph: `**Label:**`, `**Label**:`, `**Label**`."""
    return tuple(f for label in labels for f in (f"**{label}:**", f"**{label}**"))


def _fence_opener(core: str) -> str | None:
    match = _FENCE.match(core)
    if not match:
        return None
    fence = match.group(1)
    if fence[0] == "`" and "`" in core[len(fence) :]:
        return None
    return fence


def _closes(line: str, fence: str) -> bool:
    match = re.match(r"^ {0,3}(`{3,}|~{3,})[ \t]*$", line)
    return bool(match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence))


def _html_opener(core: str) -> re.Pattern[str] | None:
    for opener, closer in _HTML_UNTIL:
        if opener.match(core):
            return closer
    return None


def _shape(core: str, labels: tuple[str, ...]) -> bool:
    """Any of the shapes that an escaped line can have after its backslashes."""
    return bool(
        _ATX.match(core)
        or _SETEXT.match(core)
        or _fence_opener(core)
        or _html_opener(core)
        or core.startswith(_MARKERS)
        or (labels and core.startswith(labels))
    )


def _rewrite(
    lines: list[str], rewrite: Callable[[int, str, str, str], tuple[str, str | None]]
) -> str:
    """Each line outside a code fence through rewrite(index, indent, backslashes, rest),
    which returns the new line and the fence it opens, if any; lines inside a fence
    are kept as they are. The one walk escaping and unescaping share."""
    out: list[str] = []
    fence: str | None = None
    for index, line in enumerate(lines):
        if fence is not None:
            out.append(line)
            if _closes(line, fence):
                fence = None
            continue
        match = _LEAD.match(line)
        assert match is not None
        line, fence = rewrite(index, *match.groups())
        out.append(line)
    return "\n".join(out)


def escape_block(text: str, labels: tuple[str, ...] = ()) -> str:
    """The author's Markdown, unable to end or restructure the document around it."""
    lines = split_lines(trim_blank_lines(text))
    joined = "\n".join(lines)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def unclosed(closer: re.Pattern[str] | None, index: int) -> bool:
        return bool(closer and not closer.search(joined, starts[index]))

    html = _HtmlBlock()

    def rewrite(index: int, indent: str, slashes: str, core: str) -> tuple[str, str | None]:
        fence: str | None = None
        if slashes:
            escape = _shape(core, labels)
        elif html.holds(core):
            # Inside an HTML block a fence-like line is HTML, and the block's end is only
            # judged as CommonMark would, so such a line (and any opener that would run
            # on) gets a backslash: nothing after it can read it as a fence.
            closer = _html_opener(core)
            escape = bool(
                _fence_opener(core)
                or _ATX_STRUCTURE.match(core)
                or _SETEXT.match(core)
                or (labels and core.startswith(labels))
                or unclosed(closer, index)
            )
            if not escape:
                html.read(core, closer)
        else:
            previous_blank = index == 0 or is_blank(lines[index - 1])
            opener = _fence_opener(core)
            closer = _html_opener(core)
            escape = bool(
                _ATX_STRUCTURE.match(core)
                or (_SETEXT.match(core) and not previous_blank)
                or (index == 0 and core.startswith(_MARKERS))
                or (labels and core.startswith(labels))
                or unclosed(closer, index)
            )
            if opener and not escape:
                # Looked for from here on, by index: a copy of the rest per fence made
                # export time grow with the square of the number of fences.
                after = range(index + 1, len(lines))
                if any(_closes(lines[i], opener) for i in after):
                    fence = opener
                else:
                    escape = True
            if not escape and not opener:
                html.start(core, closer)
        return (f"{indent}\\{slashes}{core}" if escape else lines[index]), fence

    return _rewrite(lines, rewrite)


class _HtmlBlock:
    """Where an HTML block runs in the exported text, judged generously: a block that ends
    at a blank line starts at any line that is a lone tag (CommonMark's type 7 cannot
    interrupt a paragraph; taking it anyway only adds backslashes), and an opener met
    inside one carries it on to that opener's closing line."""

    def __init__(self) -> None:
        self.closer: re.Pattern[str] | None = None  # the line that ends it
        self.to_blank = False  # it also runs to the next blank line

    def start(self, core: str, closer: re.Pattern[str] | None) -> None:
        if closer is not None:
            if not closer.search(core, 2):
                self.closer = closer
        elif core.startswith("<") and _lone_tag().match(core):
            self.to_blank = True

    def holds(self, core: str) -> bool:
        """Whether the line is inside the block; a blank line can end it."""
        if self.closer is None and self.to_blank and is_blank(core):
            self.to_blank = False
        return self.closer is not None or self.to_blank

    def read(self, core: str, closer: re.Pattern[str] | None) -> None:
        """A line inside the block: it may close it, or open an opener that runs on."""
        if self.closer is not None:
            if self.closer.search(core):
                self.closer = None
        elif closer is not None and not closer.search(core, 2):
            self.closer = closer


def unescape_block(text: str, labels: tuple[str, ...] = ()) -> str:
    """What `escape_block` was given, from what it returned."""

    def rewrite(index: int, indent: str, slashes: str, core: str) -> tuple[str, str | None]:
        if slashes and _shape(core, labels):
            return f"{indent}{slashes[1:]}{core}", None
        return f"{indent}{slashes}{core}", None if slashes else _fence_opener(core)

    return _rewrite(split_lines(text), rewrite)


# -- list items ------------------------------------------------------------------


def escape_item(text: str) -> str:
    """One list item: escaped as a block, its first line unable to start a new block."""
    lines = escape_block(text.lstrip()).split("\n")
    first = lines[0]
    slashes = len(first) - len(first.lstrip("\\"))
    core = first[slashes:]
    if _ITEM_START.match(core):
        digits = re.match(r"\d+", core)
        if digits:  # "1." -> "1\." (a backslash before a digit would show)
            first = first[: slashes + digits.end()] + "\\" + first[slashes + digits.end() :]
        else:
            first = "\\" + first
    rest = [f"  {line}" if not is_blank(line) else "" for line in lines[1:]]
    if rest and "|" in first:
        # "- a | b" over a "| --- |" line reads as a table header to markdown-it:
        # start the item on the next line instead ("-" alone, then the text).
        return "\n".join(["", f"  {first}", *rest])
    return "\n".join([first, *rest])


def unescape_item(first: str, rest: list[str], indent: int = 2) -> str:
    """The item's text from its first line (marker removed) and its continuation lines."""
    pad = " " * indent
    lines = [first, *(line[indent:] if line.startswith(pad) else line.lstrip() for line in rest)]
    while len(lines) > 1 and is_blank(lines[0]):
        lines.pop(0)  # an item that starts on the line after its marker
    first, rest = lines[0], lines[1:]
    slashes = len(first) - len(first.lstrip("\\"))
    core = first[slashes:]
    digits = re.match(r"\d+", core)
    if digits and re.match(r"\\+[.)]", core[digits.end() :]) and _ITEM_START.match(core):
        first = first[: slashes + digits.end()] + first[slashes + digits.end() + 1 :]
    elif slashes and _ITEM_START.match(core):
        first = first[1:]
    lines = [first, *rest]
    return unescape_block(trim_blank_lines("\n".join(lines)))


# -- inline values ----------------------------------------------------------------


def inline(text: str) -> str:
    """One line of text that cannot start a block of its own."""
    return " ".join(split_lines(text)).strip()


def escape_items_inline(items: Iterable[str]) -> str:
    """Several short values on one line, comma separated; commas inside are escaped."""
    return ", ".join(
        inline(v).replace("\\", "\\\\").replace(",", "\\,") for v in items if v.strip()
    )


def split_items_inline(text: str) -> list[str]:
    items: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in "\\,":
            current.append(text[index + 1])
            index += 2
            continue
        if char == ",":
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
        index += 1
    items.append("".join(current).strip())
    return [item for item in items if item]


def escape_cell(text: str) -> str:
    """A table cell: backslashes, pipes and literal <br> escaped, line breaks as <br>."""
    text = trim_blank_lines(text).strip()
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("<br>", "\\<br>")
    return "<br>".join(split_lines(text))


def unescape_cell(content: str) -> str:
    """A cell's text from markdown-it's cell content (which has already turned \\| into |)."""
    out: list[str] = []
    index = 0
    while index < len(content):
        if content.startswith("\\\\", index) or content.startswith("\\<", index):
            out.append(content[index + 1])
            index += 2
        elif content.startswith("\\|", index):
            out.append("|")
            index += 2
        elif content.startswith("<br>", index):
            out.append("\n")
            index += 4
        else:
            out.append(content[index])
            index += 1
    return "".join(out)


def escape_title(title: str) -> str:
    text = inline(title) or "Untitled"
    # A trailing run of # would be read as the heading's closing sequence.
    return re.sub(r"(#+)$", lambda m: "\\#" * len(m.group(1)), text)


def unescape_title(text: str) -> str:
    return re.sub(r"((?:\\#)+)$", lambda m: "#" * (len(m.group(1)) // 2), text)
