"""The details of an imported doc: front matter, the lines and tables before the first
section, and other teams' names for the fields ("Authors", "Owner(s)", "Last updated").

A mixin of the Importer: it reads the source lines and keeps what it cannot use
as a note of the document, so nothing is dropped.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from tdd_tui.draft import DOCUMENT, Answer, Draft, is_answered
from tdd_tui.markdown_blocks import Block, key, list_items, split_label, table_cells
from tdd_tui.markdown_escape import inline, split_items_inline, trim_blank_lines, unescape_cell
from tdd_tui.template import Part, Template
from tdd_tui.yamlio import SafeLoader, UnsafeYaml, check_safe

# Other teams' words for the details fields (KEPs, RFCs, MADR and Nygard ADRs), as key()
# reduces them: "Owner(s)" is "owner", "Last updated" is "last updated".
METADATA_ALIASES: dict[str, tuple[str, ...]] = {
    "author": ("authors", "owner", "owners", "written by", "driver", "drivers", "proposer"),
    "date": ("start date", "created", "date created", "last updated", "updated", "creation date"),
    "status": ("state", "stage"),
    "target_release": ("release", "target", "target version", "milestone", "latest milestone"),
    "stakeholders": ("reviewers", "consulted", "informed", "teams"),
    "approvers": ("approved by", "deciders", "sign off", "signoff"),
    "related_adrs": ("related", "see also", "supersedes", "superseded by", "related decisions"),
}


# Headings of a block of details ("## Metadata | Field | Value |"): read as the preamble.
DETAILS_HEADINGS = {
    "metadata",
    "details",
    "document information",
    "document info",
    "doc info",
    "about this document",
    "document control",
    "document details",
}
_KEY_LINE = re.compile(r"^[A-Za-z][\w .()/-]{0,40}:(?:[ \t]|$)")


class DetailsReader:
    """The source lines, the notes kept from them, and the details read from them."""

    template: Template
    draft: Draft
    lines: list[str]
    dropped: set[int]
    unplaced: dict[str, list[str]]
    taken: list[str]
    title_line: int

    # -- source text --------------------------------------------------------

    def raw(self, start: int, end: int) -> str:
        if self.dropped:
            return "\n".join(
                line for i, line in enumerate(self.lines[start:end], start) if i not in self.dropped
            )
        return "\n".join(self.lines[start:end])

    def add_unplaced(self, where: str, text: str) -> None:
        text = trim_blank_lines(text)
        if text.strip():
            self.unplaced.setdefault(where, []).append(text)

    # -- metadata -------------------------------------------------------------

    def _preamble(self, run: list[Block], start: int, end: int) -> None:
        cursor = start
        for block in run:
            self.add_unplaced(DOCUMENT, self.raw(cursor, block.start))
            cursor = block.end
            if block.kind == "heading" and block.start == self.title_line:
                continue
            if block.kind in ("bullet_list", "ordered_list"):
                for item_start, item_end, text in list_items(self.lines, block):
                    if not self._metadata_line(text):
                        self.add_unplaced(DOCUMENT, self.raw(item_start, item_end))
            elif block.kind == "paragraph":
                # "Author: Ana" lines are taken; the lines between them stay together,
                # so bold, links and italics that wrap are kept whole.
                kept: list[str] = []
                for line in self.raw(block.start, block.end).split("\n"):
                    if self._metadata_line(line.strip()):
                        self.add_unplaced(DOCUMENT, "\n".join(kept))
                        kept = []
                    else:
                        kept.append(line)
                self.add_unplaced(DOCUMENT, "\n".join(kept))
            elif block.kind == "table":
                if not self._metadata_table(block):
                    self.add_unplaced(DOCUMENT, self.raw(block.start, block.end))
            elif block.kind != "hr":
                self.add_unplaced(DOCUMENT, self.raw(block.start, block.end))
        self.add_unplaced(DOCUMENT, self.raw(cursor, end))

    def _metadata_table(self, block: Block) -> bool:
        """A table of details, one per row ("| Status | Draft |") or one per column
        ("| Author | Status |" over one row). Taken only when every cell is a field's."""
        header, rows = table_cells(self.lines, block)
        pairs: list[tuple[str, str]] = []
        across = all(self._metadata_part(unescape_cell(name)) for name in header)
        if across and len(rows) == 1 and len(rows[0]) == len(header):
            pairs = list(zip(header, rows[0], strict=True))
        elif all(len(row) == 2 for row in rows) and len(header) == 2:
            with_header = [header, *rows] if self._metadata_part(header[0]) else rows
            pairs = [(row[0], row[1]) for row in with_header]
        parts = [self._metadata_part(unescape_cell(name)) for name, _ in pairs]
        if not pairs or not all(parts):
            return False
        if any(is_answered(self.draft.metadata.get(p.id)) for p in parts if p):
            return False  # a second value for a field set already: the table stays whole
        for part, (_, value) in zip(parts, pairs, strict=True):
            assert part is not None
            if unescape_cell(value).strip():
                self.set_metadata(part, unescape_cell(value))
        return True

    def _metadata_part(self, name: str) -> Part | None:
        """The details field a label or front-matter key names: by id, label, or another
        team's word for it ("Authors", "Owner(s)", "Last updated", "Deciders")."""
        wanted = key(name)
        for part in self.template.metadata:
            if wanted in (key(part.id), key(part.label)):
                return part
        for part_id, names in METADATA_ALIASES.items():
            if wanted in names:
                return self.template.metadata_part(part_id)
        return None

    def _metadata_line(self, text: str) -> bool:
        label, rest = split_label(text)
        if label is None:
            return False
        part = self._metadata_part(label)
        if part is None or is_answered(self.draft.metadata.get(part.id)):
            return False  # a second value for a field set already: kept as a note, not lost
        return self.set_metadata(part, rest)

    def set_metadata(self, part: Part, value: Any) -> bool:
        if isinstance(value, list):
            items = [inline(str(v)) for v in value if str(v).strip()]
            answer: Answer = items if part.kind in ("list", "multi") else ", ".join(items)
        else:
            text = inline(str(value))
            if part.kind in ("list", "multi"):
                answer = split_items_inline(text)
            elif part.kind == "choice" and part.choices:
                match = next((c for c in part.choices if key(c) == key(text)), None)
                if match is None and part.id == "status":
                    return False  # "Draft | In Review | Approved": the template's own hint
                answer = match or text
            else:
                answer = text
        self.draft.set_metadata(part.id, answer)
        if part.label not in self.taken:
            self.taken.append(part.label)
        return True

    def front_matter(self, text: str) -> bool:
        """A YAML block at the top: metadata by id or label; the rest is kept as a note."""
        try:
            check_safe(text, 8)
            data = yaml.load(text, Loader=SafeLoader)
        except (yaml.YAMLError, UnsafeYaml):
            data = None
        if not isinstance(data, dict):
            return self._loose_front_matter(text)
        left: dict[str, Any] = {}
        for name, value in data.items():
            part = self._metadata_part(str(name))
            # A mapping ("date: {YYYY-MM-DD ...}", a template's placeholder) is no value.
            unusable = (
                value is None
                or isinstance(value, dict)
                or (part is not None and is_answered(self.draft.metadata.get(part.id)))
            )
            if part is None or unusable or not self.set_metadata(part, value):
                left[str(name)] = value
        comments = [_comment(line) for line in text.split("\n") if _comment(line)]
        kept = "\n".join([*comments, yaml_text(left)] if left else comments)
        self.add_unplaced(DOCUMENT, fenced(kept))
        return True

    def _loose_front_matter(self, text: str) -> bool:
        """ "key: value" lines that are not valid YAML ("rfc pr: [#335](https://...)"):
        front matter all the same, read a line at a time; lines it cannot use are kept."""
        lines = [line for line in text.split("\n") if line.strip()]
        if not lines or not all(
            _KEY_LINE.match(line) or line.strip().startswith("#") for line in lines
        ):
            return False  # not front matter: a rule at the top of the document
        kept = [line for line in lines if not self._metadata_line(line.strip())]
        self.add_unplaced(DOCUMENT, fenced("\n".join(kept)))
        return True


def _comment(line: str) -> str:
    """A YAML comment on the line, whole line or after a value: kept, not dropped."""
    if line.strip().startswith("#"):
        return line.strip()
    match = re.search(r"[ \t](#.*)$", line)
    return match.group(1).strip() if match else ""


def fenced(front_matter: str) -> str:
    """What is left of the front matter, as a YAML code block: it reads as it did."""
    if not front_matter.strip():
        return ""
    longest = max((len(run) for run in re.findall(r"`+", front_matter)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}yaml\n{front_matter}\n{fence}"


def yaml_text(data: dict[str, Any]) -> str:
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return dumped.rstrip("\n")
