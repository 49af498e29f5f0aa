"""Editing one text part in the user's own editor ($VISUAL, $EDITOR, else a sensible default)."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import tempfile


def editor_command() -> list[str]:
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            return shlex.split(value)
    for fallback in ("nano", "vim", "vi"):
        if shutil.which(fallback):
            return [fallback]
    return ["vi"]


def edit_text(text: str, name: str = "part") -> tuple[str | None, str | None]:
    """(new text, a note or None), or (None, why) when nothing was changed.

    What the editor saved is kept whatever its exit status: vim exits 1 when
    its terminal goes away after :w. A file that cannot be read back is left
    where it is, and the note says where.
    """
    safe = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-") or "part"
    handle, path = tempfile.mkstemp(prefix=f"tdd-tui-{safe}-", suffix=".md")
    keep_file = False
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        command = editor_command()
        try:
            result = subprocess.run([*command, path], check=False)
        except OSError as exc:
            return None, f"could not start {command[0]}: {exc.strerror}; set $EDITOR"
        try:
            with open(path, encoding="utf-8", newline="") as file:
                edited = file.read()
        except UnicodeDecodeError:
            keep_file = True
            return (
                None,
                f"the edited text is not UTF-8, so it was not applied; it is kept in {path}",
            )
        # Editors add a final newline the user never typed; keep the original ending.
        if edited.endswith("\n") and not text.endswith("\n"):
            edited = edited[:-1]
        if result.returncode != 0:
            if edited == text:
                return (
                    None,
                    f"{command[0]} exited with status {result.returncode}; the text is unchanged",
                )
            return edited, (
                f"{command[0]} exited with status {result.returncode}, but what it saved is applied"
            )
        return edited, None
    finally:
        if not keep_file:
            with contextlib.suppress(OSError):
                os.unlink(path)
