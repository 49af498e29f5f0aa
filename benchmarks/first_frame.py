"""Child process: start an app headless, exit at its first frame. `python -m benchmarks.first_frame tdd|bare`."""

from __future__ import annotations

import sys


def main() -> None:
    which = sys.argv[1]
    if which == "bare":
        from benchmarks.baselines import BareStatic

        app = BareStatic()
    else:
        from pathlib import Path

        from tdd_tui.app import TddApp
        from tdd_tui.store import DraftStore
        from tdd_tui.template import default_template

        app = TddApp(store=DraftStore(Path(sys.argv[2])), template=default_template())

    async def first_frame(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.exit()

    app.run(headless=True, auto_pilot=first_frame, size=(120, 40))


if __name__ == "__main__":
    main()
