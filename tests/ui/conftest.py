"""Helpers for driving the real app with Pilot against a private drafts folder."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tdd_tui.app import TddApp
from tdd_tui.draft import Draft
from tdd_tui.screens.section import SectionScreen
from tdd_tui.store import DraftStore, read_draft_file
from tdd_tui.template import Template

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _fixed_author(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tdd_tui.author.default_author", lambda: "Test Author")


def make_app(store: DraftStore, template: Template, draft: Draft | None = None) -> TddApp:
    path = store.save(draft) if draft is not None else None
    return TddApp(store=store, template=template, open_path=path)


@contextlib.asynccontextmanager
async def editing(
    store: DraftStore, template: Template, draft: Draft, section: str
) -> AsyncIterator[tuple[TddApp, Pilot[None], SectionScreen]]:
    """The real app, open on one section of draft and settled: (app, pilot, editor screen)."""
    draft.position.section = section
    app = make_app(store, template, draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SectionScreen)
        yield app, pilot, screen


async def wait_until(
    pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 5.0
) -> None:
    """Let the app run until condition holds (autosave works on timers and a thread)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)


def on_disk(store: DraftStore, draft_id: str) -> Draft:
    return read_draft_file(store.path_for(draft_id))


def saved(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def notes(app: TddApp) -> list[str]:
    """Every notification the app shows from now on, as its text (Textual's own list is private)."""
    shown: list[str] = []
    real = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        shown.append(str(message))
        real(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return shown
