"""Child processes for the whole-process figures.

python -m benchmarks.children frame tdd DRAFTS | frame bare
python -m benchmarks.children memory tdd DRAFT_FILE | memory bare TEXT_FILE
python -m benchmarks.children run bare TEXT_FILE (in tmux: runs until the terminal closes)
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path


def peak_kb() -> int:
    """Peak resident memory of this process since it started (VmHWM).

    Not ru_maxrss: Linux carries that over from the parent at fork, so a child of
    a big benchmark process would report the parent's peak.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def make_app(kind: str, arg: str | None):  # type: ignore[no-untyped-def]
    if kind == "bare":
        from benchmarks.baselines import BareStatic, BareTextArea

        if arg:
            return BareTextArea(Path(arg).read_text(encoding="utf-8"))
        return BareStatic()
    from tdd_tui.app import TddApp
    from tdd_tui.catalog import default_template
    from tdd_tui.store import DraftStore

    assert arg is not None
    path = Path(arg)
    if path.is_dir():
        return TddApp(store=DraftStore(path), template=default_template())
    return TddApp(store=DraftStore(path.parent), template=default_template(), open_path=path)


def main() -> None:
    terminal = "--terminal" in sys.argv
    argv = [a for a in sys.argv if a != "--terminal"]
    what, kind = argv[1], argv[2]
    arg = argv[3] if len(argv) > 3 else None
    app = make_app(kind, arg)

    async def first_frame(pilot) -> None:  # type: ignore[no-untyped-def]
        if what == "memory":
            await pilot.pause()
            Path(argv[4]).write_text(str(peak_kb()))
        pilot.app.exit()

    if what == "run":  # in a real terminal, until it is closed (benchmarks/terminal.py)
        app.run()
    elif terminal:
        app.run(auto_pilot=first_frame)
    else:
        app.run(headless=True, auto_pilot=first_frame, size=(120, 40))


if __name__ == "__main__":
    main()
