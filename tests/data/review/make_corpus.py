"""Write the labelled review corpus: the worked example with defects put in, and good docs
written to tempt false positives.

Each doc is `<name>.md` (the seed's format, as `tdd-tui export` writes it) beside
`<name>.defects.yaml`: what a principal reviewer would comment on, one entry per
comment, with the rule that should catch it. A good doc has an empty list.
Run it from the repository root after changing the example:

    python tests/data/review/make_corpus.py
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import yaml

from tdd_tui.catalog import default_template
from tdd_tui.draft import Draft
from tdd_tui.draft_file import read_draft_file
from tdd_tui.markdown import export_markdown

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
BASE = read_draft_file(ROOT / "examples" / "rate-limiting.yaml")
TEMPLATE = default_template()


def _hand_written() -> Draft:
    """A second, hand-written doc in the seed's format (another team, another system),
    with its checklists ticked as its author would have."""
    from tdd_tui.markdown_import import import_markdown

    text = (HERE / "hand" / "payment-retries.md").read_text(encoding="utf-8")
    draft = import_markdown(text, TEMPLATE).draft
    for section in TEMPLATE.sections:
        draft.ticks[section.id] = [c.id for c in section.checklist]
    return draft


HAND = _hand_written()

Defect = tuple[str, str, str | None, str]  # rule, section, part, the reviewer's comment
Docs: dict[str, tuple[Callable[[Draft], None], list[Defect], Draft]] = {}


def doc(
    name: str, *defects: Defect, base: Draft = BASE
) -> Callable[[Callable[[Draft], None]], Callable[[Draft], None]]:
    def register(change: Callable[[Draft], None]) -> Callable[[Draft], None]:
        Docs[name] = (change, list(defects), base)
        return change

    return register


def ans(d: Draft, section: str, part: str, value: object) -> None:
    d.set_answer(section, part, value)  # type: ignore[arg-type]


# -- bad docs -----------------------------------------------------------------------

SKIPPED = (
    "failure_modes",
    "security",
    "observability",
    "rollout",
    "testing",
    "tradeoffs",
    "validation",
)


@doc(
    "bad-sections-7-to-13-skipped",
    *[("na-reason", s, None, "Skipped with no reason.") for s in SKIPPED],
    *[("na-not-allowed", s, None, "Every design must answer this section.") for s in SKIPPED],
    ("personal-data", "security", None, "Per-IP limits store IPs, and Security was skipped."),
)
def _(d: Draft) -> None:
    for s in SKIPPED:
        d.set_not_applicable(s, None, "")
        d.ticks.pop(s, None)


@doc(
    "bad-approved-with-gaps",
    ("vague", "requirements", "performance", "'Fast' is not a requirement: give a p99 and a load."),
    ("marker", "summary", "summary", "A TODO is left in the summary."),
    ("status", "metadata", "status", "Marked Approved while the review still finds problems."),
)
def _(d: Draft) -> None:
    d.metadata["status"] = "Approved"
    ans(d, "requirements", "performance", "It must be fast at peak.")
    ans(d, "summary", "summary", d.answer("summary", "summary") + " TODO: add the cost.")


@doc(
    "bad-internal-service-no-threat-model",
    ("filler", "security", "threat_model", "'N/A, internal service' is not a threat model."),
    (
        "personal-data",
        "security",
        "threat_model",
        "The users table stores email and IP: who could get at them?",
    ),
    ("personal-data", "security", "pii", "PII says none while the data model stores email and IP."),
    ("filler", "security", "pii", "'None.' is not an answer for PII handling."),
)
def _(d: Draft) -> None:
    ans(
        d,
        "architecture",
        "entities",
        "`users(id uuid, email text, last_login_ip inet)` keeps each user's email address and last IP address.",
    )
    ans(d, "security", "threat_model", "N/A, internal service")
    ans(d, "security", "pii", "None.")
    ans(d, "requirements", "security", "Only internal callers; no per-IP limits.")
    ans(d, "requirements", "compliance", "Buckets hold only the key id and counters.")
    ans(
        d,
        "security",
        "trust_boundaries",
        "Internal network to the service: mutual TLS between every hop.",
    )


@doc(
    "bad-backout-turn-off-the-flag",
    ("filler", "rollout", "backout", "'Turn off the flag.' is not a backout plan."),
    ("backout", "rollout", "backout", "No trigger, no owner, no steps."),
)
def _(d: Draft) -> None:
    ans(d, "rollout", "backout", "Turn off the flag.")


@doc(
    "bad-standard-and-yes",
    ("filler", "requirements", "security", "'Standard.' says nothing about who could abuse this."),
    ("filler", "testing", "unit", "'Yes.' is not a test plan."),
)
def _(d: Draft) -> None:
    ans(d, "requirements", "security", "Standard.")
    ans(d, "testing", "unit", "Yes.")


@doc(
    "bad-vague-availability-and-scale",
    ("vague", "requirements", "availability", "'High availability' with no SLO."),
    ("vague", "requirements", "scalability", "'Scale well' with no growth figure."),
)
def _(d: Draft) -> None:
    ans(
        d,
        "requirements",
        "availability",
        "It must offer high availability, and fail open if the store is down.",
    )
    ans(d, "requirements", "scalability", "The store should scale well as traffic grows.")


@doc(
    "bad-vague-goal",
    ("vague", "goals", "goals", "'Faster' is not a goal anyone can check."),
    ("goal", "goals", "goals", "No success criterion checks this goal."),
)
def _(d: Draft) -> None:
    goals = list(d.answer("goals", "goals"))  # type: ignore[arg-type]
    ans(d, "goals", "goals", [*goals, "Make onboarding faster."])


@doc(
    "bad-vague-summary",
    ("vague", "summary", "summary", "'Low latency' in the summary with no number."),
)
def _(d: Draft) -> None:
    ans(
        d,
        "summary",
        "summary",
        "We will add per-key rate limiting to the public API, enforced at the gateway with a token bucket in Redis. It gives every customer low latency at peak. Customers get clear 429 responses with Retry-After.",
    )


@doc(
    "bad-markers-everywhere",
    ("marker", "summary", "summary", "TBD left in the summary."),
    ("marker", "summary", "summary", "A second TBD in the summary."),
    ("marker", "testing", "load", "??? left in the load test."),
)
def _(d: Draft) -> None:
    ans(
        d,
        "summary",
        "summary",
        d.answer("summary", "summary")
        + " Cost: TBD. Launch date: TBD. The script `todo.lua` is unchanged.",
    )
    ans(d, "testing", "load", "60,000 req/s for 1 hour against staging; pass criteria ???")


@doc(
    "bad-target-release-tbd",
    ("marker", "metadata", "target_release", "Target release still TBD."),
)
def _(d: Draft) -> None:
    d.metadata["target_release"] = "TBD"


@doc(
    "bad-date-words",
    ("metadata", "metadata", "date", "The date is not a date."),
)
def _(d: Draft) -> None:
    d.metadata["date"] = "next Tuesday"


@doc(
    "bad-open-question-unowned",
    ("open-question-owner", "open_questions", "questions", "Nobody owns the first question."),
    (
        "open-question-date",
        "open_questions",
        "questions",
        "No date to decide the first question by.",
    ),
)
def _(d: Draft) -> None:
    questions = copy.deepcopy(d.answer("open_questions", "questions"))
    questions[0].update(owner="", decide_by="")  # type: ignore[index, union-attr]
    ans(d, "open_questions", "questions", questions)


@doc(
    "bad-open-question-the-team",
    (
        "open-question-owner",
        "open_questions",
        "questions",
        "'The team' cannot be asked a question.",
    ),
)
def _(d: Draft) -> None:
    questions = copy.deepcopy(d.answer("open_questions", "questions"))
    questions[1]["owner"] = "the team"  # type: ignore[index]
    ans(d, "open_questions", "questions", questions)


@doc(
    "bad-failure-found-by-customers",
    ("failure-detection", "failure_modes", "failure_modes", "Customers should not be the alarm."),
)
def _(d: Draft) -> None:
    modes = copy.deepcopy(d.answer("failure_modes", "failure_modes"))
    modes[0]["detection"] = "Customers report timeouts to support."  # type: ignore[index]
    ans(d, "failure_modes", "failure_modes", modes)


@doc(
    "bad-failure-no-mitigation",
    ("failure-mitigation", "failure_modes", "failure_modes", "Nothing limits the damage."),
    ("failure-impact", "failure_modes", "failure_modes", "Who is affected is not said."),
)
def _(d: Draft) -> None:
    modes = copy.deepcopy(d.answer("failure_modes", "failure_modes"))
    modes[2]["mitigation"] = ""  # type: ignore[index]
    modes[2]["impact"] = ""  # type: ignore[index]
    ans(d, "failure_modes", "failure_modes", modes)


@doc(
    "bad-backout-one-line",
    ("backout", "rollout", "backout", "One line is not a plan: trigger, owner, steps."),
)
def _(d: Draft) -> None:
    ans(d, "rollout", "backout", "We would roll back the deploy.")


@doc(
    "bad-backout-not-applicable",
    ("backout", "rollout", "backout", "Every rollout needs a way back."),
)
def _(d: Draft) -> None:
    ans(d, "rollout", "backout", "")
    d.set_not_applicable("rollout", "backout", "Low risk")


@doc(
    "bad-alternative-none",
    ("alternatives", "tradeoffs", "alternatives", "No alternative was considered."),
)
def _(d: Draft) -> None:
    ans(d, "tradeoffs", "alternatives", [{"option": "None"}])


@doc(
    "bad-security-skipped-with-ips",
    ("na-not-allowed", "security", None, "Security cannot be skipped."),
    ("personal-data", "security", None, "Per-IP limits store IPs: Security must say how."),
)
def _(d: Draft) -> None:
    d.set_not_applicable("security", None, "Internal gateway change.")
    d.ticks.pop("security", None)


@doc(
    "bad-approved-unticked-security-review",
    ("checklist", "security", None, "Approved before Security read it."),
    ("status", "metadata", "status", "Approved while an item is open."),
)
def _(d: Draft) -> None:
    d.metadata["status"] = "Approved"
    d.ticks["security"].remove("security-review")


@doc(
    "bad-unticked-dashboard",
    ("checklist", "observability", None, "No dashboard yet."),
)
def _(d: Draft) -> None:
    d.metadata["status"] = "Draft"
    d.ticks["observability"].remove("dashboards")


@doc(
    "bad-current-state-no-reason",
    ("na-reason", "current_state", None, "Skipped with no reason."),
)
def _(d: Draft) -> None:
    d.set_not_applicable("current_state", None, "")
    d.ticks.pop("current_state", None)


@doc(
    "bad-in-review-with-empty-summary",
    ("missing", "summary", None, "No summary."),
    ("status", "metadata", "status", "Sent for review with a required gap and no note."),
)
def _(d: Draft) -> None:
    d.metadata["status"] = "In Review"
    ans(d, "summary", "summary", "")


@doc(
    "bad-in-review-no-approvers",
    ("metadata", "metadata", "approvers", "Nobody is named to approve it."),
)
def _(d: Draft) -> None:
    d.metadata["status"] = "In Review"
    d.metadata.pop("approvers", None)


@doc(
    "bad-vague-success-metric",
    ("vague", "validation", "metrics", "'Reliable' is not a success criterion."),
)
def _(d: Draft) -> None:
    ans(
        d,
        "validation",
        "metrics",
        d.answer("validation", "metrics") + " The limiter will be reliable.",
    )


@doc(
    "bad-fast-at-p99",
    ("vague", "requirements", "performance", "A percentile with no number."),
)
def _(d: Draft) -> None:
    ans(d, "requirements", "performance", "Fast at p99, even at the Monday peak.")


@doc(
    "bad-threat-model-filler-and-no-trigger",
    ("filler", "security", "threat_model", "'N/A' is not a threat model."),
    ("personal-data", "security", "threat_model", "Per-IP limits keep IPs: who could abuse that?"),
    ("backout", "rollout", "backout", "Steps but no trigger: when would anyone start?"),
)
def _(d: Draft) -> None:
    ans(d, "security", "threat_model", "N/A")
    ans(
        d,
        "rollout",
        "backout",
        "Set the flag to shadow. Then set it to off. Post in #api-incidents.",
    )


# -- good docs: precise text that tempts a careless rule ----------------------------


@doc("good-example")
def _(d: Draft) -> None:
    pass


@doc("good-fast-with-targets")
def _(d: Draft) -> None:
    ans(
        d,
        "requirements",
        "performance",
        "Fast: at most 2 ms p99 and 0.5 ms p50 added at the gateway, at 40,000 req/s peak.",
    )
    ans(
        d,
        "summary",
        "summary",
        d.answer("summary", "summary") + " The check is fast (under 1 ms p99 inside a region).",
    )


@doc("good-secure-and-cost-efficient-made-concrete")
def _(d: Draft) -> None:
    ans(
        d,
        "requirements",
        "security",
        "Secure: a client cannot reset or raise its own limit by changing headers, and unauthenticated requests are limited per source IP at 5 req/s.",
    )
    ans(
        d,
        "requirements",
        "cost",
        "Cost-efficient: at most $2,000 a month in new infrastructure (six cache.r7g.large nodes per region), about 6 engineer-weeks to build.",
    )


@doc("good-markers-only-in-code")
def _(d: Draft) -> None:
    ans(
        d,
        "architecture",
        "entities",
        d.answer("architecture", "entities")
        + "\n\n```yaml\n# TODO(2019): the old limiter config, kept for reference\nlimit: XXX\n```\n\nThe support number `+1-555-XXX-XXXX` is masked in logs.",
    )


@doc("good-owners-inline-the-seed-way")
def _(d: Draft) -> None:
    ans(
        d,
        "open_questions",
        "questions",
        [
            {
                "question": "Should Enterprise customers see other keys' usage? Owner: Priya Shah (Product); decide by 2027-01-20.",
                "blocks": "no",
                "status": "open",
            },
            {
                "question": "Do we count retries once or twice? Owner: Dana Okafor; decide by 2026-12-04.",
                "blocks": "yes",
                "status": "open",
            },
        ],
    )


@doc("good-target-in-the-next-sentence")
def _(d: Draft) -> None:
    ans(
        d,
        "requirements",
        "performance",
        "The check must be fast. Target: at most 2 ms p99 added, e.g. 0.5 ms p50, at 40,000 req/s peak.",
    )
    ans(
        d,
        "requirements",
        "availability",
        "Highly available: 99.95% monthly, the API's SLO; if Redis is unreachable the gateway fails open and alerts within 1 minute.",
    )


@doc("good-new-system-no-current-state")
def _(d: Draft) -> None:
    d.set_not_applicable(
        "current_state", None, "A new service: nothing exists yet that it replaces."
    )
    d.ticks.pop("current_state", None)


@doc("good-personal-data-handled")
def _(d: Draft) -> None:
    ans(
        d,
        "architecture",
        "entities",
        d.answer("architecture", "entities")
        + " Each key's owner email is read from the accounts service to send limit warnings.",
    )
    ans(
        d,
        "security",
        "pii",
        d.answer("security", "pii")
        + " Owner email addresses are read at send time to mail limit warnings and never stored here.",
    )


@doc("good-approved")
def _(d: Draft) -> None:
    d.metadata["status"] = "Approved"


@doc("good-implemented")
def _(d: Draft) -> None:
    d.metadata["status"] = "Implemented"


# -- the hand-written doc and its variants ------------------------------------------


@doc("good-hand-payment-retries", base=HAND)
def _(d: Draft) -> None:
    pass


@doc("good-hand-approved", base=HAND)
def _(d: Draft) -> None:
    d.metadata["status"] = "Approved"


@doc(
    "bad-hand-quick-and-responsive",
    ("vague", "requirements", "performance", "'Quick' and 'responsive' are not targets."),
    base=HAND,
)
def _(d: Draft) -> None:
    ans(
        d,
        "requirements",
        "performance",
        "Enqueueing must be quick and checkout must stay responsive.",
    )


@doc(
    "bad-hand-owned-by-a-team",
    (
        "open-question-owner",
        "open_questions",
        "questions",
        "A team is not an owner: name a person.",
    ),
    base=HAND,
)
def _(d: Draft) -> None:
    rows = copy.deepcopy(d.answer("open_questions", "questions"))
    rows[0]["owner"] = "Payments team"  # type: ignore[index]
    ans(d, "open_questions", "questions", rows)


@doc(
    "bad-hand-shoppers-complain",
    (
        "failure-detection",
        "failure_modes",
        "failure_modes",
        "Shoppers complaining is not detection.",
    ),
    base=HAND,
)
def _(d: Draft) -> None:
    rows = copy.deepcopy(d.answer("failure_modes", "failure_modes"))
    rows[1]["detection"] = "Shoppers complain to support about double charges."  # type: ignore[index]
    ans(d, "failure_modes", "failure_modes", rows)


@doc(
    "bad-hand-backout-na",
    ("filler", "rollout", "backout", "'N/A' is not a backout plan."),
    ("backout", "rollout", "backout", "No trigger and no steps."),
    base=HAND,
)
def _(d: Draft) -> None:
    ans(d, "rollout", "backout", "N/A")


@doc(
    "bad-hand-emails-but-no-pii",
    ("personal-data", "security", "pii", "The design emails shoppers, so it holds their address."),
    ("filler", "security", "pii", "'None.' is not an answer."),
    base=HAND,
)
def _(d: Draft) -> None:
    ans(d, "security", "pii", "None.")


def main() -> None:
    template = TEMPLATE
    for old in HERE.glob("*.md"):
        old.unlink()
    for old in HERE.glob("*.defects.yaml"):
        old.unlink()
    for name, (change, defects, base) in Docs.items():
        draft = copy.deepcopy(base)
        if name.startswith("bad-"):
            # A draft, so that only the defect put in is found; the docs about a
            # status set their own.
            draft.metadata["status"] = "Draft"
        change(draft)
        (HERE / f"{name}.md").write_text(export_markdown(template, draft), encoding="utf-8")
        listed = [
            {"rule": rule, "section": section, "part": part, "comment": comment}
            for rule, section, part, comment in defects
        ]
        (HERE / f"{name}.defects.yaml").write_text(
            yaml.safe_dump(listed, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
        )
    print(f"{len(Docs)} docs, {sum(len(d) for _, d, _ in Docs.values())} defects")


if __name__ == "__main__":
    main()
