"""Autosave: every edit reaches disk soon after the user pauses, without stalling typing.

The Draft is snapshotted on the event loop (cheap: plain dicts), then turned
into YAML and written on a thread. A save that fails keeps the draft in memory,
says why, and is retried.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tdd_tui.draft import Draft, is_empty, now
from tdd_tui.draft_file import Stamp
from tdd_tui.store import DraftChanged, DraftStore, StoreError

PAUSE = 0.8  # seconds of quiet before a save
LONGEST_WAIT = 1.5  # continuous typing still saves this often
RETRY = 5.0
EMPTIED = "the whole document is empty, so it was not saved over the last version (ctrl+s saves it anyway)"


@dataclass
class SaveState:
    """What the save-status line shows."""

    dirty: bool = False
    saving: bool = False
    saved_at: float | None = None
    error: str | None = None
    read_only: bool = False
    # The file was saved by someone else since this window read or wrote it:
    # nothing more is written until the author chooses which version to keep.
    conflict: str | None = None


@contextlib.contextmanager
def _yielding_often() -> Iterator[None]:
    """While a save thread works, Python hands the GIL back to the UI within 1 ms.

    At the default 5 ms, the UI waited out the thread twice per loop iteration
    while a big draft was written. Only while saving: process-wide at all times,
    it slowed the first frame by about a tenth (Textual's own threads switch more).
    """
    previous = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


class Autosave:
    """Debounced, off-loop saving of one draft to one path."""

    def __init__(
        self,
        store: DraftStore,
        draft: Draft,
        path: Path,
        *,
        set_timer: Callable[[float, Callable[[], None]], Any],
        run_in_thread: Callable[[Callable[[], None]], Any],
        call_on_loop: Callable[..., Any],
        on_change: Callable[[SaveState], None],
        stamp: Stamp | bool | None = True,
    ) -> None:
        """stamp: the version of the file the draft was read from (True: do not check)."""
        self.store = store
        self.draft = draft
        self.path = path
        self.stamp = stamp  # the file as this window last read or wrote it
        self.state = SaveState(saved_at=time.monotonic())
        self._set_timer = set_timer
        self._run_in_thread = run_in_thread
        self._call_on_loop = call_on_loop
        self._on_change = on_change
        self._timer: Any = None  # the pause: moved on by every edit
        self._deadline: Any = None  # set by the first unsaved edit, never moved by later ones
        self._pending = False
        self._write_lock = threading.Lock()
        self._generation = 0
        self._moved = False
        self._had_content = not is_empty(draft)
        self._snapshots = 0  # numbers each snapshot, so an older one never lands after a newer one
        self._written = 0

    # -- called by the UI ------------------------------------------------

    def changed(self) -> None:
        """The draft was edited: save once the user pauses (or at the latest in LONGEST_WAIT)."""
        self._generation += 1
        if not self.state.dirty:
            self.state.dirty = True
            self._on_change(self.state)
        if self._deadline is None:
            # Edits that never pause (a paste the terminal types out key by key) would
            # move the pause timer on for ever: this one they cannot move.
            self._deadline = self._set_timer(LONGEST_WAIT, self._start_save)
        self._schedule(PAUSE)

    def moved(self) -> None:
        """Only the position changed: written with the next save, or on leaving, quietly."""
        self._moved = True

    def save_soon(self) -> None:
        """Leaving a screen: start the write now, off the event loop."""
        if self.state.dirty or self._moved:
            self._schedule(0)

    def flush(self, *, even_if_empty: bool = False) -> bool:
        """Save now, on the calling thread (leaving a screen, quitting). True if on disk."""
        self._cancel_timer()
        if self.state.conflict:
            return False
        if self.state.read_only or not (self.state.dirty or self._moved):
            return not self.state.dirty
        if self._emptied() and not even_if_empty:
            return False
        data, generation, number, moved_only = self._snapshot()
        self._write(data, generation, number, moved_only)
        return not self.state.dirty

    # -- internals -------------------------------------------------------

    def _emptied(self) -> bool:
        """The whole document became empty: never autosave that over what was written."""
        if not (self._had_content and is_empty(self.draft)):
            return False
        self.state.error = EMPTIED
        self._on_change(self.state)
        return True

    def _schedule(self, delay: float) -> None:
        """(Re)start the pause timer; the deadline, if set, stays where it is."""
        if self._timer is not None:
            self._timer.stop()
        # Textual timers divide by their interval: never ask for zero.
        self._timer = self._set_timer(max(delay, 0.01), self._start_save)

    def _cancel_timer(self) -> None:
        for timer in (self._timer, self._deadline):
            if timer is not None:
                timer.stop()
        self._timer = self._deadline = None

    def _snapshot(self) -> tuple[dict[str, Any], int, int, bool]:
        """The draft to write, its edit count, its number, and whether only the position moved."""
        self._moved = False
        self._snapshots += 1
        moved_only = not self.state.dirty
        if not moved_only:
            self.draft.updated = now()
        return self.draft.to_data(), self._generation, self._snapshots, moved_only

    def overwrite(self) -> bool:
        """The author chose this window's text over the other version: write it now."""
        from tdd_tui.draft_file import disk_stamp

        with self._write_lock:
            self.stamp = disk_stamp(self.path)  # theirs is in the history already
        self.state.conflict = None
        self.state.dirty = True
        return self.flush(even_if_empty=True)

    def stop(self) -> None:
        """This window's text is not to be written here any more: it was kept elsewhere."""
        self._cancel_timer()
        self.state.read_only = True
        self.state.conflict = None
        self.state.dirty = False
        self._moved = False

    def _start_save(self) -> None:
        self._cancel_timer()  # whichever fired, the pause or the deadline: the other is moot
        if self.state.conflict:
            return
        if self.state.read_only or not (self.state.dirty or self._moved):
            return
        if self._emptied():
            return
        if self.state.saving:
            self._pending = True
            return
        data, generation, number, quiet = self._snapshot()  # quiet: no "saving…" flash
        self.state.saving = True
        # The write starts before the screen is told: nothing the screen does (it may
        # be closing) can stop a save. The thread reports back through the loop, so
        # "saving…" is still shown before "saved".
        self._run_in_thread(lambda: self._write(data, generation, number, quiet, from_thread=True))
        if not quiet:
            self._on_change(self.state)

    def _write(
        self,
        data: dict[str, Any],
        generation: int,
        number: int,
        moved_only: bool,
        *,
        from_thread: bool = False,
    ) -> None:
        error: str | None = None
        conflict: str | None = None
        with self._write_lock:
            # A thread that starts late must not put an older snapshot over a newer one
            # (a flush on quit can overtake a save that is still waiting for its thread).
            if number > self._written:
                try:
                    with _yielding_often() if from_thread else contextlib.nullcontext():
                        self.stamp = self.store.write_data(
                            data,
                            self.path,
                            in_thread=from_thread,
                            expect=self.stamp,
                            position_only=moved_only,
                        )
                    self._written = number
                except DraftChanged as exc:
                    conflict = error = str(exc)
                except StoreError as exc:
                    error = str(exc)
        if from_thread:
            self._call_on_loop(self._finished, generation, error, False, conflict)
        else:
            self._finished(generation, error, saving=self.state.saving, conflict=conflict)

    def _finished(
        self,
        generation: int,
        error: str | None,
        saving: bool = False,
        conflict: str | None = None,
    ) -> None:
        self.state.saving = saving
        if conflict is not None:
            self.state.conflict = conflict  # no retry: the author chooses first
            self.state.error = None
            self._pending = False
            self._on_change(self.state)
            return
        if error is None:
            self.state.error = None
            self.state.saved_at = time.monotonic()
            if generation == self._generation:
                self.state.dirty = False
        else:
            self.state.error = error
            self._schedule(RETRY)
        self._on_change(self.state)
        if self._pending and not self.state.saving:
            self._pending = False
            if self.state.dirty:
                self._schedule(0)
