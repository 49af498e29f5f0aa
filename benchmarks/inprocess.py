"""Figures measured inside one process: typing, moving between sections, saving, exporting."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import TextArea

from benchmarks.baselines import BareTextArea
from benchmarks.data import ROOT, TEXT_1MB, TEXT_200KB, big_draft, goals, long_list_draft
from benchmarks.mirror import FloorApp, MirrorApp, Node, frame, snapshot
from benchmarks.runner import ROWS, Row, interleaved
from tdd_tui import yamlio
from tdd_tui.app import TddApp
from tdd_tui.catalog import default_template
from tdd_tui.list_text import text_of
from tdd_tui.markdown import export_markdown, section_blocks
from tdd_tui.screens.section import SectionScreen
from tdd_tui.store import DraftStore, read_draft_file

SIZE = (120, 40)


def _open(store_dir: Path, text: str) -> TddApp:
    store = DraftStore(store_dir)
    draft = big_draft(text)
    path = store.save(draft)
    return TddApp(store=store, template=default_template(), open_path=path)


async def _keystroke(app: App[Any], keys: int = 60) -> float:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.pause()
        start = time.perf_counter()
        for _ in range(keys):
            await pilot.press("x")
        return (time.perf_counter() - start) / keys


def keystroke(runs: int) -> None:
    def ours() -> float:
        with tempfile.TemporaryDirectory() as tmp:
            return asyncio.run(_keystroke(_open(Path(tmp), TEXT_200KB)))

    def base() -> float:
        return asyncio.run(_keystroke(BareTextArea(TEXT_200KB)))

    a, b = interleaved(runs, ours, base)
    ROWS.append(
        Row(
            "keystroke in a text part holding 200 KB, autosave on",
            a,
            b,
            "bare App, one TextArea, same text",
            "≤ 1.10x",
            1.10,
        )
    )


async def painted(app: App[Any]) -> None:
    """Wait until the screen on show has handled what is queued, then paint it.

    Pilot.pause does more: it waits on every widget of the screen, shown or not
    (about 0.15 ms each here, 90 ms for the 600 widgets of 15 visited sections),
    and then until the process is idle, which includes the autosave a switch
    starts in a thread. Neither is time a user waits to see the section.
    """
    screen = app.screen
    widgets: list[Any] = [app, screen]
    stack = list(screen.children)
    while stack:
        widget = stack.pop()
        if widget.display:
            widgets.append(widget)
            stack.extend(widget.children)
    pending = len(widgets)
    done = asyncio.Event()

    def handled() -> None:
        nonlocal pending
        pending -= 1
        if pending == 0:
            done.set()

    for widget in widgets:
        if not widget.call_later(handled):
            handled()
    await done.wait()
    screen._on_timer_update()  # lay out and paint now, as Pilot does, not on the next tick


async def _switches(
    app: TddApp, *, built_ahead: bool
) -> tuple[list[float], list[float], tuple[list[Node], dict[str, Node]], dict[str, str]]:
    """Each section in turn, twice: first visits, then revisits; and what each showed
    (for the stock Textual mirror) and its Markdown (for the one-TextArea floor).

    built_ahead: first wait, as a user reading the screen would, until every
    section has been built in idle time; otherwise the first visit builds it.
    """
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SectionScreen)
        if built_ahead:
            while len(screen.bodies) < len(app.session.keys) or not all(
                body.built for body in screen.bodies.values()
            ):
                await pilot.pause(0.1)
        keys = [s.id for s in app.session.template.sections]
        first = await _visits(app, pilot, keys)
        again = await _visits(app, pilot, keys)
        nodes = {key: snapshot(screen.bodies[key]) for key in keys}
        around = frame(screen, screen.query_one("#content"))
        draft = app.session.draft
        texts = {s.id: "\n\n".join(section_blocks(s, draft)) for s in app.session.template.sections}
    return first, again, (around, nodes), texts


async def _visits(
    app: TddApp | MirrorApp | FloorApp, pilot: Pilot[None], keys: list[str], reading: float = 0
) -> list[float]:
    """Each section in turn, timed from asking to painted. reading: seconds to wait before
    each, as a user reading the last one; without it, what a switch started (autosave,
    review) runs untimed after it."""
    times: list[float] = []
    for key in keys:
        if reading:
            await asyncio.sleep(reading)
        start = time.perf_counter()
        await app.go(key)
        await painted(app)
        times.append(time.perf_counter() - start)
        if not reading:
            await pilot.pause()
    return times


async def _baseline(
    app: MirrorApp | FloorApp, keys: list[str], *, ahead: bool = False
) -> tuple[list[float], list[float]]:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if ahead and isinstance(app, MirrorApp):
            await app.build_ahead()
            await pilot.pause()
        return await _visits(app, pilot, keys), await _visits(app, pilot, keys)


def example_on_details(store_dir: Path) -> TddApp:
    """The example doc, opened on its Details: each of the 15 sections is a first visit."""
    store = DraftStore(store_dir)
    draft = read_draft_file(ROOT / "examples" / "rate-limiting.yaml")
    draft.position.section = "metadata"
    draft.position.part = None
    path = store.save(draft)
    return TddApp(store=store, template=default_template(), open_path=path)


def section_switch(runs: int) -> None:
    """Switches against stock Textual showing the same widgets (the app's own cost) and
    against one TextArea per section (the floor), run for run."""
    rows: dict[str, list[float]] = {
        name: []
        for name in (
            "cold",
            "ahead",
            "again",
            "mirror",
            "mirror ahead",
            "mirror again",
            "floor",
            "floor again",
        )
    }
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            first, again, (around, nodes), texts = asyncio.run(
                _switches(example_on_details(Path(tmp)), built_ahead=False)
            )
        with tempfile.TemporaryDirectory() as tmp:
            ahead, _, _, _ = asyncio.run(_switches(example_on_details(Path(tmp)), built_ahead=True))
        keys = list(nodes)
        mirror, mirror_again = asyncio.run(_baseline(MirrorApp(around, nodes), keys))
        mirror_ahead, _ = asyncio.run(_baseline(MirrorApp(around, nodes), keys, ahead=True))
        floor, floor_again = asyncio.run(_baseline(FloorApp(texts), keys))
        for name, times in (
            ("cold", first),
            ("ahead", ahead),
            ("again", again),
            ("mirror", mirror),
            ("mirror ahead", mirror_ahead),
            ("mirror again", mirror_again),
            ("floor", floor),
            ("floor again", floor_again),
        ):
            rows[name].append(statistics.median(times))
    same = "stock Textual, the same widgets"
    ROWS.append(
        Row(
            "first visit to a section, nothing built ahead (median of 15)",
            rows["cold"],
            rows["mirror"],
            same,
            "≤ 1.1x",
            1.1,
        )
    )
    ROWS.append(
        Row(
            "first visit to a section, built in idle time (median of 15)",
            rows["ahead"],
            rows["mirror ahead"],
            same + ", built ahead",
            "≤ 1.1x",
            1.1,
        )
    )
    ROWS.append(
        Row(
            "back to a visited section (median of 15)",
            rows["again"],
            rows["mirror again"],
            same + ", shown before",
            "≤ 1.1x",
            1.1,
        )
    )
    ROWS.append(
        Row(
            "first visit, nothing built ahead, against the floor",
            rows["cold"],
            rows["floor"],
            "one TextArea per section, its Markdown",
        )
    )
    ROWS.append(
        Row(
            "back to a visited section, against the floor",
            rows["again"],
            rows["floor again"],
            "one TextArea per section, shown before",
        )
    )


async def _paced(app: TddApp, reading: float) -> list[float]:
    """As a user moves through a new doc: each section read for `reading` seconds, then
    the next one asked for (a first visit, however far building ahead has got)."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = [s.id for s in app.session.template.sections]
        return await _visits(app, pilot, keys, reading)


def paced_switch(runs: int) -> None:
    """The 90th percentile of first visits a second apart, the way a user reads."""
    ours: list[float] = []
    for _ in range(max(2, runs // 2)):
        with tempfile.TemporaryDirectory() as tmp:
            times = asyncio.run(_paced(example_on_details(Path(tmp)), 1.0))
        ours.append(statistics.quantiles(times, n=10)[-1])
    ROWS.append(
        Row(
            "first visit to each section, a second apart (p90 of 15)",
            ours,
            None,
            "-",
            "< 100 ms (instant)",
            0.1,
        )
    )


async def _list_visit(count: int) -> float:
    """First visit to the Goals section, its goals a list of count items."""
    with tempfile.TemporaryDirectory() as tmp:
        store = DraftStore(Path(tmp))
        draft = long_list_draft(count)
        draft.position.section = "summary"
        draft.position.part = None
        app = TddApp(store=store, template=default_template(), open_path=store.save(draft))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            start = time.perf_counter()
            await app.go("goals")
            await painted(app)
            return time.perf_counter() - start


async def _bare_list(count: int) -> float:
    """A bare App mounting one TextArea holding the same lines, focused, until painted."""
    app: App[None] = App()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        area = TextArea(text_of(goals(count)), soft_wrap=True)
        await app.screen.mount(area)
        area.focus()
        await painted(app)
        return time.perf_counter() - start


def long_list(runs: int) -> None:
    """A section holding a list of 500 and of 20,000 items, shown for the first time (nothing
    built ahead), against a bare App showing one TextArea holding the same lines."""
    before = SectionScreen.PREBUILD_AFTER
    SectionScreen.PREBUILD_AFTER = None
    try:
        for count in (500, 20_000):
            ours, base = interleaved(
                runs if count <= 500 else max(2, runs // 2),
                lambda count=count: asyncio.run(_list_visit(count)),
                lambda count=count: asyncio.run(_bare_list(count)),
            )
            ROWS.append(
                Row(
                    f"first visit to a section holding a list of {count:,} items",
                    ours,
                    base,
                    "bare App, one TextArea, the same lines",
                    "≤ 2x",
                    2.0,
                )
            )
    finally:
        SectionScreen.PREBUILD_AFTER = before


async def _stall(app: TddApp) -> float:
    """The longest the event loop is held while a 1 MB draft saves."""
    worst = 0.0
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        autosave = app.session.autosave
        assert autosave is not None
        loop_busy: list[float] = []
        original: Callable[[], None] = autosave._start_save

        def timed_start() -> None:  # the part of a save that runs on the loop
            start = time.perf_counter()
            original()
            loop_busy.append(time.perf_counter() - start)

        autosave._start_save = timed_start  # type: ignore[method-assign]
        for _ in range(3):
            app.session.draft.set_answer(
                "summary", "summary", app.session.draft.answer("summary", "summary") + "x"
            )
            app.session.autosave.changed()
            autosave.state.dirty = True
            timed_start()
            last = time.perf_counter()
            while autosave.state.saving:
                await asyncio.sleep(0)
                now = time.perf_counter()
                worst = max(worst, now - last)
                last = now
        worst = max(worst, *loop_busy)
    return worst


def autosave_stall(runs: int) -> None:
    values = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            values.append(asyncio.run(_stall(_open(Path(tmp), TEXT_1MB))))
    ROWS.append(
        Row("longest event-loop stall during a 1 MB autosave", values, None, "-", "< 16 ms", 0.016)
    )


def export_and_load(runs: int) -> None:
    template = default_template()
    with tempfile.TemporaryDirectory() as tmp:
        path = DraftStore(Path(tmp)).save(big_draft(TEXT_1MB))
        draft = read_draft_file(path)

        def timed(work: Callable[[], object]) -> float:
            start = time.perf_counter()
            work()
            return time.perf_counter() - start

        def c_loader() -> float:
            return timed(
                lambda: yaml.load(path.read_text(encoding="utf-8"), Loader=yamlio.SafeLoader)
            )

        load, base = interleaved(runs, lambda: timed(lambda: read_draft_file(path)), c_loader)
        export, base2 = interleaved(
            runs, lambda: timed(lambda: export_markdown(template, draft)), c_loader
        )
    ROWS.append(Row("load a 1 MB draft (checks included)", load, base, "yaml C loader, same file"))
    ROWS.append(Row("export a 1 MB draft to Markdown", export, base2, "yaml C loader, same file"))
    fences(runs)


def fences(runs: int) -> None:
    """Export time with 16,000 code fences against 1,000: linear means about 16x."""
    from tdd_tui.draft import Draft

    template = default_template()

    def fenced(count: int) -> Draft:
        draft = Draft(id="fences")
        text = "\n\n".join(f"Step {i}\n\n```\ncode {i}\n```" for i in range(count))
        draft.set_answer("architecture", "overview", text)
        return draft

    many, few = fenced(16_000), fenced(1_000)

    def timed(draft: Draft) -> float:
        start = time.perf_counter()
        export_markdown(template, draft)
        return time.perf_counter() - start

    a, b = interleaved(runs, lambda: timed(many), lambda: timed(few))
    ROWS.append(
        Row(
            "export a part holding 16,000 code fences",
            a,
            b,
            "the same with 1,000 fences (16x the text)",
            "≤ 24x (linear)",
            24.0,
        )
    )


async def _preview(app: TddApp) -> tuple[float, float, float]:
    """A first visit to a section, then F5 on the example doc: its first screen, then all of it."""
    from tdd_tui.screens.preview import PreviewScreen

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await app.go("architecture")
        await painted(app)
        switch = time.perf_counter() - start
        await pilot.pause()
        start = time.perf_counter()
        app.action_preview()
        await pilot.pause(0)
        await painted(app)
        first = time.perf_counter() - start
        screen = app.screen
        assert isinstance(screen, PreviewScreen)
        while not screen.done:
            await asyncio.sleep(0.01)
        whole = time.perf_counter() - start
    return first, whole, switch


def preview(runs: int) -> None:
    firsts: list[float] = []
    wholes: list[float] = []
    switches: list[float] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            first, whole, switch = asyncio.run(_preview(example_on_details(Path(tmp))))
        firsts.append(first)
        wholes.append(whole)
        switches.append(switch)
    ROWS.append(
        Row(
            "preview (F5) of the example doc, its first screen",
            firsts,
            switches,
            "switch to a section, first visit, same app",
            "reported",
        )
    )
    ROWS.append(
        Row("preview (F5) of the example doc, its first screen", firsts, None, "-", "< 500 ms", 0.5)
    )
    ROWS.append(
        Row(
            "preview of the example doc, every section shown (in the background)", wholes, None, "-"
        )
    )
