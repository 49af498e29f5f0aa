"""What a draft still lacks before review: pure rules over template and draft."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from tdd_tui.draft import (
    UNPLACED,
    Answer,
    Draft,
    Progress,
    is_answered,
    part_progress,
    section_progress,
)
from tdd_tui.record import Record
from tdd_tui.template import Part, Section, Template

TYPE_CHECKING = False  # typing.TYPE_CHECKING; typing itself is not imported by the CLI
if TYPE_CHECKING:
    from typing import Any

    ReviewRule = Callable[[Template, Draft], Iterable["Finding"]]


class Finding(Record):
    """One thing to fix, said where a user would look for it."""

    where: str
    message: str
    section: str | None = None
    part: str | None = None
    kind: str = "missing"

    def to_data(self) -> dict[str, Any]:
        return dict(self._asdict())


def missing(template: Template, draft: Draft) -> list[Finding]:
    """Required metadata and parts that are empty, sections with nothing in them, and
    imported text not placed yet."""
    findings: list[Finding] = []
    for key, text in draft.unplaced.items():
        if text.strip():
            found = template.section(key)
            lines = len(text.strip().splitlines())
            findings.append(
                Finding(
                    found.heading if found else "Details",
                    f"{lines} line(s) of imported text not placed yet: move them into parts",
                    found.id if found else "metadata",
                    UNPLACED,
                    "unplaced",
                )
            )
    for part in template.metadata:
        if part.required and not is_answered(draft.metadata.get(part.id)):
            findings.append(Finding(part.label, "required, empty", "metadata", part.id))
    for section in template.sections:
        state = section_progress(draft, section)
        if state is Progress.NOT_APPLICABLE:
            continue
        if state is Progress.EMPTY:
            findings.append(Finding(section.heading, "nothing written yet", section.id))
            continue
        for part in section.parts:
            if part.required and part_progress(draft, section, part) is Progress.EMPTY:
                findings.append(
                    Finding(
                        f"{section.heading} › {part.label}", "required, empty", section.id, part.id
                    )
                )
    return findings


# -- what reviewers always catch -----------------------------------------------

MARKERS = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b|\?\?\?")
_MARKER_TEXT = ("TODO", "TBD", "FIXME", "XXX", "???")
VAGUE = re.compile(
    r"\b(fast|quick(?:ly)?|scalable|highly available|secure|minimal|low latency|performant|"
    r"robust|reliable|real-time|efficient)\b",
    re.IGNORECASE,
)
NUMBER = re.compile(r"\d")
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
STOPWORDS = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "will",
        "should",
        "must",
        "into",
        "than",
        "then",
        "them",
        "they",
        "their",
        "there",
        "when",
        "what",
        "which",
        "where",
        "while",
        "about",
        "after",
        "before",
        "every",
        "each",
        "more",
        "less",
        "most",
        "least",
        "only",
        "also",
        "just",
        "over",
        "under",
        "between",
        "does",
        "done",
        "make",
        "made",
        "being",
        "been",
        "were",
        "able",
        "without",
        "across",
        "other",
        "such",
    ]
)
SUCCESS_PARTS = (
    ("validation", "metrics"),
    ("validation", "operational_signals"),
    ("validation", "review_checkpoints"),
    ("observability", "success_signals"),
)


def _texts(value: Answer) -> list[str]:
    if isinstance(value, str):
        return [value]
    out: list[str] = []
    for item in value:
        out.extend(item.values() if isinstance(item, dict) else [item])
    return out


def _words(text: str) -> set[str]:
    return {
        w
        for w in re.findall(r"[a-z0-9%]+", text.lower())
        if (len(w) >= 4 or w.isdigit()) and w not in STOPWORDS
    }


# A review rule reads the template and the draft and yields what a reviewer would
# write. A new rule is one function under @rule("its-id"); review() runs them all.
RULES: dict[str, ReviewRule] = {}


def rule(rule_id: str) -> Callable[[ReviewRule], ReviewRule]:
    """Register a review rule under its id (the id its findings carry as their kind)."""

    def register(check: ReviewRule) -> ReviewRule:
        RULES[rule_id] = check
        return check

    return register


def review(template: Template, draft: Draft) -> list[Finding]:
    """The warnings a senior reviewer would write; they never block moving around."""
    findings: list[Finding] = []
    for check in RULES.values():
        findings.extend(check(template, draft))
    return findings


def _written_parts(template: Template, draft: Draft) -> Iterator[tuple[Section, Part, list[str]]]:
    """Every complete part of a section that applies, with its text pieces."""
    for section in template.sections:
        if section.id in draft.not_applicable:
            continue
        for part in section.parts:
            if part_progress(draft, section, part) is Progress.COMPLETE:
                yield section, part, _texts(draft.answer(section.id, part.id))


@rule("marker")
def _leftover_markers(template: Template, draft: Draft) -> Iterator[Finding]:
    for section, part, texts in _written_parts(template, draft):
        for text in texts:
            marker = _marker(text)
            if marker:
                yield Finding(
                    f"{section.heading} › {part.label}",
                    f"'{marker.group(0)}' is still in the text",
                    section.id,
                    part.id,
                    "marker",
                )
                break


@rule("vague")
def _vague_words(template: Template, draft: Draft) -> Iterator[Finding]:
    for section, part, texts in _written_parts(template, draft):
        if part.heading == "Non-Functional Requirements" or section.id == "validation":
            yield from _vague(f"{section.heading} › {part.label}", section.id, part.id, texts)


@rule("goal")
def _goals(template: Template, draft: Draft) -> list[Finding]:
    return _goals_without_criteria(template, draft)


@rule("failure-modes")
def _failure_modes(template: Template, draft: Draft) -> list[Finding]:
    return _records_missing(
        draft, "failure_modes", "failure_modes", "scenario", ("detection", "recovery")
    )


@rule("open-questions")
def _open_questions(template: Template, draft: Draft) -> list[Finding]:
    return _records_missing(draft, "open_questions", "questions", "question", ("owner",))


@rule("backout")
def _backout(template: Template, draft: Draft) -> list[Finding]:
    rollout = template.section("rollout")
    if (
        rollout is not None
        and rollout.part("backout") is not None
        and "rollout" not in draft.not_applicable
        and draft.answers.get("rollout")
        and not is_answered(draft.answer("rollout", "backout"))
        and "rollout.backout" not in draft.not_applicable
    ):
        return [
            Finding(
                f"{rollout.heading} › Backout plan",
                "a rollout with no backout plan: say the trigger, who decides, the steps",
                "rollout",
                "backout",
                "backout",
            )
        ]
    return []


# -- status gates --------------------------------------------------------------


class Gate(Record):
    """What moving a draft to a status takes: refused (with why), asked first, or fine."""

    refused: str = ""  # why the status cannot be set; empty if it can
    gaps: tuple[Finding, ...] = ()  # what reviewers will find: the author is asked first


def status_gate(template: Template, draft: Draft, status: str) -> Gate:
    """In Review asks first when reviewers would find gaps; Approved needs success metrics."""
    if status == "Approved":
        validation = template.section("validation")
        metrics = validation.part("metrics") if validation else None
        if validation and metrics and part_progress(draft, validation, metrics) is Progress.EMPTY:
            return Gate(
                f"Not approved: {validation.heading} has no success metrics, "
                "so nobody could tell later whether the design worked."
            )
        return Gate()
    if status != "In Review":
        return Gate()
    markers = [f for f in review(template, draft) if f.kind == "marker"]
    return Gate(gaps=tuple(missing(template, draft) + markers))


def _marker(text: str) -> re.Match[str] | None:
    """The first leftover marker. A plain substring search first: the regex, tried at
    every position, costs about 30 ms on a 1 MB part, and this runs after every save."""
    found = [i for i in (text.find(m) for m in _MARKER_TEXT) if i >= 0]
    return MARKERS.search(text, max(0, min(found) - 1)) if found else None


def _vague(where: str, section_id: str, part_id: str, texts: list[str]) -> list[Finding]:
    out = []
    for text in texts:
        for sentence in SENTENCE.findall(text):
            word = VAGUE.search(sentence)
            if word and not NUMBER.search(sentence):
                out.append(
                    Finding(
                        where,
                        f"'{word.group(0)}' with no number: say how much, and how it is measured",
                        section_id,
                        part_id,
                        "vague",
                    )
                )
    return out


def _goals_without_criteria(template: Template, draft: Draft) -> list[Finding]:
    goals_section = template.section("goals")
    validation = template.section("validation")
    if goals_section is None or validation is None or "validation" in draft.not_applicable:
        return []
    goals = draft.answer("goals", "goals")
    if not isinstance(goals, list):
        return []
    criteria: set[str] = set()
    for section_id, part_id in SUCCESS_PARTS:
        for text in _texts(draft.answer(section_id, part_id)):
            criteria |= _words(text)
    out = []
    for goal in goals:
        if isinstance(goal, str) and goal.strip() and not (_words(goal) & criteria):
            short = goal if len(goal) <= 60 else goal[:57] + "…"
            out.append(
                Finding(
                    f"{goals_section.heading} › Goals",
                    f"no success criterion in {validation.heading} checks '{short}'",
                    "goals",
                    "goals",
                    "goal",
                )
            )
    return out


def _records_missing(
    draft: Draft, section_id: str, part_id: str, key: str, needed: tuple[str, ...]
) -> list[Finding]:
    records = draft.answer(section_id, part_id)
    if section_id in draft.not_applicable or not isinstance(records, list):
        return []
    out = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict) or not record.get(key, "").strip():
            continue
        for field in needed:
            if not record.get(field, "").strip():
                name = record[key].strip()
                short = name if len(name) <= 50 else name[:47] + "…"
                out.append(
                    Finding(
                        f"#{number} '{short}'",
                        f"has no {field}",
                        section_id,
                        part_id,
                        f"no-{field}",
                    )
                )
    return out
