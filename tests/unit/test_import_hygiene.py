"""The core is plain Python: importing it never loads Textual."""

from __future__ import annotations

import subprocess
import sys

CORE = (
    "template",
    "draft",
    "store",
    "markdown",
    "markdown_escape",
    "markdown_blocks",
    "markdown_section",
    "markdown_import",
    "check",
    "yamlio",
    "cli",
    "cli_commands",
    "locations",
    "files",
    "catalog",
    "importing",
    "history",
    "lock",
    "autosave",
    "session",
)


def test_core_modules_do_not_import_textual():
    probe = (
        "import sys\n"
        + "".join(f"import tdd_tui.{m}\n" for m in CORE)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
