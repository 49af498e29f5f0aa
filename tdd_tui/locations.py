"""Every place on disk the app knows about, in one module."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "tdd-tui"
HOME_VARIABLE = "TDD_TUI_HOME"
CONFIG_VARIABLE = "TDD_TUI_CONFIG"
CACHE_VARIABLE = "TDD_TUI_CACHE"
STATE_VARIABLE = "TDD_TUI_STATE"


def drafts_dir(override: str | None = None) -> Path:
    """--drafts-dir, else $TDD_TUI_HOME, else the platform's user data folder."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(HOME_VARIABLE)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "drafts"


def templates_dir() -> Path:
    """A team's own templates: $TDD_TUI_CONFIG/templates, else the user config folder's."""
    env = os.environ.get(CONFIG_VARIABLE)
    if env:
        return Path(env).expanduser() / "templates"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "templates"


def cache_dir() -> Path:
    """Things kept only to save time: $TDD_TUI_CACHE, else the user cache folder."""
    env = os.environ.get(CACHE_VARIABLE)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def rescue_dirs() -> list[Path]:
    """Where unsaved text goes when the app must stop and saving fails, in order of preference.

    The user state folder first, then the cache folder, then the temporary
    folder: any of them may be on another disk than a full drafts folder.
    """
    import tempfile

    last = Path(tempfile.gettempdir()) / f"tdd-tui-rescued-{os.getuid()}"
    return [state_dir() / "rescued", cache_dir() / "rescued", last]


def state_dir() -> Path:
    """What the app keeps about itself: $TDD_TUI_STATE, else the user state folder."""
    env = os.environ.get(STATE_VARIABLE)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_state_path

    return user_state_path(APP_NAME, appauthor=False)


def styles_dir() -> Path:
    """The .tcss files: inside the installed package, or styles/ in a checkout."""
    packaged = Path(__file__).parent / "styles"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "styles"


def example_draft() -> Path:
    """The complete example draft: inside the installed package, or examples/ in a checkout."""
    packaged = Path(__file__).parent / "examples" / "rate-limiting.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).parent.parent / "examples" / "rate-limiting.yaml"
