"""Importing hand-written design docs: every style we have seen, and nothing dropped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tdd_tui.cli import main
from tdd_tui.draft import DOCUMENT
from tdd_tui.markdown import export_markdown
from tdd_tui.markdown_import import ImportFailed, import_markdown
from tdd_tui.template import Template
from tests.conftest import DATA

DOCS = DATA / "import"


def imported(name: str, template: Template):
    return import_markdown((DOCS / name).read_text(encoding="utf-8"), template)


def words(text: str) -> set[str]:
    return {w.strip(".,:;()*`|#-[]\"'").lower() for w in text.split()} - {""}


@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.glob("*.md")))
def test_no_word_of_a_hand_written_doc_is_lost(name: str, template: Template) -> None:
    """Every word of the source is in the draft: in a part, the metadata or a note."""
    source = (DOCS / name).read_text(encoding="utf-8")
    draft = imported(name, template).draft
    kept = json.dumps(
        [draft.metadata, draft.answers, draft.unplaced, draft.not_applicable], ensure_ascii=False
    )
    # The template's own wording (headings, labels, column names, checklist items)
    # is structure: it is matched, not copied.
    structure = words((DATA / "seed-template.md").read_text(encoding="utf-8"))
    structure |= words(export_markdown(template, draft)) | {"section", "–"}
    structure |= {
        w for s in template.sections for p in s.parts for f in p.fields for w in words(f.label)
    }
    lost = {w for w in words(source) if w not in kept.lower() and w not in structure}
    assert not lost, f"{name}: {sorted(lost)}"


def test_seed_style_bullet_labels_and_sub_headings(template: Template) -> None:
    result = imported("seed-style.md", template)
    draft = result.draft
    assert draft.title == "Search indexing pipeline v2"
    assert draft.metadata["stakeholders"] == ["Product", "Engineering", "Search SRE"]
    assert draft.answer("problem", "user_impact").startswith("18% of support tickets")
    assert draft.answer("goals", "non_goals") == ["Changing the ranking model."]
    # "Availability (SLO targets if known): ..." is the template's Availability part.
    assert draft.answer("requirements", "availability").startswith("99.9% of edits")
    assert draft.answer("requirements", "observability").startswith("Lag per partition")
    assert draft.answer("architecture", "workflow").startswith("1. A row changes")
    assert draft.answer("failure_modes", "failure_modes") == [
        {
            "scenario": "Kafka consumer lag grows past 5 minutes.",
            "detection": "Lag alert on the search dashboard.",
            "impact": "",  # a field the doc does not have stays empty
            "mitigation": "Autoscale indexer replicas to the partition count.",
            "recovery": "Replay from the last committed offset.",
        }
    ]
    # Prose under a section with one text part goes into it.
    assert draft.answer("tradeoffs", "tradeoffs").startswith("We chose CDC")
    # Bullets in a table-only section become rows.
    assert draft.answer("open_questions", "questions")[0]["question"].startswith("Who owns")
    # The template's own "Draft | In Review | Approved" is not a status: kept as a note.
    assert "status" not in draft.metadata
    assert "Draft | In Review | Approved" in draft.unplaced[DOCUMENT]
    # Prose under no label of a section of several parts opens its first part, and
    # the summary says so, to be checked.
    assert draft.answer("problem", "business_context").startswith(
        "What problem are we solving?\n\nMerchants edit"
    )
    assert "problem" not in draft.unplaced
    assert any("put in 'Business context'" in line for line in result.summary(template))
    assert result.sections_found == [s.id for s in template.sections]


def test_unnumbered_headings_bold_labels_and_tables(template: Template) -> None:
    draft = imported("bold-labels.md", template).draft
    assert draft.metadata["author"] == "Tomás Silva"
    assert draft.status == "In Review"
    assert (
        draft.answer("problem", "business_context") == "Transient declines cost us $1.2M a quarter."
    )
    assert draft.answer("goals", "goals") == [
        "Recover at least 60% of transient declines.",
        "Never charge a customer twice.",
    ]
    modes = draft.answer("failure_modes", "failure_modes")
    assert [m["scenario"] for m in modes] == [
        "Double charge after a timeout",
        "Retry storm after a provider outage",
    ]
    assert draft.answer("tradeoffs", "tradeoffs").startswith("A queue adds")
    assert [r["option"] for r in draft.answer("tradeoffs", "alternatives")] == [
        "Retry in checkout",
        "Provider-side retries",
    ]
    assert draft.answer("open_questions", "questions") == [
        {
            "question": "Which decline codes are transient?",
            "owner": "Ana",
            "decide_by": "",
            "blocks": "",
            "status": "Open",
        }
    ]
    assert not draft.unplaced


def test_front_matter_part_headings_and_task_lists(template: Template) -> None:
    draft = imported("front-matter.md", template).draft
    assert draft.title == "Tenant-aware rate limits for the admin API"
    assert draft.metadata["stakeholders"] == ["Engineering", "Security"]
    assert draft.ticked("summary") == ["what-why-impact"] or len(draft.ticked("summary")) == 1
    assert draft.answer("problem", "user_impact").endswith("path=/admin/users\n```")
    assert draft.answer("observability", "alerting").startswith("Page when one tenant")
    # A front matter key the template does not have is kept, not dropped.
    assert "reviewers" in draft.unplaced[DOCUMENT]


def test_extra_and_missing_sections_are_reported_and_kept(template: Template) -> None:
    result = imported("extra-and-missing.md", template)
    summary = "\n".join(result.summary(template))
    assert "Glossary" in summary and "Appendix B: Load test results" in summary
    assert "Sections missing: 2. Problem Statement" in summary
    # A section the template does not have is kept, heading and all, as a note of the
    # section it follows, its heading made a heading inside the note.
    notes = result.draft.unplaced
    assert DOCUMENT not in notes
    assert notes["goals"].startswith("Some context")
    assert "\n\n#### Glossary\n\n- **Edge:**" in notes["goals"]
    assert "Rollback dance" in notes["rollout"]
    assert "#### Appendix B: Load test results\n\n| Size | p95 |" in notes["rollout"]
    assert "| 200px | 180 ms |" in notes["rollout"]
    assert result.draft.answer("rollout", "canary") == "1% of traffic for a week."


def test_sections_as_level_one_headings(template: Template) -> None:
    result = imported("h1-sections.md", template)
    draft = result.draft
    assert draft.title == ""  # no title heading: the command line names it after the file
    assert draft.answer("goals", "goals") == [
        "Notifications sent within 10 s of the event.",
        "One code path for email, push and SMS.",
    ]
    assert draft.answer("validation", "review_checkpoints") == [
        "Day 7 review with the on-call team.",
        "Day 30 retrospective.",
    ]
    assert not draft.unplaced


@pytest.mark.parametrize("text", ["", "   \n\n\t\n", "\ufeff"])
def test_an_empty_file_is_refused(text: str, template: Template) -> None:
    with pytest.raises(ImportFailed, match="empty"):
        import_markdown(text, template)


# -- the command ------------------------------------------------------------------


def test_import_command_creates_a_draft_and_prints_a_summary(tmp_path: Path, capsys) -> None:
    drafts = tmp_path / "d"
    assert main(["--drafts-dir", str(drafts), "import", str(DOCS / "extra-and-missing.md")]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "image-thumbnails-at-the-edge"
    assert "3 part(s) filled" in err
    assert "Text unplaced" in err and "Sections missing" in err
    assert main(["--drafts-dir", str(drafts), "export", out.strip(), "-o", "-"]) == 0
    exported = capsys.readouterr().out
    assert "\n**Unplaced text (from import):**\n" in exported
    # A heading inside the note, never a section of its own, never escaped.
    assert "\n#### Glossary\n" in exported and "\\#" not in exported


def test_a_doc_without_a_title_is_named_after_its_file(tmp_path: Path, capsys) -> None:
    assert main(["--drafts-dir", str(tmp_path), "import", str(DOCS / "h1-sections.md")]) == 0
    assert capsys.readouterr().out.strip() == "h1-sections"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a binary file, not Markdown text"),
        (b"# Caf\xe9\n", "is not utf-8 text"),
        (b"", "is empty; there is nothing to import"),
    ],
)
def test_files_that_cannot_be_imported_say_why_and_create_nothing(
    tmp_path: Path, capsys, content: bytes, message: str
) -> None:
    source = tmp_path / "doc.md"
    source.write_bytes(content)
    drafts = tmp_path / "drafts"
    assert main(["--drafts-dir", str(drafts), "import", str(source)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not list(drafts.glob("*.yaml")) if drafts.exists() else True


def test_a_missing_file_or_a_folder_is_refused(tmp_path: Path, capsys) -> None:
    assert main(["--drafts-dir", str(tmp_path), "import", str(tmp_path / "nope.md")]) == 2
    assert "does not exist" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["--drafts-dir", str(tmp_path / "d"), "import", str(empty)]) == 2
    assert "has no Markdown files" in capsys.readouterr().err


def test_many_files_a_folder_and_stdin_are_imported(tmp_path: Path, capsys, monkeypatch) -> None:
    import io

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_text("# Alpha\n\n## 1. Executive Summary\n\nFirst.\n")
    (folder / "b.md").write_text("# Beta\n\n## 1. Executive Summary\n\nSecond.\n")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"# Gamma\n\nThird.\n")))
    drafts = tmp_path / "d"
    assert main(["--drafts-dir", str(drafts), "import", str(folder), "-"]) == 0
    ids = capsys.readouterr().out.split()
    assert ids == ["alpha", "beta", "gamma"]


def test_importing_a_file_again_updates_its_draft(tmp_path: Path, capsys) -> None:
    from tdd_tui import history
    from tdd_tui.store import DraftStore

    doc = tmp_path / "doc.md"
    doc.write_text("# Retries\n\n## 1. Executive Summary\n\nFirst take.\n")
    drafts = tmp_path / "d"
    assert main(["--drafts-dir", str(drafts), "import", str(doc)]) == 0
    doc.write_text("# Retries\n\n## 1. Executive Summary\n\nSecond take.\n")
    assert main(["--drafts-dir", str(drafts), "import", str(doc)]) == 0
    assert "Updated" in capsys.readouterr().err
    store = DraftStore(drafts)
    assert store.ids() == ["retries"]  # no retries-2
    assert store.load("retries")[0].answer("summary", "summary") == "Second take."
    kept = history.versions(drafts, "retries")
    assert any(b"First take." in v.path.read_bytes() for v in kept)


def test_a_windows_1252_file_imports_with_its_encoding(tmp_path: Path, capsys) -> None:
    doc = tmp_path / "cafe.md"
    doc.write_bytes("# Café menu\n\n## 1. Executive Summary\n\nCrème brûlée.\n".encode("cp1252"))
    drafts = tmp_path / "d"
    assert main(["--drafts-dir", str(drafts), "import", str(doc)]) == 2
    assert "--encoding" in capsys.readouterr().err
    assert main(["--drafts-dir", str(drafts), "import", str(doc), "--encoding", "cp1252"]) == 0
    from tdd_tui.store import DraftStore

    draft = DraftStore(drafts).load("cafe-menu")[0]
    assert draft.answer("summary", "summary") == "Crème brûlée."


def test_check_reports_text_not_placed_yet(tmp_path: Path, capsys) -> None:
    drafts = tmp_path / "d"
    assert main(["--drafts-dir", str(drafts), "import", str(DOCS / "extra-and-missing.md")]) == 0
    draft_id = capsys.readouterr().out.strip()
    assert main(["--drafts-dir", str(drafts), "check", draft_id, "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    unplaced = [f for f in findings if f["rule"] == "unplaced"]
    assert {f["where"] for f in unplaced} == {
        "3. Goals and Non-Goals",
        "10. Rollout & Migration Plan",
    }


def test_other_teams_section_names_are_understood(template) -> None:
    from tdd_tui.markdown_import import import_markdown

    doc = (
        "# Async retries\n\n"
        "## Summary\n\nRetry declined payments from a queue.\n\n"
        "## Motivation\n\nShoppers lose 31% of transient declines.\n\n"
        "## Detailed design\n\nA worker polls the retries table every 10 s.\n\n"
        "## Drawbacks\n\nPolling costs a query every 10 s.\n\n"
        "## Test plan\n\nA sandbox card that declines twice.\n\n"
        "## Unresolved questions\n\n- Should the link also go by SMS?\n"
    )
    result = import_markdown(doc, template)
    assert {"summary", "problem", "architecture", "tradeoffs", "testing", "open_questions"} <= set(
        result.sections_found
    )
    assert not result.unknown_headings
    assert result.draft.answer("summary", "summary") == "Retry declined payments from a queue."


def test_other_teams_metadata_names_fill_the_details_and_nothing_is_lost(template) -> None:
    from tdd_tui.markdown_import import import_markdown

    doc = (
        "---\n"
        "title: Use Postgres for orders\n"
        "authors:\n  - Ana Costa\n  - Lena Fischer\n"
        "date: {YYYY-MM-DD when the decision was last updated}\n"
        "---\n\n"
        "# Use Postgres for orders\n\n"
        "- **Owner(s):** Dana\n"
        "- **Last updated:** 2026-11-02\n"
        "- **Deciders:** Priya, Sam\n"
    )
    draft = import_markdown(doc, template).draft
    assert draft.metadata["author"] == "Ana Costa, Lena Fischer"
    assert draft.metadata["date"] == "2026-11-02"
    assert draft.metadata["approvers"] == ["Priya", "Sam"]
    note = draft.unplaced["document"]
    assert "Owner(s):** Dana" in note  # a second author is kept, not written over the first
    assert "YYYY-MM-DD" in note and "{'" not in note  # a placeholder, kept as YAML


def test_prose_under_a_section_of_several_parts_goes_into_its_first_text_part(template) -> None:
    from tdd_tui.markdown_import import import_markdown

    doc = (
        "# Use Postgres for orders\n\n"
        "## Context and Problem Statement\n\n"
        "Orders live in three databases.\nReports disagree every month.\n\n"
        "## Decision Outcome\n\nChosen option: one Postgres cluster.\n\n"
        "## Security\n\n**Threat model highlights:** An insider reads orders.\n\n"
        "Loose prose after a label stays with that label.\n"
    )
    result = import_markdown(doc, template)
    draft = result.draft
    assert draft.answer("problem", "business_context") == (
        "Orders live in three databases.\nReports disagree every month."
    )
    assert draft.answer("architecture", "overview") == "Chosen option: one Postgres cluster."
    assert draft.answer("security", "threat_model").startswith("An insider reads orders.")
    assert not draft.unplaced.get("problem") and not draft.unplaced.get("architecture")
