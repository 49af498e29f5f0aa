"""The reviewer's checks: each has a case that triggers it and a close case that must not."""

from __future__ import annotations

import pytest

from tdd_tui.check import ERROR, RULES, WARNING, Gate, review, status_gate
from tdd_tui.cli import main
from tdd_tui.draft import Draft
from tdd_tui.draft_file import read_draft_file
from tdd_tui.template import RULE_IDS
from tdd_tui.template_reader import parse_template
from tests.conftest import EXAMPLE_DRAFT


def kinds(template, draft: Draft) -> list[str]:
    return [f.kind for f in review(template, draft)]


def draft_with(section: str, part: str, value) -> Draft:
    draft = Draft(id="d")
    draft.set_answer(section, part, value)
    return draft


def example() -> Draft:
    return read_draft_file(EXAMPLE_DRAFT)


def test_every_rule_has_an_id_the_template_knows():
    assert sorted(RULES) == sorted(RULE_IDS)
    assert all(rule.severity in (ERROR, WARNING) for rule in RULES.values())


def test_the_example_passes_strict_check(capsys):
    assert main(["check", str(EXAMPLE_DRAFT), "--strict"]) == 0
    assert "clean" in capsys.readouterr().out


# -- markers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("TODO: ask the SRE team", 1),
        ("Latency TBD, cost TBD", 2),  # every marker, not only the first
        ("Which region??? ", 1),
        ("FIXME later", 1),
        ("The todo list service", 0),  # a word, not a marker
        ("TBDs are gone", 0),
        ("```\n# TODO(2019) tune this\n```\nThe config above is final.", 0),  # code is not prose
        ("Support line `+1-555-XXX-XXXX` is in the runbook.", 0),
    ],
)
def test_markers_left_in_the_text(template, text, count):
    assert kinds(template, draft_with("summary", "summary", text)).count("marker") == count


# -- vague claims ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("It must be fast.", True),
        ("Highly available and secure.", True),
        ("Minimal overhead at the gateway.", True),
        ("It must offer high availability.", True),
        ("The store should scale well.", True),
        ("Latency should be low.", True),
        ("Fast at p99.", True),  # a percentile with no number is no target
        ("Highly available across 3 regions.", True),  # regions are not an availability target
        ("Fast: p99 under 200 ms at 40,000 req/s.", False),
        ("Added latency under 2 ms p99.", False),
        ("The check must be fast. Target: 2 ms p99.", False),  # the target in the next sentence
        ("Fast enough for checkout, e.g. 3 ms at p99.", False),  # e.g. does not end a sentence
        ("Secure: mutual TLS between every hop.", False),  # made concrete at once
        ("Cost-efficient: no new nodes.", False),
        ("99.95% monthly availability, highly available across zones.", False),
    ],
)
def test_vague_claims_are_judged_on_their_target(template, text, flagged):
    assert ("vague" in kinds(template, draft_with("requirements", "performance", text))) is flagged


def test_vague_claims_are_looked_for_in_the_summary_and_goals_too(template):
    assert "vague" in kinds(template, draft_with("summary", "summary", "A fast, secure limiter."))
    assert "vague" in kinds(template, draft_with("goals", "goals", ["Make checkout faster."]))
    assert "vague" not in kinds(template, draft_with("tradeoffs", "tradeoffs", "Fast and cheap."))


def test_a_template_can_add_vague_words_and_turn_rules_off(template):
    text = (
        "id: team\nversion: 1\nsections:\n  - id: summary\n    title: Summary\n    parts:\n"
        "      - {id: summary, label: Summary, kind: text, question: What?}\n"
        "review:\n  off: [checklist]\n  severity: {vague: error}\n"
        "  words: {vague: [snappy-ish]}\n"
    )
    team = parse_template(text)
    draft = draft_with("summary", "summary", "The UI feels snappy-ish.")
    found = [f for f in review(team, draft) if f.kind == "vague"]
    assert found and found[0].severity == ERROR
    assert "checklist" not in kinds(team, draft)


def test_a_template_naming_an_unknown_rule_is_refused():
    from tdd_tui.template import TemplateError

    text = (
        "id: team\nversion: 1\nsections:\n  - id: s\n    title: S\n    parts:\n"
        "      - {id: p, label: P, kind: text, question: What?}\n"
        "review:\n  off: [no-such-rule]\n"
    )
    with pytest.raises(TemplateError, match="no review rule 'no-such-rule'"):
        parse_template(text)


# -- filler and not applicable -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("N/A", True),
        ("None.", True),
        ("Standard.", True),
        ("Yes.", True),
        ("N/A, internal service", True),
        ("None stored; logs hold the key id only.", False),
        ("No new services: the gateway already runs it.", False),
    ],
)
def test_filler_is_not_an_answer(template, text, flagged):
    found = [f for f in review(template, draft_with("security", "threat_model", text))]
    filler = [f for f in found if f.kind == "filler"]
    assert bool(filler) is flagged
    if flagged:
        assert filler[0].severity == ERROR  # a required part


def test_not_applicable_needs_a_reason_and_a_section_that_may_be_skipped(template):
    draft = example()
    draft.set_not_applicable("failure_modes", None, "")
    found = review(template, draft)
    assert {"na-reason", "na-not-allowed"} <= {f.kind for f in found}
    draft = example()
    draft.set_not_applicable("current_state", None, "A new service: nothing exists yet.")
    draft.ticks.pop("current_state", None)
    assert not [f for f in review(template, draft) if f.kind.startswith("na-")]
    draft.set_not_applicable("security", "tenant_isolation", " ")
    assert "na-reason" in kinds(template, draft)


def test_sections_7_to_13_skipped_with_no_reason_fail_strict(template, tmp_path):
    from tdd_tui.store import DraftStore

    draft = example()
    for section in template.sections[6:13]:
        draft.set_not_applicable(section.id, None, "")
    store = DraftStore(tmp_path)
    store.save(draft)
    assert main(["check", draft.id, "--drafts-dir", str(tmp_path)]) == 1


# -- records -----------------------------------------------------------------------------


def test_failure_modes_need_a_real_detection_a_mitigation_and_an_impact(template):
    row = {"scenario": "Redis down", "detection": "Customers report timeouts", "recovery": "x"}
    draft = draft_with("failure_modes", "failure_modes", [row])
    found = kinds(template, draft)
    assert {"failure-detection", "failure-mitigation", "failure-impact"} <= set(found)
    row |= {
        "detection": "`fail_open_total` above 100/s for 1 minute pages on-call",
        "mitigation": "Fail open",
        "impact": "Every key in one region",
    }
    draft = draft_with("failure_modes", "failure_modes", [row])
    assert not [k for k in kinds(template, draft) if k.startswith("failure-")]


def test_open_questions_need_a_named_owner_and_a_date(template):
    rows = [
        {"question": "Count retries?", "status": "open"},
        {"question": "Which region first?", "owner": "the team", "decide_by": "2026-12-01"},
        {"question": "Keep v1? Owner: Priya (Product); decide by 2026-12-10."},  # the seed's way
        {"question": "Drop XML?", "owner": "Dana", "decide_by": "soon"},
        {"question": "Old one", "status": "closed: yes"},
    ]
    found = [f for f in review(template, draft_with("open_questions", "questions", rows))]
    owners = [f.where for f in found if f.kind == "open-question-owner"]
    dates = [f.where for f in found if f.kind == "open-question-date"]
    assert [w[:2] for w in owners] == ["#1", "#2"]
    assert [w[:2] for w in dates] == ["#1", "#4"]


def test_backout_needs_a_trigger_and_steps(template):
    draft = draft_with("rollout", "feature_flags", "ratelimit.enforce: off, shadow, on")
    assert "backout" in kinds(template, draft)
    draft.set_answer("rollout", "backout", "Turn off the flag.")
    assert "backout" in kinds(template, draft)
    draft.set_answer("rollout", "backout", "We roll back if needed.")  # one line, no steps
    assert "backout" in kinds(template, draft)
    draft.set_answer(
        "rollout",
        "backout",
        "Trigger: 429s above 2% for 10 minutes. The on-call SRE sets the flag to shadow. "
        "If latency stays high, they set it to off.",
    )
    assert "backout" not in kinds(template, draft)
    draft.set_not_applicable("rollout", "backout", "Trivial change")
    assert "backout" in kinds(template, draft)
    assert "backout" not in kinds(template, Draft(id="empty"))  # no rollout written yet


def test_at_least_one_real_alternative(template):
    draft = draft_with("tradeoffs", "alternatives", [{"option": "None"}])
    assert "alternatives" in kinds(template, draft)
    draft = draft_with(
        "tradeoffs", "alternatives", [{"option": "Do nothing", "cons": "$14k a month more"}]
    )
    assert "alternatives" not in kinds(template, draft)


def test_personal_data_in_the_design_needs_a_security_section_that_deals_with_it(template):
    draft = example()
    draft.set_answer("security", "pii", "None stored.")
    draft.set_answer("architecture", "entities", "`users(id, email, last_ip)`")
    found = [f for f in review(template, draft) if f.kind == "personal-data"]
    assert found and "says there is none" in found[0].message
    draft.set_answer("security", "threat_model", "N/A, internal service")
    assert len([k for k in kinds(template, draft) if k == "personal-data"]) == 2
    draft.set_not_applicable("security", None, "Internal only")
    found = [f for f in review(template, draft) if f.kind == "personal-data"]
    assert found and "marked not applicable" in found[0].message


def test_metadata_is_checked(template):
    draft = example()
    draft.metadata["status"] = "Draft"
    draft.metadata["target_release"] = "TBD"
    draft.metadata["date"] = "next tuesday"
    found = [f for f in review(template, draft) if f.section == "metadata"]
    # TBD is reported once, as the marker it is; the date as no date.
    assert {(f.kind, f.part) for f in found} == {("marker", "target_release"), ("metadata", "date")}
    draft.metadata["target_release"] = "Later"
    assert ("metadata", "target_release") in {(f.kind, f.part) for f in review(template, draft)}


def test_unticked_checklist_items_are_warnings_and_errors_once_approved(template):
    draft = example()
    draft.ticks["security"].remove("security-review")
    found = [f for f in review(template, draft) if f.kind == "checklist"]
    assert found[0].severity == WARNING and "Someone from Security" in found[0].message
    draft.metadata["status"] = "Approved"
    found = [f for f in review(template, draft) if f.kind == "checklist"]
    assert found[0].severity == ERROR


def test_not_applicable_sections_are_not_reviewed(template):
    draft = draft_with("current_state", "bottlenecks", "fast TODO")
    draft.set_not_applicable("current_state", None, "A new service")
    assert not [f for f in review(template, draft) if f.section == "current_state"]


# -- status gates -------------------------------------------------------------------------


def test_in_review_asks_when_required_parts_are_missing(template):
    draft = Draft(id="d")
    gate = status_gate(template, draft, "In Review")
    assert not gate.refused and gate.gaps
    assert status_gate(template, example(), "In Review") == Gate()


def test_approved_needs_a_clean_strict_check(template):
    draft = example()
    assert status_gate(template, draft, "Approved").refused == ""
    draft.set_answer("requirements", "performance", "It must be fast.")
    gate = status_gate(template, draft, "Approved")
    assert gate.refused.startswith("Not approved") and gate.gaps


def test_check_applies_the_gate_of_the_status_the_doc_claims(template, tmp_path, capsys):
    from tdd_tui.store import DraftStore

    store = DraftStore(tmp_path)
    draft = example()
    draft.metadata["status"] = "Approved"
    draft.set_answer("requirements", "performance", "It must be fast.")  # one warning
    store.save(draft)
    assert main(["check", draft.id, "--drafts-dir", str(tmp_path)]) == 1
    assert "error status: says Approved, but the review finds 1 thing(s)" in capsys.readouterr().out
    draft = Draft(id="gaps", metadata={"title": "Gaps", "status": "In Review"})
    store.save(draft)
    assert main(["check", "gaps", "--drafts-dir", str(tmp_path)]) == 1
    assert "says In Review with" in capsys.readouterr().out
    draft.metadata["review_note"] = "Sent with 14 known gaps on 2026-11-29."
    store.save(draft)
    main(["check", "gaps", "--drafts-dir", str(tmp_path)])
    assert "says In Review with" not in capsys.readouterr().out


def test_check_strict_fails_on_warnings_and_lists_them(tmp_path, capsys):
    from tdd_tui.store import DraftStore

    store = DraftStore(tmp_path)
    draft = example()
    draft.set_answer("requirements", "performance", "It must be fast.")
    store.save(draft)
    assert main(["check", draft.id, "--drafts-dir", str(tmp_path)]) == 0  # warnings alone pass
    assert main(["check", draft.id, "--strict", "--drafts-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "warning vague: 'fast' with no measurable target" in out
    assert out.splitlines()[0].endswith("[4. Requirements › Performance]")


# -- guidance --------------------------------------------------------------------------------


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


EXAMPLE_WORDS = (
    "limiter",
    "redis",
    "bucket",
    "429",
    "rate limit",
    "api key",
    "my limit",
    "gateway",
)


def test_the_generic_guidance_names_no_example_system(template):
    for section in template.sections:
        texts = [section.purpose, *(c.text for c in section.checklist)]
        for part in section.parts:
            texts += [part.question, part.why, part.placeholder]
        for text in texts:
            for word in EXAMPLE_WORDS:
                assert word not in text.lower(), f"{section.id}: {word!r} in {text!r}"


@pytest.mark.parametrize(
    ("section", "part"),
    [
        ("problem", "assumptions"),
        ("requirements", "usability"),
        ("failure_modes", "backup_recovery"),
        ("security", "trust_boundaries"),
        ("security", "third_party"),
        ("rollout", "version_skew"),
        ("rollout", "rollback_safety"),
    ],
)
def test_the_topics_a_principal_reviewer_raises_are_asked(template, section, part):
    found = template.section(section).part(part)
    assert found is not None and found.question and found.why and found.example


def test_new_example_copies_the_complete_doc(tmp_path, capsys):
    assert main(["new", "--example", "--no-open", "--drafts-dir", str(tmp_path)]) == 0
    new_id = capsys.readouterr().out.strip()
    assert new_id == "per-key-rate-limiting-for-the-public-api"
    assert main(["check", new_id, "--strict", "--drafts-dir", str(tmp_path)]) == 0
