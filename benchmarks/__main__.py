"""`make bench`: each figure as a median over repeated runs, beside its baseline, with the ratio."""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.baselines import BareTextArea
from tdd_tui.app import TddApp
from tdd_tui.draft import Draft
from tdd_tui.store import DraftStore
from tdd_tui.template import default_template

ROOT = Path(__file__).resolve().parent.parent
ROWS: list[tuple[str, list[float], list[float], str]] = []


def spread(values: list[float]) -> str:
    return f"±{(max(values) - min(values)) / 2 * 1000:.1f}"


def record(name: str, ours: list[float], base: list[float], baseline: str) -> None:
    ROWS.append((name, ours, base, baseline))


def process_seconds(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def interleaved(
    runs: int, ours: Callable[[], float], base: Callable[[], float]
) -> tuple[list[float], list[float]]:
    """Alternate the two so that machine noise hits both alike."""
    a, b = [], []
    for _ in range(runs):
        a.append(ours())
        b.append(base())
    return a, b


def make_drafts(folder: Path, count: int) -> None:
    store = DraftStore(folder)
    template = default_template()
    for i in range(count):
        store.create(template, f"Design number {i}", author="Bench")


def bench_first_frame(runs: int = 7) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        make_drafts(Path(tmp), 20)
        python = sys.executable
        ours, base = interleaved(
            runs,
            lambda: process_seconds([python, "-m", "benchmarks.first_frame", "tdd", tmp]),
            lambda: process_seconds([python, "-m", "benchmarks.first_frame", "bare"]),
        )
    record("first frame of home, 20 drafts (process)", ours, base, "bare App with one Static")


TEXT = "\n".join(
    f"Line {i}: the limiter checks each request against its key's bucket." for i in range(3000)
)


async def keystroke_seconds(app, focus: Callable[[object], None], keys: int = 60) -> float:  # type: ignore[no-untyped-def]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        focus(app)
        await pilot.pause()
        start = time.perf_counter()
        for _ in range(keys):
            await pilot.press("x")
        return (time.perf_counter() - start) / keys


def bench_typing(runs: int = 5) -> None:
    template = default_template()

    def ours() -> float:
        with tempfile.TemporaryDirectory() as tmp:
            store = DraftStore(Path(tmp))
            draft = Draft(id="big")
            draft.metadata = {
                "title": "Big",
                "author": "Bench",
                "date": "2026-01-01",
                "status": "Draft",
            }
            draft.set_answer("summary", "summary", TEXT)
            draft.position.section = "summary"
            path = store.save(draft)
            app = TddApp(store=store, template=template, draft=draft, path=path)

            def focus(app) -> None:  # type: ignore[no-untyped-def]
                area = app.screen.query_one("TextArea")
                area.focus()
                area.move_cursor(area.document.end)

            return asyncio.run(keystroke_seconds(app, focus))

    def base() -> float:
        def focus(app) -> None:  # type: ignore[no-untyped-def]
            area = app.query_one("TextArea")
            area.focus()
            area.move_cursor(area.document.end)

        return asyncio.run(keystroke_seconds(BareTextArea(TEXT), focus))

    ours_values, base_values = interleaved(runs, ours, base)
    record(
        f"keystroke in a {len(TEXT) // 1024} KB text part, autosave on",
        ours_values,
        base_values,
        "bare App with one TextArea",
    )


def main() -> None:
    print(
        f"Python {sys.version.split()[0]}; medians over repeated runs, interleaved with the baseline\n"
    )
    bench_first_frame()
    bench_typing()
    width = max(len(r[0]) for r in ROWS)
    print(f"{'figure':<{width}}  {'tdd-tui ms':>14}  {'baseline ms':>14}  {'ratio':>6}  baseline")
    for name, ours, base, baseline in ROWS:
        a, b = statistics.median(ours), statistics.median(base)
        print(
            f"{name:<{width}}  {a * 1000:>7.1f} {spread(ours):>6}  {b * 1000:>7.1f} {spread(base):>6}  {a / b:>5.2f}x  {baseline}"
        )


if __name__ == "__main__":
    main()
