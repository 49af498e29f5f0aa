"""What each subcommand does: the handlers the command table in cli.py points to.

Each takes the Context (the drafts folder, the templates, the parsed
arguments) and returns the exit status: 0 done, 1 'check' found gaps, 2 a
mistake (raised as UserError, StoreError or TemplateError, and printed as
one line by cli.main).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from tdd_tui.catalog import TemplateCatalog
from tdd_tui.draft import DraftError, export_name
from tdd_tui.locations import example_draft
from tdd_tui.one_line import one_line as _one_line
from tdd_tui.record import Record
from tdd_tui.store import DraftStore, read_draft_file

TYPE_CHECKING = False  # typing.TYPE_CHECKING; typing itself is not imported by the CLI
if TYPE_CHECKING:
    from typing import Any

    from tdd_tui.app import TddApp


class UserError(Exception):
    """A mistake the user can fix: reported as one line, exit status 2."""


class Context(Record):
    store: DraftStore
    catalog: TemplateCatalog
    args: argparse.Namespace


def path(ctx: Context) -> int:
    print(ctx.store.root)
    return 0


def list_drafts(ctx: Context) -> int:
    from tdd_tui import links

    store = ctx.store
    linked = {d: link.file for d, link in links.load(store.root).items()}
    rows: list[dict[str, Any]] = []
    for entry in store.entries(ctx.catalog.find):
        ok = entry.error is None
        edited = dt.datetime.fromtimestamp(entry.modified).astimezone()
        known = ok and entry.progress is not None
        rows.append(
            {
                "id": entry.id,
                "title": entry.title if ok else None,
                "status": entry.status if ok else None,
                # None when the draft's template is not here to measure against.
                "progress": round(entry.progress or 0.0, 3) if known else None,
                "template": entry.template_id if ok else None,
                "edited": edited.isoformat(timespec="seconds"),
                "path": str(entry.path),
                "file": linked.get(entry.id),  # the Markdown file it edits, if any
                "error": entry.error,
            }
        )
    if ctx.args.json:
        import json

        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(f"No drafts in {store.root} yet. Start one with: tdd-tui new")
        return 0
    width = max(len(r["id"]) for r in rows)
    for r in rows:
        edited = r["edited"][:16].replace("T", " ")
        if r["error"]:
            print(f"{r['id']:<{width}}  {'DAMAGED':<9}  {'':>4}  {edited}  {_one_line(r['error'])}")
        else:
            done = "?" if r["progress"] is None else f"{round(r['progress'] * 100)}%"
            file = f"  → {_one_line(r['file'])}" if r["file"] else ""
            print(
                f"{r['id']:<{width}}  {r['status']:<9}  {done:>4}  {edited}  "
                f"{_one_line(r['title'])}{file}"
            )
    return 0


def list_templates(ctx: Context) -> int:
    catalog = ctx.catalog
    folder = catalog.folder
    assert folder is not None
    templates = catalog.templates
    print(f"Templates folder: {folder}" + ("" if folder.is_dir() else " (not created yet)"))
    for template in templates:
        where = "built in" if template.source == "default template" else template.source
        print(f"  {template.id:<20} v{template.version:<3} {template.name}  ({where})")
    for error in catalog.errors:
        print(f"tdd-tui: {error}", file=sys.stderr)
    return 2 if catalog.errors else 0


def export(ctx: Context) -> int:
    args = ctx.args
    draft, _ = ctx.store.load(args.draft)
    template = ctx.catalog.for_draft(draft)
    from tdd_tui.markdown import export_markdown

    text = export_markdown(template, draft, checklists=args.checklists != "none")
    if args.output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    target = Path(args.output).expanduser() if args.output else Path.cwd() / export_name(draft)
    if target.is_dir():
        raise UserError(
            f"{target} is a folder; give a file name, e.g. {target / (draft.id + '.md')}"
        )
    if not target.parent.is_dir():
        raise UserError(f"the folder {target.parent} does not exist")
    if (target.exists() or target.is_symlink()) and not args.force:
        raise UserError(f"{target} already exists; pass --force to overwrite it")
    ctx.store.write_export(target, text)
    print(f"Wrote {target}", file=sys.stderr)
    return 0


def markdown_files(paths: list[str], problems: list[str]) -> list[str]:
    """Each path as files: a folder gives its Markdown files (hidden folders skipped), in order."""
    out: list[str] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*.md")
                if not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                problems.append(f"{raw} has no Markdown files (*.md) in it")
            out.extend(str(p) for p in found)
        else:
            out.append(raw)
    return out


def _draft_id(store: DraftStore, ref: str) -> str:
    """The id for DRAFT, even for a draft that does not load (history is by id)."""
    found = store.resolve(ref)
    if found.parent != store.root:
        raise UserError(
            f"{ref} is outside the drafts folder; history is kept only for drafts in {store.root}"
        )
    return found.stem


def show_history(ctx: Context) -> int:
    store = ctx.store
    draft_id = _draft_id(store, ctx.args.draft)
    from tdd_tui import history

    kept = history.versions(store.root, draft_id)
    if not kept:
        print(
            f"No earlier versions of {draft_id} yet (one is kept every few minutes while you edit)."
        )
        return 0
    for version in kept:
        when = version.taken.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        try:
            title = read_draft_file(version.path).title
        except DraftError as exc:
            title = f"(does not load: {exc})"
        print(f"{version.number:>3}  {when}  {version.size:>8} bytes  {_one_line(title)}")
    return 0


def restore(ctx: Context) -> int:
    draft_id = _draft_id(ctx.store, ctx.args.draft)
    number = ctx.args.version
    draft = ctx.store.restore(draft_id, number)
    print(
        f"Restored version {number} of {draft_id} ({_one_line(draft.title)}); the replaced one is now version 1."
    )
    return 0


def doctor(ctx: Context) -> int:
    store = ctx.store
    damaged = [e for e in store.entries() if e.error]
    if not damaged:
        print(f"All drafts in {store.root} load.")
        return 0
    for entry in damaged:
        print(f"{entry.id}: {entry.error}")
        good = store.last_good_version(entry.id)
        if good is not None:
            when = good.taken.astimezone().strftime("%Y-%m-%d %H:%M")
            print(
                f"  fix: tdd-tui restore {entry.id} {good.number}   (the last good version, {when})"
            )
        else:
            print(
                f"  no earlier version loads; the file is untouched at {entry.path}: fix it by hand"
            )
    return 1


def trash(ctx: Context) -> int:
    from tdd_tui import trash as bin

    store = ctx.store
    args = ctx.args
    if args.action == "restore":
        if not args.name:
            raise UserError("say which draft to restore: tdd-tui trash restore DRAFT")
        draft_id = store.untrash(args.name)
        print(f"Restored {draft_id}: {store.path_for(draft_id)}")
        return 0
    if args.name:
        raise UserError(
            f"unexpected '{args.name}': did you mean 'tdd-tui trash restore {args.name}'?"
        )
    if args.empty:
        print(f"Deleted {store.empty_trash()} draft(s) for good.")
        return 0
    items = store.trash()
    if not items:
        print("The trash is empty.")
        return 0
    for item in reversed(items):  # the latest deletion first, as 'list' shows drafts
        try:
            title = read_draft_file(item).title
        except (DraftError, OSError):
            title = "(does not load)"
        print(f"{item.stem}  deleted {bin.deleted_when(item)}  {_one_line(title)}")
    print("Restore one with: tdd-tui trash restore DRAFT (its id, or the name on the left)")
    return 0


def new(ctx: Context) -> int:
    args = ctx.args
    store = ctx.store
    open_it = not args.no_open
    if args.example:
        example, _ = store.load(example_draft())
        copy = store.duplicate(example, title=example.title)
        if open_it and _interactive():
            return open_ui(ctx, store.path_for(copy.id))
        print(copy.id)
        return 0
    title = args.title
    if not (open_it and _interactive()):
        if not title or not title.strip():
            raise UserError(
                "a title is needed to create a draft without the UI: --title 'My design'"
            )
        from tdd_tui.author import default_author

        draft = store.create(ctx.catalog.for_new(), title, author=default_author())
        print(draft.id)
        return 0
    return open_ui(ctx, None, new_title=title or "")


def edit(ctx: Context) -> int:
    """Open the wizard on a Markdown file: its linked draft, an import of it, or a new doc."""
    from tdd_tui import links
    from tdd_tui.author import default_author
    from tdd_tui.importing import import_file as import_markdown_file
    from tdd_tui.linked import link_file
    from tdd_tui.markdown import export_markdown

    args = ctx.args
    store = ctx.store
    given = Path(args.file).expanduser()
    if given.is_dir():
        raise UserError(f"{given} is a folder; edit takes one Markdown file")
    # A symbolic link is followed: the file it points to is the one edited.
    target = given.resolve() if given.is_symlink() or given.exists() else given.absolute()
    if target.exists() and not target.is_file():
        raise UserError(f"{given} is not a regular file; edit takes a Markdown file")
    link = links.for_file(store.root, target)
    notice = ""
    if link is not None and store.path_for(link.draft_id).exists():
        draft_id = link.draft_id
    elif target.exists():
        template = ctx.catalog.for_new()
        result = import_markdown_file(store, target, template)
        draft_id = result.draft.id
        link_file(store, draft_id, target, template)
        notice = f"Imported {target.name} into a draft that edits it.\n" + "\n".join(
            result.summary(template)
        )
    else:
        if not target.parent.is_dir():
            raise UserError(f"the folder {target.parent} does not exist")
        template = ctx.catalog.for_new()
        title = args.title or target.stem.replace("-", " ").replace("_", " ")
        draft = store.create(template, title, author=default_author())
        text = export_markdown(template, draft)
        store.write_export(target, text)
        links.put(store.root, links.Link(draft.id, str(target), links.digest(text.encode())))
        draft_id = draft.id
    if args.no_open or not _interactive():
        print(draft_id)
        return 0
    return open_ui(ctx, store.path_for(draft_id), notice=notice)


def open_draft(ctx: Context) -> int:
    _, found = ctx.store.load(ctx.args.draft)
    return open_ui(ctx, found)


def resume(ctx: Context) -> int:
    entries = [e for e in ctx.store.entries() if e.error is None]
    if not entries:
        raise UserError(f"no drafts to resume in {ctx.store.root}; start one with 'tdd-tui new'")
    return open_ui(ctx, entries[0].path)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def open_ui(
    ctx: Context, draft_path: Path | None, *, new_title: str | None = None, notice: str = ""
) -> int:
    """The wizard: on draft_path, on a new draft (new_title), or on the home screen."""
    if not _interactive():
        raise UserError(
            "the wizard needs a terminal; for scripts use list, export, check or new --no-open"
        )
    from tdd_tui.app import TddApp

    app = TddApp(store=ctx.store, catalog=ctx.catalog, open_path=draft_path, new_title=new_title)
    app.notice = notice
    return run_app(app)


def run_app(app: TddApp, **options: Any) -> int:
    """Run the UI; if it dies of an unhandled exception, what it held in memory still reaches disk."""
    try:
        app.run(**options)
    finally:
        app.final_save()
        if app.farewell:
            print(f"tdd-tui: {app.farewell}", file=sys.stderr)
    return app.return_code or 0
