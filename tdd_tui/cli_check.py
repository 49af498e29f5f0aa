"""`tdd-tui check PATH...`: the review of docs and drafts, printed as a linter prints.

The placing of findings on lines and the output formats are tdd_tui.doc_check;
this is the command around them: which files, in which format, which exit status.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from tdd_tui.cli_commands import Context, UserError, markdown_files
from tdd_tui.draft import Draft, overall_progress
from tdd_tui.one_line import one_line as _one_line


def check(ctx: Context) -> int:
    """Review every doc and draft named, print each finding on its line, as a linter does."""
    from tdd_tui import doc_check

    args = ctx.args
    style = "json" if args.json else args.format
    results: list[tuple[str, Draft, list[doc_check.Placed], float]] = []
    problems: list[str] = []
    for target in markdown_files(args.paths, problems):
        one = _check_one(ctx, target, problems)
        if one is not None:
            results.append(one)
    errors = warnings = 0
    report: list[dict[str, object]] = []
    for file, draft, placed, progress in results:
        shown = [p for p in placed if args.show_silenced or not p.silenced]
        for item in placed:
            if not item.silenced:
                if item.finding.severity == "error":
                    errors += 1
                else:
                    warnings += 1
        if style == "json":
            report.append(
                {
                    "file": file,
                    "title": draft.title,
                    "status": draft.status,
                    "progress": round(progress, 3),
                    "findings": [doc_check.json_item(file, p) for p in shown],
                }
            )
            continue
        for item in shown:
            line = (
                doc_check.github_line(file, item)
                if style == "github"
                else doc_check.text_line(file, item)
            )
            print(line + (f" (silenced: {_one_line(item.silenced)})" if item.silenced else ""))
    for problem in problems:
        print(f"tdd-tui: {_one_line(problem)}", file=sys.stderr)
    if style == "json":
        import json

        print(
            json.dumps(
                {"files": report, "errors": errors, "warnings": warnings, "problems": problems},
                ensure_ascii=False,
                indent=2,
            )
        )
    elif results or not problems:
        summary = f"{len(results)} file(s) checked"
        print(
            f"{summary}: {errors} error(s), {warnings} warning(s)"
            if errors or warnings
            else f"{summary}: clean"
        )
    if problems:
        return 2
    return 1 if errors or (args.strict and warnings) else 0


def _check_one(
    ctx: Context, target: str, problems: list[str]
) -> tuple[str, Draft, list[Any], float] | None:
    from tdd_tui import doc_check
    from tdd_tui.markdown_import import ImportFailed, import_markdown
    from tdd_tui.store import StoreError
    from tdd_tui.template import TemplateError

    path = Path(target).expanduser()
    try:
        if path.suffix.lower() in (".md", ".markdown"):
            text = ctx.store.read_markdown(path)
            template = ctx.catalog.for_new()
            draft = import_markdown(text, template).draft
            places = doc_check.markdown_places(text, template)
        else:
            draft, found = ctx.store.load(target)
            template = ctx.catalog.for_draft(draft)
            text = found.read_text(encoding="utf-8")
            places = doc_check.draft_places(text, template)
            target = str(found)
    except (StoreError, TemplateError, ImportFailed, UserError, OSError) as exc:
        problems.append(str(exc))
        return None
    placed = doc_check.placed_findings(template, draft, places, text)
    return target, draft, placed, overall_progress(draft, template)
