"""`tdd-tui import`: Markdown design docs into drafts, one or many at a time."""

from __future__ import annotations

import sys
from pathlib import Path

from tdd_tui.cli_commands import Context, UserError, markdown_files, open_ui
from tdd_tui.one_line import one_line as _one_line


def import_file(ctx: Context) -> int:
    """Import each file (folders: their Markdown files; -: stdin); exit 2 if any failed."""
    from tdd_tui.importing import import_file as import_markdown_file
    from tdd_tui.importing import import_text
    from tdd_tui.store import StoreError, decode_markdown

    args = ctx.args
    template = ctx.catalog.for_new()
    problems: list[str] = []
    sources: list[str] = []
    for given in args.files:  # in the order given, folders opened where they stand
        sources.extend(["-"] if given == "-" else markdown_files([given], problems))
    if args.into and len(sources) != 1:
        raise UserError(f"--into takes one file; {len(sources)} were given")
    imported: list[str] = []
    rows: list[tuple[str, ...]] = []
    for source in sources:
        try:
            if source == "-":
                raw = sys.stdin.buffer.read()
                text = decode_markdown(raw, "stdin", args.encoding)
                name = Path("stdin.md")
                result = import_text(ctx.store, text, template, name=name, into=args.into)
            else:
                result = import_markdown_file(
                    ctx.store,
                    Path(source).expanduser(),
                    template,
                    encoding=args.encoding,
                    into=args.into,
                )
        except StoreError as exc:
            problems.append(str(exc))
            continue
        draft = result.draft
        if len(sources) == 1:
            done = "Updated" if result.updated else "Imported"
            title = _one_line(draft.title)
            print(f"{done} {source} as draft {draft.id} ({title}).", file=sys.stderr)
            for line in result.summary(template):
                print(f"  {_one_line(line)}", file=sys.stderr)
        notes = sum(result.unplaced_lines().values())
        matched = f"{len(result.sections_found)}/{len(template.sections)}"
        share = f"{result.placed_share():.0%}"
        rows.append((_one_line(source), draft.id, matched, share, f"{notes} lines"))
        imported.append(draft.id)
    if len(sources) > 1 and rows:
        _print_table(("file", "draft", "sections", "words placed", "notes left"), rows)
        print(
            "The notes are in each draft, to move; 'tdd-tui check DRAFT' lists them.",
            file=sys.stderr,
        )
    for problem in problems:
        print(f"tdd-tui: {_one_line(problem)}", file=sys.stderr)
    if args.open and len(imported) == 1 and not problems:
        return open_ui(ctx, ctx.store.path_for(imported[0]))
    for draft_id in imported:
        print(draft_id)
    return 2 if problems else 0


def _print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Columns padded to their widest cell, on stderr: stdout keeps the draft ids."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print(
            "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip(),
            file=sys.stderr,
        )
