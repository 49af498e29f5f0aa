"""Keeping the garbage collector's full passes short while a draft is open."""

from __future__ import annotations

import gc


def settle_memory() -> None:
    """Set what lives as long as the open draft aside from the garbage collector.

    With a large draft open (its text, the editor's lines, a few hundred
    widgets), each full collection walked all of it: single pauses of 100 to
    250 ms while typing or saving, and of 8 to 38 ms in the middle of a switch
    between sections, growing with every section built. Frozen objects are
    still freed by reference counting; only cycles among them wait for
    release_memory. A full collection first keeps the cycles that are garbage
    already (a closed dialog, the events of the moment) from being set aside
    with them; it walks only what is not frozen yet, so run after every switch
    it takes a few milliseconds, once the section is on screen.
    """
    gc.collect()
    gc.freeze()


def release_memory() -> None:
    """The draft is being closed: its screen's objects may be collected again."""
    gc.unfreeze()
