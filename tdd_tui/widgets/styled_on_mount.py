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

from textual.message_pump import MessagePump
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

    _in_the_tree_once = False  # attached to a parent at least once

    def _attach(self, parent: MessagePump) -> None:
        self._in_the_tree_once = True
        super()._attach(parent)

    def update_node_styles(self, animate: bool = True) -> None:
        # Only while it is being made: once in the tree, even if removed since (a row
        # removed with F8 may be drawn once more, and its restyle is what gives back
        # the styles of its parts), it is restyled as any widget is.
        if not self._in_the_tree_once:
            return  # mounting styles it
        super().update_node_styles(animate)
