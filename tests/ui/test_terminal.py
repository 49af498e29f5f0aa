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

    def start(self, *args: str) -> None:
        self.starts += 1  # a fresh private server each time: no race with the last one's exit
        self.socket = f"tdd-tui-test-{os.getpid()}-{self.starts}"
        command = " ".join([str(TDD_TUI), *args])
        self.tmux(
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            "100",
            "-y",
            "30",
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
