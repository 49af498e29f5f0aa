"""DraftStore: files on disk, atomic writes, permissions, finding drafts, damaged files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import yaml

from tdd_tui.draft import Draft
from tdd_tui.store import DraftStore, StoreError, atomic_write, read_draft_file
from tests.conftest import EXAMPLE_DRAFT


def files(folder: Path) -> list[str]:
    """The plain files in a folder (history, locks and trash are folders)."""
    return sorted(p.name for p in folder.iterdir() if p.is_file())


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_create_makes_a_private_folder_and_file(store: DraftStore, template):
    draft = store.create(template, "Rate limiting", author="Dana")
    path = store.path_for(draft.id)
    assert mode(store.root) == 0o700 and mode(path) == 0o600
    loaded = read_draft_file(path)
    assert (loaded.title, loaded.metadata["author"], loaded.status) == (
        "Rate limiting",
        "Dana",
        "Draft",
    )


def test_ids_are_slugs_and_never_collide(store: DraftStore, template):
    first = store.create(template, "Rate limiting: v2!")
    second = store.create(template, "Rate limiting: v2!")
    assert (first.id, second.id) == ("rate-limiting-v2", "rate-limiting-v2-2")
    assert store.create(template, "表 ✓").id == "untitled"


def test_save_is_atomic_and_leaves_no_temporary_files(store: DraftStore, sample: Draft):
    store.save(sample)
    store.save(sample)
    assert files(store.root) == [f"{sample.id}.yaml"]


def test_a_failed_write_keeps_the_old_file(store: DraftStore, sample: Draft, monkeypatch):
    path = store.save(sample)
    before = path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    sample.set_answer("summary", "summary", "changed")
    with pytest.raises(StoreError, match="disk is full"):
        store.save(sample)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert files(store.root) == [path.name]


def test_atomic_write_replaces_whole_files(tmp_path: Path):
    target = tmp_path / "out.md"
    atomic_write(target, b"one")
    atomic_write(target, b"two", mode=0o644)
    assert target.read_bytes() == b"two" and mode(target) == 0o644


def test_resolve_by_id_prefix_and_path(store: DraftStore, template):
    a = store.create(template, "Payments retries")
    store.create(template, "Payments ledger")
    store.create(template, "Search index")
    assert store.resolve(a.id) == store.path_for(a.id)
    assert store.resolve("sea") == store.path_for("search-index")
    assert store.resolve(str(EXAMPLE_DRAFT)) == EXAMPLE_DRAFT
    with pytest.raises(StoreError, match="'pay' matches 2 drafts"):
        store.resolve("pay")
    with pytest.raises(StoreError, match="no draft 'zzz'"):
        store.resolve("zzz")
    with pytest.raises(StoreError, match="no draft file at"):
        store.resolve("./missing.yaml")


def test_ids_cannot_escape_the_folder(store: DraftStore):
    for bad in ("../etc/passwd", "/tmp/x", "a/b", "..", ""):
        with pytest.raises(StoreError):
            store.path_for(bad)


def test_listing_is_newest_first_and_reports_damaged_files(store: DraftStore, template):
    old = store.create(template, "Old")
    new = store.create(template, "New")
    os.utime(store.path_for(old.id), (1_000_000, 1_000_000))
    (store.root / "broken.yaml").write_text("format: 1\nid: [unclosed\n")
    (store.root / "future.yaml").write_text("format: 99\nid: future\n")
    entries = store.entries()
    by_id = {e.id: e for e in entries}
    assert [e.id for e in entries if e.draft][:2] == [new.id, old.id]
    assert "not valid YAML at line 3" in (by_id["broken"].error or "")
    assert "newer tdd-tui" in (by_id["future"].error or "")
    assert (store.root / "broken.yaml").read_text() == "format: 1\nid: [unclosed\n"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xff\xfe binary", "not UTF-8"),
        (b"- just\n- a list\n", "not a draft"),
        (b"format: 1\nid: x\ntemplate: !!python/object/apply:os.system [echo]\n", "not allowed"),
        (b"format: 1\nid: &a x\ntemplate: *a\n", "alias"),
        (b"a: " + b"[" * 500 + b"]" * 500 + b"\n", "nested deeper"),
        (b"format: 1\nid: x\ntemplate: default\ntemplate_version: one\n", "whole number"),
        (b"format: 1\nid: ../../x\n", "invalid id"),
    ],
)
def test_bad_files_are_refused_with_a_reason(tmp_path: Path, content: bytes, reason: str):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    store = DraftStore(tmp_path)
    with pytest.raises(StoreError, match=reason):
        store.load(path)
    assert path.read_bytes() == content


def test_drafts_dir_that_is_a_file(tmp_path: Path, template):
    file = tmp_path / "file"
    file.write_text("x")
    with pytest.raises(StoreError, match="not a folder"):
        DraftStore(file).create(template, "T")


# -- the drafts index ------------------------------------------------------------


def test_listing_unchanged_drafts_reads_none_of_them(store, template, monkeypatch):
    import tdd_tui.listing as listing_module

    for i in range(3):
        store.create(template, f"Draft {i}")
    first = store.entries(lambda _: template)
    reads: list[object] = []
    real = listing_module.read_draft_file
    monkeypatch.setattr(listing_module, "read_draft_file", lambda p: reads.append(p) or real(p))
    again = store.entries(lambda _: template)
    assert reads == []
    assert [(e.id, e.title, e.status, e.progress) for e in again] == [
        (e.id, e.title, e.status, e.progress) for e in first
    ]
    # Opening one reads it then, and only it.
    assert again[0].draft is not None and len(reads) == 1


def test_the_index_follows_every_save_and_delete(store, template):
    draft = store.create(template, "Before")
    assert [e.title for e in store.entries(lambda _: template)] == ["Before"]
    draft.set_metadata("title", "After")
    store.save(draft)
    assert [e.title for e in store.entries(lambda _: template)] == ["After"]
    store.delete(draft.id)
    assert store.entries(lambda _: template) == []


def test_a_damaged_index_is_ignored_and_rebuilt(store, template):
    store.create(template, "Kept")
    store.entries(lambda _: template)
    (store.root / ".index.json").write_text('{"version": 1, "drafts": {"kept": "nonsense"', "utf-8")
    assert [e.title for e in store.entries(lambda _: template)] == ["Kept"]
    (store.root / ".index.json").write_bytes(b"\xff\x00")
    assert [e.title for e in store.entries(lambda _: template)] == ["Kept"]


def test_a_draft_damaged_after_listing_is_reported_not_opened(store, template):
    draft = store.create(template, "Soon broken")
    store.entries(lambda _: template)
    store.path_for(draft.id).write_text("format: [\n", "utf-8")
    entry = store.entries(lambda _: template)[0]
    assert entry.error and entry.draft is None


def test_a_large_draft_saved_from_a_thread_loads_back_the_same(store, template):
    """Above LARGE_TEXT a text is written as a literal block by our own code; same meaning."""
    from tdd_tui import yamlio
    from tdd_tui.store import read_draft_file

    draft = store.create(template, "Large")
    text = "\n".join(
        f"line {i} with trailing space \t " if i % 7 else f"\tline {i} ünïcödé 🚀"
        for i in range(12_000)
    )
    assert len(text) > yamlio.LARGE_TEXT
    draft.set_answer("summary", "summary", text)
    draft.set_answer("goals", "goals", [text, "short"])
    path = store.path_for(draft.id)
    store.write_data(draft.to_data(), path, in_thread=True)
    saved = path.read_text(encoding="utf-8")
    # A tab first needs the indentation indicator; trailing spaces and tabs stay as typed.
    assert (
        "    summary: |2-\n      \tline 0 ünïcödé 🚀\n      line 1 with trailing space \t \n"
        in saved
    )
    assert read_draft_file(path).answer("summary", "summary") == text
    assert read_draft_file(path).answer("goals", "goals") == [text, "short"]
    assert yaml.load(saved, Loader=yaml.SafeLoader) == yamlio.load(saved)  # both loaders agree


def test_a_large_text_a_literal_block_cannot_hold_still_saves(store, template):
    from tdd_tui import yamlio
    from tdd_tui.store import read_draft_file

    draft = store.create(template, "Control characters")
    text = "x" * yamlio.LARGE_TEXT + "\x07 bell, \r carriage return, \u2028 separator\n"
    draft.set_answer("summary", "summary", text)
    path = store.path_for(draft.id)
    store.write_data(draft.to_data(), path, in_thread=True)
    assert "|" not in path.read_text(encoding="utf-8").split("summary:")[2][:3]
    assert read_draft_file(path).answer("summary", "summary") == text
