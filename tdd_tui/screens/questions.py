"""The questions the app asks before text could be lost, and what each answer does.

Before leaving a draft whose last save failed: stay, write a copy to another
folder, or leave anyway (the text then goes to the rescue folder). When a save
finds the draft changed on disk: take theirs, keep mine, or keep both.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tdd_tui.screens.choose import Answer, Choose
from tdd_tui.screens.dialogs import AskText
from tdd_tui.screens.home import HomeScreen
from tdd_tui.store import StoreError

if TYPE_CHECKING:
    from tdd_tui.app import TddApp
    from tdd_tui.session import EditorSession


def ask_before_leaving(app: TddApp, leaving: str, leave: Callable[[], object]) -> None:
    """The last save failed: stay, write a copy to another folder, or leave anyway."""
    session = app.session
    assert session is not None

    async def copy_to(folder: str | None) -> None:
        if not folder:
            return
        try:
            where = session.write_copy(Path(folder).expanduser())
        except StoreError as exc:
            app.notify(str(exc), severity="error", timeout=10)
            return
        app.notify(f"Your text is saved as {where}", timeout=10)

    async def chosen(answer: str | None) -> None:
        if answer == "copy":
            app.push_screen(
                AskText(
                    "Write a copy",
                    "A folder on another disk that can be written (your drafts folder "
                    "cannot be, right now).",
                    placeholder="e.g. /tmp or ~/Desktop",
                    required="Type a folder.",
                    ok="Write the copy",
                ),
                copy_to,
            )
        elif answer == "leave":
            result = leave()
            if asyncio.iscoroutine(result):
                await result

    app.push_screen(
        Choose(
            "Your last changes are not saved",
            f"{session.unsaved()}\n\nStay, and saving is retried; or write a copy of the "
            f"draft to another folder; or {leaving.lower()} anyway, and the text is written "
            "to a rescue folder that the next start tells you about.",
            [
                Answer("stay", "Stay", "s"),
                Answer("copy", "Write a copy", "c"),
                Answer("leave", f"{leaving} anyway", "q"),
            ],
        ),
        chosen,
    )


def ask_which_version(app: TddApp) -> None:
    """Someone else saved the draft: which version to keep (nothing is written until then)."""
    session = app.session
    if session is None or not session.conflict or app._asking:
        return
    app._asking = True

    async def chosen(answer: str | None) -> None:
        app._asking = False
        if app.session is session:
            await _resolve(app, session, answer)

    app.push_screen(
        Choose(
            "This draft changed on disk",
            f"{session.path.name} was saved by someone else since this window read it "
            "(another window, a hand edit, a git pull). Their version is kept in the "
            "history; nothing has been written over it.\n\n"
            "Take theirs: reload their version (yours goes to the history).\n"
            "Keep mine: write yours over it.\n"
            "Keep both: yours becomes a new draft; the file keeps theirs.\n"
            "Escape: decide later (ctrl+s asks again; nothing is written until then).",
            [
                Answer("theirs", "Take theirs", "t"),
                Answer("mine", "Keep mine", "m"),
                Answer("both", "Keep both", "b"),
            ],
        ),
        chosen,
    )


async def _resolve(app: TddApp, session: EditorSession, answer: str | None) -> None:
    key = app.current_key()
    try:
        if answer == "mine":
            app.commit()
            if session.keep_mine():
                app.notify("Your version is saved; theirs is in the history (h on home).")
            return
        if answer == "theirs":
            session.take_theirs()
            await reopen(app, session.path, key)
            app.notify("Their version is open; yours is in the history (h on home).")
            return
        if answer == "both":
            app.commit()
            copy = session.keep_both()
            await reopen(app, app.store.path_for(copy.id), key)
            app.notify(f"Your version is now the draft {copy.id}; the file keeps theirs.")
            return
    except StoreError as exc:
        app.notify(str(exc), severity="error", timeout=10)
        return
    app.notify("Nothing is saved until you choose: ctrl+s asks again.", severity="warning")


async def reopen(app: TddApp, path: Path, key: str | None) -> None:
    """Close the editor without writing, then open path where the author was."""
    while len(app.screen_stack) > 1 and not isinstance(app.screen, HomeScreen):
        await app.pop_screen()
    app.close_draft()
    await app.open_draft(path)
    if key is not None and app.session is not None:
        await app.go(key)


# -- the Markdown file a draft edits (tdd-tui edit FILE.md) ------------------------


def sync_linked_file(app: TddApp) -> None:
    """After a save: write the linked file, or ask when that would lose someone's text."""
    from tdd_tui.linked import CHANGED, LAYOUT, PAUSED

    session = app.session
    if session is None or session.linked is None or app._asking:
        return
    result = session.sync_linked()
    if result == CHANGED:
        ask_linked_changed(app)
    elif result == LAYOUT:
        ask_layout(app)
    elif result == PAUSED and session.linked.paused != app._told_paused:
        app._told_paused = session.linked.paused
        app.notify(session.linked.paused[0].upper() + session.linked.paused[1:], timeout=10)


def watch_linked_file(app: TddApp) -> None:
    """Every few seconds: a linked file changed by someone else is said at once."""
    session = app.session
    linked = session.linked if session is not None else None
    if linked is None or app._asking or linked.paused or not app.editing():
        return
    if linked.changed_on_disk():
        ask_linked_changed(app)


def ask_linked_changed(app: TddApp) -> None:
    session = app.session
    if session is None or session.linked is None or app._asking:
        return
    linked = session.linked
    app._asking = True

    async def chosen(answer: str | None) -> None:
        app._asking = False
        if app.session is not session or linked is not session.linked:
            return
        try:
            if answer == "theirs":
                app.commit()
                session.take_theirs_file()
                editing = app.editing()
                if editing is not None:
                    editing.forget_inputs()  # what they show is ours, now in the history
                await app.open_draft(session.path)  # the screens show their text
                app.notify(f"Took {linked.path.name} as it is; your text is in the history.")
            elif answer == "mine":
                app.commit()
                linked.keep_mine(session.template, session.draft)
                app.notify(f"Wrote your version over {linked.path.name}.")
            elif answer == "copy":
                app.commit()
                target = linked.write_copy(session.template, session.draft)
                app.notify(f"Wrote your version to {target}; {linked.path.name} is theirs.")
            else:
                linked.paused = f"{linked.path.name} changed on disk; ctrl+s asks again"
        except StoreError as exc:
            app.notify(str(exc), severity="error", timeout=10)

    app.push_screen(
        Choose(
            f"{linked.path.name} changed on disk",
            f"{linked.path} was changed by someone else since this window last wrote it "
            "(a git pull, another editor). Nothing has been written over it.\n\n"
            "Take theirs: open their version (yours goes to the history).\n"
            "Keep mine: write yours over it.\n"
            "Write mine to a copy: theirs stays, yours goes beside it.\n"
            "Escape: decide later (nothing is written to the file until then).",
            [
                Answer("theirs", "Take theirs", "t"),
                Answer("mine", "Keep mine", "m"),
                Answer("copy", "Write mine to a copy", "c"),
            ],
        ),
        chosen,
    )


def ask_layout(app: TddApp) -> None:
    from tdd_tui.screens.dialogs import Confirm

    session = app.session
    if session is None or session.linked is None or app._asking:
        return
    linked = session.linked
    lines = linked.lines_changed(session.template, session.draft)
    app._asking = True

    def decided(yes: bool | None) -> None:
        app._asking = False
        if app.session is not session:
            return
        if yes:
            try:
                linked.agree_layout(session.template, session.draft)
            except StoreError as exc:
                app.notify(str(exc), severity="error", timeout=10)
                return
            app.notify(f"Wrote {linked.path.name} in tdd-tui's layout.")
        else:
            linked.paused = (
                f"{linked.path.name} is left as written; your edits are kept in the draft "
                "(F6 exports them)"
            )

    app.push_screen(
        Confirm(
            f"Rewrite {linked.path.name}?",
            f"{linked.path.name} was written by hand. Saving your edits into it rewrites it "
            f"in tdd-tui's layout (headings, labels, tables): {lines} line(s) change. The "
            "text is kept; the draft holds everything either way.",
            yes="Rewrite it",
        ),
        decided,
    )
