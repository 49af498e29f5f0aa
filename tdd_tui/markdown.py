"""Markdown export: a draft rendered to read like the seed template.

Pure: `export_markdown(template, draft)` returns the text; the caller decides
where it goes. Same draft, same bytes. The author's text is kept as written,
except where it would break the document's structure (a `## ` line inside a
part would become a new section), which is escaped.
"""

from __future__ import annotations

from tdd_tui.draft import DOCUMENT, Answer, Draft, Record, is_answered
from tdd_tui.markdown_escape import (
    escape_block,
    escape_cell,
    escape_item,
    escape_items_inline,
    escape_title,
    inline,
    label_forms,
)
from tdd_tui.template import Kind, Part, Section, Template

TBD = "*TBD*"
CHECKLIST_LABEL = "Review checklist"
UNPLACED_LABEL = "Unplaced text (from import)"


def section_labels(section: Section) -> tuple[str, ...]:
    """The paragraph openings that mean something in this section's export."""
    return label_forms([*(p.label for p in section.parts), CHECKLIST_LABEL, UNPLACED_LABEL])


def export_markdown(template: Template, draft: Draft, *, checklists: bool = True) -> str:
    """The draft as Markdown in the template's layout. Lossless by default (it imports
    back to the same draft); checklists=False leaves the review checklists out, for a
    doc that is going to a wiki or an email."""
    blocks = [f"# {template.doc_title}: {escape_title(draft.title)}"]
    meta = _metadata_lines(template, draft)
    if meta:
        blocks.append("\n".join(meta))
    # The imported text that fits no section, where a reader starts: it came before
    # the first section of the original, or in sections this template does not have.
    unplaced = draft.unplaced.get(DOCUMENT, "")
    if unplaced.strip():
        blocks.extend([f"## {UNPLACED_LABEL}", escape_block(unplaced)])
    for section in template.sections:
        blocks.append("---")
        blocks.extend(section_blocks(section, draft, checklists=checklists))
    return "\n\n".join(blocks) + "\n"


def section_blocks(section: Section, draft: Draft, *, checklists: bool = True) -> list[str]:
    blocks = [f"## {section.number}. {section.title}"]
    labels = section_labels(section)
    unplaced = draft.unplaced.get(section.id, "")
    unplaced_blocks = [f"**{UNPLACED_LABEL}:**", escape_block(unplaced, labels)]
    reason = draft.not_applicable_reason(section.id)
    if reason is not None:
        blocks.append(_not_applicable(reason))
        return blocks + (unplaced_blocks if unplaced.strip() else [])
    body: list[str] = []
    for heading, parts in section.headings():
        rendered: list[str] = []
        for part in parts:
            # A part alone under a heading of its own name needs no label, unless it
            # is not applicable at the top of the section (that would read as the
            # whole section being not applicable).
            unlabelled = (
                len(parts) == 1
                and part.label == (heading or section.title)
                and not (
                    heading is None and draft.not_applicable_reason(section.id, part.id) is not None
                )
            )
            rendered.extend(
                part_blocks(section, part, draft, labelled=not unlabelled, labels=labels)
            )
        if rendered and heading:
            body.append(f"### {heading}")
        body.extend(rendered)
    blocks.extend(body or [TBD])
    if unplaced.strip():
        blocks.extend(unplaced_blocks)
    if section.checklist and checklists:
        ticked = set(draft.ticked(section.id))
        items = [f"- [{'x' if c.id in ticked else ' '}] {c.text}" for c in section.checklist]
        blocks.append("**Review checklist:**")
        blocks.append("\n".join(items))
    return blocks


def part_blocks(
    section: Section,
    part: Part,
    draft: Draft,
    *,
    labelled: bool = True,
    labels: tuple[str, ...] = (),
) -> list[str]:
    label = f"**{part.label}:**"
    reason = draft.not_applicable_reason(section.id, part.id)
    if reason is not None:
        return [f"{label} {_not_applicable(reason)}" if labelled else _not_applicable(reason)]
    value = draft.answer(section.id, part.id)
    if not is_answered(value):
        return []
    body = render_value(part, value, labels)
    if not labelled:
        return [body]
    if part.kind in ("line", "date", "choice") or (part.kind == "text" and _is_one_line(body)):
        return [f"{label} {body}"]
    return [label, body]


def render_value(part: Part, value: Answer, labels: tuple[str, ...] = ()) -> str:
    kind = part.kind
    if isinstance(value, list) and kind is not Kind.GROUP:
        # A list answer, whatever the kind says now (a part that changed kind keeps it).
        items = [v for v in value if isinstance(v, str) and v.strip()]
        return "\n".join(_bullet(escape_item(v)) for v in items)
    match kind:
        case Kind.GROUP:
            records = [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []
            return _table(part, records)
        case Kind.TEXT:
            return escape_block(value, labels) if isinstance(value, str) else ""
        case Kind.LINE | Kind.DATE | Kind.CHOICE | Kind.LIST | Kind.MULTI:
            return inline(value) if isinstance(value, str) else ""
        case _:
            from typing import assert_never

            assert_never(kind)


def _metadata_lines(template: Template, draft: Draft) -> list[str]:
    lines = []
    for part in template.metadata:
        if part.id == "title":
            continue
        value = draft.metadata.get(part.id)
        if value is None or not is_answered(value):
            continue
        if isinstance(value, list):
            text = escape_items_inline(v for v in value if isinstance(v, str))
        else:
            text = inline(value)
        lines.append(f"- **{part.label}:** {text}")
    return lines


def _not_applicable(reason: str) -> str:
    reason = inline(reason)
    return f"*Not applicable:* {reason}" if reason else "*Not applicable.*"


def _bullet(item: str) -> str:
    return f"-{item}" if item.startswith("\n") else f"- {item}"


def _is_one_line(body: str) -> bool:
    return "\n" not in body and body == body.lstrip() and not body.startswith("\\")


def _table(part: Part, records: list[Record]) -> str:
    header = "| " + " | ".join(f.label for f in part.fields) + " |"
    rule = "| " + " | ".join("---" for _ in part.fields) + " |"
    rows = [
        "| " + " | ".join(escape_cell(record.get(f.id, "")) for f in part.fields) + " |"
        for record in records
        if any(v.strip() for v in record.values())
    ]
    return "\n".join([header, rule, *rows])


def pieces(markdown: str, first_lines: int) -> list[str]:
    """The document in pieces that end where a section starts, to show a piece at a time:
    the first at least first_lines long, then a section each. Never inside a code fence."""
    done: list[str] = []
    current: list[str] = []
    fence = ""
    for line in markdown.splitlines(keepends=True):
        stripped = line.lstrip()
        if fence:
            if stripped.startswith(fence) and not stripped[len(fence) :].strip("`~ \n"):
                fence = ""
        elif stripped.startswith(("```", "~~~")):
            marker = stripped[0]
            fence = marker * (len(stripped) - len(stripped.lstrip(marker)))
        elif line.startswith("## ") and current and (done or len(current) >= first_lines):
            done.append("".join(current))
            current = []
        current.append(line)
    if current:
        done.append("".join(current))
    return done
