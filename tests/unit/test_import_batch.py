"""Moving many docs at once: a folder imported as a table, and a draft updated from a file."""

from __future__ import annotations

from pathlib import Path

from tdd_tui.cli import main
from tdd_tui.history import versions
from tdd_tui.store import DraftStore

REAL = Path(__file__).parent.parent / "data" / "import" / "real"


def test_a_folder_prints_a_table_of_what_each_file_became(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("tikv-rfc-0006-batch-split.md", "go-12416-cgo-pointers.md"):
        (folder / name).write_bytes((REAL / name).read_bytes())
    drafts = tmp_path / "d"
    assert main(["--drafts-dir", str(drafts), "import", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert out.split() == ["proposal-rules-for-passing-pointers-between-go-a", "batch-split"]
    lines = err.splitlines()
    assert lines[0].split() == ["file", "draft", "sections", "words", "placed", "notes", "left"]
    row = next(line for line in lines if "batch-split.md" in line).split()
    assert row[1:4] == ["batch-split", "5/15", "96%"]
    assert row[4:] == ["3", "lines"]


def test_into_updates_that_draft_and_keeps_its_text_in_history(tmp_path: Path, capsys) -> None:
    drafts = tmp_path / "d"
    store = DraftStore(drafts)
    assert main(["--drafts-dir", str(drafts), "new", "--no-open", "--title", "Batch split"]) == 0
    draft_id = capsys.readouterr().out.strip()
    doc = REAL / "tikv-rfc-0006-batch-split.md"
    assert main(["--drafts-dir", str(drafts), "import", str(doc), "--into", draft_id]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == draft_id and f"Updated {doc} as draft {draft_id}" in err
    draft, _ = store.load(store.path_for(draft_id))
    assert draft.answer("summary", "summary").startswith("Support a `BatchSplit` feature")
    assert len(versions(store.root, draft_id)) == 1  # the empty draft it was, kept
    # The file is remembered: importing it again updates the same draft.
    assert main(["--drafts-dir", str(drafts), "import", str(doc)]) == 0
    assert capsys.readouterr().out.strip() == draft_id
    assert store.ids() == [draft_id]


def test_into_refuses_a_draft_that_does_not_exist_and_many_files(tmp_path: Path, capsys) -> None:
    drafts = tmp_path / "d"
    doc = REAL / "tikv-rfc-0006-batch-split.md"
    assert main(["--drafts-dir", str(drafts), "import", str(doc), "--into", "nope"]) == 2
    assert "there is no draft 'nope'" in capsys.readouterr().err
    assert main(["--drafts-dir", str(drafts), "import", str(REAL), "--into", "nope"]) == 2
    assert "--into takes one file" in capsys.readouterr().err
    assert not DraftStore(drafts).ids()
