"""Review rules on the design's plans: failure modes, open questions, the backout,
the alternatives, and personal data followed into the security section."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tdd_tui import review_parts as parts
from tdd_tui import review_text as text
from tdd_tui.draft import Draft, is_answered
from tdd_tui.findings import ERROR, WARNING, Finding, rule
from tdd_tui.template import Part, Section, Template

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
    found = parts.group_part(template, section_id, part_id)
    if found is None:
        return
    section, part = found
    if not parts.part_applies(draft, section, part):
        return
    for number, record in enumerate(
        parts.records(parts.answer(draft, section.id, part.id)), start=1
    ):
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
    extra = parts.words(template, "vague_owner")
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
    if section is None or part is None or not parts.applies(draft, section):
        return
    value = parts.answer(draft, section.id, part.id)
    plan = value if isinstance(value, str) else ""
    where = parts.where(section, part)
    if not parts.part_applies(draft, section, part):
        problem = "a rollout with its backout marked not applicable: every change needs a way back"
    elif not plan.strip():
        if not draft.answers.get(section.id):
            return  # the whole section is still empty: "missing" says so
        problem = "a rollout with no backout plan: say the trigger, who decides, the steps"
    elif (
        parts.is_filler(template, plan) or _steps(plan) < 2 or not _TRIGGER.search(text.prose(plan))
    ):
        problem = (
            f'"{text.quote(plan)}" is not yet a backout plan: it needs the trigger (what '
            "you watch and at what threshold) and the steps, with who decides"
        )
    else:
        return
    yield Finding(where, problem, section.id, part.id, "backout")


@rule("alternatives", ERROR, ("tradeoffs",))
def alternatives(template: Template, draft: Draft) -> Iterator[Finding]:
    found = parts.group_part(template, "tradeoffs", "alternatives")
    if found is None:
        return
    section, part = found
    if not parts.applies(draft, section) or not draft.answers.get(section.id):
        return  # nothing written in the section yet: "missing" says so
    records = parts.records(parts.answer(draft, section.id, part.id))
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
        parts.where(section, part),
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
    extra = parts.words(template, "personal_data")
    mention = ""
    where = ""
    for section in template.sections:
        if section.id == security.id or not parts.applies(draft, section):
            continue
        for part in section.parts:
            for piece in parts.texts(parts.answer(draft, section.id, part.id)):
                if not text.personal_data(piece, extra):
                    continue  # most text never names personal data: not split for nothing
                for sentence in text.sentences(text.prose(piece)):
                    term = text.personal_data(sentence, extra)
                    if term and not text.denies_personal_data(sentence):
                        mention, where = term, parts.where(section, part)
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
    if not parts.applies(draft, security):
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
        value = parts.answer(draft, security.id, part.id)
        weak = (
            not parts.part_applies(draft, security, part)
            or not is_answered(value)
            or parts.is_filler(template, value)
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
                parts.where(security, part),
                f"{said}, but {because}: list each personal field, why it is needed and how "
                "long it is kept",
                security.id,
                part.id,
                "personal-data",
            )
