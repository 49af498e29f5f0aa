"""Versions kept before each overwrite, thinned with age, restorable; and the trash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tdd_tui import history
from tdd_tui.cli import main
from tdd_tui.store import DraftStore, StoreError, read_draft_file

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def test_a_version_is_kept_at_most_every_few_minutes(store: DraftStore, template):
    draft = store.create(template, "Versions")
    path = store.path_for(draft.id)
    assert history.keep_version(store.root, draft.id, path, now=NOW)
    assert (
        history.keep_version(store.root, draft.id, path, now=NOW + dt.timedelta(minutes=1)) is None
    )
    assert history.keep_version(store.root, draft.id, path, now=NOW + dt.timedelta(minutes=6))
    assert [v.number for v in history.versions(store.root, draft.id)] == [1, 2]


def test_thinning_keeps_recent_all_then_hourly_then_daily(tmp_path: Path):
    root = tmp_path
    base = history.folder(root, "d")
    base.mkdir(parents=True)
    stamps = [NOW - dt.timedelta(minutes=m) for m in range(0, 60, 10)]  # last hour: all kept
    stamps += [
        NOW - dt.timedelta(hours=5) + dt.timedelta(minutes=m) for m in (5, 15, 25)
    ]  # one hour: one kept
    stamps += [NOW - dt.timedelta(days=3, hours=h) for h in (0, 2, 4)]  # one day: one kept
    for stamp in stamps:
        (base / f"{stamp.strftime(history.STAMP)}.yaml").write_text("x")
    removed = history.thin(root, "d", now=NOW)
    assert len(removed) == 4
    assert len(history.versions(root, "d")) == 6 + 1 + 1


def test_the_number_of_versions_is_capped(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(history, "MAX_VERSIONS", 3)
    base = history.folder(tmp_path, "d")
    base.mkdir(parents=True)
    for m in range(6):
        (base / f"{(NOW - dt.timedelta(minutes=m)).strftime(history.STAMP)}.yaml").write_text("x")
    history.thin(tmp_path, "d", now=NOW)
    assert len(history.versions(tmp_path, "d")) == 3


def test_restore_puts_a_version_back_and_keeps_the_current(
    store: DraftStore, template, monkeypatch
):
    monkeypatch.setattr(history, "SPACING", dt.timedelta(0))
    draft = store.create(template, "Restore me")
    draft.set_answer("summary", "summary", "good words")
    store.save(draft)
    draft.set_answer("summary", "summary", "a bad paste")
    store.save(draft)  # "good words" is now the newest version
    restored = store.restore(draft.id, 1)
    assert restored.answer("summary", "summary") == "good words"
    assert read_draft_file(store.path_for(draft.id)).answer("summary", "summary") == "good words"
    assert (
        read_draft_file(history.versions(store.root, draft.id)[0].path).answer("summary", "summary")
        == "a bad paste"
    )
    with pytest.raises(StoreError, match="no version 99"):
        store.restore(draft.id, 99)


def test_cli_history_restore_doctor_and_trash(store: DraftStore, template, capsys, monkeypatch):
    monkeypatch.setattr(history, "SPACING", dt.timedelta(0))
    draft = store.create(template, "Broken later")
    store.save(draft)
    path = store.path_for(draft.id)
    path.write_text("format: [\n")  # a bad hand edit
    root = ["--drafts-dir", str(store.root)]
    assert main(["history", "broken", *root]) == 0
    assert "Broken later" in capsys.readouterr().out
    assert main(["doctor", *root]) == 1
    out = capsys.readouterr().out
    assert "broken-later: is not valid YAML" in out and "tdd-tui restore broken-later 1" in out
    assert main(["restore", "broken-later", "1", *root]) == 0
    capsys.readouterr()
    assert read_draft_file(path).title == "Broken later"
    assert main(["doctor", *root]) == 0
    store.delete(draft.id)
    assert main(["trash", *root]) == 0
    assert "broken-later" in capsys.readouterr().out
    assert main(["trash", "--empty", *root]) == 0
    assert store.trash() == []


def test_leftover_temporary_files_are_cleaned(store: DraftStore, template):
    import os

    store.create(template, "Clean")
    stale = store.root / ".clean.yaml.abc.tmp"
    stale.write_text("half a draft")
    os.utime(stale, (1_000_000, 1_000_000))
    fresh = store.root / ".clean.yaml.def.tmp"
    fresh.write_text("being written right now")
    assert store.clean_temporary_files() == [stale]
    assert fresh.exists() and (store.root / "clean.yaml").exists()
