"""Fixtures shared by every layer: a private drafts folder, the default template, the sample draft."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tdd_tui.catalog import default_template
from tdd_tui.draft import Draft
from tdd_tui.store import DraftStore, read_draft_file
from tdd_tui.template import Template

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLE_DRAFT = ROOT / "examples" / "rate-limiting.yaml"
EXAMPLE_MARKDOWN = ROOT / "examples" / "rate-limiting.md"


@pytest.fixture(autouse=True)
def _isolated(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[None]:
    # Never touch the developer's own drafts, colours or editor.
    monkeypatch.setenv("TDD_TUI_HOME", str(tmp_path / "home-drafts"))
    monkeypatch.setenv("TDD_TUI_CONFIG", str(tmp_path / "config"))
    monkeypatch.setenv("TDD_TUI_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("TDD_TUI_STATE", str(tmp_path / "state"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("EDITOR", "true")
    monkeypatch.delenv("VISUAL", raising=False)
    # Sections are built when first shown, so a test sees only what it opened.
    # Tests marked build_ahead run with building ahead on, and soon (50 ms idle),
    # so it interleaves with what the test types.
    from tdd_tui.screens.section import SectionScreen

    ahead = request.node.get_closest_marker("build_ahead") is not None
    monkeypatch.setattr(SectionScreen, "PREBUILD_AFTER", 0.05 if ahead else None)
    yield
    gc.unfreeze()  # what an app left open at the end of a test set aside (tdd_tui.memory)


@pytest.fixture
def template() -> Template:
    return default_template()


@pytest.fixture
def store(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts")


@pytest.fixture
def sample() -> Draft:
    return read_draft_file(EXAMPLE_DRAFT)


# `pytest --hypothesis-profile=deep` for a long hunt; the default keeps make test quick.
settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile("deep", max_examples=5000, deadline=None)
settings.load_profile("default")
