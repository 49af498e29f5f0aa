"""The table `make bench` prints: medians, spread, baseline and ratio, checked against a target."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    figure: str
    ours: list[float]
    base: list[float] | None  # None: the figure stands alone (a stall, a time reported)
    baseline: str
    target: str = ""
    limit: float | None = None  # the ratio (or, with no baseline, the ms) to stay under
    unit: str = "ms"

    @property
    def median(self) -> float:
        return statistics.median(self.ours)

    @property
    def ratio(self) -> float | None:
        return self.median / statistics.median(self.base) if self.base else None

    def verdict(self) -> str:
        if self.limit is None:
            return "reported"
        value = self.ratio if self.base else self.median
        assert value is not None
        return "ok" if value <= self.limit else "MISSED"


ROWS: list[Row] = []


def spread(values: list[float]) -> float:
    """Half the interquartile range: how far a typical run lies from the median."""
    if len(values) < 4:
        return (max(values) - min(values)) / 2
    q = statistics.quantiles(values, n=4)
    return (q[2] - q[0]) / 2


def interleaved(
    runs: int, ours: Callable[[], float], base: Callable[[], float]
) -> tuple[list[float], list[float]]:
    """Alternate the two so that machine noise hits both alike."""
    a, b = [], []
    for _ in range(runs):
        a.append(ours())
        b.append(base())
    return a, b


def process_seconds(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def _cell(values: list[float], unit: str) -> str:
    scale = 1000 if unit == "ms" else 1
    return f"{statistics.median(values) * scale:.1f} ±{spread(values) * scale:.1f}"


def feels(row: Row) -> str:
    """What a user feels of a wait: under 100 ms is instant, over 300 ms is slow."""
    if row.unit == "KB":
        return ""
    seconds = row.median
    if seconds < 0.1:
        return "instant"
    return "slow" if seconds > 0.3 else "noticed"


def table(rows: list[Row]) -> str:
    header = ["figure", "tdd-tui", "feels", "baseline", "ratio", "target", "", "baseline is"]
    body = []
    for row in rows:
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "-"
        base = _cell(row.base, row.unit) if row.base else "-"
        body.append(
            [
                row.figure,
                f"{_cell(row.ours, row.unit)} {row.unit}",
                feels(row),
                base,
                ratio,
                row.target,
                row.verdict(),
                row.baseline,
            ]
        )
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    return "\n".join(lines)
