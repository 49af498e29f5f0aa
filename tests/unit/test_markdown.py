"""Markdown export: reads like the seed, valid CommonMark, stable bytes, structure-proof."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tdd_tui.catalog import default_template
from tdd_tui.draft import Draft
from tdd_tui.markdown import export_markdown, pieces
from tests.conftest import EXAMPLE_MARKDOWN

PARSER = MarkdownIt("commonmark").enable("table")


def heading_tree(markdown: str) -> list[tuple[str, str]]:
    tokens = PARSER.parse(markdown)
    return [
        (tok.tag, tokens[i + 1].content)
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open"
    ]


def section_headings(template) -> list[tuple[str, str]]:
    return [("h2", s.heading) for s in template.sections]


def test_sample_export_matches_the_reviewed_golden_file(template, sample):
    assert export_markdown(template, sample) == EXAMPLE_MARKDOWN.read_text(encoding="utf-8")


def test_same_draft_same_bytes(template, sample):
    assert export_markdown(template, sample) == export_markdown(template, sample)


def test_heading_tree_follows_the_seed(template, sample):
    tree = heading_tree(export_markdown(template, sample))
    assert tree[0] == ("h1", "Technical Design Doc: Per-key rate limiting for the public API")
    assert [h for h in tree if h[0] == "h2"] == section_headings(template)
    assert ("h3", "Non-Functional Requirements") in tree and ("h3", "API / Contracts") in tree


def test_an_empty_draft_keeps_every_heading_with_tbd(template):
    text = export_markdown(template, Draft(id="empty"))
    assert text.startswith("# Technical Design Doc: Untitled\n")
    assert [h for h in heading_tree(text) if h[0] == "h2"] == section_headings(template)
    assert text.count("*TBD*") == 15
    assert "###" not in text  # empty sub-headings are left out


def test_not_applicable_shows_the_reason(template):
    draft = Draft(id="d")
    draft.set_not_applicable("current_state", None, "New system; nothing exists yet.")
    draft.set_answer("requirements", "functional", ["Counts requests per key."])
    draft.set_not_applicable("requirements", "compliance", "No regulated data.")
    text = export_markdown(template, draft)
    assert (
        "## 5. Current State (If Applicable)\n\n*Not applicable:* New system; nothing exists yet."
        in text
    )
    assert "**Compliance / data residency:** *Not applicable:* No regulated data." in text


def test_checklists_are_task_lists(template, sample):
    sample.ticks["security"].remove("security-review")
    text = export_markdown(template, sample)
    assert "- [x] Each goal can be checked after launch, ideally with a number." in text
    assert "- [ ] Someone from Security has read this section." in text


def test_group_tables_survive_pipes_newlines_and_backslashes(template):
    draft = Draft(id="d")
    draft.set_answer(
        "failure_modes",
        "failure_modes",
        [
            {
                "scenario": "a | b",
                "detection": "line one\nline two",
                "mitigation": "ends with \\",
                "recovery": "",
            }
        ],
    )
    text = export_markdown(template, draft)
    html = PARSER.render(text)
    row = html.split("<tbody>")[1].split("</tbody>")[0]
    assert row.count("<td>") == 5  # scenario, detection, impact, mitigation, recovery
    assert "<td>a | b</td>" in row and "<td>ends with \\</td>" in row
    assert "<td>line one<br>line two</td>" in row


def test_user_text_is_not_escaped_more_than_needed(template):
    draft = Draft(id="d")
    draft.metadata["title"] = "[TBD] Payments *v2*"
    draft.set_answer("summary", "summary", "We **will** ship `x`.\n\n- one\n- two")
    text = export_markdown(template, draft)
    assert text.startswith("# Technical Design Doc: [TBD] Payments *v2*\n")
    assert "We **will** ship `x`.\n\n- one\n- two" in text


AWKWARD_LINES = st.sampled_from(
    [
        "## 3. Injected",
        "# Title",
        "Setext",
        "===",
        "---",
        "-",
        "```",
        "~~~~",
        "```python",
        "<pre>",
        "<!-- open",
        "<script>",
        "<?php",
        "<![CDATA[",
        "    indented",
        "> quote",
        "| a | b |",
        "1. one",
        "- item",
        "* star",
        "+ plus",
        "",
        "   ",
        "text",
        "\\",
        "#hashtag",
        "#",
        "\r",
        "a\rb",
    ]
)
BLOCK = st.lists(st.one_of(AWKWARD_LINES, st.text(max_size=20)), max_size=8).map("\n".join)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(summary=BLOCK, impact=BLOCK, item=BLOCK, title=st.text(max_size=30), cell=BLOCK)
def test_no_user_text_can_break_the_document_structure(summary, impact, item, title, cell):
    template = default_template()
    draft = Draft(id="d")
    draft.metadata["title"] = title
    draft.set_answer("summary", "summary", summary)
    draft.set_answer("problem", "user_impact", impact)
    draft.set_answer("goals", "goals", [item, "second"])
    draft.set_answer("failure_modes", "failure_modes", [{"scenario": cell, "detection": cell}])
    text = export_markdown(template, draft)
    tree = heading_tree(text)
    assert tree[0][0] == "h1"
    assert [h for h in tree if h[0] == "h2"] == section_headings(template)
    assert [h for h in tree if h[0] == "h1"] == tree[:1]
    h3 = [h[1] for h in tree if h[0] == "h3"]
    assert all(any(h == p.heading for s in template.sections for p in s.parts) for h in h3), h3


def test_preview_pieces_end_before_a_section_and_never_inside_a_fence():
    doc = "# T\n\nintro\n" + "".join(
        f"## {n}. S\n\ntext\n```\n## not a heading\n```\n" for n in range(1, 6)
    )
    shown = pieces(doc, first_lines=3)
    assert "".join(shown) == doc
    assert len(shown) == 6
    assert all(p.startswith("## ") for p in shown[1:])
    assert all("## not a heading\n```" in p for p in shown[1:])
    assert pieces(doc, first_lines=1000) == [doc]
    assert pieces("", 40) == []
