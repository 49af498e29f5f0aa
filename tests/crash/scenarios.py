"""Other writers and failing disks, against real tdd-tui processes: nothing typed is lost.

Each scenario starts typists (tests/crash/child.py), does to the draft what a
real user's surroundings do, stops them with SIGTERM, and then looks for
every word: in the draft, in its history, in a new draft, or in the rescue
folder. `make crash` prints one line per scenario.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tdd_tui import history
from tdd_tui.draft import Draft
from tdd_tui.draft_file import read_draft_file, serialize
from tdd_tui.store import DraftStore
from tests.crash.child import PREFILL, TEXT

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Outcome:
    name: str
    ok: bool
    detail: str


def _prepare(root: Path) -> Path:
    from tests.crash.harness import prepare

    return prepare(root)


def _typist(root: Path, **env: str) -> subprocess.Popen[bytes]:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.crash.child", str(root), "atomic"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TEXTUAL": "", **env},
    )
    assert child.stdout is not None
    if not child.stdout.readline():  # typing has started
        raise RuntimeError("the child app did not start")
    return child


def _stop(*children: subprocess.Popen[bytes]) -> None:
    for child in children:
        os.kill(child.pid, signal.SIGTERM)
    for child in children:
        child.wait(timeout=30)


def _everything(root: Path) -> list[Draft]:
    """Every draft and every kept version in the folder: where text may legitimately be."""
    store = DraftStore(root)
    found = [read_draft_file(store.path_for(i)) for i in store.ids()]
    for draft_id in store.ids():
        found += [read_draft_file(v.path) for v in history.versions(root, draft_id)]
    return found


def _typed(draft: Draft) -> str:
    text = draft.answer("summary", "summary")
    return text[len(PREFILL) :] if isinstance(text, str) and text.startswith(PREFILL) else ""


def two_windows(root: Path) -> Outcome:
    """A second tdd-tui on the same draft is read-only: only the first one's typing lands."""
    path = _prepare(root)
    first = _typist(root)
    time.sleep(0.5)
    second = _typist(root, CRASH_TEXT="Second window. ")
    time.sleep(1.5)
    _stop(first, second)
    text = _typed(read_draft_file(path))
    if "Second" in text:
        return Outcome("two windows", False, "the read-only window's text reached the draft")
    if not text or not TEXT.startswith(text[: len(TEXT)]):
        return Outcome("two windows", False, f"the first window's typing is missing: {text!r}")
    return Outcome(
        "two windows", True, f"{len(text)} characters from the writer, none from the other"
    )


def outside_writer(root: Path) -> Outcome:
    """A hand edit while a window types: the edit is never written over, the typing is kept."""
    path = _prepare(root)
    child = _typist(root)
    time.sleep(0.8)
    draft = read_draft_file(path)
    draft.set_answer("goals", "goals", ["written by hand"])
    path.write_bytes(serialize(draft))
    time.sleep(1.5)  # the window keeps typing, and tries to save
    _stop(child)
    # The typist types on into the question that appears, so its letters may answer it
    # ('m' keeps mine, over theirs): either way their edit must still be somewhere.
    found = _everything(root)
    if not any(d.answer("goals", "goals") == ["written by hand"] for d in found):
        return Outcome("outside writer", False, "the hand edit was lost")
    typed = max((_typed(d) for d in found), key=len, default="")
    if len(typed) < 10:
        return Outcome("outside writer", False, "the typing was lost")
    where = "in the file" if read_draft_file(path).answer("goals", "goals") else "in the history"
    return Outcome(
        "outside writer", True, f"hand edit kept {where}; {len(typed)} typed characters kept"
    )


def template_change(root: Path) -> Outcome:
    """A newer template turns a list part into text: the list answer survives editing."""
    from tdd_tui.template_reader import DEFAULT_TEMPLATE

    path = _prepare(root)
    draft = read_draft_file(path)
    draft.set_answer("goals", "goals", ["Keep p99 under 200 ms", "No new servers"])
    path.write_bytes(serialize(draft))
    text = DEFAULT_TEMPLATE.read_text(encoding="utf-8").replace("version: 1", "version: 2", 1)
    lines = text.split("\n")
    at = lines.index("      - id: goals")
    lines[at + 2] = lines[at + 2].replace("kind: list", "kind: text")
    newer = root / "newer.yaml"
    newer.write_text("\n".join(lines), encoding="utf-8")
    child = _typist(root, CRASH_TEMPLATE=str(newer))
    time.sleep(1.0)
    _stop(child)
    after = read_draft_file(path)
    if after.answer("goals", "goals") != ["Keep p99 under 200 ms", "No new servers"]:
        return Outcome("template change", False, f"goals became {after.answer('goals', 'goals')!r}")
    if not _typed(after):
        return Outcome("template change", False, "the typing was not saved")
    return Outcome("template change", True, "the old-shaped answer kept, the typing saved")


def full_disk_at_quit(root: Path) -> Outcome:
    """Every save fails, then the window is closed: the text is in the rescue folder."""
    from tdd_tui import rescue

    _prepare(root)
    state = root / "state"
    child = _typist(root, CRASH_FAIL_WRITES="1", TDD_TUI_STATE=str(state))
    time.sleep(1.0)
    _stop(child)
    previous = os.environ.get("TDD_TUI_STATE")
    os.environ["TDD_TUI_STATE"] = str(state)
    try:
        rescued = [read_draft_file(p) for p in rescue.unreported() if p.is_relative_to(state)]
    finally:
        if previous is None:
            del os.environ["TDD_TUI_STATE"]
        else:
            os.environ["TDD_TUI_STATE"] = previous
    typed = [_typed(d) for d in rescued]
    if not typed or not typed[0]:
        return Outcome("full disk at quit", False, "nothing was rescued")
    return Outcome("full disk at quit", True, f"{len(typed[0])} typed characters rescued")


SCENARIOS: list[Callable[[Path], Outcome]] = [
    two_windows,
    outside_writer,
    template_change,
    full_disk_at_quit,
]


def run_all(workdir: Path) -> list[Outcome]:
    out = []
    for scenario in SCENARIOS:
        root = workdir / scenario.__name__
        root.mkdir(parents=True)
        try:
            out.append(scenario(root))
        except Exception as exc:  # a scenario that breaks is a failed scenario, said plainly
            out.append(Outcome(scenario.__name__.replace("_", " "), False, f"broke: {exc!r}"))
    return out
