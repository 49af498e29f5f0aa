"""The review rules: what a principal engineer writes in the margin, one function each.

Each rule is registered with an id, a default severity and the sections it
reads (tdd_tui.findings). A rule names the part it objects to, quotes the
text, and says what would satisfy it. Rules read parts by their ids in the
default template; a team template without such a part simply skips the rule.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from tdd_tui import review_text as text
from tdd_tui.draft import UNPLACED, Answer, Draft, Progress, is_answered, part_progress
from tdd_tui.findings import ERROR, WARNING, Finding, rule
from tdd_tui.template import Kind, Part, Section, Template

APPROVED = ("Approved", "Implemented")
REVIEWED = ("In Review", *APPROVED)


def _where(section: Section | None, part: Part | None = None, label: str = "") -> str:
    head = section.heading if section is not None else "Details"
    name = part.label if part is not None else label
    return f"{head} › {name}" if name else head


def _texts(value: Answer | None) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        return []
    out: list[str] = []
    for item in value:
        out.extend(item.values() if isinstance(item, dict) else [item])
    return out


def _applies(draft: Draft, section: Section) -> bool:
    return section.id not in draft.not_applicable


def _part_applies(draft: Draft, section: Section, part: Part) -> bool:
    return _applies(draft, section) and f"{section.id}.{part.id}" not in draft.not_applicable


def _answer(draft: Draft, section_id: str, part_id: str) -> Answer:
    return draft.answer(section_id, part_id)


def _records(value: Answer) -> list[dict[str, str]]:
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def _words(template: Template, name: str) -> tuple[str, ...]:
    return template.review.more_words(name)


def _is_filler(template: Template, value: Answer) -> bool:
    pieces = [t for t in _texts(value) if t.strip()]
    extra = _words(template, "filler")
    return bool(pieces) and all(text.filler(t, extra) for t in pieces)


def _group_part(template: Template, section_id: str, part_id: str) -> tuple[Section, Part] | None:
    section = template.section(section_id)
    part = section.part(part_id) if section else None
    if section is None or part is None or part.kind is not Kind.GROUP:
        return None
    return section, part


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
        if not _applies(draft, section):
            continue
        parts = [p for p in section.parts if _part_applies(draft, section, p)]
        if parts and not any(is_answered(_answer(draft, section.id, p.id)) for p in parts):
            yield Finding(section.heading, "nothing written yet", section.id, None, "missing")
            continue
        for part in parts:
            if part.required and part_progress(draft, section, part) is Progress.EMPTY:
                yield Finding(_where(section, part), _empty(part), section.id, part.id, "missing")


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
            value = _answer(draft, section.id, part.id)
            if not _part_applies(draft, section, part) or not _is_filler(template, value):
                continue
            said = text.quote(" / ".join(t for t in _texts(value) if t.strip()), 40)
            yield Finding(
                _where(section, part),
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
            _where(section, part),
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
        for piece in _texts(draft.metadata.get(part.id)):
            for marker in text.markers(piece):
                yield Finding(
                    part.label, f"'{marker}' is still in the text", "metadata", part.id, "marker"
                )
    for section in template.sections:
        if not _applies(draft, section):
            continue
        for part in section.parts:
            if not _part_applies(draft, section, part):
                continue
            for piece in _texts(_answer(draft, section.id, part.id)):
                for marker in text.markers(piece):
                    yield Finding(
                        _where(section, part),
                        f"'{marker}' is still in the text",
                        section.id,
                        part.id,
                        "marker",
                    )


VAGUE_SECTIONS = ("summary", "goals", "requirements", "validation")


@rule("vague", WARNING, VAGUE_SECTIONS)
def vague(template: Template, draft: Draft) -> Iterator[Finding]:
    """A claim ('fast', 'highly available') with no number and unit beside it."""
    extra = _words(template, "vague")
    for section_id in VAGUE_SECTIONS:
        section = template.section(section_id)
        if section is None or not _applies(draft, section):
            continue
        for part in section.parts:
            if not _part_applies(draft, section, part):
                continue
            for piece in _texts(_answer(draft, section.id, part.id)):
                for word, sentence in text.vague_claims(piece, extra):
                    yield Finding(
                        _where(section, part),
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
    if goals_section is None or validation is None or not _applies(draft, validation):
        return
    goals = _answer(draft, "goals", "goals")
    if not isinstance(goals, list):
        return
    criteria: set[str] = set()
    for section_id, part_id in SUCCESS_PARTS:
        for piece in _texts(_answer(draft, section_id, part_id)):
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


# -- records -------------------------------------------------------------------------

# Found by people telling you, not by anything you run: "customers report", "shoppers
# complain to support", "users notice". A detection that names an alert, a metric or a
# check is a machine's, whoever else also notices.
_PEOPLE_TELL = re.compile(
    r"\b(report\w*|complain\w*|tell|tells|notic\w+|contact\w*|escalat\w*|tweet\w*|"
    r"tickets?|calls? (?:us|support|in))\b",
    re.IGNORECASE,
)
_MACHINE = re.compile(
    r"\b(alert\w*|alarm\w*|pages?|paging|monitor\w*|metrics?|probes?|checks?|threshold|"
    r"dashboards?|slos?|synthetic|reconciliation|canary|health|logs?|counter|rate|ratio)\b|`",
    re.IGNORECASE,
)


def _people_report(detection: str) -> bool:
    return bool(_PEOPLE_TELL.search(detection)) and not _MACHINE.search(detection)


def _name(record: dict[str, str], key: str, number: int) -> str:
    return f"#{number} '{text.quote(record.get(key, ''), 50)}'"


Row = tuple[Section, Part, int, dict[str, str]]


def _rows(
    template: Template, draft: Draft, section_id: str, part_id: str, key: str
) -> Iterator[Row]:
    """The rows of a table part that applies, numbered from 1, that have their key field."""
    found = _group_part(template, section_id, part_id)
    if found is None:
        return
    section, part = found
    if not _part_applies(draft, section, part):
        return
    for number, record in enumerate(_records(_answer(draft, section.id, part.id)), start=1):
        if record.get(key, "").strip():
            yield section, part, number, record


def _failure_modes(template: Template, draft: Draft) -> Iterator[Row]:
    return _rows(template, draft, "failure_modes", "failure_modes", "scenario")


def _field_ids(part: Part) -> set[str]:
    return {f.id for f in part.fields}


@rule("failure-detection", ERROR, ("failure_modes",))
def failure_detection(template: Template, draft: Draft) -> Iterator[Finding]:
    for section, part, number, record in _failure_modes(template, draft):
        detection = record.get("detection", "").strip()
        if not detection or text.filler(detection):
            problem = "has no detection: say which alert or check fires, and at what threshold"
        elif _people_report(detection):
            problem = (
                f'is detected by "{text.quote(detection)}": a customer should never be the '
                "alarm; name the alert or check that fires first"
            )
        else:
            continue
        yield Finding(
            _name(record, "scenario", number), problem, section.id, part.id, "failure-detection"
        )


@rule("failure-mitigation", ERROR, ("failure_modes",))
def failure_mitigation(template: Template, draft: Draft) -> Iterator[Finding]:
    for section, part, number, record in _failure_modes(template, draft):
        if "mitigation" not in _field_ids(part):
            continue
        mitigation = record.get("mitigation", "").strip()
        if not mitigation or text.filler(mitigation):
            yield Finding(
                _name(record, "scenario", number),
                "has no mitigation: say what limits the damage while it lasts",
                section.id,
                part.id,
                "failure-mitigation",
            )


@rule("failure-impact", WARNING, ("failure_modes",))
def failure_impact(template: Template, draft: Draft) -> Iterator[Finding]:
    for section, part, number, record in _failure_modes(template, draft):
        if "impact" in _field_ids(part) and not record.get("impact", "").strip():
            yield Finding(
                _name(record, "scenario", number),
                "has no impact: say who is affected and how badly (one user, a tenant, a "
                "region, everyone)",
                section.id,
                part.id,
                "failure-impact",
            )


def _questions(template: Template, draft: Draft) -> Iterator[Row]:
    return _rows(template, draft, "open_questions", "questions", "question")


def _closed(record: dict[str, str]) -> bool:
    status = record.get("status", "").lower()
    return bool(re.match(r"\s*(closed|decided|resolved|answered|done)\b", status))


@rule("open-question-owner", ERROR, ("open_questions",))
def question_owner(template: Template, draft: Draft) -> Iterator[Finding]:
    extra = _words(template, "vague_owner")
    for section, part, number, record in _questions(template, draft):
        if _closed(record):
            continue
        owner = record.get("owner", "").strip() or text.inline_owner(" ".join(record.values()))
        if not owner:
            problem = "has no owner: name the one person who will decide it"
        elif text.vague_owner(owner, extra):
            problem = f"is owned by '{owner}': name one person, who can be asked"
        else:
            continue
        yield Finding(
            _name(record, "question", number), problem, section.id, part.id, "open-question-owner"
        )


@rule("open-question-date", WARNING, ("open_questions",))
def question_date(template: Template, draft: Draft) -> Iterator[Finding]:
    for section, part, number, record in _questions(template, draft):
        if _closed(record):
            continue
        when = record.get("decide_by", "").strip() or text.inline_date(" ".join(record.values()))
        if not when:
            problem = "has no date to decide by: a question without one stays open"
        elif not re.match(r"\d{4}-\d{2}-\d{2}$", when) and not text.inline_date(f"by {when}"):
            problem = f"has '{when}' to decide by: give a date (YYYY-MM-DD)"
        else:
            continue
        yield Finding(
            _name(record, "question", number), problem, section.id, part.id, "open-question-date"
        )


# -- plans ---------------------------------------------------------------------------

_TRIGGER = re.compile(
    r"\b(trigger\w*|if|when|whenever|above|below|exceeds?|more than|less than|over|under|"
    r"alert\w*|threshold|error rate|page\w*|slo|fails?)\b",
    re.IGNORECASE,
)


def _steps(value: str) -> int:
    lines = [ln for ln in value.splitlines() if re.match(r"\s*(?:[-*+]|\d+[.)])\s+\S", ln)]
    return max(len(lines), len(text.sentences(text.prose(value))))


@rule("backout", ERROR, ("rollout",))
def backout(template: Template, draft: Draft) -> Iterator[Finding]:
    section = template.section("rollout")
    part = section.part("backout") if section else None
    if section is None or part is None or not _applies(draft, section):
        return
    value = _answer(draft, section.id, part.id)
    plan = value if isinstance(value, str) else ""
    where = _where(section, part)
    if not _part_applies(draft, section, part):
        problem = "a rollout with its backout marked not applicable: every change needs a way back"
    elif not plan.strip():
        if not draft.answers.get(section.id):
            return  # the whole section is still empty: "missing" says so
        problem = "a rollout with no backout plan: say the trigger, who decides, the steps"
    elif _is_filler(template, plan) or _steps(plan) < 2 or not _TRIGGER.search(text.prose(plan)):
        problem = (
            f'"{text.quote(plan)}" is not yet a backout plan: it needs the trigger (what '
            "you watch and at what threshold) and the steps, with who decides"
        )
    else:
        return
    yield Finding(where, problem, section.id, part.id, "backout")


@rule("alternatives", ERROR, ("tradeoffs",))
def alternatives(template: Template, draft: Draft) -> Iterator[Finding]:
    found = _group_part(template, "tradeoffs", "alternatives")
    if found is None:
        return
    section, part = found
    if not _applies(draft, section) or not draft.answers.get(section.id):
        return  # nothing written in the section yet: "missing" says so
    records = _records(_answer(draft, section.id, part.id))
    first = part.fields[0].id

    def real(record: dict[str, str]) -> bool:
        option = record.get(first, "").strip()
        rest = [v for k, v in record.items() if k != first and v.strip()]
        return bool(option) and not text.filler(option) and bool(rest)

    if any(real(r) for r in records):
        return
    said = (
        "none is given" if not records else "none of them is a real option with its pros and cons"
    )
    yield Finding(
        _where(section, part),
        f"no real alternative: {said}; name at least one design you could have chosen "
        "(doing nothing counts) and why it lost",
        section.id,
        part.id,
        "alternatives",
    )


# -- security -------------------------------------------------------------------------

SECURITY_PARTS = ("threat_model", "pii")


@rule("personal-data", ERROR, ("security", "architecture", "requirements"))
def personal_data(template: Template, draft: Draft) -> Iterator[Finding]:
    """Personal data in the design, and a security section that does not deal with it."""
    security = template.section("security")
    if security is None:
        return
    extra = _words(template, "personal_data")
    mention = ""
    where = ""
    for section in template.sections:
        if section.id == security.id or not _applies(draft, section):
            continue
        for part in section.parts:
            for piece in _texts(_answer(draft, section.id, part.id)):
                if not text.personal_data(piece, extra):
                    continue  # most text never names personal data: not split for nothing
                for sentence in text.sentences(text.prose(piece)):
                    term = text.personal_data(sentence, extra)
                    if term and not text.denies_personal_data(sentence):
                        mention, where = term, _where(section, part)
                        break
                if mention:
                    break
            if mention:
                break
        if mention:
            break
    if not mention:
        return
    because = f"{where} mentions '{mention}'"
    if not _applies(draft, security):
        yield Finding(
            security.heading,
            f"marked not applicable, but {because}: say how that personal data is protected",
            security.id,
            None,
            "personal-data",
        )
        return
    for part_id in SECURITY_PARTS:
        guarded = security.part(part_id)
        if guarded is None:
            continue
        part = guarded
        value = _answer(draft, security.id, part.id)
        weak = (
            not _part_applies(draft, security, part)
            or not is_answered(value)
            or _is_filler(template, value)
        )
        lines = text.sentences(text.prose(value)) if isinstance(value, str) else []
        lists_some = any(
            text.personal_data(s, extra) and not text.denies_personal_data(s) for s in lines
        )
        denies = not lists_some and any(
            text.denies_personal_data(s) or s.lower().startswith("none") for s in lines
        )
        if weak or (part_id == "pii" and denies):
            said = "says there is none" if denies and not weak else "does not deal with it"
            yield Finding(
                _where(security, part),
                f"{said}, but {because}: list each personal field, why it is needed and how "
                "long it is kept",
                security.id,
                part.id,
                "personal-data",
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
        if not section.checklist or not _applies(draft, section):
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
