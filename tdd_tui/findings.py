"""Finding, and the registry of review rules that produce them.

A rule is a function of (template, draft) that yields Findings. It is
registered under a stable id with a default severity; a template's review
block can turn it off or change its severity (tdd_tui.template.ReviewSettings).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from tdd_tui.draft import Draft
from tdd_tui.record import Record
from tdd_tui.template import Template

TYPE_CHECKING = False  # typing.TYPE_CHECKING; typing itself is not imported by the CLI
if TYPE_CHECKING:
    from typing import Any

    RuleCheck = Callable[[Template, Draft], Iterable["Finding"]]

ERROR = "error"
WARNING = "warning"


class Finding(Record):
    """One thing to fix, said where a user would look for it."""

    where: str
    message: str
    section: str | None = None
    part: str | None = None
    kind: str = "missing"  # the id of the rule that found it
    severity: str = ""  # error or warning; empty: the rule's default

    @property
    def rule(self) -> str:
        return self.kind

    def to_data(self) -> dict[str, Any]:
        data = dict(self._asdict())
        data["rule"] = self.kind
        return data


class Rule(Record):
    id: str
    severity: str  # by default
    reads: tuple[str, ...]  # the sections it reads ("metadata" for the details)
    check: RuleCheck


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, severity: str, reads: tuple[str, ...] = ()
) -> Callable[[RuleCheck], RuleCheck]:
    """Register a review rule under its id, with its default severity."""

    def register(check: RuleCheck) -> RuleCheck:
        RULES[rule_id] = Rule(rule_id, severity, reads, check)
        return check

    return register
