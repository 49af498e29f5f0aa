"""Records behave as typing.NamedTuple classes do: fields, defaults, methods, read-only."""

from __future__ import annotations

import pytest

from tdd_tui.record import Record


class Point(Record):
    x: int
    y: int = 0
    label: str = "origin"

    @property
    def norm(self) -> int:
        return abs(self.x) + abs(self.y)

    def moved(self, dx: int) -> Point:
        return self._replace(x=self.x + dx)


def test_fields_defaults_and_methods():
    point = Point(3, label="p")
    assert (point.x, point.y, point.label) == (3, 0, "p")
    assert point.norm == 3 and point.moved(2) == Point(5, 0, "p")
    assert Point._fields == ("x", "y", "label")
    assert repr(point) == "Point(x=3, y=0, label='p')"


def test_read_only_hashable_and_compared_by_value():
    point = Point(1, 2)
    with pytest.raises(AttributeError):
        point.x = 5  # type: ignore[misc]
    with pytest.raises(AttributeError):
        point.extra = 1  # type: ignore[attr-defined]
    assert {Point(1, 2), Point(1, 2)} == {point}


def test_a_field_without_a_default_after_one_with_is_refused():
    with pytest.raises(TypeError, match="without a default"):

        class Bad(Record):
            a: int = 0
            b: int  # type: ignore[misc]
