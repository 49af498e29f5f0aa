"""The command line: what scripts and people get on stdout, stderr and in the exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tdd_tui.cli import build_parser, command_in, main
from tdd_tui.store import DraftStore
from tests.conftest import EXAMPLE_DRAFT, EXAMPLE_MARKDOWN


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse's --help, --version and usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def drafts(tmp_path: Path, template) -> DraftStore:
    store = DraftStore(tmp_path / "d")
    store.create(template, "Payments retries", author="Ana")
    store.create(template, "Payments ledger", author="Ana")
    return store


def test_version_and_help(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("tdd-tui 0.")
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for word in (
        "new",
        "open",
        "list",
        "export",
        "check",
        "path",
        "--resume",
        "--drafts-dir",
        "examples:",
    ):
        assert word in out


def test_path_honours_flag_then_environment(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("TDD_TUI_HOME", str(tmp_path / "env"))
    assert run(capsys, "path")[1].strip() == str(tmp_path / "env")
    assert run(capsys, "path", "--drafts-dir", str(tmp_path / "flag"))[1].strip() == str(
        tmp_path / "flag"
    )
    assert run(capsys, "--drafts-dir", str(tmp_path / "flag"), "path")[1].strip() == str(
        tmp_path / "flag"
    )


def test_new_without_a_terminal_creates_and_prints_the_id(capsys, tmp_path):
    code, out, _ = run(
        capsys, "new", "--title", "Search index v2", "--drafts-dir", str(tmp_path / "d")
    )
    assert (code, out) == (0, "search-index-v2\n")
    assert (tmp_path / "d" / "search-index-v2.yaml").is_file()
    code, _, err = run(capsys, "new", "--drafts-dir", str(tmp_path / "d"))
    assert code == 2 and "--title" in err


def test_list_plain_and_json(capsys, drafts):
    (drafts.root / "broken.yaml").write_text("format: [\n")
    code, out, _ = run(capsys, "list", "--drafts-dir", str(drafts.root))
    assert code == 0
    lines = out.splitlines()
    assert any(
        line.startswith("payments-ledger") and "Draft" in line and "0%" in line for line in lines
    )
    assert any(line.startswith("broken") and "DAMAGED" in line for line in lines)
    code, out, _ = run(capsys, "list", "--json", "--drafts-dir", str(drafts.root))
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["payments-retries"]["title"] == "Payments retries"
    assert rows["payments-retries"]["progress"] == 0
    assert rows["broken"]["error"] and rows["broken"]["title"] is None


def test_list_with_no_drafts_says_how_to_start(capsys, tmp_path):
    out = run(capsys, "list", "--drafts-dir", str(tmp_path / "none"))[1]
    assert "tdd-tui new" in out


def test_export_to_stdout_file_and_refuses_to_overwrite(capsys, tmp_path, monkeypatch):
    code, out, _ = run(capsys, "export", str(EXAMPLE_DRAFT), "-o", "-")
    assert code == 0 and out == EXAMPLE_MARKDOWN.read_text(encoding="utf-8")
    target = tmp_path / "doc.md"
    assert run(capsys, "export", str(EXAMPLE_DRAFT), "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == out
    code, _, err = run(capsys, "export", str(EXAMPLE_DRAFT), "-o", str(target))
    assert code == 2 and "already exists" in err and "--force" in err
    assert run(capsys, "export", str(EXAMPLE_DRAFT), "-o", str(target), "--force")[0] == 0
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "export", str(EXAMPLE_DRAFT))[0] == 0
    assert (tmp_path / "rate-limiting-public-api.md").read_text(encoding="utf-8") == out


def test_check_exit_status_and_json(capsys, drafts):
    code, out, _ = run(capsys, "check", "payments-r", "--drafts-dir", str(drafts.root))
    assert code == 1 and "error missing: nothing written yet [1. Executive Summary]" in out
    code, out, _ = run(capsys, "check", str(EXAMPLE_DRAFT), "--json")
    report = json.loads(out)
    assert code == 0 and report["errors"] == 0 and report["files"][0]["findings"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "nope"], "no draft 'nope'"),
        (["export", "pay"], "'pay' matches 2 drafts"),
        (["check", "./missing.yaml"], "no draft file at ./missing.yaml"),
        (["export", "pay", "--template", "/no/such/template.yaml"], "no such file"),
        (["export", "payments-ledger", "-o", "/no/such/folder/x.md"], "does not exist"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_user_mistakes_are_one_line_and_exit_2(capsys, drafts, args, message):
    code, out, err = run(capsys, *args, "--drafts-dir", str(drafts.root))
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err
    assert len([line for line in err.splitlines() if line.strip()]) <= 2


def test_a_damaged_draft_is_a_clear_error(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\n  broken: [\n")
    code, _, err = run(capsys, "export", str(bad))
    assert code == 2 and err.startswith(f"tdd-tui: {bad} is not valid YAML at line")


def test_ui_commands_need_a_terminal(capsys, drafts):
    code, _, err = run(capsys, "open", "payments-l", "--drafts-dir", str(drafts.root))
    assert code == 2 and "needs a terminal" in err


def loaded_after(commands: list[list[str]], modules: tuple[str, ...]) -> list[str]:
    """Which of modules a fresh process has imported after running commands (DRAFT given)."""
    probe = (
        "import sys, contextlib, io\n"
        "from tdd_tui.cli import main\n"
        f"for args in {commands!r}:\n"
        "    args = [sys.argv[1] if a == 'DRAFT' else a for a in args]\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        main(args)\n"
        f"print(' '.join(sorted(m for m in {modules!r} if m in sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(EXAMPLE_DRAFT)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_script_commands_never_import_textual():
    commands = [["list"], ["path"], ["export", "DRAFT", "-o", "-"], ["check", "DRAFT"]]
    assert loaded_after(commands, ("textual",)) == []


def test_python_dash_m_works_and_errors_have_no_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tdd_tui", "export", "missing", "--drafts-dir", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert (
        result.stderr.startswith("tdd-tui: no draft 'missing'") and "Traceback" not in result.stderr
    )


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["list"], "list"),
        (["list", "--json"], "list"),
        (["--drafts-dir", "list", "export", "x", "-o", "-"], "export"),
        (["--drafts-dir=d", "--resume", "check", "x", "--strict"], "check"),
        (["--draft", "list", "export", "x"], "export"),  # an abbreviated option takes its value
        (["--template", "t.yaml", "restore", "x", "2"], "restore"),
        (["new", "--title", "list"], "new"),
        ([], None),
        (["--resume"], None),
    ],
)
def test_a_command_line_parses_the_same_with_only_its_command_built(argv, command):
    assert command_in(argv) == command
    assert vars(build_parser(command).parse_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["--help", "list"], ["-h"], ["lst"], ["--", "list"], ["-x"]])
def test_anything_unusual_gets_the_whole_parser(argv):
    assert command_in(argv) is None


def test_a_command_s_own_help_lists_its_options(capsys):
    code, out, _ = run(capsys, "export", "--help")
    assert code == 0
    assert "--output" in out and "--force" in out and "DRAFT" in out


def test_help_before_a_command_still_lists_every_command(capsys):
    code, out, _ = run(capsys, "--help", "list")
    assert code == 0
    assert all(name in out for name in ("new", "open", "export", "check", "doctor", "trash"))


def test_an_unknown_command_names_the_real_ones(capsys):
    code, _, err = run(capsys, "lst")
    assert code == 2 and "invalid choice: 'lst'" in err and "'list'" in err


def test_list_and_export_load_only_what_they_need():
    # What each start imports is what it pays for: this keeps the heavy modules off the
    # two commands scripts run most (the figures are in benchmarks/RESULTS.md).
    heavy = ("textual", "rich", "dataclasses", "inspect", "pickle", "markdown_it")
    assert loaded_after([["list"], ["export", "DRAFT", "-o", "-"]], heavy) == []


def test_export_follows_a_symlink_and_keeps_it(capsys, tmp_path):
    real = tmp_path / "docs" / "design.md"
    real.parent.mkdir()
    real.write_text("old text\n")
    real.chmod(0o640)
    link = tmp_path / "design.md"
    link.symlink_to(real)
    code, _, err = run(capsys, "export", str(EXAMPLE_DRAFT), "-o", str(link), "--force")
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == real  # still a link, to the same file
    assert real.read_text(encoding="utf-8").startswith("# Technical Design Doc:")
    assert oct(real.stat().st_mode & 0o777) == oct(0o640)  # the file keeps its permissions


@pytest.mark.parametrize("kind", ["fifo", "folder", "device", "dangling link", "socket"])
def test_export_refuses_anything_but_a_regular_file(capsys, tmp_path, kind):
    import socket

    target = tmp_path / "target.md"
    keep: list[socket.socket] = []
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    elif kind == "device":
        target = Path("/dev/null")
    elif kind == "dangling link":
        target.symlink_to(tmp_path / "nowhere" / "x.md")
    else:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(target))
        keep.append(server)
    before = os.lstat(target)
    code, out, err = run(capsys, "export", str(EXAMPLE_DRAFT), "-o", str(target), "--force")
    for server in keep:
        server.close()
    assert code == 2 and out == "" and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)  # left as it was
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_to_stdout_is_still_dash(capsys):
    code, out, _ = run(capsys, "export", str(EXAMPLE_DRAFT), "-o", "-")
    assert code == 0 and out.startswith("# Technical Design Doc:")


def test_trash_lists_and_restores_a_deleted_draft_with_its_history(capsys, drafts, template):
    root = str(drafts.root)
    draft, _ = drafts.load("payments-retries")
    draft.set_answer("summary", "summary", "First words.")
    drafts.save(draft)
    drafts.keep_in_history(draft.id, draft.to_data())
    drafts.delete("payments-retries")
    code, out, _ = run(capsys, "--drafts-dir", root, "trash")
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("payments-retries.") and first.endswith("Payments retries")
    assert "tdd-tui trash restore DRAFT" in out

    code, out, _ = run(capsys, "--drafts-dir", root, "trash", "restore", "payments-retries")
    assert code == 0 and out.startswith("Restored payments-retries: ")
    back, _ = drafts.load("payments-retries")
    assert back.answer("summary", "summary") == "First words."
    assert drafts.trash() == []
    from tdd_tui import history

    kept = history.versions(drafts.root, "payments-retries")
    assert kept and b"First words." in kept[0].path.read_bytes()


def test_restoring_over_a_new_draft_with_the_same_id_keeps_both(capsys, drafts, template):
    root = str(drafts.root)
    drafts.delete("payments-retries")
    again = drafts.create(template, "Payments retries", author="Bo")
    assert again.id == "payments-retries"
    code, out, _ = run(capsys, "--drafts-dir", root, "trash", "restore", "payments-retries")
    assert code == 0 and "payments-retries-restored" in out
    restored, _ = drafts.load("payments-retries-restored")
    assert restored.id == "payments-retries-restored"
    assert restored.metadata["author"] == "Ana"
    assert drafts.load("payments-retries")[0].metadata["author"] == "Bo"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["trash", "restore"], "say which draft to restore"),
        (["trash", "restore", "nope"], "'nope' is not in the trash"),
        (["trash", "nope"], "invalid choice"),
    ],
)
def test_trash_mistakes_are_one_line(capsys, drafts, args, message):
    code, _, err = run(capsys, "--drafts-dir", str(drafts.root), *args)
    assert code == 2
    assert message in err


def test_export_without_checklists_for_publishing(capsys):
    code, out, _ = run(capsys, "export", str(EXAMPLE_DRAFT), "-o", "-", "--checklists", "none")
    assert code == 0 and "Review checklist" not in out and "## 15. Appendix" in out
    full = run(capsys, "export", str(EXAMPLE_DRAFT), "-o", "-")[1]
    assert full == EXAMPLE_MARKDOWN.read_text(encoding="utf-8")  # the default stays lossless
