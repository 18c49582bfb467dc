"""A checkbox whose mark shows its state: ▐X▌ when on, ▐ ▌ when off.

Textual's Checkbox draws the X either way and only recolours it, so on and off look the same in a
terminal with few or no colours (NO_COLOR, a projector). Textual has no setting for this: one property.
"""

from __future__ import annotations

from textual.widgets import Checkbox


class Check(Checkbox):
    """Textual's Checkbox with an empty box when off."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 -- Textual's class attribute, read on every render
        return "X" if self.value else " "
