"""Markdown export: a draft rendered to read like the seed template.

Pure: `export_markdown(template, draft)` returns the text; the caller decides
where it goes. Same draft, same bytes. The author's text is kept as written,
except where it would break the document's structure (a `## ` line inside a
part would become a new section), which is escaped.
"""

from __future__ import annotations

import re

from tdd_tui.draft import Answer, Draft, Record, is_answered
from tdd_tui.template import Part, Section, Template

TBD = "*TBD*"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ATX = re.compile(r"^( {0,3})(#{1,6})(?=\s|$)")
_SETEXT = re.compile(r"^( {0,3})(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BULLET = re.compile(r"^( {0,3})([-+*]|\d{1,9}[.)])(?=\s|$)")
# HTML blocks that only end at a closing marker, not at a blank line.
_HTML_UNTIL = (
    (
        re.compile(r"^ {0,3}<(script|pre|style|textarea)(\s|>|$)", re.I),
        re.compile(r"</(script|pre|style|textarea)>", re.I),
    ),
    (re.compile(r"^ {0,3}<!--"), re.compile(r"-->")),
    (re.compile(r"^ {0,3}<\?"), re.compile(r"\?>")),
    (re.compile(r"^ {0,3}<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"^ {0,3}<!\[CDATA\["), re.compile(r"\]\]>")),
)


def export_markdown(template: Template, draft: Draft) -> str:
    blocks = [f"# {template.doc_title}: {_title(draft.title)}"]
    meta = _metadata_lines(template, draft)
    if meta:
        blocks.append("\n".join(meta))
    for section in template.sections:
        blocks.append("---")
        blocks.extend(section_blocks(section, draft))
    return "\n\n".join(blocks) + "\n"


def section_blocks(section: Section, draft: Draft) -> list[str]:
    blocks = [f"## {section.number}. {section.title}"]
    reason = draft.not_applicable_reason(section.id)
    if reason is not None:
        blocks.append(_not_applicable(reason))
        return blocks
    body: list[str] = []
    for heading, parts in section.headings():
        rendered: list[str] = []
        for part in parts:
            unlabelled = len(parts) == 1 and part.label == (heading or section.title)
            rendered.extend(part_blocks(section, part, draft, labelled=not unlabelled))
        if rendered and heading:
            body.append(f"### {heading}")
        body.extend(rendered)
    blocks.extend(body or [TBD])
    if section.checklist:
        ticked = set(draft.ticked(section.id))
        items = [f"- [{'x' if c.id in ticked else ' '}] {c.text}" for c in section.checklist]
        blocks.append("**Review checklist:**")
        blocks.append("\n".join(items))
    return blocks


def part_blocks(section: Section, part: Part, draft: Draft, *, labelled: bool = True) -> list[str]:
    label = f"**{part.label}:**"
    reason = draft.not_applicable_reason(section.id, part.id)
    if reason is not None:
        return [f"{label} {_not_applicable(reason)}" if labelled else _not_applicable(reason)]
    value = draft.answer(section.id, part.id)
    if not is_answered(value):
        return []
    body = render_value(part, value)
    if not labelled:
        return [body]
    if part.kind in ("line", "date", "choice") or (part.kind == "text" and _is_one_line(body)):
        return [f"{label} {body}"]
    return [label, body]


def render_value(part: Part, value: Answer) -> str:
    if part.kind == "group":
        records = [r for r in value if isinstance(r, dict)]
        return _table(part, records)
    if isinstance(value, list):
        items = [v for v in value if isinstance(v, str) and v.strip()]
        return "\n".join(f"- {_list_item(v)}" for v in items)
    if part.kind == "text":
        return escape_block(value)
    return _inline(value)


def _metadata_lines(template: Template, draft: Draft) -> list[str]:
    lines = []
    for part in template.metadata:
        if part.id == "title":
            continue
        value = draft.metadata.get(part.id)
        if value is None or not is_answered(value):
            continue
        if isinstance(value, list):
            text = ", ".join(_inline(v) for v in value if isinstance(v, str) and v.strip())
        else:
            text = _inline(value)
        lines.append(f"- **{part.label}:** {text}")
    return lines


def _title(title: str) -> str:
    text = _inline(title) or "Untitled"
    # A trailing run of # would be read as the heading's closing sequence.
    return re.sub(r"(#+)$", lambda m: "\\#" * len(m.group(1)), text)


def _not_applicable(reason: str) -> str:
    reason = _inline(reason)
    return f"*Not applicable:* {reason}" if reason else "*Not applicable.*"


def _inline(text: str) -> str:
    """One line of text that cannot start a block of its own."""
    return " ".join(_LINE_BREAK.split(text)).strip()


def _is_one_line(body: str) -> bool:
    return "\n" not in body and not body.startswith("\\") and not _BULLET.match(body)


def _list_item(text: str) -> str:
    lines = escape_block(text).split("\n")
    first = _escape_line_start(lines[0].lstrip())
    return "\n".join([first, *(f"  {line}" if line.strip() else "" for line in lines[1:])])


def _escape_line_start(line: str) -> str:
    """Escape what would make a single line a heading, list, quote or fence."""
    match = _BULLET.match(line) or _ATX.match(line)
    if match:
        indent, marker = match.group(1), match.group(2)
        if marker[0].isdigit():
            return f"{indent}{marker[:-1]}\\{marker[-1]}{line[match.end() :]}"
        return f"{indent}\\{line[len(indent) :]}"
    if line.lstrip().startswith((">", "|")):
        stripped = line.lstrip()
        return line[: len(line) - len(stripped)] + "\\" + stripped
    return line


def escape_block(text: str) -> str:
    """The author's Markdown, unable to end or restructure the document around it.

    Headings inside a part are escaped (they would become sections), setext
    underlines too, an unclosed code fence is closed, and an HTML block that
    would run to the end of the document has its opening `<` escaped.
    """
    lines = _LINE_BREAK.split(text.strip("\r\n"))
    out: list[str] = []
    fence: str | None = None
    previous_blank = True
    for index, line in enumerate(lines):
        if fence is not None:
            out.append(line)
            match = _FENCE.match(line)
            if (
                match
                and match.group(1)[0] == fence[0]
                and len(match.group(1)) >= len(fence)
                and not line.strip()[len(match.group(1)) :].strip()
            ):
                fence = None
            previous_blank = False
            continue
        fence_match = _FENCE.match(line)
        if fence_match and not (
            fence_match.group(1)[0] == "`" and "`" in line.strip()[len(fence_match.group(1)) :]
        ):
            fence = fence_match.group(1)
            out.append(line)
            previous_blank = False
            continue
        if _ATX.match(line):
            match = _ATX.match(line)
            assert match is not None
            line = f"{match.group(1)}\\{line[len(match.group(1)) :]}"
        elif _SETEXT.match(line) and not previous_blank:
            match = _SETEXT.match(line)
            assert match is not None
            line = f"{match.group(1)}\\{line[len(match.group(1)) :]}"
        else:
            for opener, closer in _HTML_UNTIL:
                if opener.match(line) and not closer.search("\n".join(lines[index:])):
                    stripped = line.lstrip()
                    line = line[: len(line) - len(stripped)] + "\\" + stripped
                    break
        out.append(line)
        previous_blank = not line.strip()
    if fence is not None:
        out.append(fence)
    return "\n".join(out)


def _cell(text: str) -> str:
    text = text.strip().replace("\\", "\\\\").replace("|", "\\|")
    return "<br>".join(_LINE_BREAK.split(text))


def _table(part: Part, records: list[Record]) -> str:
    header = "| " + " | ".join(f.label for f in part.fields) + " |"
    rule = "| " + " | ".join("---" for _ in part.fields) + " |"
    rows = [
        "| " + " | ".join(_cell(record.get(f.id, "")) for f in part.fields) + " |"
        for record in records
        if any(v.strip() for v in record.values())
    ]
    return "\n".join([header, rule, *rows])
