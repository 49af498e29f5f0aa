"""Kill a typing tdd-tui with SIGKILL at random moments; check the draft loads and how far behind it is."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tdd_tui.catalog import default_template
from tdd_tui.draft import Draft, DraftError
from tdd_tui.store import DraftStore, read_draft_file
from tests.crash.child import TEXT, prefill

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Figures:
    kills: int = 0
    failed_to_load: int = 0
    worst_lag: float = 0.0
    lags: list[float] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def prepare(root: Path) -> Path:
    store = DraftStore(root)
    draft = Draft(id="crash")
    draft.metadata = {
        "title": "Crash",
        "author": "Harness",
        "date": "2026-01-01",
        "status": "Draft",
    }
    draft.set_answer("summary", "summary", prefill())
    draft.position.section = "summary"
    return store.save(draft)


def one_kill(root: Path, writer: str, rng: random.Random) -> tuple[str | None, float]:
    """Returns (why the draft does not load, or None; seconds of typing lost)."""
    path = prepare(root)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.crash.child", str(root), writer],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TEXTUAL": ""},
    )
    assert child.stdout is not None
    typed_at: dict[int, float] = {}
    first = child.stdout.readline()  # typing has started
    if not first:
        child.wait()
        raise RuntimeError("the child app did not start")
    count, when = first.split()
    typed_at[int(count)] = float(when)
    deadline = time.monotonic() + rng.uniform(0.3, 3.0)
    os.set_blocking(child.stdout.fileno(), False)
    buffer = b""
    while time.monotonic() < deadline:
        time.sleep(0.01)
        chunk = child.stdout.read() or b""
        buffer += chunk
    os.kill(child.pid, signal.SIGKILL)
    killed_at = time.monotonic()
    child.wait()
    buffer += child.stdout.read() or b""
    for line in buffer.decode().splitlines():
        parts = line.split()
        if len(parts) == 2:
            typed_at[int(parts[0])] = float(parts[1])
    try:
        saved = read_draft_file(path)
    except DraftError as exc:
        return str(exc), 0.0
    text = saved.answer("summary", "summary")
    assert isinstance(text, str)
    before = prefill()
    saved_count = len(text) - len(before)
    expected = "".join(TEXT[i % len(TEXT)] for i in range(saved_count))
    if not text.startswith(before) or text[len(before) :] != expected:
        return "the saved text is not what was typed", 0.0
    last_typed = max(typed_at)
    if saved_count >= last_typed:
        return None, 0.0
    # Lost: everything typed after the saved_count-th key.
    lost_since = typed_at.get(saved_count + 1, min(typed_at.values()))
    return None, max(0.0, killed_at - lost_since)


def run(kills: int, writer: str, workdir: Path, seed: int = 1) -> Figures:
    rng = random.Random(seed)
    figures = Figures()
    for index in range(kills):
        root = workdir / f"run-{index}"
        root.mkdir(parents=True)
        reason, lag = one_kill(root, writer, rng)
        figures.kills += 1
        if reason:
            figures.failed_to_load += 1
            figures.reasons.append(reason)
        figures.lags.append(lag)
        figures.worst_lag = max(figures.worst_lag, lag)
    return figures


def main() -> None:
    import tempfile

    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    default_template()
    from tests.crash.scenarios import run_all

    with tempfile.TemporaryDirectory() as tmp:
        figures = run(kills, "atomic", Path(tmp))
        outcomes = run_all(Path(tmp) / "scenarios")
        # A 3.4 MB part of 100,000 lines: saves take longer; the promise is the same.
        os.environ.update(CRASH_PREFILL_REPEAT="100000", CRASH_PREFILL_BREAK="\n")
        large = run(max(1, kills // 50), "atomic", Path(tmp) / "large")
        del os.environ["CRASH_PREFILL_REPEAT"], os.environ["CRASH_PREFILL_BREAK"]
    for outcome in outcomes:
        print(f"{outcome.name}: {'ok' if outcome.ok else 'FAILED'} ({outcome.detail})")
    print(
        f"a 3.4 MB part, {large.kills} kills: {large.failed_to_load} failed to load, "
        f"worst lag {large.worst_lag:.2f} s"
    )
    print(f"kills: {figures.kills}")
    print(f"drafts that failed to load: {figures.failed_to_load}")
    print(f"worst lag: {figures.worst_lag:.2f} s (typing lost at the moment of the kill)")
    lags = sorted(figures.lags)
    print(f"median lag: {lags[len(lags) // 2]:.2f} s")
    failed = not all(o.ok for o in outcomes) or large.failed_to_load or large.worst_lag > 2.0
    sys.exit(1 if failed or figures.failed_to_load or figures.worst_lag > 2.0 else 0)


if __name__ == "__main__":
    main()
