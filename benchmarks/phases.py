"""Where a revisit's time goes: `python -m benchmarks.phases` (not part of `make bench`).

Wraps timers around Textual's phases (layout, compositor paint, each kind of
message) and revisits every section of the example doc twice, as the switch
benchmark does. Diagnostic only: the wrappers reach into Textual's internals,
and their own overhead is in the figures.
"""

from __future__ import annotations

import asyncio
import collections
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual._compositor import Compositor
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen

from benchmarks.inprocess import SIZE, example_on_details, painted
from tdd_tui.app import TddApp

spent: collections.Counter[str] = collections.Counter()
timing = False


def _timed(owner: type, name: str) -> None:
    original: Callable[..., Any] = getattr(owner, name)

    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not timing:
            return original(self, *args, **kwargs)
        start = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            spent[f"{owner.__name__}.{name}"] += time.perf_counter() - start

    setattr(owner, name, wrapper)


def _timed_messages() -> None:
    original = MessagePump._dispatch_message

    async def wrapper(self: MessagePump, message: Message) -> Any:
        if not timing:
            return await original(self, message)
        start = time.perf_counter()
        try:
            return await original(self, message)
        finally:
            spent[f"message {type(message).__name__}"] += time.perf_counter() - start

    MessagePump._dispatch_message = wrapper  # type: ignore[method-assign]


async def _revisits(app: TddApp, rounds: int = 3) -> tuple[float, int]:
    global timing
    total, count = 0.0, 0
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = [section.id for section in app.session.template.sections]
        for round_ in range(rounds):
            for key in keys:
                timing = round_ > 0  # the first round builds each section: not timed
                start = time.perf_counter()
                await app.go(key)
                if timing:
                    spent["app.go (our code)"] += time.perf_counter() - start
                await painted(app)
                if timing:
                    total += time.perf_counter() - start
                    count += 1
                timing = False
                await pilot.pause()
    return total, count


def main() -> None:
    _timed(Screen, "_refresh_layout")
    _timed(Screen, "_on_timer_update")
    _timed(Compositor, "render_update")
    _timed_messages()
    with tempfile.TemporaryDirectory() as tmp:
        total, count = asyncio.run(_revisits(example_on_details(Path(tmp))))
    print(f"revisit, from go() to painted: {total / count * 1000:.1f} ms (mean of {count})")
    print("time inside each phase, per revisit (phases nest: layout includes a paint):")
    for name, seconds in spent.most_common(12):
        print(f"  {name:<40} {seconds / count * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
