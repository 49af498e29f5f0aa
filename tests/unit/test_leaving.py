"""SIGHUP and SIGTERM: the draft saved and the process ended, even with the event loop stuck."""

from __future__ import annotations

import asyncio
import os
import signal
import threading

import pytest

from tdd_tui import leaving
from tdd_tui.leaving import Leaving


@pytest.fixture
def handlers():
    """Whatever the test installs, the process's own handlers afterwards."""
    before = {s: signal.getsignal(s) for s in leaving.SIGNALS}
    yield
    for signum, handler in before.items():
        signal.signal(signum, handler)


@pytest.fixture
def exits(monkeypatch):
    ended: list[int] = []
    done = threading.Event()

    def fake_exit(code: int) -> None:
        ended.append(code)
        done.set()

    monkeypatch.setattr(leaving, "EXIT_GRACE", 0.05)
    monkeypatch.setattr(leaving.os, "_exit", fake_exit)
    return ended, done


def test_the_loop_saves_then_the_process_ends(handlers, exits):
    ended, done = exits
    happened: list[str] = []
    loop = asyncio.new_event_loop()
    try:
        Leaving(loop, lambda: happened.append("loop"), lambda: happened.append("held")).install()
        os.kill(os.getpid(), signal.SIGHUP)
        loop.run_until_complete(asyncio.sleep(0.02))
        assert done.wait(2)
    finally:
        loop.close()
    assert happened == ["loop"] and ended == [128 + signal.SIGHUP]


def test_a_stuck_loop_still_saves_what_the_session_holds_and_ends(handlers, exits):
    ended, done = exits
    happened: list[str] = []
    loop = asyncio.new_event_loop()
    try:
        Leaving(loop, lambda: happened.append("loop"), lambda: happened.append("held")).install()
        os.kill(os.getpid(), signal.SIGTERM)  # and the loop never runs again
        assert done.wait(2)
    finally:
        loop.close()
    assert happened == ["held"] and ended == [128 + signal.SIGTERM]


def test_after_the_app_has_ended_a_signal_goes_where_it_went_before(handlers):
    got: list[int] = []
    signal.signal(signal.SIGHUP, lambda signum, frame: got.append(signum))
    loop = asyncio.new_event_loop()
    Leaving(loop, lambda: None, lambda: None).install()
    loop.close()
    os.kill(os.getpid(), signal.SIGHUP)
    threading.Event().wait(0.05)  # the handlers run between bytecodes
    assert got == [signal.SIGHUP]
