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

from tdd_tui.draft import DOCUMENT, UNPLACED, Draft, Position, is_answered
from tdd_tui.markdown import UNPLACED_LABEL, section_labels
from tdd_tui.markdown_blocks import (
    Block,
    blocks_of,
    key,
    parser,
)
from tdd_tui.markdown_details import DETAILS_HEADINGS, DetailsReader, fenced, yaml_text
from tdd_tui.markdown_escape import (
    inline,
    unescape_block,
    unescape_title,
)
from tdd_tui.markdown_names import name_key, part_anywhere, part_named, section_named
from tdd_tui.markdown_section import SectionReader
from tdd_tui.markdown_values import part_value, words_in
from tdd_tui.template import Part, Section, Template

_ATX_LINE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?[ \t]*$")


@dataclass
class _Segment:
    """The blocks from one section heading to the next."""

    start: int  # the first line of the text
    heading: Block | None
    section: Section | None
    part: Part | None  # the part the heading itself names ("## Non-Goals")
    run: list[Block]
    top: bool = False  # at the section level (not a sub-heading that names a section)

    @property
    def begin(self) -> int:
        """The first line of the segment, its heading's if it has one."""
        return self.heading.start if self.heading is not None else self.start


class ImportFailed(ValueError):
    """A file that cannot be imported at all (empty, not text)."""


@dataclass
class ImportResult:
    draft: Draft
    parts_filled: int = 0
    sections_found: list[str] = field(default_factory=list)
    unknown_headings: list[str] = field(default_factory=list)
    updated: bool = False  # an earlier import of the same file was updated, not copied
    taken: list[str] = field(default_factory=list)  # details fields given a value
    unsure: list[str] = field(default_factory=list)  # text placed by a guess

    def placed_share(self) -> float:
        """The share of the document's words that went into parts and details, not notes."""
        draft = self.draft
        placed = words_in([draft.metadata, draft.answers])
        left = words_in(list(draft.unplaced.values()))
        return placed / (placed + left) if placed + left else 1.0

    def unplaced_lines(self) -> dict[str, int]:
        return {key: len(text.splitlines()) for key, text in self.draft.unplaced.items()}

    def summary(self, template: Template) -> list[str]:
        """What the import did, in lines the user can act on."""
        lines = [f"{self.parts_filled} part(s) filled in {len(self.sections_found)} section(s)."]
        if self.taken:
            lines.append("Details taken: " + ", ".join(self.taken) + ".")
        for line in self.unsure:
            lines.append(f"Check: {line}.")
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
            lines.append(f"Headings not in the template (kept as notes where they stood): {names}.")
        missing = [s.heading for s in template.sections if s.id not in self.sections_found]
        if missing:
            lines.append("Sections missing: " + ", ".join(missing) + ".")
        return lines


class Importer(DetailsReader):
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
        self.section_level = 2
        self.own = False  # the document is an export of ours: its headings are all structure
        self.title_line = -1
        self.dropped: set[int] = set()  # lines of a setext sub-heading made one ATX line
        # Lines placed by a guess, by (section, part), to say so in the summary.
        self.unsure: dict[tuple[str, str], int] = {}
        self.taken: list[str] = []  # the details fields the document gave values for
        self.named: dict[str, tuple[Section, Part | None] | None] = {}  # by heading text
        self.last_section = ""  # the section read last: a note of an unknown one goes there

    # -- document -------------------------------------------------------------

    def run(self, body_start: int) -> None:
        # Front matter lines are parsed as blank lines, so every map is a source line.
        tokens = parser().parse("\n" * body_start + "\n".join(self.lines[body_start:]))
        blocks = blocks_of(tokens)
        first = next((b for b in blocks if b.kind == "heading" and b.level == 1), None)
        own = f"# {self.template.doc_title}:".lower()
        self.own = first is not None and self.lines[first.start].lower().startswith(own)
        # Sections are the level-2 headings, or level 1 in a doc that numbers its
        # sections as "# 1. ..." (then the "##" under them are sub-headings).
        matching = [b.level for b in blocks if b.kind == "heading" and self._names(b)]
        self.section_level = level = min(matching) if matching and min(matching) <= 2 else 2
        segments = self._segments(blocks, level, body_start)
        self._demote(segments)
        for index, segment in enumerate(segments):
            run = segment.run
            end = len(self.lines)
            if index + 1 < len(segments):
                following = segments[index + 1]
                end = following.begin
                # A rule just before the next section separates sections: not content
                # (the export writes one before every section).
                if run and run[-1].kind == "hr" and following.top:
                    end = run[-1].start
                    run = run[:-1]
            self._read(segment, run, end)

    def _segments(self, blocks: list[Block], level: int, body_start: int) -> list[_Segment]:
        """The document cut where a section starts: a heading at the section level, or
        one level below it that names another section or one of its parts (a KEP's
        "### Goals" under "## Motivation")."""
        segments = [_Segment(body_start, None, None, None, [], top=True)]
        title_seen = False
        has_h1 = any(b.kind == "heading" and b.level == 1 for b in blocks)
        parent: Section | None = None  # the section of the last top-level heading
        for block in blocks:
            current = segments[-1]
            if block.kind == "heading" and block.level <= level:
                names = self._names(block)
                # The first level-1 heading before any section is the title, unless it
                # is a section's very name ("# 1. Overview" in a doc of "#" sections);
                # in a doc with no level-1 heading, a heading that opens it is.
                is_title = (
                    not title_seen
                    and len(segments) == 1
                    and (block.level == 1 or (not has_h1 and not current.run))
                )
                if is_title and (self.own or not self._exactly_a_section(block)):
                    title_seen = True
                    self._title(block)
                    current.run.append(block)
                    continue
                section, part = names or (None, None)
                parent = section
                segments.append(_Segment(block.end, block, section, part, [], top=True))
                continue
            if block.kind == "heading" and block.level == level + 1 and not self.own:
                names = self._names(block)
                inside = current.section is not None and self._names_part_of(current.section, block)
                if names is not None and not inside and names[0] is not current.section:
                    segments.append(_Segment(block.end, block, *names, []))
                    continue
                if names is None and current.heading is not None and not current.top:
                    # A sibling heading after such a sub-section: back to the section above.
                    segments.append(_Segment(block.start, None, parent, None, [block]))
                    continue
            current.run.append(block)
        return segments

    def _unknown(self, segment: _Segment) -> bool:
        """A section this template does not have: its heading is kept as text."""
        heading = segment.heading
        if heading is None or segment.section is not None:
            return False
        name = key(inline(heading.inline.content if heading.inline else ""))
        return name != key(UNPLACED_LABEL) and name not in DETAILS_HEADINGS

    def _read(self, segment: _Segment, run: list[Block], end: int) -> None:
        heading = segment.heading
        if heading is None and segment.section is None:
            self._preamble(run, segment.start, end)
            return
        if segment.section is not None:
            section = segment.section
            if section.id not in self.found:
                self.found.append(section.id)
            self.last_section = section.id
            SectionReader(self, section, segment.start, end, segment.part).read(run)
            return
        assert heading is not None
        text = inline(heading.inline.content if heading.inline else "")
        if key(text) == key(UNPLACED_LABEL):
            self.add_unplaced(DOCUMENT, unescape_block(self.raw(segment.start, end)))
        elif key(text) in DETAILS_HEADINGS:
            self._preamble(run, segment.start, end)
        else:
            # Kept, heading and all, as a note of the section it follows in the
            # original, so it reads where it did.
            self.unknown.append(text)
            where = self.last_section or DOCUMENT
            self.add_unplaced(where, self.raw(heading.start, end))

    def _names(self, heading: Block) -> tuple[Section, Part | None] | None:
        """The section (and part) a heading names, by title, alias or a near name."""
        text = heading.inline.content if heading.inline else ""
        if text not in self.named:
            self.named[text] = self._name(text)
        return self.named[text]

    def _name(self, text: str) -> tuple[Section, Part | None] | None:
        section = section_named(self.template, text)
        if section is not None:
            # "## Non-Goals" is that part too; "## Goals and Non-Goals" is not "Goals".
            # In an export of ours a section heading is only ever the section's.
            return section, None if self.own else part_named(section, text, near=False)
        if self.own:
            return None
        return part_anywhere(self.template, text)

    def _exactly_a_section(self, heading: Block) -> bool:
        text = heading.inline.content if heading.inline else ""
        return section_named(self.template, text, near=False) is not None

    def _names_part_of(self, section: Section, heading: Block) -> bool:
        text = heading.inline.content if heading.inline else ""
        groups = [name for name, _ in section.headings() if name]
        return part_named(section, text) is not None or any(
            key(name) == name_key(text) for name in groups
        )

    def _demote(self, segments: list[_Segment]) -> None:
        """Every heading that is not structure becomes text's heading: ATX, at level 4 or
        deeper, keeping the depth it had below the section it is in (one more inside a
        section the template does not have, whose own heading is made level 4), so it
        renders as a heading inside the part or note that holds it."""
        level = self.section_level
        for segment in segments:
            unknown = self._unknown(segment)
            headings = [b for b in segment.run if b.kind == "heading"]
            if unknown and segment.heading is not None:
                headings.insert(0, segment.heading)
            for block in headings:
                if block.start == self.title_line:
                    continue
                if self.own:  # our export has the author's headings at 4 and deeper already
                    depth = max(4, block.level)
                else:
                    # One level less under a sub-heading that is a section ("### Test
                    # Plan" made section 11: its "####" are the section's first level).
                    sub = segment.heading is not None and not segment.top
                    shift = 4 if unknown else 2 if sub else 3
                    depth = min(6, max(4, block.level - level + shift))
                self._make_heading(block, depth)

    def _make_heading(self, block: Block, depth: int) -> None:
        first = self.lines[block.start]
        match = _ATX_LINE.match(first)
        if match:
            text = match.group(1)
            self.lines[block.start] = "#" * depth + (" " + text if text else "")
            return
        # Setext: the text's lines joined on the first, the underline gone.
        words = " ".join(line.strip() for line in self.lines[block.start : block.end - 1])
        self.lines[block.start] = "#" * depth + " " + words
        self.dropped.update(range(block.start + 1, block.end))

    def _title(self, heading: Block) -> None:
        self.title_line = heading.start
        first = self.lines[heading.start]
        if _ATX_LINE.match(first):
            # From the source line, not the token (which has NUL replaced): the opening
            # hashes and an optional closing sequence, as CommonMark reads them.
            text = first.strip().lstrip("#")
            text = re.sub(r"(^|[ \t])#+[ \t]*$", "", text).strip()
        else:  # a setext title, perhaps over several lines
            text = " ".join(line.strip() for line in self.lines[heading.start : heading.end - 1])
        prefix = f"{self.template.doc_title}:"
        if text.lower().startswith(prefix.lower()):
            text = text[len(prefix) :]
        title = unescape_title(inline(text))
        if not title or (title.startswith("<") and title.endswith(">")):
            return
        before = self.draft.title
        if before.strip() and key(before) != key(title):
            # The front matter named it otherwise: the heading wins, the other is kept.
            self.add_unplaced(DOCUMENT, fenced(yaml_text({"title": before})))
        self.draft.set_metadata("title", title)

    # -- result -----------------------------------------------------------------

    def _text_over_not_applicable(self, section: Section) -> None:
        """A "N/A" that text followed after all ("## Drawbacks: N/A" then "## Alternatives"
        with text, one section here): the mark would hide that text, so the "N/A" goes
        back to being text, in the section's note, and the mark is taken off."""
        draft = self.draft
        marked = [None, *(p.id for p in section.parts)]
        for part_id in marked:
            reason = draft.not_applicable_reason(section.id, part_id)
            if reason is None:
                continue
            parts = (
                section.parts if part_id is None else [p for p in section.parts if p.id == part_id]
            )
            if any(is_answered(draft.answer(section.id, p.id)) for p in parts):
                draft.set_not_applicable(section.id, part_id, None)
                self.add_unplaced(section.id, f"N/A: {reason}" if reason else "N/A")

    def finish(self) -> ImportResult:
        filled = 0
        for section in self.template.sections:
            labels = section_labels(section)
            for part in section.parts:
                pieces = self.pieces.get((section.id, part.id))
                if not pieces:
                    continue
                value = part_value(part, pieces, labels)
                if is_answered(value):
                    self.draft.set_answer(section.id, part.id, value)
            self._text_over_not_applicable(section)
            filled += sum(
                is_answered(self.draft.answer(section.id, p.id))
                or self.draft.not_applicable_reason(section.id, p.id) is not None
                for p in section.parts
            )
        for where, texts in self.unplaced.items():
            self.draft.set_unplaced(where, "\n\n".join(texts))
        # The wizard opens on the first note, in the export's order: the document's
        # own (on the details screen), then the sections'.
        first = next((s.id for s in self.template.sections if s.id in self.draft.unplaced), None)
        if DOCUMENT in self.draft.unplaced:
            self.draft.position = Position("metadata", UNPLACED)
        elif first is not None:
            self.draft.position = Position(first, UNPLACED)
        return ImportResult(
            self.draft,
            filled,
            self.found,
            self.unknown,
            taken=self.taken,
            unsure=[
                f"{section}: {lines} line(s) under no label of this template put in '{part}'"
                for (section, part), lines in self.unsure.items()
            ],
        )


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
