"""A Markdown design doc on disk made into a new draft in the drafts folder."""

from __future__ import annotations

from pathlib import Path

from tdd_tui.draft import now
from tdd_tui.markdown_import import ImportFailed, ImportResult, import_markdown
from tdd_tui.store import DraftStore, StoreError
from tdd_tui.template import Template


def import_file(store: DraftStore, path: Path, template: Template) -> ImportResult:
    """The doc at path, imported and saved as a new draft; StoreError says why it cannot be.

    A doc without a title is named after its file ("payments-v2.md": "payments v2").
    """
    try:
        result = import_markdown(store.read_markdown(path), template)
    except ImportFailed as exc:
        raise StoreError(f"{path} {exc}") from None
    draft = result.draft
    if not draft.title.strip():
        draft.set_metadata("title", path.stem.replace("-", " ").replace("_", " "))
    draft.created = now()
    store.save_new(draft)
    return result
