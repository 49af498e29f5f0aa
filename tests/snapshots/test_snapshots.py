"""Snapshots of every screen at 80x24 and 120x40. Review each changed SVG before accepting it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tdd_tui.app import TddApp
from tdd_tui.catalog import default_template
from tdd_tui.draft import Draft
from tdd_tui.store import DraftStore, read_draft_file
from tests.conftest import EXAMPLE_DRAFT
from tests.ui.conftest import wait_until

SIZES = [(80, 24), (120, 40)]
FIXED = dt.datetime(2026, 1, 5, 12, 0).timestamp()


class _FrozenClock:
    @staticmethod
    def monotonic() -> float:
        return 1000.0


@pytest.fixture(autouse=True)
def _steady(monkeypatch: pytest.MonkeyPatch) -> None:
    # "saved 3 s ago" must not depend on how fast the machine is.
    monkeypatch.setattr("tdd_tui.autosave.time", _FrozenClock)
    monkeypatch.setattr("tdd_tui.widgets.save_status.time", _FrozenClock)


def app_with(tmp_path: Path, *drafts: Draft, open_first: bool = False) -> TddApp:
    store = DraftStore(tmp_path / "drafts")
    for draft in drafts:
        store.save(draft)
        os.utime(store.path_for(draft.id), (FIXED, FIXED))
    first = drafts[0] if drafts and open_first else None
    return TddApp(
        store=store,
        template=default_template(),
        open_path=store.path_for(first.id) if first else None,
    )


def sample() -> Draft:
    return read_draft_file(EXAMPLE_DRAFT)


def blank(title: str, draft_id: str) -> Draft:
    draft = Draft(id=draft_id, created="2026-01-05T12:00:00Z", updated="2026-01-05T12:00:00Z")
    draft.metadata = {
        "title": title,
        "author": "Dana Okafor",
        "date": "2026-01-05",
        "status": "Draft",
    }
    return draft


def still(pilot: Pilot[None]) -> None:
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False


def go(key: str):
    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, TddApp)
        await app.go(key)
        await pilot.pause()
        still(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_home_empty(snap_compare, tmp_path, size):
    assert snap_compare(app_with(tmp_path), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_home_with_drafts(snap_compare, tmp_path, size):
    app = app_with(tmp_path, sample(), blank("[TBD] Search index v2", "search-index-v2"))
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_details(snap_compare, tmp_path, size):
    app = app_with(tmp_path, sample(), open_first=True)
    assert snap_compare(app, terminal_size=size, run_before=go("metadata"))


@pytest.mark.parametrize("size", SIZES)
def test_section_with_lists(snap_compare, tmp_path, size):
    app = app_with(tmp_path, sample(), open_first=True)
    assert snap_compare(app, terminal_size=size, run_before=go("requirements"))


@pytest.mark.parametrize("size", SIZES)
def test_section_with_records(snap_compare, tmp_path, size):
    app = app_with(tmp_path, sample(), open_first=True)
    assert snap_compare(app, terminal_size=size, run_before=go("failure_modes"))


@pytest.mark.parametrize("size", SIZES)
def test_empty_section_with_example_shown(snap_compare, tmp_path, size):
    app = app_with(tmp_path, blank("Search index v2", "search-index-v2"), open_first=True)

    async def run_before(pilot: Pilot[None]) -> None:
        await go("summary")(pilot)
        await pilot.press("f2")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_preview(snap_compare, tmp_path, size):
    app = app_with(tmp_path, blank("Search index v2", "search-index-v2"), open_first=True)

    async def run_before(pilot: Pilot[None]) -> None:
        await go("summary")(pilot)
        await pilot.press("f5")
        await wait_until(pilot, lambda: len(pilot.app.screen.query("MarkdownH2")) == 15)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_export_dialog(snap_compare, tmp_path, size):
    app = app_with(tmp_path, blank("Search index v2", "search-index-v2"), open_first=True)

    async def run_before(pilot: Pilot[None]) -> None:
        await go("summary")(pilot)
        await pilot.press("f6")
        await pilot.pause()
        still(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_section_in_the_light_theme(snap_compare, tmp_path):
    app = app_with(tmp_path, sample(), open_first=True)

    async def run_before(pilot: Pilot[None]) -> None:
        pilot.app.theme = "textual-light"
        await go("security")(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
