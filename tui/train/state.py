"""The Train tab's run state.

    IDLE (no run) -> RUNNING <-> PAUSED -> FINISHED | STOPPED (diverged or failed)

A ``str`` Enum, so a state compares equal to its name ("running") in tests and benches.
"""

from __future__ import annotations

from enum import Enum


class RunState(str, Enum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"

    @property
    def under_way(self) -> bool:
        """A run exists that can go on (the form is locked)."""
        return self in (RunState.RUNNING, RunState.PAUSED)

    @property
    def over(self) -> bool:
        """No run, or a run that cannot go on (space starts a new one)."""
        return not self.under_way
