"""Which section or part a heading or label of another team's doc names.

A name matches a section by its title or one of its aliases, a part by its
label, its sub-heading or one of its aliases (all template data). Before
comparing, both are reduced by `key()`: numbering ("3.", "Section 2 -"), case,
punctuation, "&" for "and" and anything in parentheses ("User Stories
(Optional)") are left out. What is still not equal is compared with difflib's
ratio (standard library; two times the matching characters over the total),
which forgives a plural, a typo or a dropped hyphen ("Alternative considered",
"Non Goal") and nothing that changes the words: 0.9 and at least six
characters, so "Risks" never matches "Rust" and "Goals" never "Go".
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import TypeVar

from tdd_tui.markdown_blocks import NUMBER, key
from tdd_tui.template import Part, Section, Template

THRESHOLD = 0.9
SHORTEST = 6
T = TypeVar("T")


def name_key(text: str) -> str:
    return key(NUMBER.sub("", text.strip()))


def _closeness(wanted: str, names: list[str]) -> float:
    """difflib's ratio for the nearest name (equal ones are found before); 0 below the
    threshold."""
    best = 0.0
    for name in names:
        if not name:
            continue
        shorter, longer = sorted((len(name), len(wanted)))
        # The ratio is at most 2 * shorter / (shorter + longer): most names end here.
        if shorter < SHORTEST or 2 * shorter < THRESHOLD * (shorter + longer):
            continue
        matcher = SequenceMatcher(None, wanted, name, autojunk=False)
        if matcher.real_quick_ratio() < THRESHOLD or matcher.quick_ratio() < THRESHOLD:
            continue
        best = max(best, matcher.ratio())
    return best if best >= THRESHOLD else 0.0


def _best(wanted: str, candidates: list[tuple[T, list[str]]], near: bool = True) -> T | None:
    """The candidate with an equal name (the first), else one whose name of two words or
    more ends the wanted one ("OTLP/HTTP Protocol Details") or whose name comes before its
    "and" ("Alternatives and additional solutions"), else the nearest above the threshold."""
    if not wanted:
        return None
    for item, names in candidates:
        if wanted in names:
            return item
    if not near:
        return None
    for item, names in candidates:
        if any(" " in name and wanted.endswith(" " + name) for name in names):
            return item
    # "Alternatives and additional solutions": named by what it starts with.
    first, joined, _ = wanted.partition(" and ")
    if joined:
        for item, names in candidates:
            if first in names:
                return item
    scored = [(_closeness(wanted, names), index) for index, (_, names) in enumerate(candidates)]
    score, index = max(scored, default=(0.0, -1))
    return candidates[index][0] if score > 0 else None


def section_names(section: Section) -> list[str]:
    return [key(section.title), *(key(a) for a in section.aliases)]


def part_names(part: Part) -> list[str]:
    return [key(part.label), *(key(a) for a in part.aliases)]


def section_named(template: Template, text: str, near: bool = True) -> Section | None:
    """The section a heading names: "## Motivation", "# 3. Test Plan", "Alternative Considered"
    (near=False: only by its title or an alias)."""
    return _best(name_key(text), [(s, section_names(s)) for s in template.sections], near)


def part_named(
    section: Section, text: str, among: list[Part] | None = None, near: bool = True
) -> Part | None:
    """The part of section a label or sub-heading names, by label, alias or a near name."""
    parts = among if among is not None else list(section.parts)
    return _best(name_key(text), [(p, part_names(p)) for p in parts], near)


def part_anywhere(template: Template, text: str) -> tuple[Section, Part] | None:
    """A part of any section that a heading names ("### Non-Goals" under "## Motivation")."""
    pairs = [((s, p), part_names(p)) for s in template.sections for p in s.parts]
    return _best(name_key(text), pairs)
