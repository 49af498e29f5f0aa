"""End to end in a real terminal: the installed tdd-tui under tmux, keys in, screen out."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

TDD_TUI = Path(sys.executable).parent / "tdd-tui"

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    def __init__(self, home: Path) -> None:
        self.starts = 0
        self.socket = ""
        self.home = home

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        ).stdout

    def start(self, *args: str, size: tuple[int, int] = (100, 30)) -> None:
        self.starts += 1  # a fresh private server each time: no race with the last one's exit
        self.socket = f"tdd-tui-test-{os.getpid()}-{self.starts}"
        command = " ".join([str(TDD_TUI), *args])
        self.tmux(
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            str(size[0]),
            "-y",
            str(size[1]),
            "-e",
            f"TDD_TUI_HOME={self.home}",
            "-e",
            "EDITOR=true",
            f"{command}; echo EXITED $?; sleep 30",
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "main")

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "main", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "main", "-l", text)

    def paste_key_by_key(self, text: str) -> None:
        """As tmux's paste-buffer without -p sends it: one key per character, no
        bracketed paste around them."""
        buffer = self.home.parent / f"paste-{self.starts}.txt"
        buffer.write_text(text, encoding="utf-8")
        self.tmux("load-buffer", str(buffer))
        self.tmux("paste-buffer", "-t", "main")

    def stop(self) -> None:
        if self.socket:
            subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def terminal(tmp_path: Path):
    term = Terminal(tmp_path / "drafts")
    yield term
    term.stop()


def test_create_type_quit_resume_export(terminal: Terminal, tmp_path: Path):
    terminal.start()
    terminal.wait_for("No drafts yet")
    terminal.keys("n")
    terminal.wait_for("New design doc")
    terminal.type("Tmux doc")
    terminal.wait_for("Tmux doc")
    terminal.keys("Enter")
    terminal.wait_for("Who owns this doc")
    # No wait between the jump and the typing: keys typed straight after
    # moving must land in the new section's first part, not be lost.
    terminal.keys("C-n")
    terminal.type("Typed in a real terminal.")
    terminal.wait_for("Typed in a real terminal.")
    terminal.keys("C-q")
    terminal.wait_for("EXITED 0")
    terminal.stop()

    draft = tmp_path / "drafts" / "tmux-doc.yaml"
    assert "summary: Typed in a real terminal." in draft.read_text(encoding="utf-8")

    terminal.start("--resume")
    screen = terminal.wait_for("Typed in a real terminal.")
    assert "1. Executive Summary" in screen
    terminal.keys("C-q")
    terminal.wait_for("EXITED 0")

    out = subprocess.run(
        [str(TDD_TUI), "export", str(draft), "-o", "-"], capture_output=True, text=True, check=True
    ).stdout
    assert out.startswith("# Technical Design Doc: Tmux doc\n")
    assert "## 1. Executive Summary\n\nTyped in a real terminal.\n" in out


def _alive(pid: int) -> bool:
    """Running, not a zombie nobody has reaped yet."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _app_pid(terminal: Terminal) -> int:
    shell = int(terminal.tmux("display-message", "-p", "-t", "main", "#{pane_pid}").strip())
    children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
    return int(children[0])


@pytest.mark.parametrize("open_when_closed", ["help (f1)", "preview (f5)", "a 270 KB part"])
def test_closing_the_terminal_saves_and_the_process_exits(
    terminal: Terminal, tmp_path: Path, open_when_closed: str
):
    from tdd_tui.draft_file import read_draft_file
    from tdd_tui.store import DraftStore

    store = DraftStore(tmp_path / "drafts")
    from tdd_tui.catalog import default_template

    draft = store.create(default_template(), "Closing")
    big = "A paragraph of the design that goes on for a while.\n" * 5200  # about 270 KB
    draft.set_answer("problem", "business_context", big)
    draft.position.section = "summary"
    store.save(draft)
    terminal.start("open", draft.id)
    terminal.wait_for("1. Executive Summary")
    terminal.type("Typed before the terminal closed.")
    terminal.wait_for("Typed before the terminal closed.")
    if open_when_closed == "help (f1)":
        terminal.keys("F1")
        terminal.wait_for("Keys")
    elif open_when_closed == "preview (f5)":
        terminal.keys("F5")
        terminal.wait_for("Executive Summary")
    else:
        terminal.keys("C-n")
        # The big part's text: the view shows its top, or follows the cursor to its end.
        terminal.wait_for("goes on for")
        terminal.type("And in the big part.")
        terminal.wait_for("editing")  # taken in, not saved yet
    pid = _app_pid(terminal)
    closed = time.monotonic()
    terminal.stop()  # the terminal goes away: SIGHUP
    while _alive(pid) and time.monotonic() - closed < 10:
        time.sleep(0.1)
    assert not _alive(pid), "tdd-tui was still running 10 s after its terminal closed"
    saved = read_draft_file(store.path_for(draft.id))
    assert "Typed before the terminal closed." in str(saved.answer("summary", "summary"))
    if open_when_closed == "a 270 KB part":
        assert str(saved.answer("problem", "business_context")).endswith(
            "And in the big part."
        ) or ("And in the big part." in str(saved.answer("problem", "business_context")))


def test_a_paste_typed_out_key_by_key_repaints_is_saved_whole_and_survives_a_closed_terminal(
    terminal: Terminal, tmp_path: Path
):
    from tdd_tui.catalog import default_template
    from tdd_tui.draft_file import read_draft_file
    from tdd_tui.store import DraftStore

    store = DraftStore(tmp_path / "drafts")
    draft = store.create(default_template(), "Pasted")
    draft.position.section = "summary"
    store.save(draft)
    path = store.path_for(draft.id)
    first = ("Retries back off with jitter, capped at 30 s. " * 440)[:20_000] + " END-ONE"
    second = ("Budgets refill per tenant every second. " * 500)[:20_000] + " END-TWO"
    terminal.start("open", draft.id, size=(120, 40))
    terminal.wait_for("1. Executive Summary")
    terminal.paste_key_by_key(first)
    seen: set[str] = set()  # the screens drawn while the paste was arriving
    deadline = time.monotonic() + 60
    while "END-ONE" not in path.read_text(encoding="utf-8") and time.monotonic() < deadline:
        screen = terminal.screen()
        if "Retries" in screen and "END-ONE" not in screen:
            seen.add(screen)
        time.sleep(0.05)
    assert read_draft_file(path).answer("summary", "summary") == first  # whole, in order
    assert len(seen) >= 2, "nothing was drawn while the paste arrived"
    terminal.wait_for("END-ONE")  # the view ends where the paste does
    # The terminal closes while the next paste is still arriving.
    terminal.paste_key_by_key(second)
    terminal.wait_for("Budgets refill")
    pid = _app_pid(terminal)
    terminal.stop()
    closed = time.monotonic()
    while _alive(pid) and time.monotonic() - closed < 10:
        time.sleep(0.1)
    assert not _alive(pid), "tdd-tui was still running 10 s after its terminal closed"
    saved = str(read_draft_file(path).answer("summary", "summary"))
    arrived = saved[len(first) :]
    assert saved.startswith(first) and arrived and second.startswith(arrived)


SIZES = pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])


def _pause() -> None:
    # Keys sent in the same instant as a Tab can still reach the field it leaves
    # (Textual routes keys to the focused widget's queue as they arrive): a known
    # race, so these tests wait as a person's pause between keys would.
    time.sleep(0.3)


@SIZES
def test_tab_through_a_table_puts_every_word_in_its_field(
    terminal: Terminal, tmp_path: Path, size: tuple[int, int]
):
    from tdd_tui.catalog import default_template
    from tdd_tui.draft_file import read_draft_file
    from tdd_tui.store import DraftStore

    store = DraftStore(tmp_path / "drafts")
    draft = store.create(default_template(), "Tabs")
    draft.position.section = "tradeoffs"
    store.save(draft)
    terminal.start("open", draft.id, size=size)
    terminal.wait_for("12. Trade-offs")
    terminal.type("Summary of the trade-offs.")  # the first part has the cursor
    terminal.wait_for("Summary of the trade-offs.")
    for word in ("Sharding", "Cheap", "Hotspots", "Rejected"):  # option, pros, cons, verdict
        terminal.keys("Tab")
        _pause()
        terminal.type(word)
        terminal.wait_for(word)
    terminal.keys("Enter")  # in a field: never a button press
    terminal.keys("C-q")
    terminal.wait_for("EXITED 0")
    saved = read_draft_file(store.path_for(draft.id))
    assert saved.answer("tradeoffs", "tradeoffs") == "Summary of the trade-offs."
    [row] = saved.answer("tradeoffs", "alternatives")  # type: ignore[misc]
    assert row["option"] == "Sharding" and row["pros"] == "Cheap"
    assert row["cons"] == "Hotspots" and row["verdict"].startswith("Rejected")


@SIZES
def test_tab_through_two_lists_puts_every_item_in_its_place(
    terminal: Terminal, tmp_path: Path, size: tuple[int, int]
):
    from tdd_tui.catalog import default_template
    from tdd_tui.draft_file import read_draft_file
    from tdd_tui.store import DraftStore

    store = DraftStore(tmp_path / "drafts")
    draft = store.create(default_template(), "Lists")
    draft.position.section = "goals"
    store.save(draft)
    terminal.start("open", draft.id, size=size)
    terminal.wait_for("3. Goals")
    for n, word in enumerate(["Faster", "Cheaper", "Safer"]):
        if n:
            terminal.keys("Enter")  # the next item
            _pause()
        terminal.type(word)
        terminal.wait_for(word)
    terminal.keys("Tab")  # on to the non-goals: never a button on the way
    _pause()
    terminal.type("Rewrite")
    terminal.wait_for("Rewrite")
    terminal.keys("Enter")
    _pause()
    terminal.type("Migrate")
    terminal.wait_for("Migrate")
    terminal.keys("C-q")
    terminal.wait_for("EXITED 0")
    saved = read_draft_file(store.path_for(draft.id))
    assert saved.answer("goals", "goals") == ["Faster", "Cheaper", "Safer"]
    assert saved.answer("goals", "non_goals") == ["Rewrite", "Migrate"]


def _words(value: object) -> set[str]:
    if isinstance(value, str):
        return set(value.split())
    if isinstance(value, dict):
        return set().union(*(_words(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_words(v) for v in value))
    return set()


@SIZES
def test_enter_at_every_tab_stop_loses_no_text_and_f8_comes_back(
    terminal: Terminal, tmp_path: Path, size: tuple[int, int]
):
    from tdd_tui.draft_file import read_draft_file
    from tdd_tui.store import DraftStore
    from tests.conftest import EXAMPLE_DRAFT

    store = DraftStore(tmp_path / "drafts")
    draft = read_draft_file(EXAMPLE_DRAFT)
    draft.position.section = "tradeoffs"
    draft.position.part = None
    store.save(draft)
    before = {p: _words(v) for p, v in draft.answers["tradeoffs"].items()}
    terminal.start("open", draft.id, size=size)
    terminal.wait_for("12. Trade-offs")
    # Every place Tab reaches in the section (the text, two rows of four fields,
    # three checklist items), Enter pressed in each: a new line or a tick, never a
    # button that throws text away.
    for stop in range(12):
        if stop:
            terminal.keys("Tab")
            _pause()
        terminal.keys("Enter")
        _pause()
    # Back to the second row; F8 removes it, and the autosave writes that.
    for _ in range(3):
        terminal.keys("BTab")
        _pause()
    option = draft.answers["tradeoffs"]["alternatives"][1]["option"]  # type: ignore[index]
    terminal.keys("F8")
    terminal.wait_for("ctrl+z")  # the notice says how to have it back
    path = store.path_for(draft.id)
    deadline = time.monotonic() + 10
    while option in path.read_text(encoding="utf-8") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert option not in path.read_text(encoding="utf-8")
    terminal.keys("C-z")
    _pause()
    terminal.keys("C-q")
    terminal.wait_for("EXITED 0")
    saved = read_draft_file(path)
    for part, words in before.items():
        assert words <= _words(saved.answer("tradeoffs", part)), part
    assert len(saved.answer("tradeoffs", "alternatives")) == 2
