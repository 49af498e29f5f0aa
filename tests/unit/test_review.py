"""The reviewer's checks: each has a case that triggers it and a close case that must not."""

from __future__ import annotations

import pytest

from tdd_tui.check import review
from tdd_tui.cli import main
from tdd_tui.draft import Draft
from tests.conftest import EXAMPLE_DRAFT


def kinds(template, draft: Draft) -> list[str]:
    return [f.kind for f in review(template, draft)]


def draft_with(section: str, part: str, value) -> Draft:
    draft = Draft(id="d")
    draft.set_answer(section, part, value)
    return draft


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("TODO: ask the SRE team", True),
        ("Latency TBD", True),
        ("Which region??? ", True),
        ("FIXME later", True),
        ("The todo list service", False),  # a word, not a marker
        ("TBDs are gone", False),
    ],
)
def test_markers_left_in_the_text(template, text, flagged):
    assert ("marker" in kinds(template, draft_with("summary", "summary", text))) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("It must be fast.", True),
        ("Highly available and secure.", True),
        ("Minimal overhead at the gateway.", True),
        ("Fast: p99 under 200 ms at 40,000 req/s.", False),  # a number in the same sentence
        ("Added latency under 2 ms p99.", False),
    ],
)
def test_vague_words_with_no_number_in_requirements(template, text, flagged):
    assert ("vague" in kinds(template, draft_with("requirements", "performance", text))) is flagged


def test_vague_words_are_fine_outside_requirements_and_criteria(template):
    assert "vague" not in kinds(
        template, draft_with("summary", "summary", "A fast, secure limiter.")
    )
    assert "vague" in kinds(template, draft_with("validation", "metrics", "The API is fast."))


def test_a_goal_with_no_success_criterion(template):
    draft = Draft(id="d")
    draft.set_answer(
        "goals", "goals", ["p99 latency under 300 ms at peak", "Limits change without a deploy"]
    )
    draft.set_answer("validation", "metrics", "p99 latency under 300 ms at the Monday peak.")
    findings = [f for f in review(template, draft) if f.kind == "goal"]
    assert len(findings) == 1 and "Limits change without a deploy" in findings[0].message
    draft.set_answer(
        "validation", "operational_signals", "Limits change in 30 s, never needing a deploy."
    )
    assert "goal" not in kinds(template, draft)


def test_failure_modes_without_detection_or_recovery(template):
    draft = draft_with(
        "failure_modes", "failure_modes", [{"scenario": "Redis down", "detection": "alert"}]
    )
    found = [f for f in review(template, draft) if f.kind.startswith("no-")]
    assert [f.kind for f in found] == ["no-recovery"] and "Redis down" in found[0].where
    draft.set_answer(
        "failure_modes",
        "failure_modes",
        [{"scenario": "Redis down", "detection": "alert", "recovery": "promote"}],
    )
    assert not [k for k in kinds(template, draft) if k.startswith("no-")]


def test_a_rollout_with_no_backout_plan(template):
    draft = draft_with("rollout", "feature_flags", "ratelimit.enforce: off, shadow, on")
    assert "backout" in kinds(template, draft)
    draft.set_answer("rollout", "backout", "Trigger: 429s above 2%. Steps: flag to shadow.")
    assert "backout" not in kinds(template, draft)
    assert "backout" not in kinds(
        template, Draft(id="empty")
    )  # no rollout written: nothing to say yet


def test_open_questions_without_an_owner(template):
    draft = draft_with(
        "open_questions", "questions", [{"question": "Count retries?", "status": "open"}]
    )
    assert "no-owner" in kinds(template, draft)
    draft.set_answer(
        "open_questions", "questions", [{"question": "Count retries?", "owner": "Dana"}]
    )
    assert "no-owner" not in kinds(template, draft)


def test_not_applicable_sections_are_not_reviewed(template):
    draft = draft_with("requirements", "performance", "fast")
    draft.set_not_applicable("requirements", None, "Covered by ADR-12")
    assert review(template, draft) == []


def test_the_example_passes_strict_check(capsys):
    assert main(["check", str(EXAMPLE_DRAFT), "--strict"]) == 0
    assert "complete" in capsys.readouterr().out


def test_check_strict_fails_on_warnings_and_lists_them(tmp_path, template, capsys):
    from tdd_tui.store import DraftStore, read_draft_file

    store = DraftStore(tmp_path)
    draft = read_draft_file(EXAMPLE_DRAFT)
    draft.set_answer("requirements", "performance", "It must be fast. TODO numbers")
    store.save(draft)
    assert (
        main(["check", draft.id, "--drafts-dir", str(tmp_path)]) == 0
    )  # warnings alone do not fail
    assert main(["check", draft.id, "--strict", "--drafts-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert (
        "Reviewers will ask about 2 thing(s)" in out
        and "'fast' with no number" in out
        and "'TODO'" in out
    )


def test_every_part_has_all_its_guidance_and_a_distinct_example(template):
    examples: dict[str, str] = {}
    for section in template.sections:
        assert 3 <= len(section.checklist) <= 7, section.title
        for part in (*section.parts, *(template.metadata if section.number == 1 else ())):
            where = f"{section.id}.{part.id}"
            assert "?" in part.question, where  # a question, not an instruction
            assert part.why and part.example, where
            if part.kind not in ("choice", "multi"):
                assert part.placeholder, where
            assert not part.question.lower().startswith("describe"), where
            assert part.example not in examples, f"{where} repeats {examples.get(part.example)}"
            examples[part.example] = where


def test_new_example_copies_the_complete_doc(tmp_path, capsys):
    assert main(["new", "--example", "--no-open", "--drafts-dir", str(tmp_path)]) == 0
    new_id = capsys.readouterr().out.strip()
    assert new_id == "per-key-rate-limiting-for-the-public-api"
    assert main(["check", new_id, "--strict", "--drafts-dir", str(tmp_path)]) == 0
