"""The document template: its frozen shape, and loading it from a file.

A template is data (YAML), not code; `template_reader` reads it, naming the
line of every mistake.
"""

from __future__ import annotations

import enum
import re

from tdd_tui.record import Record


class Kind(enum.StrEnum):
    """What a part's answer is, and so which input edits it and how it exports.

    A new kind is one member here: every `match` on a kind ends in
    `assert_never`, so mypy lists each place that must learn it.
    """

    LINE = "line"  # one line of text
    TEXT = "text"  # multi-line Markdown
    LIST = "list"  # bullet items
    CHOICE = "choice"  # one of the part's choices
    MULTI = "multi"  # choices plus free entries
    DATE = "date"  # YYYY-MM-DD
    GROUP = "group"  # repeatable records of fields (a table)


KINDS = tuple(kind.value for kind in Kind)
FIELD_KINDS = (Kind.LINE.value, Kind.TEXT.value)
# Keys the app itself uses beside section ids: the details screen and a draft's
# position ("metadata") and the document-wide import note ("document"). A
# section may not take them. (The sidebar's own entries start with "_", which
# no template id can.)
RESERVED_IDS = ("metadata", "document")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
CHECK_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class TemplateError(ValueError):
    """A template that cannot be used, with where and why."""

    def __init__(self, source: str, line: int | None, problem: str) -> None:
        self.source = source
        self.line = line
        self.problem = problem
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {problem}")


class Field(Record):
    """One column of a group part (a failure mode's "Detection mechanism")."""

    id: str
    label: str
    kind: Kind = Kind.LINE


class Part(Record):
    """One thing the author answers: a bullet or sub-heading of the template."""

    id: str
    label: str
    kind: Kind
    question: str
    why: str = ""
    example: str = ""
    placeholder: str = ""
    required: bool = False
    heading: str | None = None
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # other labels or sub-headings that mean this part, for import
    fields: tuple[Field, ...] = ()


class ChecklistItem(Record):
    id: str
    text: str


class Section(Record):
    number: int
    id: str
    title: str
    purpose: str
    parts: tuple[Part, ...]
    checklist: tuple[ChecklistItem, ...]
    may_be_na: bool = False  # the whole section may be marked not applicable
    aliases: tuple[str, ...] = ()  # other headings that mean this section, for import

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)

    def headings(self) -> list[tuple[str | None, list[Part]]]:
        """The parts grouped by the sub-heading they sit under, in order."""
        groups: list[tuple[str | None, list[Part]]] = []
        for part in self.parts:
            if groups and groups[-1][0] == part.heading:
                groups[-1][1].append(part)
            else:
                groups.append((part.heading, [part]))
        return groups


SEVERITIES = ("error", "warning")


class ReviewSettings(Record):
    """A template's say over the review rules: which are off, how severe, which words."""

    off: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (rule id, "error" or "warning")
    words: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (list name, more words)

    def severity_of(self, rule_id: str, default: str) -> str:
        return next((s for r, s in self.severity if r == rule_id), default)

    def more_words(self, name: str) -> tuple[str, ...]:
        return next((w for n, w in self.words if n == name), ())


class Template(Record):
    id: str
    version: int
    name: str
    doc_title: str
    metadata: tuple[Part, ...]
    sections: tuple[Section, ...]
    source: str = "<default>"
    review: ReviewSettings = ReviewSettings()

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def metadata_part(self, part_id: str) -> Part | None:
        return next((p for p in self.metadata if p.id == part_id), None)


# Metadata fields the app itself relies on; a custom template must keep them.
REQUIRED_METADATA = ("title", "author", "date", "status")
# The word lists a template's review block may extend (tdd_tui.review_text uses them).
WORD_LISTS = ("vague", "filler", "personal_data", "vague_owner")
# The review rules' ids (tdd_tui.check registers one function per id; a test keeps
# the two in step), so that a template naming a rule that does not exist is refused.
RULE_IDS = (
    "missing",
    "filler",
    "unplaced",
    "na-reason",
    "na-not-allowed",
    "marker",
    "vague",
    "goal",
    "failure-detection",
    "failure-mitigation",
    "failure-impact",
    "open-question-owner",
    "open-question-date",
    "backout",
    "alternatives",
    "personal-data",
    "metadata",
    "checklist",
    "status",
)
