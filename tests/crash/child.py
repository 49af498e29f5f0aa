"""A real tdd-tui in a child process, typing without pause into the summary.

`python -m tests.crash.child DRAFTS_DIR [naive|atomic] [crash-after-N]`
Prints "N <monotonic time>" after each keystroke, so the parent knows what
had been typed when it killed the process. `naive` swaps the atomic writer
for an in-place, chunked one: the control that the harness must catch.
`crash-after-N` raises inside a key handler after N keys.

For the harness's scenarios: $CRASH_TEXT types another text, $CRASH_TEMPLATE
opens the draft with that template file only, and $CRASH_FAIL_WRITES=1 makes
every save of the draft fail as a full disk would.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from tdd_tui import store as store_module
from tdd_tui.app import TddApp
from tdd_tui.catalog import default_template
from tdd_tui.cli_commands import run_app
from tdd_tui.store import DraftStore

TEXT = "The limiter checks every request. "


def prefill() -> str:
    """The text already in the part: ~20 KB, so every write takes a while.

    $CRASH_PREFILL_REPEAT makes it larger (100000: 3.4 MB), $CRASH_PREFILL_BREAK
    ends each sentence with a line break instead of a space.
    """
    sentence = "Earlier paragraph, already saved." + os.environ.get("CRASH_PREFILL_BREAK", " ")
    return sentence * int(os.environ.get("CRASH_PREFILL_REPEAT", "600"))


PREFILL = prefill()


def naive_write(path: Path, data: bytes, mode: int = 0o600, **options: object) -> None:
    with open(path, "wb") as handle:  # truncates first: the old file is gone at once
        for start in range(0, len(data), 256):
            handle.write(data[start : start + 256])
            handle.flush()
            time.sleep(0.002)  # a slow disk: the window a crash can land in


def main() -> None:
    root = Path(sys.argv[1])
    mode = sys.argv[2] if len(sys.argv) > 2 else "atomic"
    crash_after = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    if mode == "naive":
        store_module.atomic_write = naive_write  # type: ignore[assignment]
    store = DraftStore(root)
    template = default_template()
    text = os.environ.get("CRASH_TEXT") or TEXT
    catalog = None
    if os.environ.get("CRASH_TEMPLATE"):
        from tdd_tui.catalog import TemplateCatalog
        from tdd_tui.template_reader import load_template

        catalog = TemplateCatalog.of(load_template(os.environ["CRASH_TEMPLATE"]))
    _, path = store.load("crash")
    if os.environ.get("CRASH_FAIL_WRITES"):
        from tdd_tui.store import StoreError

        def disk_full(data, target, **options):  # type: ignore[no-untyped-def]
            raise StoreError("could not save crash.yaml: the disk is full; free some space")

        store.write_data = disk_full  # type: ignore[method-assign]
    app = TddApp(store=store, template=template, catalog=catalog, open_path=path)

    stopping = []
    real_exit = app.exit

    def exit_and_stop_typing(*args, **kwargs):  # type: ignore[no-untyped-def]
        stopping.append(True)  # a signal asked the app to go: the typist stops too
        real_exit(*args, **kwargs)

    app.exit = exit_and_stop_typing  # type: ignore[method-assign]

    async def typist(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        typed = 0
        while not stopping:
            await pilot.press(
                text[typed % len(text)] if text[typed % len(text)] != " " else "space"
            )
            typed += 1
            os.write(1, f"{typed} {time.monotonic()}\n".encode())
            if crash_after and typed == crash_after:
                raise RuntimeError("a bug inside a handler")

    run_app(app, headless=True, auto_pilot=typist, size=(100, 30))


if __name__ == "__main__":
    main()
