"""Import of real design docs (tests/data/import/real): per doc, the share of its words
placed into parts and the time, against markdown-it parsing the same text (the least
any import must do); and import plus export of a doc 16 times longer, for linearity."""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.runner import ROWS, Row, interleaved
from tdd_tui.catalog import default_template
from tdd_tui.markdown import export_markdown
from tdd_tui.markdown_blocks import parser
from tdd_tui.markdown_import import import_markdown

REAL = Path(__file__).parent.parent / "tests" / "data" / "import" / "real"


def _timed(work: object) -> float:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


def real_docs(runs: int) -> None:
    template = default_template()
    for path in sorted(REAL.glob("*.md")):
        if path.name == "SOURCES.md":
            continue
        text = path.read_text(encoding="utf-8")
        share = import_markdown(text, template).placed_share()
        ours, base = interleaved(
            runs,
            lambda text=text: _timed(lambda: import_markdown(text, template)),
            lambda text=text: _timed(lambda: parser().parse(text)),
        )
        ROWS.append(
            Row(f"import {path.stem}: {share:.0%} of words placed", ours, base, "markdown-it parse")
        )
    linear(runs)


def linear(runs: int) -> None:
    """A KEP's sections repeated 16 times against once: linear means about 16x."""
    template = default_template()
    one = (REAL / "kep-2727-grpc-probe.md").read_text(encoding="utf-8")
    body = one.split("\n## Summary", 1)[1]
    many = one + "".join(f"\n## Summary{body}" for _ in range(15))

    def both(text: str) -> float:
        return _timed(lambda: export_markdown(template, import_markdown(text, template).draft))

    a, b = interleaved(runs, lambda: both(many), lambda: both(one))
    ROWS.append(
        Row(
            "import and export a KEP 16 times over",
            a,
            b,
            "the same KEP once (1/16 of the text)",
            "≤ 24x (linear)",
            24.0,
        )
    )
