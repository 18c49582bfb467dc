"""The one stale-run guard: every run a tab starts gets a new number, and its workers tag their
messages with it; a message from an older run (reset, reloaded, restarted) is dropped."""

from __future__ import annotations


class Runs:
    """The number of the tab's current run (0: none started)."""

    def __init__(self) -> None:
        self.current = 0

    def start(self) -> int:
        """A new run: its number (messages tagged with any other are stale from now on)."""
        self.current += 1
        return self.current

    def stale(self, run: int) -> bool:
        return run != self.current
