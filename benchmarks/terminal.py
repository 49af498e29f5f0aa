"""Figures measured through a real terminal (tmux): what a user at the keyboard waits for.

Each run starts the app (or a bare Textual app) in a tmux server of its own,
sends keys with tmux, and reads the screen back with `capture-pane`, polled
every few milliseconds (a poll costs 3-5 ms, which the figures include).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.data import ROOT, empty_part_draft
from benchmarks.runner import ROWS, Row
from tdd_tui.store import DraftStore, read_draft_file

PY = sys.executable
PASTE = ("Retries use exponential backoff with jitter, capped at 30 s. " * 330)[:20_000]
END = " END-OF-PASTE"


class Tmux:
    """One tmux server, one window of 120x40, running one command until closed."""

    def __init__(self, command: list[str]) -> None:
        self.socket = f"tddbench-term-{os.getpid()}-{time.monotonic_ns()}"
        line = "exec " + " ".join(command)
        self.run("new-session", "-d", "-s", "m", "-x", "120", "-y", "40", line)
        self.pid = int(self.run("display-message", "-p", "-t", "m", "#{pane_pid}").strip())

    def run(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "m")

    def wait_for(self, found: Callable[[str], bool], timeout: float = 120.0) -> float:
        """Seconds until the screen shows what found() looks for."""
        start = time.perf_counter()
        while not found(self.screen()):
            if time.perf_counter() - start > timeout:
                raise TimeoutError(self.screen())
            time.sleep(0.002)
        return time.perf_counter() - start

    def kb(self, field: str) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
        return 0

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def _tdd(folder: str, draft_id: str) -> list[str]:
    return [PY, "-m", "tdd_tui", "--drafts-dir", folder, "open", draft_id]


def _bare(text_file: Path) -> list[str]:
    return [PY, "-m", "benchmarks.children", "run", "bare", str(text_file)]


def _paste_run(command: list[str], folder: Path, ready: str) -> tuple[float, float]:
    """A 20 KB paste sent a key at a time (tmux paste-buffer without -p): seconds until
    all of it is on screen, and the growth of peak memory in KB."""
    term = Tmux(command)
    try:
        term.wait_for(lambda screen: ready in screen, timeout=30)
        time.sleep(0.5)
        before = term.kb("VmRSS:")
        buffer = folder / "paste.txt"
        buffer.write_text(PASTE + END, encoding="utf-8")
        term.run("load-buffer", str(buffer))
        start = time.perf_counter()
        term.run("paste-buffer", "-t", "m")
        term.wait_for(lambda screen: END.strip() in screen, timeout=300)
        seconds = time.perf_counter() - start
        return seconds, term.kb("VmHWM:") - before
    finally:
        term.close()


def paste_by_keys(runs: int) -> None:
    if shutil.which("tmux") is None:
        print("  (no tmux here: the terminal paste is skipped)")
        return
    ours: list[tuple[float, float]] = []
    base: list[tuple[float, float]] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:  # each run pastes into an empty part
            folder = Path(tmp)
            DraftStore(folder).save(empty_part_draft())
            empty = folder / "empty.txt"
            empty.write_text("", encoding="utf-8")
            ours.append(_paste_run(_tdd(tmp, "paste"), folder, "1. Executive Summary"))
            base.append(_paste_run(_bare(empty), folder, "▎"))
    ROWS.append(
        Row(
            "a 20 KB paste typed out key by key, until all of it shows (tmux)",
            [s for s, _ in ours],
            [s for s, _ in base],
            "bare App, one TextArea, same keys",
            "≤ 2x",
            2.0,
            unit="s",
        )
    )
    ROWS.append(
        Row(
            "memory growth, the same paste (tmux)",
            [kb for _, kb in ours],
            [kb for _, kb in base],
            "bare App, one TextArea, same keys",
            "≤ 2x",
            2.0,
            unit="KB",
        )
    )


def _heading(title: str) -> Callable[[str], bool]:
    """The section's heading in the content pane (the sidebar, left of column 34, has it too)."""
    return lambda screen: any(line.find(title, 34) >= 0 for line in screen.splitlines())


def section_switches(runs: int) -> None:
    """ctrl+n through the example doc a second apart, as a reader moves: each switch timed
    from the key until the next section's heading is on screen."""
    if shutil.which("tmux") is None:
        print("  (no tmux here: the terminal section switches are skipped)")
        return
    from tdd_tui.catalog import default_template

    template = default_template()
    headings = [section.heading for section in template.sections]
    times: list[float] = []
    for _ in range(max(1, runs // 2)):
        with tempfile.TemporaryDirectory() as tmp:
            draft = read_draft_file(ROOT / "examples" / "rate-limiting.yaml")
            draft.position.section = "metadata"
            draft.position.part = None
            DraftStore(Path(tmp)).save(draft)
            term = Tmux(_tdd(tmp, draft.id))
            try:
                term.wait_for(_heading("Details"), timeout=30)
                for heading in headings:
                    time.sleep(1.0)
                    start = time.perf_counter()
                    term.run("send-keys", "-t", "m", "C-n")
                    term.wait_for(_heading(heading), timeout=10)
                    times.append(time.perf_counter() - start)
            finally:
                term.close()
    p90 = statistics.quantiles(times, n=10)[-1]
    ROWS.append(
        Row(
            f"section switch a second apart (tmux, p90 of {len(times)})",
            [p90],
            None,
            "-",
            "< 100 ms (instant)",
            0.1,
        )
    )
    ROWS.append(
        Row(
            f"section switch a second apart (tmux, median of {len(times)})",
            [statistics.median(times)],
            None,
            "-",
        )
    )
