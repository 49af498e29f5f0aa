"""Keeping the garbage collector's full passes short while a draft is open."""

from __future__ import annotations

import gc


def settle_memory() -> None:
    """Set what lives as long as the open draft aside from the garbage collector.

    With a large draft open (its text, the editor's lines, a few hundred
    widgets), each full collection walked all of it: single pauses of 100 to
    250 ms while typing or saving. Frozen objects are still freed by reference
    counting; only cycles among them wait for release_memory. A young
    collection first (a few ms) keeps the short-lived cycles of the moment,
    dialogs and events, from being set aside with them.
    """
    gc.collect(1)
    gc.freeze()


def release_memory() -> None:
    """The draft is being closed: its screen's objects may be collected again."""
    gc.unfreeze()
