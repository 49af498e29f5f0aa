"""Text that could not be saved when tdd-tui had to stop: written somewhere else, and reported.

When the last save failed (disk full, permission denied) and the app must go
now (a closed terminal, SIGTERM, or the author chose to quit anyway), the
draft is written to the first rescue folder that takes it (locations.rescue_dirs), and the next start
says where it is.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from tdd_tui import yamlio
from tdd_tui.files import atomic_write
from tdd_tui.locations import rescue_dirs

REPORTED = ".reported"


def rescue(draft_id: str, data: dict[str, object]) -> Path | None:
    """The draft's data written to a rescue folder; None if no folder would take it."""
    payload = yamlio.dump(data).encode("utf-8")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    for folder in rescue_dirs():
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            target = folder / f"{draft_id}-{stamp}.yaml"
            atomic_write(target, payload)
        except OSError:
            continue
        return target
    return None


def unreported() -> list[Path]:
    """Rescued drafts the author has not been told about yet."""
    found: list[Path] = []
    for folder in rescue_dirs():
        try:
            found += sorted(p for p in folder.iterdir() if p.suffix == ".yaml")
        except OSError:
            continue
    return found


def mark_reported(path: Path) -> None:
    """Told once: kept, renamed so it is not reported again."""
    with contextlib.suppress(OSError):
        path.rename(path.with_name(path.name + REPORTED))


def tell(path: Path) -> str:
    return (
        f"Text that could not be saved when tdd-tui last stopped is in {path}; "
        f"open it with: tdd-tui open {path}"
    )
