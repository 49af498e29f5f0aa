"""Leaving on SIGHUP or SIGTERM: the draft saved and the process gone, whatever the loop is doing.

A closed terminal can block Textual's event loop for good: a screen refresh
waits to hand its output to a writer thread that can no longer write to the
closed terminal. A handler registered with the event loop then never runs,
and the draft is never saved (seen when the terminal closed in the middle of
a paste typed out key by key). The handler here is Python's own, which runs
even then, as it interrupts the blocked wait. It asks the loop to save and
leave, and starts a watchdog thread: if the loop has not saved within
EXIT_GRACE, the watchdog saves the draft as the session holds it; either way
it ends the process EXIT_GRACE later.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable
from types import FrameType

EXIT_GRACE = 3.0  # seconds for the loop to save, then for Textual to shut down
SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Leaving:
    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        save_and_exit: Callable[[], None],
        save_as_held: Callable[[], None],
    ) -> None:
        self.loop = loop
        self.save_and_exit = save_and_exit  # on the loop: what the inputs show, then exit
        self.save_as_held = save_as_held  # from the watchdog: what the session holds
        self.saved = threading.Event()
        self.signalled = False
        self.before: dict[int, signal._HANDLER] = {}

    def install(self) -> None:
        for signum in SIGNALS:
            self.before[signum] = signal.signal(signum, self._handler)

    def _handler(self, signum: int, frame: FrameType | None) -> None:
        if self.loop.is_closed():  # the app has ended (a test run): as if never installed
            for number, handler in self.before.items():
                signal.signal(number, handler)
            os.kill(os.getpid(), signum)
            return
        if self.signalled:
            return
        self.signalled = True
        threading.Thread(target=self._watch, args=(signum,), daemon=True).start()
        self.loop.call_soon_threadsafe(self._on_loop)

    def _on_loop(self) -> None:
        try:
            self.save_and_exit()
        finally:
            self.saved.set()

    def _watch(self, signum: int) -> None:
        if not self.saved.wait(EXIT_GRACE):
            with contextlib.suppress(Exception):  # the last chance: nothing may stop the exit
                self.save_as_held()
        else:
            self.saved.wait()
            threading.Event().wait(EXIT_GRACE)  # Textual's own shutdown, if it can
        os._exit(128 + signum)
