"""Trying to break the saving: SIGKILL while typing, SIGTERM, SIGHUP, a bug in a handler."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tdd_tui.store import read_draft_file
from tests.crash.child import PREFILL
from tests.crash.harness import ROOT, prepare, run
from tests.crash.scenarios import SCENARIOS

pytestmark = pytest.mark.slow


def test_sigkill_while_typing_never_damages_and_loses_under_two_seconds(tmp_path: Path):
    figures = run(8, "atomic", tmp_path)  # make crash runs 1,000
    assert figures.failed_to_load == 0, figures.reasons
    assert figures.worst_lag <= 2.0, figures.lags


def test_the_harness_catches_an_in_place_writer(tmp_path: Path):
    # The control: the same kills against a writer that truncates and rewrites in place.
    # A kill lands inside a write about one time in seven; 60 chances make a blind
    # harness the only likely way to get here (0.86**60 is about 1 in 10,000).
    for attempt in range(60):
        figures = run(1, "naive", tmp_path / str(attempt), seed=attempt)
        if figures.failed_to_load:
            return
    raise AssertionError(
        "60 kills of an in-place writer and no damaged draft: the harness is blind"
    )


def start_typing(root: Path, *extra: str) -> subprocess.Popen[bytes]:
    prepare(root)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.crash.child", str(root), "atomic", *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert child.stdout is not None
    for _ in range(15):  # let it type a little
        if not child.stdout.readline():
            break
    return child


def typed_after_exit(root: Path) -> str:
    text = read_draft_file(root / "crash.yaml").answer("summary", "summary")
    assert isinstance(text, str)
    return text[len(PREFILL) :]


def reported_so_far(child: subprocess.Popen[bytes]) -> int:
    """Keys the child has finished typing by now (it reports each one after it lands)."""
    assert child.stdout is not None
    os.set_blocking(child.stdout.fileno(), False)
    lines = (child.stdout.read() or b"").decode().split("\n")
    counts = [int(line.split()[0]) for line in lines if len(line.split()) == 2]
    return counts[-1] if counts else 15


def test_sigterm_and_sighup_save_everything_first(tmp_path: Path):
    for signum in (signal.SIGTERM, signal.SIGHUP):
        root = tmp_path / signum.name
        child = start_typing(root)
        time.sleep(0.3)
        typed = reported_so_far(child)  # every key typed before the signal is sent
        os.kill(child.pid, signum)
        assert child.wait(timeout=20) == 0, signum.name
        assert len(typed_after_exit(root)) >= typed, signum.name


def test_a_bug_in_a_handler_still_saves_what_was_typed(tmp_path: Path):
    child = start_typing(tmp_path, "25")
    child.wait(timeout=20)
    assert child.returncode != 0  # the bug did end the app
    assert len(typed_after_exit(tmp_path)) == 25


def test_a_lock_left_by_a_killed_process_blocks_no_one(tmp_path: Path):
    from tdd_tui.lock import DraftLock

    draft = prepare(tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from tdd_tui.lock import DraftLock;"
            "assert DraftLock(Path(sys.argv[1])).acquire(); print('held', flush=True); time.sleep(60)",
            str(draft),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
    second = DraftLock(draft)
    assert not second.acquire()
    assert second.holder() == str(holder.pid)
    holder.kill()
    holder.wait()
    time.sleep(0.1)
    assert second.acquire()
    second.release()


def test_two_processes_saving_at_once_leave_a_draft_that_loads(tmp_path: Path):
    path = prepare(tmp_path)
    script = (
        "import sys; from pathlib import Path; from tdd_tui.store import DraftStore;"
        "s = DraftStore(Path(sys.argv[1])); d, p = s.load('crash')\n"
        "for i in range(150):\n"
        "    d.set_answer('goals', 'goals', [sys.argv[2] * (i % 50 + 1)]); s.save(d)\n"
    )
    writers = [
        subprocess.Popen([sys.executable, "-c", script, str(tmp_path), who], cwd=ROOT)
        for who in "AB"
    ]
    for writer in writers:
        assert writer.wait(timeout=60) == 0
    goals = read_draft_file(path).answer("goals", "goals")
    assert goals in (["A" * 50], ["B" * 50])
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_other_writers_and_failing_disks_lose_nothing(tmp_path: Path, scenario):
    outcome = scenario(tmp_path)
    assert outcome.ok, outcome.detail
