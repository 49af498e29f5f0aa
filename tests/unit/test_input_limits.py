"""Odd input kept exactly (or refused with a message), and paths that try to leave the drafts folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tdd_tui.draft import without_surrogates
from tdd_tui.markdown import export_markdown
from tdd_tui.store import DraftStore, StoreError, read_draft_file

ODD = [
    "wide: 表格の設計 ✓ 🚀",
    "combining: e\u0301 n\u0303 a\u0308",
    "right to left: שלום עולם مرحبا",
    "controls: bell\x07 escape\x1b[31m tab\t nul\x00 del\x7f",
    "a very long line " + "x" * 200_000,
    "line separators\u2028and\u2029paragraphs\x85next",
]


@pytest.mark.parametrize(
    "text", ODD, ids=["wide", "combining", "rtl", "controls", "long-line", "separators"]
)
def test_odd_text_is_saved_and_loaded_exactly(store: DraftStore, template, text: str):
    draft = store.create(template, "Odd")
    draft.set_answer("summary", "summary", text)
    path = store.save(draft)
    assert read_draft_file(path).answer("summary", "summary") == text
    assert export_markdown(template, draft)  # and exports without error


def test_a_paste_of_several_megabytes(store: DraftStore, template):
    draft = store.create(template, "Big")
    text = "\n".join(
        f"{i}: the limiter checks each request against its bucket." for i in range(60_000)
    )
    assert len(text) > 3_000_000
    draft.set_answer("architecture", "overview", text)
    path = store.save(draft)
    assert read_draft_file(path).answer("architecture", "overview") == text


def test_lone_surrogates_are_replaced_not_saved_forever(store: DraftStore, template):
    cleaned, changed = without_surrogates("broken \ud800 paste")
    assert changed and cleaned == "broken \ufffd paste"
    assert without_surrogates(["fine"]) == (["fine"], False)
    assert without_surrogates([{"a": "x\udfff"}]) == ([{"a": "x\ufffd"}], True)
    draft = store.create(template, "Surrogates")
    draft.set_answer("summary", "summary", "raw \ud800")
    with pytest.raises(StoreError, match="cannot be saved"):
        store.save(draft)  # the screen cleans before it gets here; the store never writes half


def test_a_symlinked_draft_is_refused_and_never_written_through(tmp_path: Path, template):
    outside = tmp_path / "outside.yaml"
    outside.write_text("precious: true\n")
    store = DraftStore(tmp_path / "drafts")
    store.create(template, "Normal")
    (store.root / "evil.yaml").symlink_to(outside)
    entry = next(e for e in store.entries() if e.id == "evil")
    assert entry.draft is None and "symbolic link" in (entry.error or "")
    with pytest.raises(StoreError, match="symbolic link"):
        store.load("evil")
    assert outside.read_text() == "precious: true\n"


def test_ids_never_leave_the_folder(tmp_path: Path):
    store = DraftStore(tmp_path / "drafts")
    for bad in ("../outside", "/etc/passwd", "a/../../b", "..", "x\x00y", "UPPER", "-dash"):
        with pytest.raises(StoreError):
            store.path_for(bad)
