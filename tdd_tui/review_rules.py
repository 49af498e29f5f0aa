"""The review rules: what a principal engineer writes in the margin, one function each.

The rules on the design's plans (failure modes, open questions, backout,
alternatives, personal data) are in tdd_tui.review_design. Each rule is
registered with an id, a default severity and the sections it
reads (tdd_tui.findings). A rule names the part it objects to, quotes the
text, and says what would satisfy it. Rules read parts by their ids in the
default template; a team template without such a part simply skips the rule.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from tdd_tui import review_parts as parts
from tdd_tui import review_text as text
from tdd_tui.draft import UNPLACED, Draft, Progress, is_answered, part_progress
from tdd_tui.findings import ERROR, WARNING, Finding, rule
from tdd_tui.template import Kind, Part, Template

APPROVED = parts.APPROVED
REVIEWED = parts.REVIEWED


# -- gaps ------------------------------------------------------------------------


def _empty(part: Part) -> str:
    question = part.question
    return (
        f"required, empty: {question[0].lower()}{question[1:]}" if question else "required, empty"
    )


@rule("missing", ERROR)
def required_gaps(template: Template, draft: Draft) -> Iterator[Finding]:
    """Required details and parts that are empty, and sections with nothing in them."""
    for part in template.metadata:
        if part.required and not is_answered(draft.metadata.get(part.id)):
            yield Finding(part.label, _empty(part), "metadata", part.id, "missing")
    for section in template.sections:
        if not parts.applies(draft, section):
            continue
        applying = [p for p in section.parts if parts.part_applies(draft, section, p)]
        if applying and not any(
            is_answered(parts.answer(draft, section.id, p.id)) for p in applying
        ):
            yield Finding(section.heading, "nothing written yet", section.id, None, "missing")
            continue
        for part in applying:
            if part.required and part_progress(draft, section, part) is Progress.EMPTY:
                yield Finding(
                    parts.where(section, part), _empty(part), section.id, part.id, "missing"
                )


@rule("unplaced", ERROR)
def unplaced(template: Template, draft: Draft) -> Iterator[Finding]:
    for key, value in draft.unplaced.items():
        if value.strip():
            found = template.section(key)
            lines = len(value.strip().splitlines())
            yield Finding(
                found.heading if found else "Details",
                f"{lines} line(s) of imported text not placed yet: move them into parts",
                found.id if found else "metadata",
                UNPLACED,
                "unplaced",
            )


@rule("filler", ERROR)
def filler(template: Template, draft: Draft) -> Iterator[Finding]:
    """'N/A', 'None.', 'Standard.' as the whole answer: counted as empty. (Tables have
    rules of their own, which say what their rows lack.)"""
    for section in template.sections:
        for part in section.parts:
            if part.kind is Kind.GROUP:
                continue
            value = parts.answer(draft, section.id, part.id)
            if not parts.part_applies(draft, section, part) or not parts.is_filler(template, value):
                continue
            said = text.quote(" / ".join(t for t in parts.texts(value) if t.strip()), 40)
            yield Finding(
                parts.where(section, part),
                f"'{said}' is not an answer: {part.question[0].lower()}{part.question[1:]}",
                section.id,
                part.id,
                "filler",
                ERROR if part.required else WARNING,
            )


# -- not applicable ----------------------------------------------------------------


@rule("na-reason", ERROR)
def na_reason(template: Template, draft: Draft) -> Iterator[Finding]:
    for key, reason in draft.not_applicable.items():
        if reason.strip() and not text.filler(reason):
            continue
        section_id, _, part_id = key.partition(".")
        section = template.section(section_id)
        if section is None:
            continue
        part = section.part(part_id) if part_id else None
        yield Finding(
            parts.where(section, part),
            "marked not applicable with no reason: say why it does not apply to this design",
            section_id,
            part_id or None,
            "na-reason",
        )


@rule("na-not-allowed", ERROR)
def na_not_allowed(template: Template, draft: Draft) -> Iterator[Finding]:
    for section in template.sections:
        if section.id in draft.not_applicable and not section.may_be_na:
            yield Finding(
                section.heading,
                "every design has to answer this section; mark single parts not applicable "
                "instead, each with its reason",
                section.id,
                None,
                "na-not-allowed",
            )


# -- prose ---------------------------------------------------------------------------


@rule("marker", ERROR)
def leftover_markers(template: Template, draft: Draft) -> Iterator[Finding]:
    """Every TODO, TBD, FIXME, XXX or ??? left in the prose (code is skipped)."""
    for part in template.metadata:
        for piece in parts.texts(draft.metadata.get(part.id)):
            for marker in text.markers(piece):
                yield Finding(
                    part.label, f"'{marker}' is still in the text", "metadata", part.id, "marker"
                )
    for section in template.sections:
        if not parts.applies(draft, section):
            continue
        for part in section.parts:
            if not parts.part_applies(draft, section, part):
                continue
            for piece in parts.texts(parts.answer(draft, section.id, part.id)):
                for marker in text.markers(piece):
                    yield Finding(
                        parts.where(section, part),
                        f"'{marker}' is still in the text",
                        section.id,
                        part.id,
                        "marker",
                    )


VAGUE_SECTIONS = ("summary", "goals", "requirements", "validation")


@rule("vague", WARNING, VAGUE_SECTIONS)
def vague(template: Template, draft: Draft) -> Iterator[Finding]:
    """A claim ('fast', 'highly available') with no number and unit beside it."""
    extra = parts.words(template, "vague")
    for section_id in VAGUE_SECTIONS:
        section = template.section(section_id)
        if section is None or not parts.applies(draft, section):
            continue
        for part in section.parts:
            if not parts.part_applies(draft, section, part):
                continue
            for piece in parts.texts(parts.answer(draft, section.id, part.id)):
                for word, sentence in text.vague_claims(piece, extra):
                    yield Finding(
                        parts.where(section, part),
                        f"'{word}' with no measurable target in \"{text.quote(sentence)}\": "
                        "say how much (a number with its unit or percentile) and how it is measured",
                        section.id,
                        part.id,
                        "vague",
                    )


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


def _keywords(value: str) -> set[str]:
    """The words that carry meaning, cut to their first six letters ("charges" and
    "charge", "recovered" and "recover" are one word to a reader)."""
    return {
        w[:6]
        for w in re.findall(r"[a-z0-9%]+", value.lower())
        if (len(w) >= 4 or w.isdigit()) and w not in STOPWORDS
    }


@rule("goal", WARNING, ("goals", "validation", "observability"))
def goals_without_criteria(template: Template, draft: Draft) -> Iterator[Finding]:
    goals_section = template.section("goals")
    validation = template.section("validation")
    if goals_section is None or validation is None or not parts.applies(draft, validation):
        return
    goals = parts.answer(draft, "goals", "goals")
    if not isinstance(goals, list):
        return
    criteria: set[str] = set()
    for section_id, part_id in SUCCESS_PARTS:
        for piece in parts.texts(parts.answer(draft, section_id, part_id)):
            criteria |= _keywords(piece)
    for goal in goals:
        if isinstance(goal, str) and goal.strip() and not (_keywords(goal) & criteria):
            yield Finding(
                f"{goals_section.heading} › Goals",
                f"no success criterion in {validation.heading} checks '{text.quote(goal)}'",
                "goals",
                "goals",
                "goal",
            )


# -- the details -------------------------------------------------------------------------


@rule("metadata", ERROR, ("metadata",))
def metadata(template: Template, draft: Draft) -> Iterator[Finding]:
    meta = draft.metadata
    for part in template.metadata:
        value = meta.get(part.id)
        if not isinstance(value, str) or not value.strip():
            continue
        if part.kind is Kind.DATE:
            try:
                dt.date.fromisoformat(value.strip())
            except ValueError:
                yield Finding(
                    part.label,
                    f"'{text.quote(value, 30)}' is not a date: write it as YYYY-MM-DD",
                    "metadata",
                    part.id,
                    "metadata",
                )
        elif part.kind is Kind.CHOICE and value not in part.choices:
            yield Finding(
                part.label,
                f"'{text.quote(value, 30)}' is not one of {', '.join(part.choices)}",
                "metadata",
                part.id,
                "metadata",
            )
        elif text.filler(value) and not text.markers(value):  # a marker: "marker" says so
            yield Finding(
                part.label,
                f"'{text.quote(value, 30)}' says nothing yet: {part.question[0].lower()}"
                f"{part.question[1:]}",
                "metadata",
                part.id,
                "metadata",
            )
    approvers = template.metadata_part("approvers")
    if (
        approvers is not None
        and draft.status in REVIEWED
        and not is_answered(meta.get("approvers"))
    ):
        yield Finding(
            approvers.label,
            f"a doc {draft.status} with nobody named to approve it: list who signs, and for what",
            "metadata",
            approvers.id,
            "metadata",
            ERROR if draft.status in APPROVED else WARNING,
        )


@rule("checklist", WARNING)
def checklist(template: Template, draft: Draft) -> Iterator[Finding]:
    """Checklist items not ticked: warnings while drafting, errors on an approved doc."""
    approved = draft.status in APPROVED
    for section in template.sections:
        if not section.checklist or not parts.applies(draft, section):
            continue
        ticked = set(draft.ticked(section.id))
        open_items = [item for item in section.checklist if item.id not in ticked]
        if not open_items:
            continue
        first = text.quote(open_items[0].text, 70)
        more = f" and {len(open_items) - 1} more" if len(open_items) > 1 else ""
        yield Finding(
            section.heading,
            f"not ticked: '{first}'{more}",
            section.id,
            None,
            "checklist",
            ERROR if approved else WARNING,
        )
