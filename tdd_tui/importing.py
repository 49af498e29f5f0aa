"""A Markdown design doc on disk (or on stdin) made into a draft in the drafts folder.

Importing the same file again updates the draft it made, instead of making a
`-2` copy: the draft's earlier text goes to its history first. `imports.json`
in the drafts folder remembers which file made which draft.
"""

from __future__ import annotations

import json
from pathlib import Path

from tdd_tui.draft import now
from tdd_tui.files import atomic_write
from tdd_tui.markdown_import import ImportFailed, ImportResult, import_markdown
from tdd_tui.store import DraftStore, StoreError
from tdd_tui.template import Template

RECORD = "imports.json"


def import_file(
    store: DraftStore,
    path: Path,
    template: Template,
    *,
    encoding: str = "utf-8",
    into: str | None = None,
) -> ImportResult:
    """The doc at path, imported and saved as a draft: into, or the one it made before."""
    source = path.resolve()
    text = store.read_markdown(path, encoding)
    return import_text(store, text, template, name=path, source=source, into=into)


def import_text(
    store: DraftStore,
    text: str,
    template: Template,
    *,
    name: Path,
    source: Path | None = None,
    into: str | None = None,
) -> ImportResult:
    """text (read from name) imported; with a source file, an earlier import is updated;
    with into, that draft is (both keep the draft's earlier text in its history).

    A doc without a title is named after its file ("payments-v2.md": "payments v2").
    """
    try:
        result = import_markdown(text, template)
    except ImportFailed as exc:
        raise StoreError(f"{name} {exc}") from None
    draft = result.draft
    if not draft.title.strip():
        draft.set_metadata("title", name.stem.replace("-", " ").replace("_", " "))
    earlier = _made_by(store, source) if source is not None else None
    if into is not None:
        if not store.path_for(into).exists():
            raise StoreError(f"there is no draft '{into}' to import into; see 'tdd-tui list'")
        earlier = into
    if earlier is not None:
        store.not_open_elsewhere(earlier, "updated")
        old, _ = store.load(store.path_for(earlier))
        store.keep_in_history(earlier, old.to_data())  # what it was, before this import
        draft.id, draft.created, draft.position = old.id, old.created, old.position
        store.save(draft)
        result.updated = True
        if source is not None:
            _remember(store, source, draft.id)
    else:
        draft.created = now()
        store.save_new(draft)
        if source is not None:
            _remember(store, source, draft.id)
    return result


def _records(store: DraftStore) -> dict[str, str]:
    try:
        data = json.loads((store.root / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _made_by(store: DraftStore, source: Path) -> str | None:
    draft_id = _records(store).get(str(source))
    if draft_id is not None and store.path_for(draft_id).exists():
        return draft_id
    return None


def _remember(store: DraftStore, source: Path, draft_id: str) -> None:
    records = _records(store)
    records[str(source)] = draft_id
    atomic_write(store.root / RECORD, json.dumps(records, indent=2, sort_keys=True).encode())
