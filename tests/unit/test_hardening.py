"""Small ways text used to be lost or a command to hang: each one, tried."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tdd_tui import history
from tdd_tui.cli import main
from tdd_tui.lock import DraftLock
from tdd_tui.store import DraftStore, StoreError
from tests.conftest import ROOT


def tdd(*args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tdd_tui", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def test_ten_parallel_news_with_one_title_make_ten_drafts(tmp_path: Path):
    drafts = tmp_path / "d"
    drafts.mkdir()
    command = [sys.executable, "-m", "tdd_tui", "--drafts-dir", str(drafts)]
    runs = [
        subprocess.Popen(
            [*command, "new", "--no-open", "--title", "Same title"],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for _ in range(10)
    ]
    ids = [run.communicate(timeout=60)[0].strip() for run in runs]
    assert all(run.returncode == 0 for run in runs)
    assert len(set(ids)) == 10 and "same-title" in ids
    assert sorted(p.stem for p in drafts.glob("*.yaml")) == sorted(ids)


def test_two_deletes_of_one_id_in_a_second_keep_both_in_the_trash(store, template):
    for text in ("first", "second"):
        draft = store.create(template, "Twice")
        draft.set_answer("summary", "summary", text)
        store.save(draft)
        store.delete(draft.id)
    kept = sorted(p.read_text(encoding="utf-8") for p in store.trash())
    assert len(kept) == 2 and "first" in kept[0] + kept[1] and "second" in kept[0] + kept[1]


def test_deleting_takes_the_history_along_and_emptying_removes_it(store, template, monkeypatch):
    monkeypatch.setattr(history, "SPACING", dt.timedelta(0))
    draft = store.create(template, "Gone")
    for text in ("one", "two"):
        draft.set_answer("summary", "summary", text)
        store.save(draft)
    assert history.versions(store.root, draft.id)
    store.delete(draft.id)
    again = store.create(template, "Gone")
    assert again.id == draft.id and history.versions(store.root, again.id) == []
    assert store.empty_trash() == 1
    assert list((store.root / ".trash").iterdir()) == []


def test_the_history_folder_is_private_and_never_a_link(store, template, tmp_path: Path):
    draft = store.create(template, "Private")
    draft.set_answer("summary", "summary", "x")
    store.save(draft)
    assert stat.S_IMODE(os.stat(store.root / ".history").st_mode) == 0o700
    # A .history that is a link to somewhere else is refused, not written through.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    other = DraftStore(tmp_path / "other")
    made = other.create(template, "Linked")
    (other.root / ".history").symlink_to(elsewhere)
    made.set_answer("summary", "summary", "y")
    with pytest.raises(StoreError, match="not a plain folder"):
        other.save(made)
    assert list(elsewhere.iterdir()) == []


def test_a_symlinked_lock_file_is_not_written_through(store, template, tmp_path: Path):
    draft = store.create(template, "Locked")
    target = tmp_path / "victim.txt"
    target.write_text("keep me")
    lock = DraftLock(store.path_for(draft.id))
    lock.path.parent.mkdir(exist_ok=True)
    lock.path.symlink_to(target)
    lock.acquire()
    lock.release()
    assert target.read_text() == "keep me"


@pytest.mark.parametrize("command", [["open"], ["export", "-o", "-"], ["check"]])
def test_a_fifo_named_like_a_draft_does_not_hang(tmp_path: Path, command: list[str]):
    drafts = tmp_path / "d"
    drafts.mkdir()
    os.mkfifo(drafts / "pipe.yaml")
    result = tdd("--drafts-dir", str(drafts), command[0], "pipe", *command[1:])
    assert result.returncode == 2 and "not a regular file" in result.stderr


def test_a_fifo_in_the_templates_folder_does_not_hang(tmp_path: Path):
    folder = Path(os.environ["TDD_TUI_CONFIG"]) / "templates"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "team.yaml")
    store = DraftStore(tmp_path / "d")
    from tdd_tui.catalog import default_template

    store.create(default_template(), "Listed")
    result = tdd("--drafts-dir", str(store.root), "list")
    assert result.returncode == 0 and "Listed" in result.stdout
    result = tdd("templates")
    assert result.returncode == 2 and "not a regular file" in result.stderr


def test_importing_dev_zero_is_a_clear_error(capsys):
    assert main(["import", "/dev/zero"]) == 2
    err = capsys.readouterr().err
    assert "device" in err and len(err.strip().splitlines()) == 1


def test_control_characters_in_titles_are_escaped_in_cli_output(store, template, tmp_path, capsys):
    draft = store.create(template, "Evil \x1b[2J\x1b]0;pwned\x07 title")
    assert main(["--drafts-dir", str(store.root), "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[2J" in out
    assert main(["--drafts-dir", str(store.root), "check", draft.id]) == 1
    assert "\x1b" not in capsys.readouterr().out
    doc = tmp_path / "evil.md"
    doc.write_text("# Technical Design Doc: Bad \x1b[31mred\n\n## 1. Executive Summary\n\nx\n")
    assert main(["--drafts-dir", str(store.root), "import", str(doc)]) == 0
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out + captured.err


def test_a_save_that_would_pass_the_limit_is_refused_and_changes_nothing(store, template):
    from tdd_tui.draft_file import MAX_DRAFT_BYTES

    draft = store.create(template, "Huge")
    before = store.path_for(draft.id).read_bytes()
    draft.set_answer("summary", "summary", "x" * (MAX_DRAFT_BYTES + 10))
    with pytest.raises(StoreError, match="over the 20 MB limit") as refused:
        store.save(draft)
    assert "kept in memory" in str(refused.value)
    assert store.path_for(draft.id).read_bytes() == before  # what is on disk still opens


def test_an_unwritable_draft_file_is_named_with_the_fix(store, template, monkeypatch):
    import shutil

    draft = store.create(template, "Locked out")
    path = store.path_for(draft.id)

    def denied(source, target, **options):  # what mode 000 does to a non-root user
        raise PermissionError(13, "Permission denied", str(source))

    monkeypatch.setattr(shutil, "copyfile", denied)
    monkeypatch.setattr(history, "SPACING", dt.timedelta(0))
    draft.set_answer("summary", "summary", "text")
    with pytest.raises(StoreError) as refused:
        store.save(draft)
    assert str(path) in str(refused.value) and f"chmod u+rw {path}" in str(refused.value)
