"""The command line: scripts and CI use the subcommands; only the UI ones load Textual."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from tdd_tui import __version__, cli_check, cli_commands, cli_import
from tdd_tui.catalog import TemplateCatalog
from tdd_tui.cli_commands import Context, UserError
from tdd_tui.locations import HOME_VARIABLE, drafts_dir, templates_dir
from tdd_tui.record import Record
from tdd_tui.store import DraftStore, StoreError
from tdd_tui.template import TemplateError
from tdd_tui.template_reader import load_template

TYPE_CHECKING = False  # typing.TYPE_CHECKING; typing itself is not imported by the CLI
if TYPE_CHECKING:
    from typing import NoReturn

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


def _edit(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE.md", help="the design doc to edit (created if missing)")
    p.add_argument("--title", metavar="T", help="the title of a new doc (default: from FILE)")
    p.add_argument(
        "--no-open",
        action="store_true",
        help="create or link the draft and print its id without opening it",
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
    p.add_argument(
        "--checklists",
        choices=["keep", "none"],
        default="keep",
        help="none leaves the review checklists out, for a wiki or an email; keep (the "
        "default) writes them, so the file imports back unchanged",
    )


def _check(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="Markdown files, folders of them (docs/design), or drafts (id, prefix or file)",
    )
    p.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help="text: file:line: severity rule: message (the default); json; github: "
        "annotations on a pull request, for GitHub Actions",
    )
    p.add_argument("--json", action="store_true", help="the same as --format json")
    p.add_argument(
        "--strict",
        action="store_true",
        help="also exit 1 on warnings (vague claims, unticked checklist items...), for CI",
    )
    p.add_argument(
        "--show-silenced",
        action="store_true",
        help="also list the findings silenced by a '<!-- tdd-tui: ignore RULE: why -->' comment",
    )


def _import(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE.md",
        help="Markdown files, folders of them, or - for stdin; a file imported before "
        "updates its draft",
    )
    p.add_argument(
        "--encoding",
        default="utf-8",
        metavar="ENC",
        help="the files' text encoding (default utf-8; a Windows file is often cp1252)",
    )
    p.add_argument(
        "--into",
        metavar="DRAFT",
        help="update this draft from the one file given (its earlier text goes to history)",
    )
    p.add_argument(
        "--open", action="store_true", help="open the draft in the wizard after importing one file"
    )


def _restore(p: argparse.ArgumentParser) -> None:
    _draft(p)
    p.add_argument(
        "version", metavar="VERSION", type=int, help="a number from 'tdd-tui history DRAFT'"
    )


def _trash(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "action",
        nargs="?",
        choices=["list", "restore"],
        default="list",
        help="list (the default) or restore one",
    )
    p.add_argument(
        "name",
        nargs="?",
        metavar="DRAFT",
        help="for restore: the draft's id (its latest deletion) or the name 'list' shows",
    )
    p.add_argument("--empty", action="store_true", help="delete them all for good")


def _nothing(p: argparse.ArgumentParser) -> None:
    pass


class Command(Record):
    """One subcommand: what --help says of it, its own arguments, and what runs it."""

    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[Context], int]


# Each command, in the order --help lists them. A new command is one entry here,
# with its arguments above and its handler in cli_commands.
COMMANDS: dict[str, Command] = {
    "new": Command("start a new draft and open it", _new, cli_commands.new),
    "edit": Command(
        "edit a Markdown design doc where it lives (tdd-tui FILE.md does the same)",
        _edit,
        cli_commands.edit,
    ),
    "open": Command("open a draft where you left it", _draft, cli_commands.open_draft),
    "list": Command("list the drafts, newest first", _list, cli_commands.list_drafts),
    "export": Command("write a draft as Markdown", _export, cli_commands.export),
    "check": Command(
        "review docs and drafts as a linter: exit 1 on errors (--strict: on warnings too)",
        _check,
        cli_check.check,
    ),
    "import": Command(
        "turn Markdown design docs (files, folders, - for stdin) into drafts",
        _import,
        cli_import.import_file,
    ),
    "path": Command("print the folder where drafts live", _nothing, cli_commands.path),
    "templates": Command(
        "list the templates a new draft can use, and check them",
        _nothing,
        cli_commands.list_templates,
    ),
    "history": Command(
        "list the earlier versions kept of a draft, newest first",
        _draft,
        cli_commands.show_history,
    ),
    "restore": Command(
        "put an earlier version of a draft back (the current one is kept too)",
        _restore,
        cli_commands.restore,
    ),
    "doctor": Command(
        "find drafts that do not load, and say how to recover them", _nothing, cli_commands.doctor
    ),
    "trash": Command(
        "list deleted drafts, or restore one: trash restore DRAFT", _trash, cli_commands.trash
    ),
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
    for name, command in COMMANDS.items():
        if only is None or name == only:
            p = sub.add_parser(name, help=command.help, description=command.help)
            _common_options(p, top=False)
            command.arguments(p)
    return parser


def _file_as_edit(argv: Sequence[str]) -> list[str]:
    """`tdd-tui docs/design/x.md` is `tdd-tui edit docs/design/x.md`."""
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg.startswith("-"):
            takes_value = _TOP_OPTIONS.get(arg, False)
            i += 2 if takes_value else 1
            continue
        if arg not in COMMANDS and arg.lower().endswith((".md", ".markdown")):
            return [*args[:i], "edit", *args[i:]]
        break
    return args


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    argv = _file_as_edit(argv)
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
    """The named command's handler; with no command, the UI (home, or --resume)."""
    chosen = load_template(args.template) if args.template else None
    context = Context(
        DraftStore(drafts_dir(args.drafts_dir)), TemplateCatalog(chosen, templates_dir()), args
    )
    if args.command is not None:
        return COMMANDS[args.command].run(context)
    if args.resume:
        return cli_commands.resume(context)
    return cli_commands.open_ui(context, None)
