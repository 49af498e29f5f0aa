"""`tdd-tui check` over files, as a linter: each finding with its file and line.

A Markdown doc (in the seed's layout, as `export` writes it and as teams keep
them in `docs/design/`) is read as the importer reads it, reviewed, and every
finding placed on the line where its part starts (a table row for a row's
finding). A draft file is placed the same way, on its YAML lines.

A finding is silenced where it stands by an HTML comment naming the rule and
the reason, in the part (or the section) it is about:

    <!-- tdd-tui: ignore vague: the target is in ADR-12, which this doc cites -->

A comment with no reason silences nothing.
"""

from __future__ import annotations

import re

from tdd_tui.check import Finding, review
from tdd_tui.draft import Draft
from tdd_tui.one_line import one_line as _one_line
from tdd_tui.record import Record
from tdd_tui.template import Kind, Template

SILENCE = re.compile(
    r"<!--\s*tdd-tui:\s*ignore\s+(?P<rule>[a-z][a-z-]*)\s*[:—–-]?\s*(?P<reason>.*?)\s*-->",
    re.IGNORECASE | re.DOTALL,
)
SECTION_HEADING = re.compile(r"^##\s+(\d+)\.\s")
# The text a finding quotes: "in double quotes" first, else 'in single quotes'.
QUOTED = (re.compile(r'"(\S[^"]{6,})"'), re.compile(r"'(\S[^']{6,})'"))
LABEL = re.compile(r"^(?:[-*]\s+)?\*\*(?P<label>[^*]+?):?\*\*:?")
SUBHEADING = re.compile(r"^###\s+(?P<label>.+?)\s*$")


class Placed(Record):
    """A finding with the line it is about (1-based), and the silence that covers it."""

    finding: Finding
    line: int
    silenced: str = ""  # the reason given, when a comment silences it


class Places:
    """Where each section and part starts in a file's lines, and the silences in each."""

    def __init__(self) -> None:
        self.sections: dict[str, int] = {}
        self.parts: dict[tuple[str, str], int] = {}
        self.tables: dict[tuple[str, str], int] = {}  # a group part's first row
        self.silences: list[tuple[str | None, str | None, str, str]] = []

    def line_of(self, finding: Finding, lines: list[str]) -> int:
        """The line of the text the finding quotes, else of its row, part or section."""
        section, part = finding.section or "", finding.part or ""
        row = re.match(r"#(\d+)\b", finding.where)
        if row and (section, part) in self.tables:
            return self.tables[(section, part)] + int(row.group(1)) - 1
        start = self.parts.get((section, part)) or self.sections.get(section) or 1
        quoted = QUOTED[0].search(finding.message) or QUOTED[1].search(finding.message)
        if quoted and lines:
            needle = quoted.group(1).rstrip("…")[:30]
            ends = [n for n in self.sections.values() if n > start]
            for number in range(start, min(ends, default=len(lines)) + 1):
                if needle in lines[number - 1]:
                    return number
        return start

    def silence(self, finding: Finding) -> str:
        for section, part, rule, reason in self.silences:
            if rule != finding.kind:
                continue
            if section is None or (
                section == finding.section and (part is None or part == finding.part)
            ):
                return reason
        return ""


def markdown_places(text: str, template: Template) -> Places:
    """Find the sections, parts, tables and silences in a Markdown doc's lines."""
    places = Places()
    labels: dict[str, dict[str, str]] = {}  # section id -> lower label or heading -> part id
    for section in template.sections:
        names: dict[str, str] = {}
        for part in section.parts:
            names.setdefault(part.label.lower(), part.id)
            if part.heading:
                names.setdefault(part.heading.lower(), part.id)
        labels[section.id] = names
    meta = {p.label.lower(): p.id for p in template.metadata}
    section_id = "metadata"
    part_id: str | None = None
    places.sections["metadata"] = 1
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        heading = SECTION_HEADING.match(line)
        if heading:
            index = int(heading.group(1)) - 1
            if 0 <= index < len(template.sections):
                section_id = template.sections[index].id
                places.sections[section_id] = number
                part_id = None
            continue
        found = LABEL.match(line) or SUBHEADING.match(line)
        names = meta if section_id == "metadata" else labels.get(section_id, {})
        if found:
            label = found.group("label").strip().lower()
            if label in names:
                part_id = names[label]
                places.parts.setdefault((section_id, part_id), number)
        if line.startswith("|") and part_id is not None:
            key = (section_id, part_id)
            if key not in places.tables and number + 2 <= len(lines):
                places.tables[key] = number + 2  # header, rule, then the first row
        for silence in SILENCE.finditer(line):
            reason = silence.group("reason").strip()
            if reason:
                where = None if section_id == "metadata" and part_id is None else section_id
                places.silences.append((where, part_id, silence.group("rule").lower(), reason))
    return places


def draft_places(text: str, template: Template) -> Places:
    """Find the sections and parts in a draft file's YAML lines."""
    places = Places()
    block = ""
    section_id = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(r"^[a-z_]+:", line):
            block = line.split(":", 1)[0]
            continue
        key = re.match(r"^  ([A-Za-z0-9_]+):", line)
        if block == "metadata" and key:
            places.parts[("metadata", key.group(1))] = number
            places.sections.setdefault("metadata", number)
        elif block == "answers" and key:
            section_id = key.group(1)
            places.sections[section_id] = number
        elif block == "answers" and section_id:
            part = re.match(r"^    ([A-Za-z0-9_]+):", line)
            if part:
                places.parts[(section_id, part.group(1))] = number
                section = template.section(section_id)
                found = section.part(part.group(1)) if section else None
                if found is not None and found.kind is Kind.GROUP:
                    places.tables[(section_id, part.group(1))] = number + 1
    return places


def placed_findings(
    template: Template, draft: Draft, places: Places, text: str = ""
) -> list[Placed]:
    out = []
    lines = text.splitlines()
    for finding in review(template, draft):
        out.append(Placed(finding, places.line_of(finding, lines), places.silence(finding)))
    out.sort(key=lambda p: (p.line, p.finding.severity != "error"))
    return out


# -- output formats --------------------------------------------------------------------


def text_line(file: str, placed: Placed) -> str:
    finding = placed.finding
    return (
        f"{file}:{placed.line}: {finding.severity} {finding.kind}: "
        f"{_one_line(finding.message)} [{_one_line(finding.where)}]"
    )


def github_line(file: str, placed: Placed) -> str:
    """A GitHub Actions workflow command: the finding as an annotation on the pull request."""
    finding = placed.finding
    level = "error" if finding.severity == "error" else "warning"
    title = _property(f"{finding.kind} ({finding.where})")
    message = _data(f"{finding.where}: {finding.message}")
    return f"::{level} file={_property(file)},line={placed.line},title={title}::{message}"


def json_item(file: str, placed: Placed) -> dict[str, object]:
    finding = placed.finding
    item: dict[str, object] = {
        "file": file,
        "line": placed.line,
        "severity": finding.severity,
        "rule": finding.kind,
        "message": finding.message,
        "where": finding.where,
        "section": finding.section,
        "part": finding.part,
    }
    if placed.silenced:
        item["silenced"] = placed.silenced
    return item


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")
