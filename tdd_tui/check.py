"""The review: what a draft still lacks, and what a principal engineer would flag.

The rules themselves are in tdd_tui.review_rules, registered by id with a
default severity; a template's review block turns them off or changes their
severity. The UI, `tdd-tui check` and the status gates all read review().
"""

from __future__ import annotations

from tdd_tui import review_design, review_rules  # noqa: F401 (they register the rules)
from tdd_tui.draft import Draft
from tdd_tui.findings import ERROR, RULES, WARNING, Finding, rule
from tdd_tui.record import Record
from tdd_tui.template import RULE_IDS, Template

__all__ = ["ERROR", "RULES", "WARNING", "Finding", "Gate", "missing", "review", "rule"]

# The gaps a draft must not have when it goes to review (unless the author says so).
GAP_RULES = ("missing", "unplaced", "filler", "na-reason", "na-not-allowed", "marker")


def review(template: Template, draft: Draft) -> list[Finding]:
    """Every finding, errors first, with the template's settings applied."""
    findings = _run(template, draft)
    findings.extend(_claimed_status(template, draft, findings))
    findings.sort(key=lambda f: f.severity != ERROR)
    return findings


def _run(template: Template, draft: Draft) -> list[Finding]:
    settings = template.review
    out: list[Finding] = []
    for rule_id in RULE_IDS:  # in the order the template's list gives them
        registered = RULES.get(rule_id)
        if registered is None or rule_id in settings.off or rule_id == "status":
            continue
        for finding in registered.check(template, draft):
            severity = settings.severity_of(rule_id, finding.severity or registered.severity)
            out.append(finding._replace(kind=rule_id, severity=severity))
    return out


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]


def missing(template: Template, draft: Draft) -> list[Finding]:
    """What must be filled in before review: the required gaps (errors of the gap rules)."""
    return [f for f in errors(_run(template, draft)) if f.kind in GAP_RULES]


# -- status gates --------------------------------------------------------------


class Gate(Record):
    """What moving a draft to a status takes: refused (with why), asked first, or fine."""

    refused: str = ""  # why the status cannot be set; empty if it can
    gaps: tuple[Finding, ...] = ()  # what reviewers will find: the author is asked first


def status_gate(template: Template, draft: Draft, status: str) -> Gate:
    """In Review asks first when required parts are missing; Approved (and Implemented)
    needs a clean strict check: no finding at all."""
    if status in review_rules.APPROVED:
        found = _run(template, draft)
        if found:
            return Gate(
                f"Not {status.lower()}: the review still finds {len(found)} thing(s) "
                f"(tdd-tui check --strict lists them)",
                tuple(found),
            )
        return Gate()
    if status != "In Review":
        return Gate()
    return Gate(gaps=tuple(missing(template, draft)))


def _claimed_status(template: Template, draft: Draft, found: list[Finding]) -> list[Finding]:
    """The doc says In Review or Approved: the gate for that status must hold."""
    if "status" in template.review.off:
        return []
    status = draft.status
    severity = template.review.severity_of("status", ERROR)
    if status == "In Review":
        gaps = [f for f in errors(found) if f.kind in GAP_RULES]
        if gaps and not str(draft.metadata.get("review_note", "")).strip():
            return [
                Finding(
                    "Status",
                    f"says In Review with {len(gaps)} required gap(s) and no review note "
                    "saying it was sent with them",
                    "metadata",
                    "status",
                    "status",
                    severity,
                )
            ]
    elif status in review_rules.APPROVED and found:
        return [
            Finding(
                "Status",
                f"says {status}, but the review finds {len(found)} thing(s): an approved "
                "doc passes check --strict",
                "metadata",
                "status",
                "status",
                severity,
            )
        ]
    return []


@rule("status", ERROR, ("metadata",))
def _status_rule(template: Template, draft: Draft) -> list[Finding]:
    """Registered for its id and severity; review() works it out after the other rules."""
    return []
