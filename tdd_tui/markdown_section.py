"""Reading the blocks under one section heading into the section's parts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tdd_tui.draft import Record
from tdd_tui.markdown import CHECKLIST_LABEL, TBD, UNPLACED_LABEL, section_labels
from tdd_tui.markdown_blocks import Block, key, list_items, split_label, table_cells
from tdd_tui.markdown_escape import inline, trim_blank_lines, unescape_block, unescape_cell
from tdd_tui.markdown_labels import (
    field_for,
    not_applicable,
    not_applicable_text,
    paragraph_label,
    record_fields,
    records_in,
    written_not_applicable,
)
from tdd_tui.markdown_names import name_key, part_named
from tdd_tui.template import Part, Section

if TYPE_CHECKING:
    from tdd_tui.markdown_import import Importer

_TASK = re.compile(r"^\[([ xX])\][ \t]+(.*)$", re.S)


@dataclass
class _Target:
    """Where the text being read goes: a part, the checklist, or the unplaced note."""

    part: Part | None = None
    how: str = "label"  # label, heading, plain, bullet: how the part was named
    checklist: bool = False


class SectionReader:
    """The blocks under one section heading, read into parts."""

    def __init__(
        self, doc: Importer, section: Section, start: int, end: int, part: Part | None = None
    ) -> None:
        self.doc = doc
        self.section = section
        self.start = start
        self.end = end
        self.labels = section_labels(section)
        self.target: _Target | None = None
        self.fresh = True  # just after the section heading or a sub-heading
        self.heading_parts: list[Part] = list(section.parts)
        # Prose under no label, in a section of several parts; True if it opened it.
        self.loose: list[tuple[str, bool]] = []
        self.named = part  # the part the section's heading itself names ("## Non-Goals")

    # where text goes

    def flush(self, start: int, end: int) -> None:
        self.put(self.doc.raw(start, end))

    def put(self, text: str) -> None:
        if not trim_blank_lines(text).strip():
            return
        target = self.target
        if target is None or (target.part is not None and target.part.kind == "group"):
            # Prose under a section with one text part (the seed's "Summarize key
            # trade-offs..." sections) belongs to that part; prose under a table's
            # heading too. Never the case in an export of ours, where text always
            # follows a label or heading.
            texts = [p for p in self.section.parts if p.kind == "text"]
            if len(texts) == 1 and target is None:
                target = _Target(texts[0], "section")
            elif texts:
                # Placed when the section has been read: first, if it opened the section.
                opening = not any(s == self.section.id for s, _ in self.doc.pieces)
                self.loose.append((text, opening))
                return
        if target is not None and target.part is not None and target.part.kind != "group":
            self.doc.pieces.setdefault((self.section.id, target.part.id), []).append(text)
            return
        self.doc.add_unplaced(self.section.id, unescape_block(text, self.labels))

    def _place_loose(self) -> None:
        """Prose under no label: another team's doc that writes a section as prose
        ("## Motivation" then paragraphs) has it in the section's first text part,
        and the summary says so, to be checked."""
        if not self.loose:
            return
        first = next(p for p in self.section.parts if p.kind == "text")
        pieces = self.doc.pieces.setdefault((self.section.id, first.id), [])
        # Prose that opened the section goes before the part's own text, the rest after.
        pieces[:0] = [text for text, opening in self.loose if opening]
        pieces.extend(text for text, opening in self.loose if not opening)
        lines = sum(len(trim_blank_lines(t).split("\n")) for t, _ in self.loose)
        where = (self.section.heading, first.label)
        self.doc.unsure[where] = self.doc.unsure.get(where, 0) + lines
        self.loose = []

    def read(self, run: list[Block]) -> None:
        parts = self.section.parts
        if len(parts) == 1:
            self.target = _Target(parts[0], "section")
        elif self.named is not None:
            self.target = _Target(self.named, "heading")
        cursor = self.start
        for block in run:
            taken = self.marker(block, cursor)
            if taken is None:
                self.fresh = False
                continue
            cursor = taken
        self.flush(cursor, self.end)
        self._place_loose()

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
        wanted = name_key(text)
        target = self.target
        inside = target is not None and (target.part is not None or target.how == "unplaced")
        deep = block.level >= self.doc.section_level + 2
        if deep and inside and self.doc.own:
            return None  # our export: a heading inside a part's own text
        groups = self.section.headings()
        group = next((parts for name, parts in groups if name and key(name) == wanted), None)
        part = None if group is not None else part_named(self.section, text)
        if group is None and part is None and wanted != key(CHECKLIST_LABEL):
            if deep and inside:
                return None  # a sub-heading inside a part's own text
            self.flush(cursor, block.start)
            self.target = None
            self.fresh = False
            return block.start  # kept with the text that follows, as its heading
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
        splits = self._label_lines(raw)
        if splits:
            return self._labelled_lines(block, cursor, splits)
        reason = not_applicable(children, raw)
        if reason is None and not self.doc.own:
            reason = written_not_applicable(raw)  # "N/A", "Not applicable: no users yet."
        target = self.target
        part = target.part if target is not None and target.how == "heading" else None
        # A mark over text read before or after it is taken off again when the import
        # finishes (Importer._text_over_not_applicable).
        if fresh and reason is not None:
            self.flush(cursor, block.start)
            if part is not None:
                self.doc.draft.set_not_applicable(self.section.id, part.id, reason)
            else:
                self.doc.draft.set_not_applicable(self.section.id, None, reason)
                self.target = None
            return block.end
        label, rest, how = paragraph_label(children, raw)
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
        part = self._part_named(label, plain=how == "plain")
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
        na = not_applicable_text(rest)
        if na is not None:
            self.doc.draft.set_not_applicable(self.section.id, part.id, na)
            self.target = None
            return block.end
        self.put(rest)
        return block.end

    def _label_lines(self, raw: str) -> list[int]:
        """The lines after the first of a paragraph that open with a bold label of
        this section ("**Goals:** ..." then "**Non-goals:** ..." with no blank line)."""
        lines = raw.split("\n")
        found = []
        for index, line in enumerate(lines[1:], 1):
            if line.lstrip().startswith("**"):
                label, _ = split_label(line)
                if label is not None and self._part_named(label) is not None:
                    found.append(index)
        return found

    def _labelled_lines(self, block: Block, cursor: int, splits: list[int]) -> int:
        """A paragraph of several labelled lines: each label's text to its own part."""
        starts = [block.start, *(block.start + i for i in splits)]
        first, _ = split_label(self.doc.raw(block.start, block.start + splits[0]))
        opening = first is not None and self._part_named(first) is not None
        if not opening:  # the first lines go on with what came before
            starts = starts[1:]
        self.flush(cursor, starts[0])
        for index, start in enumerate(starts):
            end = starts[index + 1] if index + 1 < len(starts) else block.end
            label, rest = split_label(self.doc.raw(start, end))
            part = self._part_named(label) if label else None
            assert part is not None
            self.target = _Target(part, "inline" if rest.strip() else "label")
            na = not_applicable_text(rest)
            if na is not None:
                self.doc.draft.set_not_applicable(self.section.id, part.id, na)
                self.target = None
            else:
                self.put(rest)
        return block.end

    def _rest_as_unplaced(self, block: Block, rest: str) -> int:
        """Our own "Unplaced text" label: the note runs to the next marker."""
        self.target = _Target(how="unplaced")
        self.put(rest)
        return block.end

    def _part_named(self, label: str, plain: bool = False) -> Part | None:
        """The part a label names. A plain one ("Notes on compatibility: ...") may be a
        sentence, so it must be a part's name, not a near one or one it ends with."""
        wanted = key(label)
        scoped = [*self.heading_parts, *self.section.parts]
        named = part_named(self.section, label, scoped, near=not plain)
        if named is not None:
            return named
        # "Scalability expectations": the part's label and one word more.
        return next(
            (
                p
                for p in scoped
                if key(p.label)
                and wanted.startswith(key(p.label) + " ")
                and len(wanted.split()) == len(key(p.label).split()) + 1
            ),
            None,
        )

    def list_block(self, block: Block, cursor: int) -> int | None:
        items = list_items(self.doc.lines, block)
        target = self.target
        if target is not None and target.checklist:
            self.flush(cursor, block.start)
            self._ticks(items)
            self.target = None
            return block.end
        # "**Problem:** text" then "- **Impact:** ...": the bullets name parts of their own.
        names_own = target is not None and target.how == "inline" and self._items_name_parts(items)
        if target is not None and target.how not in ("bullet",) and not names_own:
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
        labelled = [
            (s, e, label, rest, not text.lstrip().startswith("**"))
            for s, e, text in items
            for label, rest in [split_label(text)]
        ]
        group = next((p for p in self.section.parts if p.kind == "group"), None)
        fields = record_fields(group, items) if group is not None else {}
        names_parts = any(
            label and self._part_named(label, plain) for _, _, label, _, plain in labelled
        )
        if group is not None and fields and (len(fields) > 1 or not names_parts):
            # "- Failure scenario: ..." "- Detection mechanism: ...": one row of the table.
            self.flush(cursor, block.start)
            self._record(group, items)
            return block.end
        if not names_parts:
            return None
        self.flush(cursor, block.start)
        for start, end, label, rest, plain in labelled:
            part = self._part_named(label, plain) if label else None
            if part is not None:
                self.target = _Target(part, "bullet")
                self.put(rest)
            else:
                self.put(self.doc.raw(start, end))
        return block.end

    def _items_name_parts(self, items: list[tuple[int, int, str]]) -> bool:
        for _, _, text in items:
            label, _ = split_label(text)
            if label is not None and text.lstrip().startswith("**") and self._part_named(label):
                return True
        return False

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
        fields = record_fields(group, items)
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
            self.doc.draft.set_answer(self.section.id, group.id, [*records_in(current), *kept])

    def table(self, block: Block, cursor: int) -> int | None:
        target = self.target
        group = target.part if target and target.part and target.part.kind == "group" else None
        if group is None and (target is None or target.how == "inline"):
            group = next((p for p in self.section.parts if p.kind == "group"), None)
        if group is None:
            return None
        header, rows = table_cells(self.doc.lines, block)
        columns = [field_for(group, name) for name in header]
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
        # A column the template does not have, or a row with more cells than the header
        # (an unescaped "|" in a code span): the table is kept whole as a note too.
        if not all(columns) or any(len(row) > len(header) for row in rows):
            self.doc.add_unplaced(self.section.id, self.doc.raw(block.start, block.end))
        self.target = _Target(group, "label")
        return block.end
