"""Import of the shapes other teams' docs have: nothing dropped, nothing misfiled
without a word in the summary."""

from __future__ import annotations

from tdd_tui.draft import DOCUMENT
from tdd_tui.markdown import export_markdown
from tdd_tui.markdown_import import import_markdown
from tdd_tui.template import Template
from tdd_tui.template_reader import load_template

TEMPLATE: Template = load_template()


def read(text: str):
    return import_markdown(text, TEMPLATE)


def test_two_bold_labels_on_consecutive_lines_fill_two_parts() -> None:
    draft = read(
        "# Doc\n\n## Problem Statement\n\n"
        "**Business context:** Sellers wait a day.\n**User impact:** 18% of tickets.\n"
    ).draft
    assert draft.answer("problem", "business_context") == "Sellers wait a day."
    assert draft.answer("problem", "user_impact") == "18% of tickets."


def test_labelled_bullets_after_a_label_paragraph_are_parts_of_their_own() -> None:
    draft = read(
        "# Doc\n\n## Problem Statement\n\n**Business context:** Sellers wait a day.\n\n"
        "- **User impact:** 18% of tickets.\n- **Assumptions:** Traffic stays flat.\n"
    ).draft
    assert draft.answer("problem", "business_context") == "Sellers wait a day."
    assert draft.answer("problem", "user_impact") == "18% of tickets."
    assert draft.answer("problem", "assumptions") == "Traffic stays flat."


def test_a_title_in_front_matter_and_heading_keeps_both() -> None:
    result = read("---\ntitle: Old name\n# owner to confirm\n---\n\n# New name\n\nIntro.\n")
    assert result.draft.title == "New name"
    note = result.draft.unplaced[DOCUMENT]
    assert "title: Old name" in note and "# owner to confirm" in note
    assert note.startswith("```yaml\n")  # kept as it was written: a YAML block


def test_a_table_row_with_more_cells_than_its_header_is_kept_whole() -> None:
    result = read(
        "# Doc\n\n## Failure Modes\n\n"
        "| Failure scenario | Detection mechanism |\n| --- | --- |\n"
        "| Cache down | `a|b` alarm |\n"
    )
    rows = result.draft.answer("failure_modes", "failure_modes")
    assert rows[0]["scenario"] == "Cache down"
    assert "| Cache down | `a|b` alarm |" in result.draft.unplaced["failure_modes"]


def test_a_setext_title_over_two_lines_is_one_title() -> None:
    draft = read("Per-key rate limits\nfor the public API\n===\n\n## Summary\n\nLimits.\n").draft
    assert draft.title == "Per-key rate limits for the public API"
    assert draft.answer("summary", "summary") == "Limits."


def test_sub_headings_inside_a_section_stay_headings_with_their_text() -> None:
    result = read(
        "# Doc\n\n## Proposed Architecture\n\nA gateway filter.\n\n"
        "### Caching layer\n\nRedis, 5 s TTL.\n\n#### Eviction\n\nLRU.\n\n---\n\nAfter the rule.\n"
    )
    overview = result.draft.answer("architecture", "overview")
    assert overview == (
        "A gateway filter.\n\n#### Caching layer\n\nRedis, 5 s TTL.\n\n##### Eviction\n\n"
        "LRU.\n\n---\n\nAfter the rule."
    )
    exported = export_markdown(TEMPLATE, result.draft)
    assert "\n#### Caching layer\n" in exported and "\\#" not in exported
    assert any("put in 'Architecture Overview'" in line for line in result.summary(TEMPLATE))


def test_intro_text_is_kept_whole_and_its_details_taken() -> None:
    result = read(
        "# Payment retries\n\nAuthor: Ana Silva\nThis doc is **a proposal\nfor review**, see"
        " [the\nticket](https://x).\n\n## Summary\n\nRetries.\n"
    )
    assert result.draft.metadata["author"] == "Ana Silva"
    assert result.draft.unplaced[DOCUMENT] == (
        "This doc is **a proposal\nfor review**, see [the\nticket](https://x)."
    )
    assert "Details taken: Author." in result.summary(TEMPLATE)


def test_details_in_a_table_and_other_teams_names_for_them() -> None:
    vertical = read(
        "# Doc\n\n| Field | Value |\n| --- | --- |\n| Owner(s) | Priya |\n"
        "| Last updated | 2026-10-02 |\n| Status | Draft |\n\n## Summary\n\nText.\n"
    )
    assert vertical.draft.metadata["author"] == "Priya"
    assert vertical.draft.metadata["date"] == "2026-10-02"
    assert vertical.draft.metadata["status"] == "Draft"
    assert DOCUMENT not in vertical.draft.unplaced
    across = read(
        "# Doc\n\n| Authors | Start Date |\n| --- | --- |\n| Ana, Bo | 2026-01-05 |\n\n"
        "## Summary\n\nText.\n"
    )
    assert across.draft.metadata["author"] == "Ana, Bo"
    assert across.draft.metadata["date"] == "2026-01-05"
    assert DOCUMENT not in across.draft.unplaced


def test_not_applicable_written_naturally_marks_the_part() -> None:
    draft = read(
        "# Doc\n\n## Security\n\n### Threat model\n\nN/A - internal batch job.\n\n"
        "## Current State\n\nNot applicable.\n"
    ).draft
    assert draft.not_applicable_reason("security", "threat_model") == "internal batch job."
    assert draft.not_applicable_reason("current_state") == ""
    # "Not applicable to mobile" is a sentence, not a mark.
    other = read("# Doc\n\n## Current State\n\nNot applicable to mobile clients.\n").draft
    assert other.not_applicable_reason("current_state") is None


def test_a_sub_heading_that_names_a_section_starts_it_under_any_heading() -> None:
    draft = read(
        "# Doc\n\n## Design considerations\n\nSome thoughts.\n\n### Goals\n\n- Fast.\n\n"
        "### Non-Goals\n\n- Cheap.\n\n## 7) Alternative Considered\n\nNone were cheaper.\n"
    ).draft
    assert draft.answer("goals", "goals") == ["Fast."]
    assert draft.answer("goals", "non_goals") == ["Cheap."]
    assert draft.answer("tradeoffs", "tradeoffs") == "None were cheaper."  # a near name
    assert "Some thoughts." in draft.unplaced[DOCUMENT]


def test_the_documents_note_is_exported_before_the_sections() -> None:
    draft = read("# Doc\n\nA preface.\n\n## Summary\n\nText.\n").draft
    exported = export_markdown(TEMPLATE, draft)
    assert exported.index("A preface.") < exported.index("## 1. Executive Summary")
    again = import_markdown(exported, TEMPLATE).draft
    assert export_markdown(TEMPLATE, again) == exported


def test_a_section_the_template_lacks_follows_the_section_read_last_with_its_depth() -> None:
    draft = read(
        "# Doc\n\n## Rollout plan\n\nCanary first.\n\n### Scalability\n\nScales out.\n\n"
        "### Troubleshooting\n\nRead the logs.\n\n## Implementation History\n\n### Alpha\n\n"
        "Shipped in 1.0.\n"
    ).draft
    assert draft.answer("requirements", "scalability") == "Scales out."  # a part elsewhere
    # "Troubleshooting" goes back to the section above it; the unknown section after
    # it is kept in that section's note, its sub-heading one level below its own.
    assert "#### Troubleshooting\n\nRead the logs." in draft.answer("rollout", "feature_flags")
    assert draft.unplaced["rollout"] == (
        "#### Implementation History\n\n##### Alpha\n\nShipped in 1.0."
    )


def test_the_wizard_opens_on_the_first_note_in_the_exports_order() -> None:
    with_document_note = read("# Doc\n\nA preface.\n\n## Summary\n\nText.\n").draft
    position = with_document_note.position
    assert (position.section, position.part) == ("metadata", "_unplaced")
    draft = read(
        "# Doc\n\n## Appendix\n\n**Mystery:** late.\n\n## Goals and Non-Goals\n\n**Mystery:** early.\n"
    ).draft
    assert set(draft.unplaced) == {"goals", "appendix"}
    assert (draft.position.section, draft.position.part) == ("goals", "_unplaced")


def test_a_later_na_never_hides_text_read_before_or_after_it() -> None:
    # "## Proposal" then "## Implementation: N/A" (both Proposed Architecture here), and
    # "## Drawbacks: N/A" then "## Alternatives" with text (both Trade-offs here).
    draft = read(
        "# Doc\n\n## Proposal\n\nA gateway filter.\n\n## Implementation\n\nN/A\n\n"
        "## Drawbacks\n\nN/A\n\n## Alternatives\n\nA sidecar, rejected for latency.\n"
    ).draft
    exported = export_markdown(TEMPLATE, draft)
    assert "A gateway filter." in exported and "A sidecar, rejected for latency." in exported
    assert draft.not_applicable_reason("architecture") is None
    assert draft.not_applicable_reason("tradeoffs", "tradeoffs") is None
    assert draft.unplaced["tradeoffs"] == "N/A"  # the words kept, where a reader sees them


def test_a_sentence_ending_in_a_colon_is_not_a_label() -> None:
    draft = read(
        "# Doc\n\n## Testing\n\n- Integration tests to validate that:\n  - retries stop\n\n"
        "## Proposal\n\nThe change.\n\nNotes on backward compatibility: none.\n"
    ).draft
    exported = export_markdown(TEMPLATE, draft)
    assert "Integration tests to validate that:" in exported
    assert "Notes on backward compatibility: none." in exported


def test_a_yaml_comment_without_a_space_after_the_hash_is_kept() -> None:
    draft = read("---\nrfc pr: 335\nrelated issue: #253\n---\n\n# Doc\n\n## Summary\n\nS.\n").draft
    assert "#253" in draft.unplaced[DOCUMENT]
