"""The benchmark table itself (not the timings: those are for `make bench`, never a test)."""

from __future__ import annotations

from benchmarks.runner import Row, spread, table


def test_a_row_is_judged_by_its_ratio_or_its_own_value() -> None:
    assert Row("a", [2.0, 2.2, 2.4], [1.0, 1.0, 1.0], "base", "≤ 2x", 2.0).verdict() == "MISSED"
    assert Row("a", [1.0, 1.1, 1.2], [1.0, 1.0, 1.0], "base", "≤ 2x", 2.0).verdict() == "ok"
    assert Row("stall", [0.010, 0.012], None, "-", "< 16 ms", 0.016).verdict() == "ok"
    assert Row("load", [1.0], [1.0], "base").verdict() == "reported"


def test_the_table_shows_median_spread_baseline_and_ratio() -> None:
    rows = [
        Row("keystroke", [0.010, 0.011, 0.012, 0.013], [0.010] * 4, "bare TextArea", "≤ 1.10x", 1.1)
    ]
    text = table(rows)
    assert "keystroke" in text and "11.5 ±" in text and "10.0 ±0.0" in text
    assert "1.15x" in text and "MISSED" in text and "bare TextArea" in text
    assert spread([1.0, 2.0, 3.0, 4.0, 5.0]) == 1.5  # quartiles 1.5 and 4.5 (exclusive method)


def test_each_wait_says_what_a_user_feels() -> None:
    def row(seconds: float, unit: str = "ms") -> Row:
        return Row("a wait", [seconds], None, "-", unit=unit)

    assert "instant" in table([row(0.06)]) and "slow" in table([row(1.3)])
    assert "noticed" in table([row(0.2)]) and "noticed" in table([row(0.3)])
    assert "slow" in table([row(3.0, unit="s")])
    assert "instant" not in table([row(0.01, unit="KB")])
