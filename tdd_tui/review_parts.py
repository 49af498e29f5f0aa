"""What the review rules share: where a finding is, which parts apply, a part's text."""

from __future__ import annotations

from tdd_tui import review_text as text
from tdd_tui.draft import Answer, Draft
from tdd_tui.template import Kind, Part, Section, Template

APPROVED = ("Approved", "Implemented")
REVIEWED = ("In Review", *APPROVED)


def where(section: Section | None, part: Part | None = None, label: str = "") -> str:
    head = section.heading if section is not None else "Details"
    name = part.label if part is not None else label
    return f"{head} › {name}" if name else head


def texts(value: Answer | None) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        return []
    out: list[str] = []
    for item in value:
        out.extend(item.values() if isinstance(item, dict) else [item])
    return out


def applies(draft: Draft, section: Section) -> bool:
    return section.id not in draft.not_applicable


def part_applies(draft: Draft, section: Section, part: Part) -> bool:
    return applies(draft, section) and f"{section.id}.{part.id}" not in draft.not_applicable


def answer(draft: Draft, section_id: str, part_id: str) -> Answer:
    return draft.answer(section_id, part_id)


def records(value: Answer) -> list[dict[str, str]]:
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def words(template: Template, name: str) -> tuple[str, ...]:
    return template.review.more_words(name)


def is_filler(template: Template, value: Answer) -> bool:
    pieces = [t for t in texts(value) if t.strip()]
    extra = words(template, "filler")
    return bool(pieces) and all(text.filler(t, extra) for t in pieces)


def group_part(template: Template, section_id: str, part_id: str) -> tuple[Section, Part] | None:
    section = template.section(section_id)
    part = section.part(part_id) if section else None
    if section is None or part is None or part.kind is not Kind.GROUP:
        return None
    return section, part
