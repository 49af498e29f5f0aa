"""Markdown import: a design doc (an export of ours, or one written by hand) into a draft.

Pure: `import_markdown(text, template)` returns the draft and what happened to
every piece of the text. The structure is read from markdown-it's token
stream; the author's text is then cut from the source lines between the
structural markers (headings, labels, tables, checklists), so nothing the
parser does not turn into a token (a link reference, odd spacing) is lost.
Text that fits no part goes into an "unplaced" note of its section, or of the
document, and is counted in the summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, assert_never

import yaml

from tdd_tui.draft import DOCUMENT, UNPLACED, Answer, Draft, Position, is_answered
from tdd_tui.markdown import UNPLACED_LABEL, section_labels
from tdd_tui.markdown_blocks import NUMBER, Block, blocks_of, key, list_items, parser, split_label
from tdd_tui.markdown_escape import (
    inline,
    split_items_inline,
    trim_blank_lines,
    unescape_block,
    unescape_title,
)
from tdd_tui.markdown_section import SectionReader
from tdd_tui.template import Kind, Part, Section, Template
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


class ImportFailed(ValueError):
    """A file that cannot be imported at all (empty, not text)."""


@dataclass
class ImportResult:
    draft: Draft
    parts_filled: int = 0
    sections_found: list[str] = field(default_factory=list)
    unknown_headings: list[str] = field(default_factory=list)
    updated: bool = False  # an earlier import of the same file was updated, not copied

    def unplaced_lines(self) -> dict[str, int]:
        return {key: len(text.splitlines()) for key, text in self.draft.unplaced.items()}

    def summary(self, template: Template) -> list[str]:
        """What the import did, in lines the user can act on."""
        lines = [f"{self.parts_filled} part(s) filled in {len(self.sections_found)} section(s)."]
        unplaced = self.unplaced_lines()
        if unplaced:
            where = []
            for key, count in unplaced.items():
                section = template.section(key)
                name = section.heading if section else "the document (see Details)"
                where.append(f"{name}: {count} line(s)")
            lines.append("Text unplaced, kept as a note to move: " + "; ".join(where) + ".")
        else:
            lines.append("No text unplaced.")
        if self.unknown_headings:
            names = ", ".join(f"'{h}'" for h in self.unknown_headings)
            lines.append(f"Sections not in the template (kept in the document note): {names}.")
        missing = [s.heading for s in template.sections if s.id not in self.sections_found]
        if missing:
            lines.append("Sections missing: " + ", ".join(missing) + ".")
        return lines


class Importer:
    def __init__(self, text: str, template: Template) -> None:
        self.template = template
        self.lines = text.split("\n")
        self.draft = Draft(
            id="imported", template_id=template.id, template_version=template.version
        )
        self.pieces: dict[tuple[str, str], list[str]] = {}
        self.unplaced: dict[str, list[str]] = {}
        self.found: list[str] = []
        self.unknown: list[str] = []
        self.title_done = False  # the title heading has been passed in the preamble
        self.section_level = 2

    # -- source text --------------------------------------------------------

    def raw(self, start: int, end: int) -> str:
        return "\n".join(self.lines[start:end])

    def add_unplaced(self, where: str, text: str) -> None:
        text = trim_blank_lines(text)
        if text.strip():
            self.unplaced.setdefault(where, []).append(text)

    # -- document -------------------------------------------------------------

    def run(self, body_start: int) -> None:
        # Front matter lines are parsed as blank lines, so every map is a source line.
        tokens = parser().parse("\n" * body_start + "\n".join(self.lines[body_start:]))
        blocks = blocks_of(tokens)
        # Sections are the level-2 headings, or level 1 in a doc that numbers its
        # sections as "# 1. ..." (then the "##" under them are sub-headings).
        matching = [b.level for b in blocks if b.kind == "heading" and self._section_for(b)]
        self.section_level = level = min(matching) if matching and min(matching) <= 2 else 2
        segments: list[tuple[Block | None, list[Block]]] = [(None, [])]
        title_seen = False
        for block in blocks:
            if block.kind == "heading" and block.level <= level:
                # The first level-1 heading before any section is the title.
                is_title = block.level == 1 and not title_seen and len(segments) == 1
                if is_title and self._section_for(block) is None:
                    title_seen = True
                    self._title(block)
                    segments[0][1].append(block)
                    continue
                segments.append((block, []))
            else:
                segments[-1][1].append(block)
        for index, (heading, run) in enumerate(segments):
            start = heading.end if heading else body_start
            end = len(self.lines)
            if index + 1 < len(segments):
                following = segments[index + 1][0]
                assert following is not None
                end = following.start
                # A rule just before the next heading separates sections: not content.
                if run and run[-1].kind == "hr":
                    end = run[-1].start
                    run = run[:-1]
            if heading is None:
                self._preamble(run, start, end)
                continue
            section = self._section_for(heading)
            text = inline(heading.inline.content if heading.inline else "")
            if section is not None:
                if section.id not in self.found:
                    self.found.append(section.id)
                SectionReader(self, section, start, end).read(run)
            elif key(text) == key(UNPLACED_LABEL):
                self.add_unplaced(DOCUMENT, unescape_block(self.raw(start, end)))
            else:
                self.unknown.append(text)
                self.add_unplaced(DOCUMENT, self.raw(heading.start, end))

    def _section_for(self, heading: Block) -> Section | None:
        text = heading.inline.content if heading.inline else ""
        wanted = key(NUMBER.sub("", text.strip()))
        if not wanted:
            return None
        for section in self.template.sections:
            if key(section.title) == wanted:
                return section
        # Another team's name for it ("Motivation", "Test Plan", "Alternatives").
        for section in self.template.sections:
            if any(key(alias) == wanted for alias in section.aliases):
                return section
        return None

    def _title(self, heading: Block) -> None:
        # From the source line, not the token (which has NUL replaced): the opening
        # hashes and an optional closing sequence, as CommonMark reads them.
        text = self.lines[heading.start].strip().lstrip("#")
        text = re.sub(r"(^|[ \t])#+[ \t]*$", "", text).strip()
        prefix = f"{self.template.doc_title}:"
        if text.lower().startswith(prefix.lower()):
            text = text[len(prefix) :]
        title = unescape_title(inline(text))
        if title and not (title.startswith("<") and title.endswith(">")):
            self.draft.set_metadata("title", title)

    # -- metadata -------------------------------------------------------------

    def _preamble(self, run: list[Block], start: int, end: int) -> None:
        cursor = start
        for block in run:
            self.add_unplaced(DOCUMENT, self.raw(cursor, block.start))
            cursor = block.end
            if block.kind == "heading" and block.level == 1 and not self.title_done:
                self.title_done = True
            elif block.kind in ("bullet_list", "ordered_list"):
                for item_start, item_end, text in list_items(self.lines, block):
                    if not self._metadata_line(text):
                        self.add_unplaced(DOCUMENT, self.raw(item_start, item_end))
            elif block.kind == "paragraph":
                for line in self.raw(block.start, block.end).split("\n"):
                    if not self._metadata_line(line.strip()):
                        self.add_unplaced(DOCUMENT, line)
            elif block.kind != "hr":
                self.add_unplaced(DOCUMENT, self.raw(block.start, block.end))
        self.add_unplaced(DOCUMENT, self.raw(cursor, end))

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
        return True

    def front_matter(self, text: str) -> bool:
        """A YAML block at the top: metadata by id or label; the rest is kept as a note."""
        try:
            check_safe(text, 8)
            data = yaml.load(text, Loader=SafeLoader)
        except (yaml.YAMLError, UnsafeYaml):
            data = None
        if not isinstance(data, dict):
            return False  # not front matter: a rule at the top of the document
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
        if left:
            dumped = yaml.safe_dump(
                left, allow_unicode=True, sort_keys=False, default_flow_style=False
            )
            self.add_unplaced(DOCUMENT, dumped.rstrip("\n"))
        return True

    # -- result -----------------------------------------------------------------

    def finish(self) -> ImportResult:
        filled = 0
        for section in self.template.sections:
            labels = section_labels(section)
            for part in section.parts:
                pieces = self.pieces.get((section.id, part.id))
                if not pieces:
                    continue
                value = _value(part, pieces, labels)
                if is_answered(value):
                    self.draft.set_answer(section.id, part.id, value)
            filled += sum(
                is_answered(self.draft.answer(section.id, p.id))
                or self.draft.not_applicable_reason(section.id, p.id) is not None
                for p in section.parts
            )
        for where, texts in self.unplaced.items():
            self.draft.set_unplaced(where, "\n\n".join(texts))
        first = next((k for k in self.draft.unplaced if k != DOCUMENT), None)
        if first is not None:
            self.draft.position = Position(first, UNPLACED)
        elif DOCUMENT in self.draft.unplaced:
            self.draft.position = Position("metadata", UNPLACED)
        return ImportResult(self.draft, filled, self.found, self.unknown)


def _value(part: Part, pieces: list[str], labels: tuple[str, ...]) -> Answer:
    text = trim_blank_lines("\n\n".join(trim_blank_lines(p) for p in pieces))
    kind = part.kind
    match kind:
        case Kind.TEXT:
            return unescape_block(text, labels)
        case Kind.LIST | Kind.MULTI:
            return _list_value(text)
        case Kind.CHOICE:
            value = inline(unescape_block(text))
            return next((c for c in part.choices if key(c) == key(value)), value)
        case Kind.LINE | Kind.DATE | Kind.GROUP:
            return inline(unescape_block(text))
        case _:
            assert_never(kind)


def _list_value(text: str) -> list[str]:
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


# -- entry point --------------------------------------------------------------------


def import_markdown(text: str, template: Template) -> ImportResult:
    """The draft a Markdown design doc makes. Raises ImportFailed when there is nothing to import."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportFailed("is empty; there is nothing to import")
    doc = Importer(text, template)
    body_start = 0
    lines = doc.lines
    if lines and lines[0].strip() == "---":
        close = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if close is not None and doc.front_matter("\n".join(lines[1:close])):
            body_start = close + 1
    doc.run(body_start)
    return doc.finish()
