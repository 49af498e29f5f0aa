"""StyledOnMount: a widget's classes set while it is being made restyle nothing.

Textual restyles a widget each time a class changes, even before it is
mounted, and styles it again when it is mounted. Stock widgets set classes in
their constructors (a checkbox's "-on", an input's "-valid", "compact"), each
costing a quarter of a millisecond: a third of the time the first visit to a
section spent building its checklists and inputs. Before mounting, the
restyle is skipped; the mount styles the widget with the classes it has then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget

# A plain mixin, first in the bases: Textual finds a widget's CSS type names
# (Input, Checkbox, ...) by following the first base that is a widget, so the
# mixin must not be one.
if TYPE_CHECKING:
    _Base = Widget
else:
    _Base = object


class StyledOnMount(_Base):
    """Mixed in before a stock widget class: `class X(StyledOnMount, Checkbox)`."""

    def update_node_styles(self, animate: bool = True) -> None:
        # Only before its first mount: a widget removed since may still be drawn once
        # more, and its restyle is what gives it back the styles of its parts.
        if self._parent is None and not self._is_mounted:
            return  # mounting styles it
        super().update_node_styles(animate)
