"""Figures measured on whole processes: start-up, the CLI, many drafts, memory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.data import (
    TEXT_1MB,
    big_draft,
    goals,
    long_list_draft,
    make_drafts,
)
from benchmarks.runner import ROOT, ROWS, Row, interleaved, process_seconds
from tdd_tui.draft import Draft
from tdd_tui.list_text import text_of
from tdd_tui.store import DraftStore

PY = sys.executable


def child(*args: str) -> list[str]:
    return [PY, "-m", "benchmarks.children", *args]


def first_frame(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        make_drafts(Path(tmp), 20)
        ours, base = interleaved(
            runs,
            lambda: process_seconds(child("frame", "tdd", tmp)),
            lambda: process_seconds(child("frame", "bare")),
        )
    ROWS.append(
        Row(
            "start to first frame, home with 20 drafts (headless)",
            ours,
            base,
            "bare App with one Static",
            "≤ 1.25x",
            1.25,
        )
    )


def long_list(runs: int) -> None:
    """A draft opened on a list of 500 and of 20,000 items, start to first frame, against a
    bare App with one TextArea holding the same bullet lines. Reported: opening any draft
    from the command line costs about 2x a bare App's start (the editor, its sidebar and
    the draft's section), list or not; the list's own cost is `inprocess.long_list`."""
    for count in (500, 20_000):
        with tempfile.TemporaryDirectory() as tmp:
            path = DraftStore(Path(tmp)).save(long_list_draft(count))
            lines = Path(tmp) / "lines.txt"
            lines.write_text(text_of(goals(count)), encoding="utf-8")
            ours, base = interleaved(
                runs if count <= 500 else max(2, runs // 2),
                lambda path=path: process_seconds(child("frame", "tdd", str(path))),
                lambda lines=lines: process_seconds(child("frame", "bare", str(lines))),
            )
        ROWS.append(
            Row(
                f"start to first frame on a list of {count:,} items (headless)",
                ours,
                base,
                "bare App, one TextArea, the same lines",
            )
        )


# A tmux server of this run's own: two runs on one machine never share (and kill) one.
SOCKET = f"tddbench-{os.getpid()}"


def _tmux_seconds(args: list[str], name: str) -> float:
    command = " ".join(args) + f"; tmux wait-for -S {name}"
    start = time.perf_counter()
    subprocess.run(
        [
            "tmux",
            "-L",
            SOCKET,
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "120",
            "-y",
            "40",
            command,
        ],
        check=True,
        cwd=ROOT,
    )
    subprocess.run(["tmux", "-L", SOCKET, "wait-for", name], check=True)
    return time.perf_counter() - start


def first_frame_tmux(runs: int) -> None:
    if shutil.which("tmux") is None:
        print("  (no tmux here: the real-terminal first frame is skipped)")
        return
    for count, target in ((20, 1.25), (1000, 1.5)):
        _tmux_first_frame(runs, count, target)


def _tmux_first_frame(runs: int, count: int, target: float) -> None:
    counter = iter(range(10_000))
    with tempfile.TemporaryDirectory() as tmp:
        make_drafts(Path(tmp), count)
        process_seconds(child("frame", "tdd", tmp))  # the list's cache, built once: not counted
        # A session that outlives the runs, so the server is not shutting down
        # (and refusing new sessions) between one run and the next.
        subprocess.run(
            ["tmux", "-L", SOCKET, "new-session", "-d", "-s", "keep", "sleep 3600"], check=True
        )
        try:
            ours, base = interleaved(
                runs,
                lambda: _tmux_seconds(
                    child("frame", "tdd", tmp, "--terminal"), f"t{next(counter)}"
                ),
                lambda: _tmux_seconds(child("frame", "bare", "--terminal"), f"b{next(counter)}"),
            )
        finally:
            subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
    ROWS.append(
        Row(
            f"start to first frame, home with {count:,} drafts (tmux)",
            ours,
            base,
            "bare App with one Static",
            f"≤ {target}x",
            target,
        )
    )


def cli(runs: int) -> None:
    floor = [PY, "-c", "import yaml, platformdirs"]
    with tempfile.TemporaryDirectory() as tmp:
        make_drafts(Path(tmp), 20)
        tdd = [PY, "-m", "tdd_tui", "--drafts-dir", tmp]
        for name, args in (
            ("export", [*tdd, "export", "design-0007", "-o", "-"]),
            ("list", [*tdd, "list"]),
        ):
            ours, base = interleaved(
                runs, lambda a=args: process_seconds(a), lambda: process_seconds(floor)
            )
            ROWS.append(
                Row(
                    f"tdd-tui {name} (whole process, 20 drafts)",
                    ours,
                    base,
                    'python -c "import yaml, platformdirs"',
                    "≤ 1.5x",
                    1.5,
                )
            )


def many_drafts(runs: int) -> None:
    with tempfile.TemporaryDirectory() as many, tempfile.TemporaryDirectory() as one:
        make_drafts(Path(many), 1000)
        make_drafts(Path(one), 1)
        # The first start after the drafts were written builds the list's cache: not counted.
        process_seconds(child("frame", "tdd", many))
        process_seconds(child("frame", "tdd", one))
        ours, base = interleaved(
            runs,
            lambda: process_seconds(child("frame", "tdd", many)),
            lambda: process_seconds(child("frame", "tdd", one)),
        )
    ROWS.append(
        Row(
            "home screen ready with 1,000 drafts (process)",
            ours,
            base,
            "the same with 1 draft",
            "≤ 2x",
            2.0,
        )
    )


def _peak_kb(args: list[str], out: Path) -> float:
    subprocess.run(args, check=True, cwd=ROOT, capture_output=True)
    return float(out.read_text())


def _memory_pair(runs: int, what: str, draft: Draft, text: str) -> tuple[list[float], list[float]]:
    """What child `what` reports (KB) with draft open, against a bare TextArea holding text."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = DraftStore(folder).save(draft)
        text_file = folder / "text.txt"
        text_file.write_text(text, encoding="utf-8")
        out = folder / "kb"
        return interleaved(
            runs,
            lambda: _peak_kb(child(what, "tdd", str(path), str(out)), out),
            lambda: _peak_kb(child(what, "bare", str(text_file), str(out)), out),
        )


def memory(runs: int) -> None:
    ours, base = _memory_pair(runs, "memory", big_draft(TEXT_1MB), TEXT_1MB)
    ROWS.append(
        Row(
            "peak memory, 1 MB draft open",
            ours,
            base,
            "bare App, one TextArea, same text",
            "≤ 1.5x",
            1.5,
            unit="KB",
        )
    )
