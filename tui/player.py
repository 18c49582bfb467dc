"""The one play/pause timer: space steps a tab's run forward at a steady pace until its end.

Forward and Context play; each owns one Player (composition, not a mixin). The
Player moves only the tab's reactive ``step`` (the tab's ``watch_step`` redraws)
and tells the tab when playing starts or stops.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui.tabs.base import SteppingTab


class Player:
    """Steps ``tab`` one step every ``seconds()`` while playing; ``changed()`` runs when it starts or stops."""

    def __init__(self, tab: SteppingTab, seconds: Callable[[], float], changed: Callable[[], None] = lambda: None):
        self.tab, self.seconds, self.changed = tab, seconds, changed
        self._timer: Timer | None = None

    @property
    def playing(self) -> bool:
        return self._timer is not None

    def toggle(self) -> None:
        """Play from here (from the start if at the end), or pause; nothing to play: nothing happens."""
        if self.playing:
            self.stop()
            return
        if self.tab.step_count() == 0:
            return
        if self.tab.step >= self.tab.step_count():
            self.tab.step = 0
        self._start()
        self.changed()

    def pace_changed(self) -> None:
        """The pace changed: a playing run goes on at the new one."""
        if self.playing:
            self._start()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
            self.changed()

    def _start(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.tab.set_interval(self.seconds(), self._tick)

    def _tick(self) -> None:
        if self.tab.step >= self.tab.step_count():
            self.stop()
        else:
            self.tab.step += 1
