"""Textual's Select, safe to page before its menu is laid out.

Enter opens a Select's menu; a PageUp/PageDown arriving in the same read as that Enter (a fast hand,
or a pasted buffer) pages a menu whose lines are not computed yet: KeyError in OptionList._move_page,
and the app exits (found by tests/test_mash.py; the same bug as in the command palette, tui/palette.py).
Textual's Select composes its menu itself, so this is the one place that builds it differently.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay  # the menu Select builds: no public name


class SafeSelectOverlay(SelectOverlay):
    def _move_page(self, direction) -> None:
        try:
            super()._move_page(direction)
        except KeyError:
            pass  # not laid out yet: the key does nothing, the app carries on


class SafeSelect(Select):
    """A Select whose menu ignores paging until it is laid out."""

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield SafeSelectOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)
