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
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tdd_tui.draft import DOCUMENT, UNPLACED, Answer, Draft, Position, Record, is_answered
from tdd_tui.markdown import CHECKLIST_LABEL, TBD, UNPLACED_LABEL, section_labels
from tdd_tui.markdown_escape import (
    inline,
    split_items_inline,
    trim_blank_lines,
    unescape_block,
    unescape_cell,
    unescape_item,
    unescape_title,
)
from tdd_tui.template import Part, Section, Template
from tdd_tui.yamlio import SafeLoader, UnsafeYaml, check_safe

_NUMBER = re.compile(r"^(?:section\s+)?\d+(?:\.\d+)*\s*[.):\-–—]?\s+", re.I)
_MARKER_WIDTH = re.compile(r"^[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)")
_TASK = re.compile(r"^\[([ xX])\][ \t]+(.*)$", re.S)


class ImportFailed(ValueError):
    """A file that cannot be imported at all (empty, not text)."""


@dataclass
class ImportResult:
    draft: Draft
    parts_filled: int = 0
    sections_found: list[str] = field(default_factory=list)
    unknown_headings: list[str] = field(default_factory=list)

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


def key(text: str) -> str:
    """A heading or label reduced to what matters for matching: words, lower case."""
    text = text.lower().replace("&", " and ")
    text = re.sub(r"\([^)]*\)", " ", text)
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _parser() -> MarkdownIt:
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


# -- the importer -------------------------------------------------------------------


@dataclass
class _Target:
    """Where the text being read goes: a part, the checklist, or the unplaced note."""

    part: Part | None = None
    how: str = "label"  # label, heading, plain, bullet: how the part was named
    checklist: bool = False


class _Importer:
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
        tokens = _parser().parse("\n" * body_start + "\n".join(self.lines[body_start:]))
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
                _SectionReader(self, section, start, end).read(run)
            elif key(text) == key(UNPLACED_LABEL):
                self.add_unplaced(DOCUMENT, unescape_block(self.raw(start, end)))
            else:
                self.unknown.append(text)
                self.add_unplaced(DOCUMENT, self.raw(heading.start, end))

    def _section_for(self, heading: Block) -> Section | None:
        text = heading.inline.content if heading.inline else ""
        wanted = key(_NUMBER.sub("", text.strip()))
        if not wanted:
            return None
        for section in self.template.sections:
            if key(section.title) == wanted:
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
                for item_start, item_end, text in _items(self.lines, block):
                    if not self._metadata_line(text):
                        self.add_unplaced(DOCUMENT, self.raw(item_start, item_end))
            elif block.kind == "paragraph":
                for line in self.raw(block.start, block.end).split("\n"):
                    if not self._metadata_line(line.strip()):
                        self.add_unplaced(DOCUMENT, line)
            elif block.kind != "hr":
                self.add_unplaced(DOCUMENT, self.raw(block.start, block.end))
        self.add_unplaced(DOCUMENT, self.raw(cursor, end))

    def _metadata_line(self, text: str) -> bool:
        label, rest = split_label(text)
        if label is None:
            return False
        part = next((p for p in self.template.metadata if key(p.label) == key(label)), None)
        if part is None or (part.id == "title" and self.draft.title):
            return False
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
            part = next(
                (p for p in self.template.metadata if key(str(name)) in (key(p.id), key(p.label))),
                None,
            )
            if part is None or value is None or not self.set_metadata(part, value):
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


class _SectionReader:
    """The blocks under one section heading, read into parts."""

    def __init__(self, doc: _Importer, section: Section, start: int, end: int) -> None:
        self.doc = doc
        self.section = section
        self.start = start
        self.end = end
        self.labels = section_labels(section)
        self.target: _Target | None = None
        self.fresh = True  # just after the section heading or a sub-heading
        self.heading_parts: list[Part] = list(section.parts)

    # where text goes

    def flush(self, start: int, end: int, unescaped: bool = False) -> None:
        text = self.doc.raw(start, end)
        self.put(text, unescaped)

    def put(self, text: str, unescaped: bool = False) -> None:
        if not trim_blank_lines(text).strip():
            return
        target = self.target
        if target is None:
            # Prose under a section with one text part (the seed's "Summarize key
            # trade-offs..." sections) belongs to that part. Never the case in an
            # export of ours, where text always follows a label or heading.
            texts = [p for p in self.section.parts if p.kind == "text"]
            if len(texts) == 1:
                target = _Target(texts[0], "section")
        if target is not None and target.part is not None and target.part.kind != "group":
            self.doc.pieces.setdefault((self.section.id, target.part.id), []).append(text)
            return
        self.doc.add_unplaced(
            self.section.id, text if unescaped else unescape_block(text, self.labels)
        )

    def read(self, run: list[Block]) -> None:
        parts = self.section.parts
        if len(parts) == 1:
            self.target = _Target(parts[0], "section")
        cursor = self.start
        for block in run:
            taken = self.marker(block, cursor)
            if taken is None:
                self.fresh = False
                continue
            cursor = taken
        self.flush(cursor, self.end)

    # markers: each returns the line the next text starts at, or None for content

    def marker(self, block: Block, cursor: int) -> int | None:
        if block.kind == "heading":
            return self.heading(block, cursor)
        if block.kind == "paragraph":
            return self.paragraph(block, cursor)
        if block.kind in ("bullet_list", "ordered_list"):
            return self.list_block(block, cursor)
        if block.kind == "table":
            return self.table(block, cursor)
        return None

    def heading(self, block: Block, cursor: int) -> int | None:
        text = inline(block.inline.content if block.inline else "")
        wanted = key(_NUMBER.sub("", text))
        groups = self.section.headings()
        group = next((parts for name, parts in groups if name and key(name) == wanted), None)
        part = next((p for p in self.section.parts if key(p.label) == wanted), None)
        if group is None and part is None and wanted != key(CHECKLIST_LABEL):
            if self.target and self.target.part and block.level >= self.doc.section_level + 2:
                return None  # a sub-heading inside a part's own text
            self.flush(cursor, block.start)
            self.target = None
            self.fresh = False
            return block.start  # kept with the text that follows, in the note
        self.flush(cursor, block.start)
        self.fresh = True
        if wanted == key(CHECKLIST_LABEL) and group is None and part is None:
            self.target = _Target(checklist=True)
        elif group is not None and len(group) > 1:
            self.heading_parts = group
            self.target = None
        else:
            chosen = part if part is not None else (group[0] if group else None)
            self.target = _Target(chosen, "heading")
        return block.end

    def paragraph(self, block: Block, cursor: int) -> int | None:
        raw = self.doc.raw(block.start, block.end)
        token = block.inline
        children = (
            [c for c in (token.children or []) if not (c.type == "text" and not c.content)]
            if token
            else []
        )
        fresh, self.fresh = self.fresh, False
        if fresh and raw.strip() == TBD:
            self.flush(cursor, block.start)
            return block.end
        reason = _not_applicable(children, raw)
        if fresh and reason is not None:
            self.flush(cursor, block.start)
            target = self.target
            if target is not None and target.part is not None and target.how == "heading":
                self.doc.draft.set_not_applicable(self.section.id, target.part.id, reason)
            else:
                self.doc.draft.set_not_applicable(self.section.id, None, reason)
                self.target = None
            return block.end
        label, rest, how = _paragraph_label(children, raw)
        if label is None:
            return None
        if how == "plain" and self.target is not None and self.target.how != "plain":
            return None
        wanted = key(label)
        if how != "plain" and wanted == key(CHECKLIST_LABEL):
            self.flush(cursor, block.start)
            self.target = _Target(checklist=True)
            return block.end
        if how != "plain" and wanted == key(UNPLACED_LABEL):
            self.flush(cursor, block.start)
            self.target = None
            return self._rest_as_unplaced(block, rest)
        part = self._part_named(label)
        if part is None:
            if how == "label" and self.target is not None and self.target.how == "inline":
                # "**Label:** text" then "**Something else:**": a label we do not know.
                self.flush(cursor, block.start)
                self.target = _Target(how="unplaced")
                return block.start
            return None
        self.flush(cursor, block.start)
        # "**Label:** text" holds the whole value in our exports, so a table that
        # follows can only be a hand-written one for the section's group part.
        self.target = _Target(part, "inline" if rest.strip() and how == "label" else how)
        na = _not_applicable_text(rest)
        if na is not None:
            self.doc.draft.set_not_applicable(self.section.id, part.id, na)
            self.target = None
            return block.end
        self.put(rest)
        return block.end

    def _rest_as_unplaced(self, block: Block, rest: str) -> int:
        """Our own "Unplaced text" label: the note runs to the next marker."""
        self.target = _Target(how="unplaced")
        self.put(rest)
        return block.end

    def _part_named(self, label: str) -> Part | None:
        wanted = key(label)
        scoped = [*self.heading_parts, *self.section.parts]
        exact = next((p for p in scoped if key(p.label) == wanted), None)
        if exact is not None:
            return exact
        # "Availability (SLO targets if known)" or "Scalability expectations".
        return next(
            (p for p in scoped if key(p.label) and wanted.startswith(key(p.label) + " ")), None
        )

    def list_block(self, block: Block, cursor: int) -> int | None:
        items = _items(self.doc.lines, block)
        target = self.target
        if target is not None and target.checklist:
            self.flush(cursor, block.start)
            self._ticks(items)
            self.target = None
            return block.end
        if target is not None and target.how not in ("bullet",):
            group = target.part if target.part and target.part.kind == "group" else None
            if group is None:
                return None
            self.flush(cursor, block.start)
            self._record(group, items)
            return block.end
        if items and all(_TASK.match(text) for _, _, text in items) and self.section.checklist:
            self.flush(cursor, block.start)
            self._ticks(items)
            return block.end
        labelled = [(s, e, *split_label(text)) for s, e, text in items]
        if not any(label and self._part_named(label) for _, _, label, _ in labelled):
            group = next((p for p in self.section.parts if p.kind == "group"), None)
            if group is not None and _record_fields(group, items):
                self.flush(cursor, block.start)
                self._record(group, items)
                return block.end
            return None
        self.flush(cursor, block.start)
        for start, end, label, rest in labelled:
            part = self._part_named(label) if label else None
            if part is not None:
                self.target = _Target(part, "bullet")
                self.put(rest)
            else:
                self.put(self.doc.raw(start, end))
        return block.end

    def _ticks(self, items: list[tuple[int, int, str]]) -> None:
        for start, end, text in items:
            match = _TASK.match(text)
            item = None
            if match:
                item = next(
                    (c for c in self.section.checklist if key(c.text) == key(match.group(2))), None
                )
            if item is None:
                self.doc.add_unplaced(self.section.id, self.doc.raw(start, end))
            elif match and match.group(1) != " ":
                self.doc.draft.set_tick(self.section.id, item.id, True)
        ticked = set(self.doc.draft.ticked(self.section.id))
        order = [c.id for c in self.section.checklist if c.id in ticked]
        if order:
            self.doc.draft.ticks[self.section.id] = order

    def _record(self, group: Part, items: list[tuple[int, int, str]]) -> None:
        fields = _record_fields(group, items)
        if not fields:  # "- Who owns the on-call?": one row per item, in the first column
            first = group.fields[0].id
            rows = [
                {f.id: "" for f in group.fields} | {first: text.strip()} for _, _, text in items
            ]
            self._add_records(group, rows)
            return
        record: Record = {f.id: "" for f in group.fields}
        for start, end, text in items:
            label, rest = split_label(text)
            found = fields.get(label or "")
            if found is None:
                self.doc.add_unplaced(self.section.id, self.doc.raw(start, end))
            else:
                record[found] = unescape_block(trim_blank_lines(rest)).strip()
        self._add_records(group, [record])

    def _add_records(self, group: Part, records: list[Record]) -> None:
        kept = [r for r in records if any(v.strip() for v in r.values())]
        if kept:
            current = self.doc.draft.answer(self.section.id, group.id)
            self.doc.draft.set_answer(self.section.id, group.id, [*_records(current), *kept])

    def table(self, block: Block, cursor: int) -> int | None:
        target = self.target
        group = target.part if target and target.part and target.part.kind == "group" else None
        if group is None and (target is None or target.how == "inline"):
            group = next((p for p in self.section.parts if p.kind == "group"), None)
        if group is None:
            return None
        header, rows = _table_cells(self.doc.lines, block)
        columns = [_field_for(group, name) for name in header]
        if not any(columns):
            return None
        self.flush(cursor, block.start)
        records = []
        for row in rows:
            record: Record = {f.id: "" for f in group.fields}
            for field_id, cell in zip(columns, row, strict=False):
                if field_id:
                    record[field_id] = unescape_cell(cell).strip()
            records.append(record)
        self._add_records(group, records)
        if not all(columns):  # a column the template does not have: keep the table as a note
            self.doc.add_unplaced(self.section.id, self.doc.raw(block.start, block.end))
        self.target = _Target(group, "label")
        return block.end


# -- helpers ------------------------------------------------------------------------


def _items(lines: list[str], block: Block) -> list[tuple[int, int, str]]:
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


def _paragraph_label(children: list[Token], raw: str) -> tuple[str | None, str, str]:
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


def _not_applicable(children: list[Token], raw: str) -> str | None:
    if children and children[0].type == "em_open":
        return _not_applicable_text(raw)
    return None


def _not_applicable_text(text: str) -> str | None:
    text = text.strip()
    if text == "*Not applicable.*":
        return ""
    if text.startswith("*Not applicable:*"):
        return inline(text[len("*Not applicable:*") :])
    return None


def _value(part: Part, pieces: list[str], labels: tuple[str, ...]) -> Answer:
    text = trim_blank_lines("\n\n".join(trim_blank_lines(p) for p in pieces))
    if part.kind == "text":
        return unescape_block(text, labels)
    if part.kind in ("list", "multi"):
        return _list_value(text)
    if part.kind == "group":
        return []
    value = inline(unescape_block(text))
    if part.kind == "choice":
        return next((c for c in part.choices if key(c) == key(value)), value)
    return value


def _list_value(text: str) -> list[str]:
    """A list part's items: the items of its lists, and any other block as one item."""
    lines = text.split("\n")

    def raw(start: int, end: int) -> str:
        return trim_blank_lines("\n".join(lines[start:end]))

    items: list[str] = []
    cursor = 0
    for block in blocks_of(_parser().parse(text)):
        between = raw(cursor, block.start)
        if between.strip():
            items.append(unescape_block(between))
        cursor = block.end
        if block.kind in ("bullet_list", "ordered_list"):
            items.extend(t for _, _, t in _items(lines, block) if t.strip())
        else:
            items.append(unescape_block(raw(block.start, block.end)))
    tail = raw(cursor, len(lines))
    if tail.strip():
        items.append(unescape_block(tail))
    return [i for i in items if i.strip()]


def _records(value: Answer) -> list[Record]:
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def _field_for(group: Part, name: str) -> str | None:
    """The column a header names: "Failure scenario", or just "Scenario"."""
    wanted = key(name)
    if not wanted:
        return None
    exact = next((f.id for f in group.fields if key(f.label) == wanted), None)
    if exact is not None:
        return exact
    words = set(wanted.split())
    return next((f.id for f in group.fields if words <= set(key(f.label).split())), None)


def _record_fields(group: Part, items: list[tuple[int, int, str]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for _, _, text in items:
        label, _ = split_label(text)
        if label:
            field_id = _field_for(group, label)
            if field_id:
                found[label] = field_id
    return found


def _table_cells(lines: list[str], block: Block) -> tuple[list[str], list[list[str]]]:
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


# -- entry point --------------------------------------------------------------------


def import_markdown(text: str, template: Template) -> ImportResult:
    """The draft a Markdown design doc makes. Raises ImportFailed when there is nothing to import."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportFailed("is empty; there is nothing to import")
    doc = _Importer(text, template)
    body_start = 0
    lines = doc.lines
    if lines and lines[0].strip() == "---":
        close = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if close is not None and doc.front_matter("\n".join(lines[1:close])):
            body_start = close + 1
    doc.run(body_start)
    return doc.finish()
