"""What a draft still lacks before review: pure rules over template and draft."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from tdd_tui.draft import Draft, Progress, is_answered, part_progress, section_progress
from tdd_tui.template import Template


@dataclass(frozen=True)
class Finding:
    """One thing to fix, said where a user would look for it."""

    where: str
    message: str
    section: str | None = None
    part: str | None = None
    kind: str = "missing"

    def to_data(self) -> dict[str, Any]:
        return asdict(self)


def missing(template: Template, draft: Draft) -> list[Finding]:
    """Required metadata and parts that are empty, and sections with nothing in them."""
    findings: list[Finding] = []
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
