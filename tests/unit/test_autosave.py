"""Autosave's ordering and retry rules, with a fake clock and threads run by hand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tdd_tui.autosave import LONGEST_WAIT, Autosave
from tdd_tui.draft import Draft
from tdd_tui.store import DraftStore, StoreError, read_draft_file


class Timer:
    def __init__(self, callback: Callable[[], None], due: float = 0.0) -> None:
        self.callback = callback
        self.due = due
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True


class Harness:
    """Timers and threads that run only when the test says so."""

    def __init__(self, store: DraftStore, draft: Draft) -> None:
        self.timers: list[Timer] = []
        self.threads: list[Callable[[], None]] = []
        self.states: list[Any] = []
        self.path = store.save(draft)
        self.autosave = Autosave(
            store,
            draft,
            self.path,
            set_timer=self.set_timer,
            run_in_thread=self.threads.append,
            call_on_loop=lambda fn, *args: fn(*args),
            on_change=self.states.append,
        )

    def set_timer(self, delay: float, callback: Callable[[], None]) -> Timer:
        timer = Timer(callback, self.now + delay)
        self.timers.append(timer)
        return timer

    now = 0.0  # the fake clock: advance() moves it and fires what fell due

    def advance(self, seconds: float) -> None:
        self.now += seconds
        for timer in [t for t in self.timers if not t.stopped and t.due <= self.now]:
            timer.stopped = True
            timer.callback()

    def fire_timers(self) -> None:
        for timer in [t for t in self.timers if not t.stopped]:
            timer.stopped = True
            timer.callback()


def test_a_late_thread_never_overwrites_a_newer_flush(store, template):
    draft = store.create(template, "Order")
    h = Harness(store, draft)
    draft.set_answer("summary", "summary", "old")
    h.autosave.changed()
    h.fire_timers()  # snapshot "old" taken, its thread has not started yet
    assert len(h.threads) == 1
    draft.set_answer("summary", "summary", "new")
    h.autosave.changed()
    assert h.autosave.flush()  # quit: "new" written on the spot
    h.threads.pop()()  # the late thread finally runs
    assert read_draft_file(h.path).answer("summary", "summary") == "new"


def test_a_failed_save_keeps_the_draft_dirty_and_retries(store, template, monkeypatch):
    draft = store.create(template, "Retry")
    h = Harness(store, draft)
    real = store.write_data
    monkeypatch.setattr(
        store,
        "write_data",
        lambda data, path, **options: (_ for _ in ()).throw(StoreError("disk full")),
    )
    draft.set_answer("summary", "summary", "keep me")
    h.autosave.changed()
    h.fire_timers()
    h.threads.pop()()
    assert h.autosave.state.dirty and h.autosave.state.error == "disk full"
    monkeypatch.setattr(store, "write_data", real)
    h.fire_timers()  # the retry timer
    h.threads.pop()()
    assert not h.autosave.state.dirty and h.autosave.state.error is None
    assert read_draft_file(h.path).answer("summary", "summary") == "keep me"


def test_edits_during_a_save_are_saved_after_it(store, template):
    draft = store.create(template, "Pending")
    h = Harness(store, draft)
    draft.set_answer("summary", "summary", "first")
    h.autosave.changed()
    h.fire_timers()
    draft.set_answer("summary", "summary", "second")
    h.autosave.changed()
    h.fire_timers()  # a save is in flight: this one waits
    assert len(h.threads) == 1
    h.threads.pop()()
    assert h.autosave.state.dirty  # "second" is not on disk yet
    h.fire_timers()
    h.threads.pop()()
    assert read_draft_file(h.path).answer("summary", "summary") == "second"
    assert not h.autosave.state.dirty


def test_edits_that_never_pause_still_reach_disk_every_longest_wait(store, template):
    # Edits faster than the shortest timer (a paste typed out key by key): every 5 ms, 4 s.
    draft = store.create(template, "Flood")
    h = Harness(store, draft)
    saved_at: list[float] = []
    text = ""
    while h.now < 4.0:
        text += "x"
        draft.set_answer("summary", "summary", text)
        h.autosave.changed()
        h.advance(0.005)
        while h.threads:  # a save started: its thread runs at once
            saved_at.append(h.now)
            h.threads.pop()()
    assert saved_at, "nothing was saved in 4 s of edits"
    gaps = [b - a for a, b in zip([0.0, *saved_at], saved_at, strict=False)]
    assert max(gaps) <= LONGEST_WAIT + 0.01
    assert len(read_draft_file(h.path).answer("summary", "summary")) > len(text) - 400


def test_moving_alone_saves_quietly(store, template):
    draft = store.create(template, "Quiet")
    h = Harness(store, draft)
    draft.position.section = "goals"
    h.autosave.moved()
    assert not h.autosave.state.dirty
    assert h.autosave.flush()
    assert read_draft_file(h.path).position.section == "goals"
