"""The command line: scripts and CI use the subcommands; only the UI ones load Textual."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tdd_tui import __version__
from tdd_tui.draft import Draft, DraftError, overall_progress
from tdd_tui.locations import HOME_VARIABLE, drafts_dir, example_draft, templates_dir
from tdd_tui.store import DraftStore, StoreError, read_draft_file
from tdd_tui.template import (
    Template,
    TemplateError,
    default_template,
    load_template,
    load_templates,
    template_for,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING; typing itself is not imported by the CLI
if TYPE_CHECKING:
    from typing import Any, NoReturn

    from tdd_tui.app import TddApp

EXAMPLES = f"""\
examples:
  tdd-tui                          open the home screen
  tdd-tui new --title "Rate limiting for the public API"
  tdd-tui --resume                 continue the draft you edited last
  tdd-tui open rate                open the draft whose id starts with "rate"
  tdd-tui list --json              the drafts, for scripts
  tdd-tui export rate -o docs/rate-limiting.md
  tdd-tui export rate -o -         Markdown to stdout
  tdd-tui check rate               what is missing; exit status 1 if anything is
  tdd-tui check rate --strict      also fail on what reviewers will flag (for CI)
  tdd-tui new --example            a complete example doc, to see what good looks like
  tdd-tui import old-design.md     a Markdown design doc into a new draft
  tdd-tui --template team.yaml new your team's own template (see 'tdd-tui templates')
  tdd-tui history rate             earlier versions; 'tdd-tui restore rate 2' puts one back
  tdd-tui doctor                   drafts that do not load, and how to recover them

DRAFT is a draft's id, a unique prefix of it, or a path to a draft file.
Drafts live in --drafts-dir, else ${HOME_VARIABLE}, else the user data folder
('tdd-tui path' prints it). Exit status: 0 done, 1 'check' found gaps, 2 error.
"""


class UserError(Exception):
    """A mistake the user can fix: reported as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(
            2, f"{self.prog}: {message}\nTry '{self.prog} --help' for the commands and examples.\n"
        )


def _common_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--drafts-dir",
        metavar="DIR",
        default=default,
        help=f"where drafts live (or ${HOME_VARIABLE})",
    )
    parser.add_argument(
        "--template", metavar="FILE", default=default, help="use a custom template file"
    )


def _new(p: argparse.ArgumentParser) -> None:
    p.add_argument("--title", metavar="T", help="the document's title (asked for if not given)")
    p.add_argument(
        "--no-open",
        action="store_true",
        help="create the draft and print its id without opening it",
    )
    p.add_argument(
        "--example",
        action="store_true",
        help="start from a complete example doc, to see what good looks like",
    )


def _draft(p: argparse.ArgumentParser) -> None:
    p.add_argument("draft", metavar="DRAFT")


def _list(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="one JSON array, for scripts")


def _export(p: argparse.ArgumentParser) -> None:
    _draft(p)
    p.add_argument(
        "-o", "--output", metavar="FILE", help="where to write; '-' for stdout (default ./<id>.md)"
    )
    p.add_argument("-f", "--force", action="store_true", help="overwrite FILE if it exists")


def _check(p: argparse.ArgumentParser) -> None:
    _draft(p)
    p.add_argument("--json", action="store_true", help="the findings as JSON")
    p.add_argument(
        "--strict",
        action="store_true",
        help="also exit 1 on reviewer warnings (vague words, TODOs...), for CI",
    )


def _import(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE.md")
    p.add_argument(
        "--open", action="store_true", help="open the new draft in the wizard after importing"
    )


def _restore(p: argparse.ArgumentParser) -> None:
    _draft(p)
    p.add_argument(
        "version", metavar="VERSION", type=int, help="a number from 'tdd-tui history DRAFT'"
    )


def _trash(p: argparse.ArgumentParser) -> None:
    p.add_argument("--empty", action="store_true", help="delete them for good")


def _nothing(p: argparse.ArgumentParser) -> None:
    pass


# Each command, in the order --help lists them: what it does, and its own arguments.
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "new": ("start a new draft and open it", _new),
    "open": ("open a draft where you left it", _draft),
    "list": ("list the drafts, newest first", _list),
    "export": ("write a draft as Markdown", _export),
    "check": ("list what a draft still lacks; exit status 1 if anything", _check),
    "import": ("turn a Markdown design doc into a new draft", _import),
    "path": ("print the folder where drafts live", _nothing),
    "templates": ("list the templates a new draft can use, and check them", _nothing),
    "history": ("list the earlier versions kept of a draft, newest first", _draft),
    "restore": ("put an earlier version of a draft back (the current one is kept too)", _restore),
    "doctor": ("find drafts that do not load, and say how to recover them", _nothing),
    "trash": ("list deleted drafts", _trash),
}
# The options that may come before the command, and whether each takes a value.
_TOP_OPTIONS = {"--drafts-dir": True, "--template": True, "--resume": False}


def command_in(argv: Sequence[str]) -> str | None:
    """The command argv names, when nothing before it could change how it parses.

    None (so the whole parser is built) for no command, an unknown one, or
    anything but the plain top options before it: --help, say.
    """
    args = iter(argv)
    for arg in args:
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
        name = arg.split("=", 1)[0]
        # argparse takes any unambiguous prefix of an option: so does this.
        matches = [option for option in _TOP_OPTIONS if option.startswith(name)]
        if len(name) < 3 or len(matches) != 1:
            return None
        if _TOP_OPTIONS[matches[0]] and "=" not in arg:
            next(args, None)
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with only=COMMAND, that command's parser alone.

    Building the other eleven costs more than the rest of a `tdd-tui export`
    does (argparse looks up a translation for every parser), and a command
    line that names its command never reaches them.
    """
    parser = _Parser(
        prog="tdd-tui",
        description="Write a Technical Design Doc one section at a time: guided prompts, "
        "review checklists, drafts that save themselves, clean Markdown at the end.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"tdd-tui {__version__}")
    parser.add_argument("--resume", action="store_true", help="open the most recently edited draft")
    _common_options(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (help_text, arguments) in COMMANDS.items():
        if only is None or name == only:
            p = sub.add_parser(name, help=help_text, description=help_text)
            _common_options(p, top=False)
            arguments(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    args = build_parser(command_in(argv)).parse_args(argv)
    try:
        return run(args)
    except (UserError, StoreError, TemplateError) as exc:
        print(f"tdd-tui: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into something that stopped reading (| head): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def run(args: argparse.Namespace) -> int:
    store = DraftStore(drafts_dir(args.drafts_dir))
    template = load_template(args.template) if args.template else default_template()
    command = args.command
    if command == "templates":
        return list_templates(template)
    templates = available_templates(template)
    if command == "path":
        print(store.root)
        return 0
    if command == "list":
        return list_drafts(store, template, as_json=args.json)
    if command == "export":
        return export(store, templates, args.draft, args.output, force=args.force)
    if command == "check":
        return check(store, templates, args.draft, as_json=args.json, strict=args.strict)
    if command == "history":
        return show_history(store, args.draft)
    if command == "restore":
        return restore(store, args.draft, args.version)
    if command == "doctor":
        return doctor(store)
    if command == "trash":
        return trash(store, empty=args.empty)
    if command == "import":
        return import_file(store, template, Path(args.file).expanduser(), open_it=args.open)
    if command == "new":
        if args.example:
            return new_example(store, template, open_it=not args.no_open)
        return new(store, template, args.title, open_it=not args.no_open)
    if command == "open":
        draft, path = store.load(args.draft)
        return open_ui(store, template, draft, path)
    if args.resume:
        entries = [e for e in store.entries() if e.error is None]
        if not entries:
            raise UserError(f"no drafts to resume in {store.root}; start one with 'tdd-tui new'")
        entry = entries[0]
        assert entry.draft is not None
        return open_ui(store, template, entry.draft, entry.path)
    return open_ui(store, template, None, None)


def list_drafts(store: DraftStore, template: Template, *, as_json: bool) -> int:
    entries = store.entries(template)
    rows: list[dict[str, Any]] = []
    for entry in entries:
        ok = entry.error is None
        edited = dt.datetime.fromtimestamp(entry.modified).astimezone()
        rows.append(
            {
                "id": entry.id,
                "title": entry.title if ok else None,
                "status": entry.status if ok else None,
                "progress": round(entry.progress or 0.0, 3) if ok else None,
                "edited": edited.isoformat(timespec="seconds"),
                "path": str(entry.path),
                "error": entry.error,
            }
        )
    if as_json:
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
            print(f"{r['id']:<{width}}  {'DAMAGED':<9}  {'':>4}  {edited}  {r['error']}")
        else:
            done = f"{round(r['progress'] * 100)}%"
            print(
                f"{r['id']:<{width}}  {r['status']:<9}  {done:>4}  {edited}  {_one_line(r['title'])}"
            )
    return 0


def available_templates(chosen: Template) -> list[Template]:
    """--template (or the default) first, then the templates folder; the first of an id wins."""
    found, _ = load_templates(templates_dir())
    out = [chosen]
    for template in [*found, default_template()]:
        if template_for(template.id, out) is None:
            out.append(template)
    return out


def list_templates(chosen: Template) -> int:
    folder = templates_dir()
    found, errors = load_templates(folder)
    print(f"Templates folder: {folder}" + ("" if folder.is_dir() else " (not created yet)"))
    shown = [chosen, *[t for t in [default_template(), *found] if t is not chosen]]
    for template in shown:
        where = "built in" if template.source == "default template" else template.source
        print(f"  {template.id:<20} v{template.version:<3} {template.name}  ({where})")
    for error in errors:
        print(f"tdd-tui: {error}", file=sys.stderr)
    return 2 if errors else 0


def _template_of(draft: Draft, templates: list[Template]) -> Template:
    return template_for(draft.template_id, templates) or templates[0]


def export(
    store: DraftStore, templates: list[Template], ref: str, output: str | None, *, force: bool
) -> int:
    draft, _ = store.load(ref)
    template = _template_of(draft, templates)
    from tdd_tui.markdown import export_markdown

    text = export_markdown(template, draft)
    if output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    target = Path(output).expanduser() if output else Path.cwd() / f"{draft.id}.md"
    if target.is_dir():
        raise UserError(
            f"{target} is a folder; give a file name, e.g. {target / (draft.id + '.md')}"
        )
    if not target.parent.is_dir():
        raise UserError(f"the folder {target.parent} does not exist")
    if target.exists() and not force:
        raise UserError(f"{target} already exists; pass --force to overwrite it")
    store.write_export(target, text)
    print(f"Wrote {target}", file=sys.stderr)
    return 0


def check(
    store: DraftStore,
    templates: list[Template],
    ref: str,
    *,
    as_json: bool,
    strict: bool = False,
) -> int:
    draft, _ = store.load(ref)
    template = _template_of(draft, templates)
    from tdd_tui.check import missing, review

    gaps = missing(template, draft)
    warnings = review(template, draft)
    progress = overall_progress(draft, template)
    name = _one_line(draft.title) or draft.id
    if as_json:
        report = {
            "id": draft.id,
            "title": draft.title,
            "complete": not gaps,
            "progress": round(progress, 3),
            "findings": [f.to_data() for f in gaps],
            "warnings": [f.to_data() for f in warnings],
        }
        import json

        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        if gaps:
            print(f"{name}: {len(gaps)} to do ({round(progress * 100)}% complete)")
            for finding in gaps:
                print(f"  {finding.where}: {finding.message}")
        else:
            print(f"{name}: complete")
        if warnings:
            print(f"Reviewers will ask about {len(warnings)} thing(s):")
            for finding in warnings:
                print(f"  {finding.where}: {finding.message}")
    return 1 if gaps or (strict and warnings) else 0


def _draft_id(store: DraftStore, ref: str) -> str:
    """The id for DRAFT, even for a draft that does not load (history is by id)."""
    path = store.resolve(ref)
    if path.parent != store.root:
        raise UserError(
            f"{ref} is outside the drafts folder; history is kept only for drafts in {store.root}"
        )
    return path.stem


def show_history(store: DraftStore, ref: str) -> int:
    draft_id = _draft_id(store, ref)
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


def restore(store: DraftStore, ref: str, number: int) -> int:
    draft_id = _draft_id(store, ref)
    draft = store.restore(draft_id, number)
    print(
        f"Restored version {number} of {draft_id} ({_one_line(draft.title)}); the replaced one is now version 1."
    )
    return 0


def doctor(store: DraftStore) -> int:
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


def trash(store: DraftStore, *, empty: bool) -> int:
    if empty:
        print(f"Deleted {store.empty_trash()} draft(s) for good.")
        return 0
    items = store.trash()
    if not items:
        print("The trash is empty.")
    for item in items:
        print(item)
    return 0


def import_file(store: DraftStore, template: Template, file: Path, *, open_it: bool) -> int:
    result = store.import_markdown(file, template)
    draft = result.draft
    print(f"Imported {file} as draft {draft.id} ({draft.title}).", file=sys.stderr)
    for line in result.summary(template):
        print(f"  {line}", file=sys.stderr)
    if open_it:
        return open_ui(store, template, draft, store.path_for(draft.id))
    print(draft.id)
    return 0


def new_example(store: DraftStore, template: Template, *, open_it: bool) -> int:
    example, _ = store.load(example_draft())
    copy = store.duplicate(example, title=example.title)
    if open_it and sys.stdin.isatty() and sys.stdout.isatty():
        return open_ui(store, template, copy, store.path_for(copy.id))
    print(copy.id)
    return 0


def new(store: DraftStore, template: Template, title: str | None, *, open_it: bool) -> int:
    interactive = open_it and sys.stdin.isatty() and sys.stdout.isatty()
    if not interactive:
        if not title or not title.strip():
            raise UserError(
                "a title is needed to create a draft without the UI: --title 'My design'"
            )
        from tdd_tui.author import default_author

        draft = store.create(template, title, author=default_author())
        print(draft.id)
        return 0
    return open_ui(store, template, None, None, new_title=title or "")


def open_ui(
    store: DraftStore,
    template: Template,
    draft: Draft | None,
    path: Path | None,
    *,
    new_title: str | None = None,
) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError(
            "the wizard needs a terminal; for scripts use list, export, check or new --no-open"
        )
    from tdd_tui.app import TddApp

    app = TddApp(
        store=store,
        template=template,
        draft=draft,
        path=path,
        new_title=new_title,
        templates=available_templates(template),
    )
    return run_app(app)


def run_app(app: TddApp, **options: Any) -> int:
    """Run the UI; if it dies of an unhandled exception, what it held in memory still reaches disk."""
    try:
        app.run(**options)
    finally:
        app.final_save()
    return app.return_code or 0


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())
