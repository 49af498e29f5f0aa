"""Real public design docs, RFCs, ADRs and templates (tests/data/import/real/, see
SOURCES.md there): no word lost, headings kept as headings, the round trip stable,
and most of the words of a doc with counterparts in the template placed in parts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tdd_tui.markdown import export_markdown
from tdd_tui.markdown_blocks import blocks_of, parser
from tdd_tui.markdown_details import METADATA_ALIASES
from tdd_tui.markdown_import import import_markdown
from tdd_tui.markdown_names import name_key, part_anywhere, section_named
from tdd_tui.template import Template
from tdd_tui.template_reader import load_template

REAL = Path(__file__).parent.parent / "data" / "import" / "real"
DOCS = sorted(p.name for p in REAL.glob("*.md") if p.name != "SOURCES.md")
# Filled-in docs whose sections have a counterpart in the template. Not here: the
# templates themselves (mostly placeholders), and the AWS CDK RFC, whose "Working
# Backwards" press release and FAQs have none.
FILLED_IN = [name for name in DOCS if "template" not in name and not name.startswith("aws-cdk")]
TARGET = 0.70

TEMPLATE = load_template()


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def headings(text: str) -> list[tuple[int, str]]:
    lines = text.split("\n")
    if lines[0].strip() == "---" and "---" in (line.strip() for line in lines[1:]):
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        text = "\n" * (close + 1) + "\n".join(lines[close + 1 :])  # front matter
    return [
        (b.level, (b.inline.content if b.inline else "").replace("\n", " "))
        for b in blocks_of(parser().parse(text))
        if b.kind == "heading"
    ]


@pytest.fixture(scope="module")
def template() -> Template:
    return TEMPLATE


def test_there_are_at_least_fifteen_docs_each_with_its_source() -> None:
    sources = (REAL / "SOURCES.md").read_text(encoding="utf-8")
    assert len(DOCS) >= 15
    for name in DOCS:
        assert f"| {name} |" in sources, f"{name} has no line in SOURCES.md"


@pytest.mark.parametrize("name", DOCS)
def test_no_word_is_lost_and_headings_stay_headings(name: str, template: Template) -> None:
    source = (REAL / name).read_text(encoding="utf-8")
    result = import_markdown(source, template)
    exported = export_markdown(template, result.draft)
    # Every word is in the export, bar the words of headings that became the
    # template's own (a "## Motivation" is now "## 2. Problem Statement").
    named = {
        w
        for _, text in headings(source)
        if section_named(template, text) or part_anywhere(template, text) or not name_key(text)
        for w in words(text)
    }
    # The labels of details ("Last updated:", "Start Date:") are structure too.
    named |= {w for names in METADATA_ALIASES.values() for n in names for w in words(n)}
    named |= {w for part in template.metadata for w in words(part.label)}
    named |= {"n", "na"}  # "N/A" under a heading is now the part's not-applicable mark
    have = set(words(exported))
    lost = sorted({w for w in words(source) if w not in have and w not in named})
    assert not lost, f"{name}: {lost[:20]}"
    # No heading is escaped into a paragraph; each one not taken as structure is a
    # heading of the export, inside the part or note that holds it.
    assert not re.search(r"(?m)^ {0,3}\\#", exported)
    kept = {text.strip() for _, text in headings(exported)}
    for _, text in headings(source):
        taken = section_named(template, text) or part_anywhere(template, text)
        if not taken and text.strip() and text.strip() != result.draft.title:
            assert text.strip() in kept, f"{name}: heading {text!r} is not a heading any more"


@pytest.mark.parametrize("name", DOCS)
def test_the_round_trip_is_byte_stable(name: str, template: Template) -> None:
    source = (REAL / name).read_text(encoding="utf-8")
    first = export_markdown(template, import_markdown(source, template).draft)
    second = export_markdown(template, import_markdown(first, template).draft)
    assert second == first


@pytest.mark.parametrize("name", FILLED_IN)
def test_most_words_of_a_filled_in_doc_land_in_parts(name: str, template: Template) -> None:
    result = import_markdown((REAL / name).read_text(encoding="utf-8"), template)
    assert result.placed_share() >= TARGET, f"{name}: {result.placed_share():.0%} placed"
