"""The drafts and texts the figures run on."""

from __future__ import annotations

from pathlib import Path

from tdd_tui.catalog import default_template
from tdd_tui.draft import Draft
from tdd_tui.store import DraftStore, read_draft_file

ROOT = Path(__file__).resolve().parent.parent


def lines_of_text(count: int, width: int) -> str:
    """count lines of plain prose, each about width characters."""
    words = [
        "the",
        "limiter",
        "checks",
        "each",
        "request",
        "against",
        "the",
        "bucket",
        "of",
        "its",
        "key",
        "and",
    ]
    out = []
    for i in range(count):
        line = f"{i}:"
        j = i
        while len(line) < width:
            line += " " + words[j % len(words)]
            j += 1
        out.append(line[:width])
    return "\n".join(out)


TEXT_200KB = lines_of_text(5000, 40)  # 5,000 lines, 200 KB
TEXT_1MB = lines_of_text(16000, 64)  # 1 MB


def big_draft(text: str) -> Draft:
    """The example doc with one part holding text."""
    draft = read_draft_file(ROOT / "examples" / "rate-limiting.yaml")
    draft.id = "big"
    draft.set_answer("summary", "summary", text)
    draft.position.section = "summary"
    draft.position.part = "summary"
    return draft


def goals(count: int) -> list[str]:
    """count goals of a realistic length, as an import of a long backlog gives."""
    return [f"Goal {n}: keep p99 under {n % 50 + 5} ms for tenant group {n}" for n in range(count)]


def long_list_draft(count: int) -> Draft:
    """The example doc with its goals a list of count items, the cursor in it."""
    draft = read_draft_file(ROOT / "examples" / "rate-limiting.yaml")
    draft.id = "long-list"
    draft.set_answer("goals", "goals", goals(count))
    draft.position.section = "goals"
    draft.position.part = "goals"
    return draft


def empty_part_draft() -> Draft:
    """The example doc with the summary empty and the cursor in it."""
    draft = big_draft("")
    draft.id = "paste"
    return draft


def make_drafts(folder: Path, count: int) -> None:
    """count realistic drafts: copies of the example doc."""
    store = DraftStore(folder)
    example = read_draft_file(ROOT / "examples" / "rate-limiting.yaml")
    template = default_template()
    assert template.id == example.template_id
    for i in range(count):
        example.id = f"design-{i:04d}"
        example.metadata["title"] = f"Design number {i}"
        store.save(example)
