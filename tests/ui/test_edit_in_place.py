"""`tdd-tui edit FILE.md`: the Markdown file in the repository is what the user edits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import TextArea

from tdd_tui import links
from tdd_tui.app import TddApp
from tdd_tui.cli import main
from tdd_tui.markdown import export_markdown
from tdd_tui.screens.choose import Choose
from tdd_tui.screens.dialogs import Confirm
from tdd_tui.store import DraftStore
from tests.conftest import EXAMPLE_MARKDOWN, ROOT
from tests.ui.conftest import SIZE, notes, wait_until

HAND = ROOT / "tests" / "data" / "review" / "hand" / "payment-retries.md"


def edit(store: DraftStore, file: Path, *more: str) -> str:
    """`tdd-tui edit FILE --no-open`: the draft id it opens."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--drafts-dir", str(store.root), "edit", str(file), "--no-open", *more]) == 0
    return out.getvalue().strip()


def second_writer(file: Path, text: str) -> None:
    """Another process writes the file, as git pull or another editor would."""
    code = "import sys, pathlib; pathlib.Path(sys.argv[1]).write_text(sys.argv[2])"
    subprocess.run([sys.executable, "-c", code, str(file), text], check=True)


def app_on(store: DraftStore, template, draft_id: str) -> TddApp:
    return TddApp(store=store, template=template, open_path=store.path_for(draft_id))


async def type_in_summary(app: TddApp, pilot, words: str) -> None:
    await app.go("summary")
    await pilot.pause()
    area = app.screen.body.query_one("#part-summary").query_one(TextArea)
    area.focus()
    area.move_cursor(area.document.end)
    await pilot.press(*words)
    app.action_save_now()
    await pilot.pause()


def test_a_new_file_is_made_from_the_template_and_edit_again_opens_the_same_draft(
    store, template, tmp_path
):
    file = tmp_path / "docs" / "design" / "search-v2.md"
    file.parent.mkdir(parents=True)
    draft_id = edit(store, file, "--title", "Search v2")
    text = file.read_text()
    assert text.startswith("# Technical Design Doc: Search v2\n")
    assert text == export_markdown(template, store.load(draft_id)[0])
    assert edit(store, file) == draft_id  # no second draft
    assert len(store.ids()) == 1
    assert links.for_draft(store.root, draft_id).file == str(file)


def test_a_file_named_alone_is_edited_and_list_shows_the_link(store, tmp_path, capsys):
    file = tmp_path / "checkout.md"
    file.write_text(EXAMPLE_MARKDOWN.read_text())
    assert main(["--drafts-dir", str(store.root), str(file)]) == 0  # no terminal: prints the id
    draft_id = capsys.readouterr().out.strip()
    assert main(["--drafts-dir", str(store.root), "list"]) == 0
    assert f"→ {file}" in capsys.readouterr().out
    assert store.load(draft_id)[0].title == "Per-key rate limiting for the public API"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p, "is a folder"),
        (lambda p: (p / "x.md").write_bytes(b"\x00PNG") and p / "x.md", "binary file"),
        (lambda p: p / "nowhere" / "x.md", "does not exist"),
    ],
)
def test_bad_files_get_one_line_and_change_nothing(store, tmp_path, capsys, make, message):
    target = make(tmp_path)
    assert main(["--drafts-dir", str(store.root), "edit", str(target), "--no-open"]) == 2
    assert message in capsys.readouterr().err
    assert store.ids() == []


def test_a_symlink_is_followed_and_stays_a_link(store, template, tmp_path):
    real = tmp_path / "real.md"
    real.write_text(EXAMPLE_MARKDOWN.read_text())
    link = tmp_path / "link.md"
    link.symlink_to(real)
    draft_id = edit(store, link)
    assert links.for_draft(store.root, draft_id).file == str(real)


async def test_every_save_writes_the_file_in_the_export_layout(store, template, tmp_path):
    file = tmp_path / "doc.md"
    file.write_text(EXAMPLE_MARKDOWN.read_text())
    draft_id = edit(store, file)
    app = app_on(store, template, draft_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_in_summary(app, pilot, " Added today.")
        await wait_until(pilot, lambda: "Added today." in file.read_text())
        assert file.read_text() == export_markdown(template, app.session.draft)


@pytest.mark.parametrize("answer", ["theirs", "mine", "copy"])
async def test_a_file_changed_by_a_second_writer_is_never_written_over(
    store, template, tmp_path, answer
):
    file = tmp_path / "doc.md"
    file.write_text(EXAMPLE_MARKDOWN.read_text())
    draft_id = edit(store, file)
    theirs = EXAMPLE_MARKDOWN.read_text().replace("We will add", "They will add")
    app = app_on(store, template, draft_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_in_summary(app, pilot, " Mine.")
        await wait_until(pilot, lambda: "Mine." in file.read_text())
        second_writer(file, theirs)
        # Said at once (the file is watched), before anything is written over it.
        await wait_until(pilot, lambda: isinstance(app.screen, Choose), timeout=6)
        assert file.read_text() == theirs
        await pilot.pause(0.9)  # the question's grace period
        await pilot.press({"theirs": "t", "mine": "m", "copy": "c"}[answer])
        await pilot.pause()
        await pilot.pause()
        if answer == "theirs":
            await wait_until(
                pilot,
                lambda: (
                    "They will add"
                    in app.session.draft.title + str(app.session.draft.answer("summary", "summary"))
                ),
            )
            assert file.read_text() == theirs
            from tdd_tui import history

            kept = history.versions(store.root, draft_id)
            assert any(b"Mine." in v.path.read_bytes() for v in kept)  # ours is in the history
        elif answer == "mine":
            assert "Mine." in file.read_text() and "They will add" not in file.read_text()
        else:
            assert file.read_text() == theirs
            copy = tmp_path / "doc.mine.md"
            assert "Mine." in copy.read_text()


async def test_a_hand_written_file_is_rewritten_only_when_the_author_agrees(
    store, template, tmp_path
):
    file = tmp_path / "pay.md"
    file.write_text(HAND.read_text())
    draft_id = edit(store, file)
    app = app_on(store, template, draft_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_in_summary(app, pilot, " Edited.")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        assert "line(s) change" in app.screen.message
        assert file.read_text() == HAND.read_text()  # untouched while it asks
        await pilot.click("#yes")
        await pilot.pause()
        assert "Edited." in file.read_text()
        assert "**Review checklist:**" in file.read_text()


async def test_a_read_only_file_is_never_written_and_says_so(
    store, template, tmp_path, monkeypatch
):
    import os

    file = tmp_path / "locked.md"
    file.write_text(EXAMPLE_MARKDOWN.read_text())
    draft_id = edit(store, file)
    real_access = os.access
    # No write permission (the tests may run as root, whom chmod does not stop).
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode: False if Path(p) == file and mode == os.W_OK else real_access(p, mode),
    )
    app = app_on(store, template, draft_id)
    shown = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_in_summary(app, pilot, " Kept in the draft.")
        await wait_until(pilot, lambda: any("read-only here" in n for n in shown))
        assert file.read_text() == EXAMPLE_MARKDOWN.read_text()
    assert "Kept in the draft." in str(store.load(draft_id)[0].answer("summary", "summary"))


async def test_a_file_on_a_read_only_mount_keeps_the_text_in_the_draft(
    store, template, tmp_path, monkeypatch
):
    from tdd_tui.store import StoreError

    file = tmp_path / "mounted.md"
    file.write_text(EXAMPLE_MARKDOWN.read_text())
    draft_id = edit(store, file)

    def refuse(self, path, text, **options):
        raise StoreError(f"{path}: read-only file system")

    monkeypatch.setattr(DraftStore, "write_export", refuse)
    app = app_on(store, template, draft_id)
    shown = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_in_summary(app, pilot, " Safe.")
        await wait_until(pilot, lambda: any("could not be written" in n for n in shown))
    assert file.read_text() == EXAMPLE_MARKDOWN.read_text()
    assert "Safe." in str(store.load(draft_id)[0].answer("summary", "summary"))


async def test_a_change_made_while_the_app_was_closed_is_said_when_it_opens(
    store, template, tmp_path
):
    file = tmp_path / "doc.md"
    file.write_text(EXAMPLE_MARKDOWN.read_text())
    draft_id = edit(store, file)
    theirs = EXAMPLE_MARKDOWN.read_text().replace("We will add", "After the pull, we add")
    second_writer(file, theirs)  # a git pull between two sessions
    app = app_on(store, template, draft_id)  # as `tdd-tui open` and --resume open it
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session.linked is not None
        await wait_until(pilot, lambda: isinstance(app.screen, Choose), timeout=6)
        assert file.read_text() == theirs


def test_a_file_over_the_import_limit_is_refused_in_one_line(store, tmp_path, capsys):
    big = tmp_path / "big.md"
    big.write_text("# Big\n\n" + "x" * (11 * 1024 * 1024))
    assert main(["--drafts-dir", str(store.root), "edit", str(big), "--no-open"]) == 2
    err = capsys.readouterr().err
    assert "10 MB" in err and len(err.strip().splitlines()) == 1
    assert store.ids() == []


def test_a_write_racing_a_second_writer_never_lands_on_their_text(store, template, tmp_path):
    from tdd_tui.linked import FileChanged, LinkedFile

    file = tmp_path / "doc.md"
    file.write_text(EXAMPLE_MARKDOWN.read_text())
    draft_id = edit(store, file)
    linked = LinkedFile(store, links.for_draft(store.root, draft_id))
    known = linked.link.digest
    second_writer(file, "theirs, written between the look and the write\n")
    with pytest.raises(FileChanged):
        linked.write("mine\n", expect=known)  # the last-moment check stops the rename
    assert file.read_text() == "theirs, written between the look and the write\n"
    assert not list(tmp_path.glob(".doc.md.*.tmp"))  # no temporary file left behind
