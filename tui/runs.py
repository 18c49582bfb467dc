"""What every tab that runs something shares: the state of its run, and the one stale-run guard.

    LOADING (getting ready) -> IDLE (no run) -> RUNNING <-> PAUSED -> FINISHED | STOPPED

Train: IDLE until space, PAUSED between steps, STOPPED when a run diverged or failed. Context: LOADING
while its corpus is built, IDLE with random weights, RUNNING while training, FINISHED with trained models
(a run's, or a file's), STOPPED when the corpus could not be built. A ``str`` Enum, so a state compares
equal to its name ("running") in tests and benches.

Every run a tab starts gets a new number, and its workers tag their messages with it; a message from an
older run (reset, reloaded, restarted) is dropped.
"""

from __future__ import annotations

from enum import Enum


class RunState(str, Enum):
    LOADING = "loading"
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"

    @property
    def under_way(self) -> bool:
        """A run exists that can go on (the Train form is locked)."""
        return self in (RunState.RUNNING, RunState.PAUSED)

    @property
    def over(self) -> bool:
        """No run, or a run that cannot go on (space starts a new one)."""
        return not self.under_way


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
